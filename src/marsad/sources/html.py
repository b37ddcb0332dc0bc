"""HTML page → :class:`~marsad.article.Article`: an input adapter in front of the pipeline.

trafilatura finds the main text and the page metadata; Marsad then re-reads the page's
*visible* text for what general extractors get wrong on Arabic pages: the dateline under the
headline (Arabic-Indic digits, Levantine and Maghreb month names, "آخر تحديث" with a zone),
the byline (``كتبت: …``), figure captions (kept as captions, never body), the headline as the
page shows it (the ``<h1>``, quotes and all), and furniture that slips into the body (comment
policies, "الأكثر قراءة" lists, letterless widget debris).

From what it found it *builds* the article text, which every offset indexes into::

    title
                                  (blank lines between blocks)
    dateline line(s)              boilerplate, reason "dateline"
    byline                        boilerplate, reason "byline"
    caption lines                 captions (credit split off)
    body paragraphs / subheadings paragraphs
    dropped furniture             boilerplate, with its reason

and sets the structure layers directly (:class:`HtmlStructureStage`) instead of guessing
them again from the flat text; the rest of the pipeline (sentences, tokens, entities…) runs
unchanged.

>>> page = '''<html lang="ar"><body><h1>عنوان الخبر</h1><p class="date">نشر في ٥ آذار ٢٠٢٤</p>
... <article><p>قال المتحدث باسم الوزارة إن المحادثات ستستمر الأسبوع المقبل في العاصمة.</p>
... <p>وأضاف أن الوفدين اتفقا على تشكيل لجنة مشتركة لمتابعة الملفات العالقة بين البلدين.</p>
... </article></body></html>'''
>>> art = extract_html(page)
>>> art.meta["title"], art.meta["published"]
('عنوان الخبر', '2024-03-05')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

import regex
from lxml import etree
from lxml import html as lxml_html

from marsad.article import Article, Span
from marsad.inputs import MAX_BYTES, check_text, decode_bytes
from marsad.lexicons import read_rows
from marsad.pipeline import Pipeline, Stage
from marsad.structure.datelines import Dateline, Stamp, find_datelines, looks_like_dateline_line
from marsad.structure.furniture import match_boilerplate, match_cue, split_tags
from marsad.structure.lines import piece
from marsad.structure.outlets import outlet_for_url
from marsad.text.normalize import normalize_str

__all__ = ["HtmlStructureStage", "Layout", "decode_html", "extract_html", "layout_html", "visible_lines"]

# Elements whose text is never shown.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "head", "object", "canvas"})
# Elements that start a new visual line.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "time", "button",
})
# Ancestors (by class / id words) that mark a figure as part of a widget, not the story.
_WIDGET = re.compile(r"related|recommend|more|most|widget|sidebar|promo|teaser|aside|trend|popular|read", re.I)
_LETTER = regex.compile(r"\p{L}")
_ARABIC = regex.compile(r"\p{Arabic}")
_PUNCT_SPACE = regex.compile(r"[\p{P}\p{S}\s]+")
_CREDIT_SPLIT = re.compile(r"\s+[-–—|]\s+|\s*/\s*(?=[^/]{2,40}$)")
_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_CHARSET_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_MAX_CAPTION_WORDS = 40
_CAPTION_CLASS = re.compile(r"caption", re.I)
_CAPTION_TAGS = frozenset({"p", "div", "span", "small", "em", "figcaption"})
# "(تصوير: نزار الحاج)" / "(عدسة: …)" / "(الصورة: …)" closing a caption
_CREDIT_WORD = r"(?:تصوير|عدسة|الصورة|صورة|photo|credit)\s*[:：]?\s*"
_PAREN_CREDIT = re.compile(rf"\s*[(（]\s*({_CREDIT_WORD}[^()]{{2,40}})[)）]\s*$", re.I)
_HEADER_WINDOW = 30  # visible lines after the headline searched for dateline and byline
_BYLINE_MAX_WORDS = 7
_LINES_ABOVE_TITLE = 4


# ---------------------------------------------------------------------------------------------
# Decoding


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode a page: the HTTP charset, else a ``<meta charset>``, else detection.

    >>> decode_html("<p>مرحبا</p>".encode("cp1256"), "text/html; charset=windows-1256")
    '<p>مرحبا</p>'
    >>> decode_html(b'<meta charset="windows-1256"><p>' + "سلام".encode("cp1256"))[-7:]
    '<p>سلام'
    """
    names: list[str] = []
    if (header := _CHARSET_HEADER.search(content_type or "")) is not None:
        names.append(header.group(1))
    if (meta := _CHARSET_META.search(data[:4096])) is not None:
        names.append(meta.group(1).decode("ascii", "ignore"))
    for name in names:
        try:
            return data.decode(name.strip().lower())
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_bytes(data, name="page").text


# ---------------------------------------------------------------------------------------------
# Visible text


def _key(text: str) -> str:
    """Normalized text without punctuation or spacing, for comparing headlines."""
    return " ".join(_PUNCT_SPACE.sub(" ", normalize_str(text)).lower().split())


def _ws(text: str) -> str:
    return " ".join(text.split())


def _parse(html: str) -> Any:
    """The lxml tree of a page, or None when there is nothing to parse."""
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return None


def _visible(tree: Any) -> list[str]:
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _ws("".join(current))
        if line:
            out.append(line)
        current.clear()

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HIDDEN or not tag:
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return out


def visible_lines(html: str) -> list[str]:
    """The page's visible text, one line per block element, whitespace collapsed.

    >>> visible_lines("<body><h1>عنوان</h1><p>فقرة <b>أولى</b></p><script>x()</script></body>")
    ['عنوان', 'فقرة أولى']
    """
    tree = _parse(html)
    return _visible(tree) if tree is not None else []


# ---------------------------------------------------------------------------------------------
# Furniture data


@dataclass(frozen=True, slots=True)
class _Furniture:
    bylines: tuple[str, ...]
    lines: tuple[str, ...]
    tails: tuple[str, ...]


@cache
def _furniture() -> _Furniture:
    rows = read_rows("web_furniture.tsv")

    def of(kind: str) -> tuple[str, ...]:
        return tuple(_key(r[0]) for r in rows if len(r) > 1 and r[1] == kind)

    return _Furniture(tuple(sorted(of("byline"), key=len, reverse=True)), of("line"), of("tail"))


def _byline_author(line: str) -> str | None:
    """The author named by a byline line (``كتبت: ريم الحسيني`` → ``ريم الحسيني``)."""
    words = line.split()
    if not 2 <= len(words) <= _BYLINE_MAX_WORDS:
        return None
    key = _key(line)
    for cue in _furniture().bylines:
        if key.startswith(cue + " "):
            n_cue = len(cue.split())
            rest = " ".join(words[n_cue:]).lstrip(":：-–— ").strip()
            if rest and _LETTER.search(rest) and not any(ch.isdigit() for ch in rest):
                return rest
    return None


def _furniture_kind(text: str) -> str | None:
    key = _key(text)
    if len(key.split()) > 80:
        return None
    f = _furniture()
    if any(p in key for p in f.tails):
        return "tail"
    if any(p in key for p in f.lines):
        return "line"
    return None


# ---------------------------------------------------------------------------------------------
# Metadata dates


_META_PUBLISHED = (
    "article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
    "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
)
_META_UPDATED = ("article:modified_time", "datemodified", "og:updated_time", "dc.date.modified", "dcterms.modified")


def _iso_of(value: str) -> str | None:
    """A machine date as ISO text, date-only when it carries no real time (midnight)."""
    value = value.strip()
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"\d{4}-\d{2}-\d{2}", value)
        return m.group(0) if m else None
    if (dt.hour, dt.minute, dt.second) == (0, 0, 0):
        return dt.date().isoformat()
    return dt.replace(microsecond=0).isoformat()


def _jsonld_dates(tree: Any) -> tuple[str | None, str | None]:
    published: str | None = None
    updated: str | None = None

    def visit(node: Any) -> None:
        nonlocal published, updated
        if isinstance(node, dict):
            if published is None and isinstance(node.get("datePublished"), str):
                published = _iso_of(node["datePublished"])
            if updated is None and isinstance(node.get("dateModified"), str):
                updated = _iso_of(node["dateModified"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            visit(json.loads(script.text))
        except (ValueError, RecursionError):
            continue
    return published, updated


def _meta_dates(tree: Any) -> tuple[str | None, str | None]:
    """Publication and update times a page states for machines (JSON-LD, meta tags)."""
    published, updated = _jsonld_dates(tree)
    found: dict[str, str] = {}
    for el in tree.iter("meta", "time", "span", "div", "abbr"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = el.get("content") or el.get("datetime")
        if name and value and name not in found:
            found[name] = value
    for names, current in ((_META_PUBLISHED, published), (_META_UPDATED, updated)):
        if current is not None:
            continue
        for n in names:
            if n in found and (iso := _iso_of(found[n])):
                if names is _META_PUBLISHED:
                    published = iso
                else:
                    updated = iso
                break
    return published, updated


def _same_day(a: str | None, b: str | None) -> bool:
    return bool(a and b and a[:10] == b[:10])


def _has_zone(iso: str) -> bool:
    return len(iso) > 19 and iso[19] in "+-Z"


# ---------------------------------------------------------------------------------------------
# Captions


def _widget_ancestor(el: Any, stop: Any) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("aside", "nav", "footer", "header") and node is not stop:
            return True
        if tag == "a":  # a figure inside a link is a teaser for another story
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _WIDGET.search(marks):
            return True
        node = node.getparent()
    return False


def _split_credit(text: str) -> tuple[str, str | None]:
    """``"نص التعليق - رويترز"`` → ``("نص التعليق", "رويترز")``."""
    paren = _PAREN_CREDIT.search(text)
    if paren is not None and paren.start() > 0:
        credit = re.sub("^" + _CREDIT_WORD, "", paren.group(1), flags=re.I)
        return text[: paren.start()].strip(), credit.strip() or None
    parts = _CREDIT_SPLIT.split(text)
    if len(parts) >= 2:
        credit = parts[-1].strip()
        head = text[: len(text) - len(parts[-1])].rstrip(" -–—|/").strip()
        if head and credit and len(credit.split()) <= 5:
            # "المرصد/سامر خليل": keep agency and photographer together
            m = re.search(r"\s+[-–—|]\s+(.+)$", text)
            if m and "/" in m.group(1):
                return text[: m.start()].strip(), m.group(1).strip()
            return head, credit
    return text, None


def _is_caption_element(el: Any) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "figcaption":
        return True
    return tag in _CAPTION_TAGS and bool(_CAPTION_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"))


def _captions(tree: Any) -> list[tuple[str, str, str | None]]:
    """Photo captions of the story itself (``<figcaption>`` or a ``…caption…`` class), not
    those of teasers in widgets; ``(line as shown, caption text, credit)``."""
    out: list[tuple[str, str, str | None]] = []
    seen: set[str] = set()
    for cap in tree.iter():
        if not _is_caption_element(cap) or any(_is_caption_element(d) for d in cap.iterdescendants()):
            continue
        text = _ws("".join(t for t in cap.itertext()))
        if not text or len(text.split()) > _MAX_CAPTION_WORDS or not _LETTER.search(text):
            continue
        if _widget_ancestor(cap, None):
            continue
        key = _key(text)
        if key in seen:
            continue
        seen.add(key)
        head, credit = _split_credit(text)
        if not text.startswith(head):
            head, credit = text, None
        out.append((text, head, credit))
    return out


# ---------------------------------------------------------------------------------------------
# Main text from trafilatura


def _lines_of(el: Any) -> list[str]:
    """The lines of one trafilatura element; ``<lb/>`` separates lines kept in one paragraph."""
    parts: list[str] = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return [_ws(line) for line in "".join(parts).split("\n") if line.strip()]


def _block(el: Any) -> list[tuple[str, str]]:
    tag = el.tag
    if tag == "graphic":
        return []
    if tag == "head":
        return [(line, "subheading") for line in _lines_of(el)]
    if tag in ("p", "quote", "code"):
        return [(line, "paragraph") for line in _lines_of(el)]
    if tag == "list":
        return [(line, "paragraph") for item in el.iter("item") for line in _lines_of(item)]
    if tag == "table":
        rows = (" | ".join(c for c in (_ws("".join(cell.itertext())) for cell in row.iter("cell")) if c)
                for row in el.iter("row"))
        return [(row, "paragraph") for row in rows if row]
    text = _ws("".join(el.itertext()))
    return [(text, "paragraph")] if text else []


def _main_blocks(main: Any) -> list[tuple[str, str]]:
    """``(text, kind)`` blocks of trafilatura's main text (its ``body`` element); kind is
    paragraph or subheading. Text directly inside the body, between elements, counts too."""
    if main is None:
        return []
    out: list[tuple[str, str]] = []

    def loose(text: str | None) -> None:
        out.extend((_ws(line), "paragraph") for line in (text or "").split("\n") if line.strip())

    loose(main.text)
    for el in main:
        out.extend(_block(el))
        loose(el.tail)
    return out


# ---------------------------------------------------------------------------------------------
# The layout


@dataclass(slots=True)
class Layout:
    """What the page holds, laid out as the article text plus the spans of each part."""

    text: str = ""
    title: tuple[int, int] | None = None
    paragraphs: list[Span] = field(default_factory=list)
    captions: list[Span] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    visible: list[str] = field(default_factory=list)  # the page's visible lines


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, line: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        start = self.pos
        self.parts.append(line)
        self.pos += len(line)
        return start, self.pos

    def text(self) -> str:
        return "".join(self.parts)


def _pick_title(h1s: list[str], traf_title: str | None) -> str | None:
    """The headline as shown: the ``<h1>`` that matches the metadata title, else that title."""
    tkey = _key(traf_title or "")
    best: str | None = None
    for h in h1s:
        hkey = _key(h)
        if not hkey or len(h.split()) < 2:
            continue
        if tkey and (hkey in tkey or tkey in hkey) and (best is None or len(h) > len(best)):
            best = h
    if best is not None:
        return best
    if traf_title:
        return _ws(traf_title)
    return next((h for h in h1s if len(h.split()) >= 3), None)


def _title_index(lines: list[str], title: str | None) -> int | None:
    """Where the headline is among the visible lines (the line that is it, else one that
    holds it with little else), or None."""
    if not title:
        return None
    tkey = _key(title)
    if not tkey:
        return None
    keys = [_key(line) for line in lines]
    for i, key in enumerate(keys):
        if key == tkey:
            return i
    for i, key in enumerate(keys):
        if tkey in key and len(key) <= 1.5 * len(tkey):
            return i
    return None


def _header_lines(lines: list[str], at: int | None, body_keys: Sequence[str]) -> list[str]:
    """Visible lines right after the headline, before the body starts."""
    if at is None:
        return []
    out: list[str] = []
    first_body = body_keys[0][:60] if body_keys else None
    for line in lines[at + 1 : at + 1 + _HEADER_WINDOW]:
        if first_body and first_body in _key(line):
            break
        out.append(line)
    return out


def _cued_lines_before(lines: list[str], at: int | None) -> list[str]:
    """Up to four lines above the headline that carry a publish/update cue ("نشر في …")."""
    if at is None:
        return []
    return [line for line in lines[max(0, at - _LINES_ABOVE_TITLE) : at]
            if len(line) <= 200 and any(d.role != "unknown" for d in find_datelines(_GLUE_BEFORE_TIME.sub("", line)))]


# "على الساعة 09:45" (Maghreb): the dateline grammar reads "الساعة 09:45"; the line itself
# keeps its words, only the copy that is parsed for the stamp drops "على".
_GLUE_BEFORE_TIME = re.compile(r"(?<!\S)على\s+(?=ال?ساع[ةه]\s)")


def _date_lines(candidates: list[str]) -> list[tuple[str, list[Dateline]]]:
    """Lines that state a publication/update stamp, with the stamps (offsets not used)."""
    out: list[tuple[str, list[Dateline]]] = []
    for line in candidates:
        if len(line) > 200:
            continue
        found = find_datelines(_GLUE_BEFORE_TIME.sub("", line))
        if (
            found
            and (looks_like_dateline_line(line) or any(d.role != "unknown" for d in found))
            and any(d.stamp.year is not None or d.role == "updated" for d in found)
        ):
            out.append((line, found))
    return out


def _visible_dates(dated: list[tuple[str, list[Dateline]]]) -> tuple[Stamp | None, Stamp | None]:
    published: Stamp | None = None
    updated: Stamp | None = None
    for _line, found in dated:
        stamps = list(found)
        for i, d in enumerate(stamps):
            if d.role == "updated" and d.stamp.year is None and i > 0 and stamps[i - 1].stamp.year:
                # "الأربعاء، 28 آب 2013، آخر تحديث 14:00 (GMT+0400)": the date is the update's
                merged = stamps[i - 1].stamp.merged_with(d.stamp)
                if updated is None:
                    updated = merged
                stamps[i - 1] = Dateline(0, 0, "updated", merged, "merged")
        for d in stamps:
            if d.stamp.year is None:
                continue
            if d.role == "updated":
                updated = updated or d.stamp
            elif published is None and d.role in ("published", "unknown"):
                published = d.stamp
    return published, updated


def _choose_date(visible: str | None, machine: str | None, fallback: str | None) -> str | None:
    """The visible dateline wins, unless the machine date says the same day more precisely."""
    if visible and machine and _same_day(visible, machine) and len(machine) > 10 and (
        len(visible) <= 10 or (_has_zone(machine) and not _has_zone(visible))
    ):
        return machine
    return visible or machine or fallback


def _cue_tags(lines: list[str]) -> list[str]:
    """Tags from a visible "الوسوم: أ، ب" / "الكلمات المفتاحية: …" line."""
    for line in lines:
        if len(line) > 300:
            continue
        ln = piece(line, 0, len(line))
        cue = match_cue(ln) if ln is not None else None
        if cue is not None and cue[0] == "tags":
            return split_tags(cue[1])
    return []


def _visible_tags(raw: Any, lines: list[str], title_key: str) -> list[str]:
    """The page's keywords that the page also shows (meta keywords are often site-wide junk)."""
    if not isinstance(raw, list):
        return []
    shown = " | ".join(_key(line) for line in lines)
    tags: list[str] = []
    for t in raw:
        if not isinstance(t, str):
            continue
        tag = _ws(t).strip(" ,،;؛")
        key = _key(tag)
        if key and key != title_key and len(tag.split()) <= 6 and key in shown and tag not in tags:
            tags.append(tag)
    return tags


def layout_html(html: str, url: str | None = None) -> Layout:
    """Find the parts of an article page and lay them out as text with spans."""
    tree = _parse(html)
    if tree is None:
        return Layout()
    lines = _visible(tree)
    import trafilatura  # imported on first use: it takes ~0.1 s, and most commands never need it

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False,
        )
    except Exception:  # a page trafilatura cannot read still yields what lxml found
        doc = None
    meta_in: dict[str, Any] = {}
    blocks: list[tuple[str, str]] = []
    if doc is not None and not isinstance(doc, dict):
        meta_in = {k: getattr(doc, k, None) for k in ("title", "author", "date", "sitename", "tags", "url")}
        blocks = _main_blocks(getattr(doc, "body", None))

    h1s = [_ws("".join(h.itertext())) for h in tree.iter("h1")]
    title = _pick_title(h1s, meta_in.get("title"))
    tkey = _key(title or "")
    body_keys = [_key(t) for t, kind in blocks if kind == "paragraph" and len(t.split()) >= 6]
    at = _title_index(lines, title)
    header = _header_lines(lines, at, body_keys)

    # sort trafilatura's blocks into body and furniture
    body: list[tuple[str, str]] = []
    dropped: list[tuple[str, str]] = []
    author: str | None = None
    byline: str | None = None
    date_candidates = list(header)
    tail = False
    cue_tags: list[str] = []
    for i, (text, kind) in enumerate(blocks):
        if tail:
            dropped.append((text, "related"))
            continue
        if tkey and _key(text) == tkey:  # the headline, repeated as the body's first block
            continue
        if not _LETTER.search(text):
            dropped.append((text, "no-text"))
            continue
        if i < 4 and byline is None and (name := _byline_author(text)):
            byline, author = text, name
            continue
        if len(text) <= 200 and looks_like_dateline_line(text):
            date_candidates.append(text)
            continue
        cue = match_cue(ln) if (ln := piece(text, 0, len(text))) is not None and len(text) <= 300 else None
        if cue is not None and cue[0] == "tags":
            cue_tags.extend(split_tags(cue[1]))
            dropped.append((text, "tags"))
            continue
        fk = _furniture_kind(text)
        ln = piece(text, 0, len(text)) if _ARABIC.search(text) else None
        fb = match_boilerplate(ln) if ln is not None else None
        if fk == "tail" or (fb is not None and fb.effect == "tail"):
            tail = True
            dropped.append((text, fb.reason if fb is not None else "related"))
            continue
        if fk is not None or fb is not None:
            dropped.append((text, fb.reason if fb is not None else "furniture"))
            continue
        body.append((text, kind))
    if byline is None:
        for line in header[:10]:
            if name := _byline_author(line):
                byline, author = line, name
                break
    if author is None and isinstance(meta_in.get("author"), str) and meta_in["author"].strip():
        author = _byline_author(meta_in["author"]) or _ws(meta_in["author"])

    dated = _date_lines(date_candidates + _cued_lines_before(lines, at))
    vis_pub, vis_upd = _visible_dates(dated)
    meta_pub, meta_upd = _meta_dates(tree)
    any_visible = bool(dated)
    published = _choose_date(
        vis_pub.iso() if vis_pub else None, meta_pub,
        None if any_visible else (meta_in.get("date") if isinstance(meta_in.get("date"), str) else None),
    )
    updated = _choose_date(vis_upd.iso() if vis_upd else None, meta_upd, None)
    if updated == published:
        updated = None

    captions = _captions(tree)
    caption_keys = {_key(line) for line, _c, _cr in captions} | {_key(c) for _line, c, _cr in captions}
    moved = [(t, k) for t, k in body if _key(t) in caption_keys]  # a caption trafilatura kept in the body
    body = [(t, k) for t, k in body if (t, k) not in moved]

    outlet_pair = outlet_for_url(url or (meta_in.get("url") if isinstance(meta_in.get("url"), str) else None))
    sitename = meta_in.get("sitename") if isinstance(meta_in.get("sitename"), str) else None
    outlet = outlet_pair[0] if outlet_pair else (_ws(sitename) if sitename else None)

    tags = _visible_tags(meta_in.get("tags"), lines, tkey)
    if not tags:
        tags = cue_tags or _cue_tags(lines)

    # lay it out
    b = _Builder()
    lay = Layout()
    if title:
        lay.title = b.add(title)
    for line, _found in dated[:2]:
        s, e = b.add(line)
        lay.boilerplate.append(Span(s, e, "dateline"))
    if byline:
        s, e = b.add(byline)
        lay.boilerplate.append(Span(s, e, "byline"))
    for line, cap_text, credit in captions:
        s, _e = b.add(line)
        lay.captions.append(Span(s, s + len(cap_text), "caption", {"credit": credit, "rule": "html-caption"}))
    for text, kind in body:
        s, e = b.add(text)
        lay.paragraphs.append(Span(s, e, kind))
    for text, reason in dropped:
        s, e = b.add(text)
        lay.boilerplate.append(Span(s, e, reason))
    lay.text = b.text()
    lay.visible = lines
    lay.meta = {
        "title": title, "outlet": outlet, "author": author, "published": published,
        "updated": updated, "tags": tags,
    }
    return lay


# ---------------------------------------------------------------------------------------------
# Pipeline glue


class HtmlStructureStage:
    """The structure stage for HTML input: layers come from the page's layout
    (``article.cache["html_layout"]``), not from re-reading the flat text."""

    name = "structure"
    requires: tuple[str, ...] = ("text",)
    provides: tuple[str, ...] = ("title", "paragraphs", "captions", "boilerplate", "metadata")

    def __call__(self, article: Article) -> None:
        lay = article.cache.get("html_layout")
        meta = article.meta
        if not isinstance(lay, Layout) or lay.text != article.text:
            from marsad.structure.stage import StructureStage

            StructureStage()(article)
            return
        if lay.title is not None:
            article.add("title", [Span(*lay.title, "title")])
        meta.update(lay.meta)
        meta["published"] = lay.meta.get("published") or meta.get("published_hint")
        article.add("paragraphs", lay.paragraphs)
        article.add("captions", lay.captions)
        article.add("boilerplate", lay.boilerplate)


def html_pipeline(base: Pipeline | None = None) -> Pipeline:
    """``base``'s stages with the structure stage replaced by :class:`HtmlStructureStage`."""
    stages: list[Stage] = list(base.stages) if base is not None else Pipeline().stages
    return Pipeline([HtmlStructureStage(), *(s for s in stages if s.name != "structure")])


_PIPELINES: dict[int, tuple[Pipeline, Pipeline]] = {}


def _cached_html_pipeline(base: Pipeline | None) -> Pipeline:
    if base is None:
        return html_pipeline()
    hit = _PIPELINES.get(id(base))
    if hit is None or hit[0] is not base:
        hit = (base, html_pipeline(base))
        _PIPELINES.clear()
        _PIPELINES[id(base)] = hit
    return hit[1]


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    id: str | None = None,
    published: str | None = None,
    pipeline: Pipeline | None = None,
) -> Article:
    """An article from a page's HTML, run through the same downstream stages as text input.

    Raises :class:`~marsad.errors.EmptyInput` when the page has no visible text.
    """
    if isinstance(html, bytes):
        html = decode_html(html)
    if len(html) > MAX_BYTES:
        check_text(html, name="page")
    lay = layout_html(html, url)
    if not lay.paragraphs and lay.visible:
        # trafilatura found no main text: read the visible text as a scraped article instead
        text = "\n".join(lay.visible)
        check_text(text, name="page")
        return (pipeline or Pipeline())(text, id=id, url=url, published=published)
    check_text(lay.text, name="page")
    article = Article(lay.text, id=id, url=url, published=published)
    article.cache["html_layout"] = lay
    return _cached_html_pipeline(pipeline).run(article)


def iter_blocks(lay: Layout) -> Iterator[tuple[str, str]]:
    """``(layer, text)`` of every span of a layout, for debugging."""
    if lay.title:
        yield "title", lay.text[lay.title[0] : lay.title[1]]
    for name, spans in (("paragraphs", lay.paragraphs), ("captions", lay.captions), ("boilerplate", lay.boilerplate)):
        for s in spans:
            yield name, lay.text[s.start : s.end]
