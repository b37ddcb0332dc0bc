"""HTML pages → articles: our own Arabic pages (written for these tests) as a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.batch import Item, parse_jsonl_line, process
from marsad.errors import MarsadError
from marsad.pipeline import Pipeline
from marsad.sources.html import _split_credit, decode_html, extract_html, layout_html, visible_lines
from tests.conftest import check_contract

PAGES = Path(__file__).parent / "pages"
PIPELINE = Pipeline()


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


# page, field, expected
CASES: list[tuple[str, str, Any]] = [
    # Levantine month name and Arabic-Indic digits, zone named by city; byline; figcaption with credit
    ("levant.html", "title", "افتتاح معرض الكتاب في عمّان بمشاركة ٣٠٠ دار نشر"),
    ("levant.html", "published", "2024-10-12T14:30:00+03:00"),
    ("levant.html", "author", "ريم الحسيني"),
    ("levant.html", "outlet", "جريدة المرصد"),
    ("levant.html", "captions", [("زوار يتجولون بين أجنحة معرض عمّان الدولي للكتاب", "المرصد/سامر خليل")]),
    ("levant.html", "tags", ["معرض الكتاب", "عمان", "ثقافة"]),
    ("levant.html", "subheadings", ["برنامج ثقافي حافل"]),
    # Arabic-Indic digits in "تاريخ النشر", a caption inside the body, related and most-read widgets
    ("gulf_indic.html", "published", "2023-12-26T10:15:00+04:00"),
    ("gulf_indic.html", "captions", [("سيارات عالقة في أحد شوارع مسقط بعد الأمطار", "رويترز")]),
    # the only stamp is a last-update one: published stays unknown
    ("updated_only.html", "title", "وزراء الخارجية العرب يجتمعون في القاهرة لبحث التطورات الإقليمية"),
    ("updated_only.html", "published", None),
    ("updated_only.html", "updated", "2024-07-14T09:40:00+03:00"),
    # Maghreb page: "على الساعة", dateline above the headline, "بقلم:", a WordPress caption with a
    # "(تصوير: …)" credit, tags from a "الكلمات المفتاحية:" line
    ("maghreb_caption.html", "published", "2024-10-28T09:45:00"),
    ("maghreb_caption.html", "author", "منية الورغي"),
    ("maghreb_caption.html", "captions", [("فلاحون يجنون الزيتون في ضيعة بولاية صفاقس", "نزار الحاج")]),
    ("maghreb_caption.html", "tags", ["زيت الزيتون", "صفاقس"]),
    # the h1 keeps the quotes the metadata drops; JSON-LD time (with zone) beats the local clock shown
    ("jsonld_levant.html", "title", '"خطوة أولى"... مجلس الوزراء يقر خطة الكهرباء بعد نقاش طويل'),
    ("jsonld_levant.html", "published", "2024-03-05T12:20:00+00:00"),
    ("jsonld_levant.html", "updated", "2024-03-05T15:02:00+00:00"),
]

# page, must be in the body, must not be in the body
BODY: list[tuple[str, list[str], list[str]]] = [
    ("levant.html",
     ["افتتح وزير الثقافة الأردني مساء السبت الدورة الثالثة والعشرين", "أسعار الكتب ستبقى في متناول الطلاب"],
     ["زوار يتجولون", "كتبت:", "نشر في", "مهرجان جرش", "جميع الحقوق محفوظة", "الرئيسية", "واتساب"]),
    ("gulf_indic.html",
     ["أغلقت السلطات في سلطنة عمان", "وتوقعت الأرصاد استمرار الحالة الجوية"],
     ["اقرأ أيضاً", "الأرصاد تحذر من منخفض", "الأكثر قراءة", "ارتفاع أسعار الذهب", "سيارات عالقة", "تاريخ النشر"]),
    ("updated_only.html",
     ["القاهرة، مصر -- يعقد وزراء الخارجية العرب", "عبر الاتصال المرئي بسبب ارتباطات سابقة."],
     ["آخر تحديث", "بالنقاش الحيوي", "الآراء الواردة أدناه"]),
    ("maghreb_caption.html",
     ["انطلق موسم جني الزيتون في عدد من ولايات الوسط", "أحد أهم صادرات البلاد الفلاحية."],
     ["فلاحون يجنون", "إضافة تعليق جديد", "الأكثر قراءة", "ارتفاع نسبة التضخم", "يحظر نشر", "غائم جزئيا", "بقلم"]),
    ("jsonld_levant.html",
     ["أقر مجلس الوزراء في جلسته", "ومن تحسين الجباية."],
     ["13:58", "We use cookies", "2024-03-05 | 14:20"]),
]


def _field(obj: dict[str, Any], name: str) -> Any:
    if name == "captions":
        return [(c["text"], c["credit"]) for c in obj["captions"]]
    if name == "subheadings":
        text = obj["text"]
        return [text[p["start"]:p["end"]] for p in obj["paragraphs"] if p["kind"] == "subheading"]
    return obj[name]


@pytest.mark.parametrize(("name", "field", "expected"), CASES)
def test_page_fields(name: str, field: str, expected: Any) -> None:
    obj = extract_html(page(name), pipeline=PIPELINE).to_dict()
    check_contract(obj)
    assert _field(obj, field) == expected


@pytest.mark.parametrize(("name", "include", "exclude"), BODY)
def test_page_body(name: str, include: list[str], exclude: list[str]) -> None:
    obj = extract_html(page(name), pipeline=PIPELINE).to_dict()
    check_contract(obj)
    for s in include:
        assert s in obj["body"]
    for s in exclude:
        assert s not in obj["body"]


def test_text_is_the_visible_article_and_layers_point_into_it() -> None:
    art = extract_html(page("levant.html"), url="https://example.com/a/1", id="p1", pipeline=PIPELINE)
    text = art.text
    assert text.startswith(art.meta["title"] + "\n\n")
    assert "<" not in text
    assert art.id == "p1" and art.url == "https://example.com/a/1"
    reasons = {s.label for s in art.layer("boilerplate")}
    assert {"dateline", "byline"} <= reasons
    # the downstream stages ran on the built text
    assert art.layer("sentences") and art.layer("tokens")


def test_outlet_from_url_table_wins_over_site_name() -> None:
    obj = extract_html(page("levant.html"), url="https://www.aljazeera.net/news/2024/10/12/x").to_dict()
    assert obj["outlet"] == "الجزيرة نت"


def test_published_hint_used_only_when_the_page_states_none() -> None:
    html = "<html><body><h1>عنوان بلا تاريخ</h1><p>" + "نص الخبر الطويل نسبيا. " * 10 + "</p></body></html>"
    assert extract_html(html, published="2024-01-02").meta["published"] == "2024-01-02"
    assert extract_html(page("levant.html"), published="2024-01-02").meta["published"].startswith("2024-10-12")


@pytest.mark.parametrize(("data", "content_type", "expected"), [
    ("<p>خبر عاجل</p>".encode("cp1256"), "text/html; charset=windows-1256", "<p>خبر عاجل</p>"),
    ('<meta charset="windows-1256"><p>خبر</p>'.encode("cp1256"), None, '<meta charset="windows-1256"><p>خبر</p>'),
    ("<p>خبر عاجل عن الطقس في المنطقة الشرقية اليوم</p>".encode("cp1256"), None,
     "<p>خبر عاجل عن الطقس في المنطقة الشرقية اليوم</p>"),
    ("<p>خبر</p>".encode(), "text/html; charset=bogus-charset", "<p>خبر</p>"),
])
def test_decode_html(data: bytes, content_type: str | None, expected: str) -> None:
    assert decode_html(data, content_type) == expected


def test_windows_1256_page_bytes() -> None:
    data = page("updated_only.html").replace('charset="utf-8"', 'charset="windows-1256"').encode("cp1256")
    art = extract_html(data)
    assert art.meta["title"] == "وزراء الخارجية العرب يجتمعون في القاهرة لبحث التطورات الإقليمية"
    assert art.meta["updated"] == "2024-07-14T09:40:00+03:00"


@pytest.mark.parametrize(("caption", "expected"), [
    ("الوزير خلال المؤتمر - رويترز", ("الوزير خلال المؤتمر", "رويترز")),
    ("زوار في المعرض - المرصد/سامر خليل", ("زوار في المعرض", "المرصد/سامر خليل")),
    ("زوار في المعرض", ("زوار في المعرض", None)),
])
def test_split_credit(caption: str, expected: tuple[str, str | None]) -> None:
    assert _split_credit(caption) == expected


def test_visible_lines_skip_scripts_and_split_blocks() -> None:
    html = "<body><div>أ<span>ب</span></div><style>x{}</style><p>ج<br>د</p></body>"
    assert visible_lines(html) == ["أب", "ج", "د"]


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<p></p>", "<script>x</script>", "<p> \u00a0 </p>"])
def test_empty_pages_raise_marsad_errors_only(html: str) -> None:
    with pytest.raises(MarsadError):
        extract_html(html)


@pytest.mark.parametrize("html", ["\x00\x01", "<<<>>>", "plain text, no markup", "<p>٣٠٠</p>", "<h1>عنوان</h1>"])
def test_odd_pages_give_a_valid_contract(html: str) -> None:
    check_contract(extract_html(html, pipeline=PIPELINE).to_dict())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "<p>", "</p>", "<h1>", "</h1>", "<div class='related'>", "</div>", "<figure><figcaption>", "</figcaption></figure>",
    "قال الوزير إن المحادثات مستمرة. ", "نشر في ١٢ تشرين الأول ٢٠٢٤", "كتبت: ريم", "\u200f", "<br>", "٣٠٠", "&amp;",
    "الأكثر قراءة", "x", "\n", "<script>", "</script>", "é", "\U0001F600",
]), max_size=40))
def test_any_markup_gives_valid_contract_or_a_marsad_error(parts: list[str]) -> None:
    html = "".join(parts)
    try:
        obj = extract_html(html, pipeline=PIPELINE).to_dict()
    except MarsadError:
        return
    check_contract(obj)


def test_layout_of_unparsable_input_is_empty() -> None:
    assert layout_html("").text == ""


@pytest.mark.parametrize(("line", "ok"), [
    ('{"id": "h1", "html": "<h1>عنوان الخبر هنا</h1><p>قال المتحدث إن الاجتماع كان إيجابياً جداً وبناءً.</p>"}', True),
    ('{"id": "h2", "html": 5}', False),
    ('{"id": "h3"}', False),
])
def test_jsonl_html_lines(line: str, ok: bool) -> None:
    item = parse_jsonl_line(line, 1)
    out = process(PIPELINE, item)
    if ok:
        check_contract(out)
        assert out["id"] == "h1" and out["title"] == "عنوان الخبر هنا"
    else:
        assert out["error"]["code"] == "E105"


def test_item_with_html_and_empty_page_is_an_error_object() -> None:
    out = process(PIPELINE, Item("e", html="<html><body></body></html>"))
    assert out["error"]["code"] == "E101"


def test_page_without_main_text_falls_back_to_the_visible_text() -> None:
    # one short line: trafilatura finds no article, the visible text is read as scraped text
    art = extract_html("<html><body><div>خبر عاجل: انقطاع الكهرباء عن وسط المدينة</div></body></html>",
                       pipeline=PIPELINE)
    check_contract(art.to_dict())
    assert "انقطاع الكهرباء" in art.text
