"""Hand-made marsad.article/1 objects with entities, figures, quotes and events filled in.

The texts are written for these tests (not copied from any corpus). Offsets are computed from
the surface strings, so every span satisfies ``text[start:end] == span text``.
"""

from __future__ import annotations

from typing import Any


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + len(needle))
    return out


def _span(text: str, needle: str) -> dict[str, Any]:
    found = _find_all(text, needle)
    assert found, f"{needle!r} not in text"
    start, end = found[0]
    return {"start": start, "end": end, "text": needle}


def make_doc(doc_id: str, title: str, paragraphs: list[str], *, published: str | None = None,
             url: str | None = None, outlet: str | None = None, entities: list[dict[str, Any]] | None = None,
             quantities: list[dict[str, Any]] | None = None, quotes: list[dict[str, Any]] | None = None,
             events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    text = title + "\n\n" + "\n\n".join(paragraphs)
    spans, pos = [], len(title) + 2
    for p in paragraphs:
        spans.append({"start": pos, "end": pos + len(p), "kind": "paragraph"})
        pos += len(p) + 2
    ents = []
    for n, e in enumerate(entities or [], 1):
        mentions: list[dict[str, Any]] = []
        taken: set[int] = set()
        for form in sorted(e["mentions"], key=len, reverse=True):
            for s, t in _find_all(text, form):
                if not taken & set(range(s, t)):
                    taken |= set(range(s, t))
                    mentions.append({"start": s, "end": t, "text": form})
        mentions.sort(key=lambda m: m["start"])
        ents.append({"id": f"e{n}", "type": e["type"], "name": e["mentions"][0], "name_en": e.get("en"),
                     "kb": e.get("kb"), "mentions": mentions, "roles": [_span(text, r) for r in e.get("roles", []) if r in text]})
    qs = []
    for q in quantities or []:
        sp = _span(text, q["text"])
        qs.append({"category": q["category"], "value": q.get("value"), "magnitude": q.get("magnitude"),
                   "qualifier": q.get("qualifier", "exact"), **sp, "unit": q.get("unit"), "about": q.get("about"),
                   "as_of": q.get("as_of"), "source": q.get("source")})
    qts = [{"speaker": {**_span(text, q["speaker"]), "entity": q.get("entity")}, "cue": _span(text, q["cue"]),
            "content": _span(text, q["content"]), "direct": q.get("direct", False)} for q in quotes or []]
    evs = []
    for ev in events or []:
        trig = _span(text, ev["trigger"])
        para = next(p for p in spans if p["start"] <= trig["start"] < p["end"]) if trig["start"] > len(title) else \
            {"start": 0, "end": len(title)}
        evs.append({"type": ev["type"], "mode": ev.get("mode"), "status": ev.get("status", "reported"),
                    "actors": ev.get("actors", []), "targets": ev.get("targets", []), "date": ev.get("date"),
                    "location": ev.get("location"), "trigger": trig,
                    "sentence": {"start": para["start"], "end": para["end"]}})
    return {
        "schema": "marsad.article/1", "id": doc_id, "text": text, "url": url, "title": title, "outlet": outlet,
        "author": None, "published": published, "updated": None,
        "body": "\n\n".join(text[p["start"]:p["end"]] for p in spans), "paragraphs": spans, "captions": [],
        "tags": [], "boilerplate": [], "entities": ents, "quantities": qs, "dates": [], "quotes": qts, "events": evs,
    }


_TAMIM = {"type": "PER", "mentions": ["الشيخ تميم بن حمد آل ثاني", "تميم بن حمد", "أمير قطر"], "kb": "Q1753045",
          "en": "Tamim bin Hamad Al Thani", "roles": ["أمير قطر"]}
_BIDEN = {"type": "PER", "mentions": ["جو بايدن", "بايدن"], "kb": "Q6279", "en": "Joe Biden",
          "roles": ["الرئيس الأمريكي"]}
_GAZA = {"type": "LOC", "mentions": ["قطاع غزة", "غزة"], "kb": "Q39760", "en": "Gaza Strip"}

_CALL_TEXTS = [
    ("الجزيرة نت", "أمير قطر يتلقى اتصالا هاتفيا من بايدن بشأن غزة",
     ["تلقى أمير قطر الشيخ تميم بن حمد آل ثاني اتصالا هاتفيا من الرئيس الأمريكي جو بايدن مساء الثلاثاء.",
      "وبحث الجانبان جهود الوساطة للتوصل إلى هدنة في قطاع غزة وتبادل الأسرى.",
      "وقال بايدن: «نعمل مع شركائنا لإعادة المحتجزين إلى بيوتهم»."]),
    ("العربي الجديد", "بايدن وتميم بن حمد يبحثان هاتفيا مفاوضات التهدئة",
     ["أجرى الرئيس الأمريكي جو بايدن اتصالا بأمير قطر تناول المفاوضات الجارية حول غزة.",
      "وأفاد بيان للديوان الأميري بأن الشيخ تميم بن حمد آل ثاني أكد أهمية وقف إطلاق النار فورا."]),
    ("سكاي نيوز عربية", "اتصال بين الدوحة وواشنطن حول الوساطة",
     ["ناقش أمير قطر في اتصال هاتفي مع جو بايدن تطورات الأوضاع الإنسانية في قطاع غزة.",
      "وشدد تميم بن حمد على ضرورة إدخال المساعدات دون عوائق."]),
    ("الشرق الأوسط", "الرئيس الأمريكي يهاتف أمير قطر",
     ["هاتف بايدن الشيخ تميم بن حمد آل ثاني لبحث صفقة محتملة لتبادل الأسرى في غزة.",
      "ويأتي الاتصال بعد أسابيع من انهيار الهدنة الإنسانية."]),
    ("وكالة الأنباء القطرية", "سمو الأمير يتلقى اتصالا من الرئيس الأمريكي",
     ["تلقى حضرة صاحب السمو الشيخ تميم بن حمد آل ثاني أمير قطر اتصالا هاتفيا اليوم من فخامة الرئيس جو بايدن.",
      "وجرى خلال الاتصال استعراض العلاقات الاستراتيجية بين البلدين ومستجدات الأوضاع في غزة."]),
]


def call_reports() -> list[dict[str, Any]]:
    """Five outlets' reports of one phone call (entities and a CONSULT event filled in)."""
    docs = []
    for n, (outlet, title, paras) in enumerate(_CALL_TEXTS, 1):
        text = title + "\n\n" + "\n\n".join(paras)
        trigger = next(t for t in ("اتصالا هاتفيا", "اتصال هاتفي", "اتصالا", "هاتف") if t in text)
        quotes = [{"speaker": "بايدن", "entity": "e2", "cue": "وقال", "content": "نعمل مع شركائنا لإعادة المحتجزين إلى بيوتهم",
                   "direct": True}] if "نعمل" in text else []
        docs.append(make_doc(
            f"call-{n}", title, paras, published=f"2023-12-{26 + n // 4}T1{n}:00:00+00:00",
            url=f"https://news{n}.example/call", outlet=outlet,
            entities=[_TAMIM, _BIDEN, _GAZA], quotes=quotes,
            events=[{"type": "CONSULT", "mode": "phone", "actors": ["e2"], "targets": ["e1"], "date": "2023-12-26",
                     "trigger": trigger}]))
    return docs


def wire_copies() -> list[dict[str, Any]]:
    """Three near-identical copies of one wire story, no entities or events extracted."""
    paras = ["افتتحت بلدية المدينة القديمة جسرا جديدا للمشاة فوق النهر بعد عامين من أعمال البناء المتواصلة.",
             "ويبلغ طول الجسر مئتي متر ويربط السوق الشعبي بالحديقة العامة على الضفة الأخرى من النهر.",
             "وقال رئيس البلدية إن المشروع سيخفف الازدحام في الشوارع المحيطة بالسوق خلال ساعات الذروة."]
    docs = []
    for n, tail in enumerate(["", " وحضر الافتتاح عدد من السكان.", " ومن المتوقع افتتاح جسر ثان العام المقبل."], 1):
        docs.append(make_doc(f"wire-{n}", "افتتاح جسر جديد للمشاة في المدينة القديمة", [*paras[:2], paras[2] + tail],
                             published="2024-05-0" + str(n), outlet=f"صحيفة {n}"))
    return docs


def unrelated() -> list[dict[str, Any]]:
    return [
        make_doc("libya-1", "اشتباكات عنيفة في طرابلس الليبية", [
            "اندلعت اشتباكات مسلحة بين فصيلين في العاصمة الليبية طرابلس ليل الإثنين.",
            "وأعلن مركز الطب الميداني مقتل 27 شخصا وإصابة 106 آخرين في حصيلة أولية."],
            published="2023-12-26", outlet="ليبيا اليوم",
            entities=[{"type": "LOC", "mentions": ["طرابلس"], "kb": "Q3579"}],
            quantities=[{"category": "killed", "value": 27, "text": "مقتل 27 شخصا", "about": "e1",
                         "source": "مركز الطب الميداني", "as_of": "2023-12-26"}],
            events=[{"type": "ASSAULT", "mode": "firearms", "trigger": "اشتباكات مسلحة", "location": "e1",
                     "date": "2023-12-25"}]),
        make_doc("econ-1", "البنك المركزي يرفع أسعار الفائدة", [
            "قرر البنك المركزي رفع سعر الفائدة الأساسي بمقدار ربع نقطة مئوية لمواجهة التضخم.",
            "وتوقع محللون أن يتباطأ نمو القروض العقارية خلال الأشهر المقبلة."], published="2023-12-27",
            outlet="الاقتصادية"),
    ]


def gaza_tolls() -> list[dict[str, Any]]:
    """Gaza death tolls from several sources: one contradiction and one fall in a cumulative toll."""
    out = []
    rows = [
        ("toll-1", "2023-12-20", "20000", 20000, "وزارة الصحة في غزة", "الأيام"),
        ("toll-2", "2023-12-26", "20915", 20915, "وزارة الصحة في غزة", "القدس"),
        ("toll-3", "2023-12-26", "20900", 20900, "المكتب الإعلامي الحكومي", "الرسالة"),
        ("toll-4", "2023-12-28", "20500", 20500, "مصدر طبي", "الوطن"),
    ]
    for doc_id, day, digits, value, source, outlet in rows:
        sentence = f"أعلنت {source} ارتفاع عدد القتلى في قطاع غزة إلى {digits} قتيلا منذ بدء الحرب."
        out.append(make_doc(doc_id, f"حصيلة جديدة للضحايا في غزة: {digits}", [sentence], published=day, outlet=outlet,
                            entities=[_GAZA],
                            quantities=[{"category": "killed", "value": value, "text": f"{digits} قتيلا", "about": "e1",
                                         "as_of": day, "source": source}]))
    return out


def corpus() -> list[dict[str, Any]]:
    return call_reports() + wire_copies() + unrelated() + gaza_tolls()
