"""PLOVER event coding: tables of sentences with hand-made entities → expected events."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.article import Article, Span
from marsad.cli import main
from marsad.events import TSV_COLUMNS, EntityRef, EventsStage, code_events, event_rows
from marsad.events.lexicon import TYPES, lexicon
from marsad.pipeline import Pipeline
from marsad.text.stage import SentencesStage, TokensStage
from tests.conftest import check_contract
from tests.events.helpers import entities_for, names_of


def _code(text: str, names: dict[str, str], published: str | None = None) -> tuple[list[dict[str, Any]],
                                                                                   list[dict[str, Any]]]:
    article = Article(text)
    article.add("paragraphs", [Span(0, len(text), "paragraph")])
    SentencesStage()(article)
    TokensStage()(article)
    article.meta["entities"] = entities_for(text, names)
    article.meta["published"] = published
    EventsStage()(article)
    return article.meta["events"], article.meta["entities"]


# (text, entities, [(type, mode, status, actors, targets)])
CASES: list[tuple[str, dict[str, str], list[tuple[str, str | None, str, list[str], list[str]]]]] = [
    ("تلقى الرئيس سامي يوسف اتصالاً هاتفياً من رئيس الوزراء كريم حداد.",
     {"سامي يوسف": "PER", "كريم حداد": "PER"},
     [("CONSULT", "phone", "reported", ["كريم حداد"], ["سامي يوسف"])]),
    ("شنت إسرائيل غارات على غزة.", {"إسرائيل": "LOC", "غزة": "LOC"},
     [("ASSAULT", "aerial", "reported", ["إسرائيل"], ["غزة"])]),
    ("وزار وزير الخارجية كريم حداد الأردن.", {"كريم حداد": "PER", "الأردن": "LOC"},
     [("CONSULT", "visit", "reported", ["كريم حداد"], ["الأردن"])]),
    ("استقبل الملك سامي يوسف في قصره وفداً من البرلمان الأوروبي.",
     {"سامي يوسف": "PER", "البرلمان الأوروبي": "ORG"},
     [("CONSULT", "visit", "reported", ["سامي يوسف"], ["البرلمان الأوروبي"])]),
    ("التقى الرئيس سامي يوسف، الأحد، في العاصمة رئيس الوزراء كريم حداد.",
     {"سامي يوسف": "PER", "كريم حداد": "PER"},
     [("CONSULT", "visit", "reported", ["سامي يوسف"], ["كريم حداد"])]),
    ("وكان كريم حداد قد استقبل سامي يوسف في مكتبه.", {"سامي يوسف": "PER", "كريم حداد": "PER"},
     [("CONSULT", "visit", "reported", ["كريم حداد"], ["سامي يوسف"])]),
    ("اندلعت اشتباكات بين الجيش الوطني وقوات المعارضة في حلب.",
     {"الجيش الوطني": "ORG", "قوات المعارضة": "ORG", "حلب": "LOC"},
     [("ASSAULT", None, "reported", ["الجيش الوطني", "قوات المعارضة"], [])]),
    ("أفرجت السلطات المصرية عن عشرة معتقلين.", {"السلطات المصرية": "ORG"},
     [("RETREAT", "release", "reported", ["السلطات المصرية"], [])]),
    ("اعتقلت الشرطة التركية الصحفي سامي يوسف.", {"الشرطة التركية": "ORG", "سامي يوسف": "PER"},
     [("COERCE", "arrest", "reported", ["الشرطة التركية"], ["سامي يوسف"])]),
    ("فرضت الولايات المتحدة عقوبات على شركة النور.", {"الولايات المتحدة": "LOC", "شركة النور": "ORG"},
     [("SANCTION", None, "reported", ["الولايات المتحدة"], ["شركة النور"])]),
    ("ولعبت مصر دور الوسيط بين إسرائيل وحماس.", {"مصر": "LOC", "إسرائيل": "LOC", "حماس": "ORG"},
     [("CONSULT", "third-party", "reported", ["مصر"], ["إسرائيل", "حماس"])]),
    ("وقعت الحكومة والنقابة اتفاقاً لرفع الأجور.", {"الحكومة": "ORG", "النقابة": "ORG"},
     [("AGREE", None, "reported", ["الحكومة", "النقابة"], [])]),
    ("شنت إسرائيل غارات على غزة ورفح.", {"إسرائيل": "LOC", "غزة": "LOC", "رفح": "LOC"},
     [("ASSAULT", "aerial", "reported", ["إسرائيل"], ["غزة", "رفح"])]),
    ("تظاهر آلاف في ساحة التحرير احتجاجاً على الغلاء.", {},
     [("PROTEST", "demo", "reported", [], [])]),
    ("وشهدت العاصمة بيروت تظاهرة ضخمة ضد الحكومة.", {"بيروت": "LOC", "الحكومة": "ORG"},
     [("PROTEST", "demo", "reported", [], ["الحكومة"])]),
    ("واتهم كريم حداد الشركة بالتلاعب بالأسعار.", {"كريم حداد": "PER", "الشركة": "ORG"},
     [("ACCUSE", None, "reported", ["كريم حداد"], ["الشركة"])]),
    ("وطالب سامي يوسف الحكومة بالإفراج عن المعتقلين.", {"سامي يوسف": "PER", "الحكومة": "ORG"},
     [("REQUEST", None, "reported", ["سامي يوسف"], ["الحكومة"])]),
    # the event a reaction is about is not coded again from the reaction
    ("وأدانت وزارة الخارجية القصف، ودعت الأمم المتحدة إلى التحرك.",
     {"وزارة الخارجية": "ORG", "الأمم المتحدة": "ORG"},
     [("ACCUSE", None, "reported", ["وزارة الخارجية"], []),
      ("REQUEST", None, "reported", ["وزارة الخارجية"], ["الأمم المتحدة"])]),
    ("وأطلقت الشرطة الإيرانية سراح الصحفية الفرنسية.", {"الشرطة الإيرانية": "ORG"},
     [("RETREAT", "release", "reported", ["الشرطة الإيرانية"], [])]),
    ("وفرض الاتحاد الأوروبي عقوبات جديدة على روسيا بسبب الحرب.", {"الاتحاد الأوروبي": "ORG", "روسيا": "LOC"},
     [("SANCTION", None, "reported", ["الاتحاد الأوروبي"], ["روسيا"])]),
    # an adjective of nationality names the actor, when the country is named in the article
    ("وقتل ثلاثة مدنيين في قصف إسرائيلي على خان يونس. وتقول إسرائيل إنها تلاحق المسلحين.",
     {"إسرائيل": "LOC", "خان يونس": "LOC"},
     [("ASSAULT", "heavy-weapons", "reported", ["إسرائيل"], ["خان يونس"])]),
    # the subject of a relative clause is its antecedent
    ("وأكد كريم حداد الذي يزور عمان أهمية التعاون الاقتصادي.", {"كريم حداد": "PER", "عمان": "LOC"},
     [("CONSULT", "visit", "reported", ["كريم حداد"], ["عمان"])]),
    # negated, hypothetical and planned: never "reported"
    ("لم تتوصل إسرائيل وحماس إلى اتفاق.", {"إسرائيل": "LOC", "حماس": "ORG"},
     [("AGREE", None, "negated", ["إسرائيل", "حماس"], [])]),
    ("إذا هاجمت إسرائيل رفح فإن المفاوضات ستنهار.", {"إسرائيل": "LOC", "رفح": "LOC"},
     [("ASSAULT", None, "hypothetical", ["إسرائيل"], ["رفح"])]),
    ("من المقرر أن يزور الرئيس سامي يوسف القاهرة الأسبوع المقبل.", {"سامي يوسف": "PER", "القاهرة": "LOC"},
     [("CONSULT", "visit", "planned", ["سامي يوسف"], ["القاهرة"])]),
    ("نفت الحكومة السورية شن غارات على المدينة.", {"الحكومة السورية": "ORG"},
     [("ASSAULT", "aerial", "negated", ["الحكومة السورية"], [])]),
    ("قد تفرض الولايات المتحدة عقوبات جديدة على إيران.", {"الولايات المتحدة": "LOC", "إيران": "LOC"},
     [("SANCTION", None, "hypothetical", ["الولايات المتحدة"], ["إيران"])]),
    ("ويعتزم كريم حداد زيارة الأردن.", {"كريم حداد": "PER", "الأردن": "LOC"},
     [("CONSULT", "visit", "planned", ["كريم حداد"], [])]),
    ("وسيلتقي سامي يوسف نظيره كريم حداد.", {"سامي يوسف": "PER", "كريم حداد": "PER"},
     [("CONSULT", "visit", "planned", ["سامي يوسف"], ["كريم حداد"])]),
    # not events: declining to comment, a purpose, a restatement, a war with no party named
    ("ورفضت الشرطة التركية التعليق على الحادث.", {"الشرطة التركية": "ORG"}, []),
    ("وعقد مجلس التعاون الخليجي دورته العادية في الرياض.", {"مجلس التعاون الخليجي": "ORG", "الرياض": "LOC"},
     []),
    ("وصل الوفد إلى العاصمة لبحث الأزمة.", {}, []),
    ("ويأتي هذا الهجوم وسط تصاعد العنف.", {}, []),
    ("وتستمر الحرب منذ أشهر.", {}, []),
    ("وأرسلت شركة النور منذ بداية الحرب قوافل إلى المدينة.", {"شركة النور": "ORG"}, []),
    ("وتأتي الزيارة بعد يومين من اجتماع رئيس الوزراء كريم حداد مع قادة الأمن.", {"كريم حداد": "PER"},
     [("CONSULT", None, "reported", ["كريم حداد"], [])]),
    ("قال الوزير كريم حداد إن بلاده لن تتراجع، داعياً الأمم المتحدة إلى التدخل.",
     {"كريم حداد": "PER", "الأمم المتحدة": "ORG"},
     [("REQUEST", None, "reported", ["كريم حداد"], ["الأمم المتحدة"])]),
    ("وأرسلت شركة النور مساعدات إنسانية إلى مدينة حلب.", {"شركة النور": "ORG", "مدينة حلب": "LOC"},
     [("AID", None, "reported", ["شركة النور"], ["مدينة حلب"])]),
    ("", {}, []),
]


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_events_table(text: str, names: dict[str, str],
                      expected: list[tuple[str, str | None, str, list[str], list[str]]]) -> None:
    events, entities = _code(text, names)
    got = [(e["type"], e["mode"], e["status"], names_of(entities, e["actors"]), names_of(entities, e["targets"]))
           for e in events]
    assert got == expected
    for e in events:
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]


NOT_HAPPENED = [
    "لا توقعات بالتوصل إلى اتفاق بين إسرائيل وحماس.",
    "لم تتوصل إسرائيل وحماس إلى اتفاق بعد.",
    "إذا هاجمت إسرائيل رفح فإن المفاوضات ستنهار.",
    "في حال فرضت الولايات المتحدة عقوبات على إيران سترد طهران.",
    "لن تفرج إسرائيل عن الأسرى قبل الاتفاق.",
    "ولم تشن إسرائيل أي غارات على رفح.",
    "وهددت إيران بالرد على أي هجوم إسرائيلي يستهدف منشآتها.",
]


@pytest.mark.parametrize("text", NOT_HAPPENED)
def test_negated_and_hypothetical_sentences_give_no_reported_event(text: str) -> None:
    names = {"إسرائيل": "LOC", "حماس": "ORG", "رفح": "LOC", "الولايات المتحدة": "LOC", "إيران": "LOC"}
    events, _ = _code(text, names)
    assert all(e["status"] in ("negated", "hypothetical") for e in events if e["type"] != "THREATEN"), events


def test_date_location_and_quantities() -> None:
    text = "شنت إسرائيل غارات على مخيم جباليا في غزة أسفرت عن مقتل 12 شخصاً."
    ents = entities_for(text, {"إسرائيل": "LOC", "مخيم جباليا": "LOC", "غزة": "LOC"})
    refs = [EntityRef(m["start"], m["end"], e["id"], e["type"]) for e in ents for m in e["mentions"]]
    q = text.index("12")
    (ev,) = code_events(text, mentions=refs, quantities=[(q, q + 2)], published="2024-01-05T10:00:00+02:00")
    assert ev.date == "2024-01-05"
    assert names_of(ents, [ev.location or ""]) == ["غزة"]
    assert ev.quantities == (0,)
    d = text.index("غزة")
    (ev2,) = code_events(text, mentions=refs, dates=[(d, d + 3, "2023-12-30")])
    assert ev2.date == "2023-12-30"


def test_lexicon_types_are_plover() -> None:
    lex = lexicon()
    assert {t.type for ts in lex.by_first.values() for t in ts} <= set(TYPES)


ARTICLE = (
    "آلاف يتظاهرون في العاصمة احتجاجاً على ارتفاع الأسعار\n\n"
    "تظاهر آلاف المواطنين يوم الجمعة في ساحة الشهداء وسط العاصمة احتجاجاً على ارتفاع الأسعار، "
    "ورفعوا لافتات تطالب الحكومة بخفض الضرائب على السلع الأساسية.\n\n"
    "وفرقت قوات الشرطة المتظاهرين بعد ساعات من بدء التجمع، فيما قال شهود إن الأمن اعتقل عدداً منهم.\n"
)


def test_pipeline_events_are_contract_valid_and_exported() -> None:
    text = ARTICLE
    obj = Pipeline()(text).to_dict()
    check_contract(obj)
    rows = event_rows(obj)
    assert [r[2] for r in rows] == [e["type"] for e in obj["events"]]
    assert all(len(r) == len(TSV_COLUMNS) for r in rows)


def test_cli_writes_the_events_table(tmp_path: Any) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(main, ["extract", "--events-tsv", str(out), "-o", str(tmp_path / "o.jsonl"),
                                       str(src)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(TSV_COLUMNS)
    assert lines[1].split("\t")[2:4] == ["PROTEST", "demo"]


_WORDS = ["شنت", "إسرائيل", "غارات", "على", "غزة", "بين", "و", "تلقى", "اتصالا", "من", "لم", "اتفاق",
          "،", ".", "في", "هذا", "الهجوم", "سيزور", "قد", "\u200f", "ـ", "x", "«", "إطلاق", "سراح"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.text(max_size=15))
def test_any_text_codes_without_error(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    ents = entities_for(text, {"إسرائيل": "LOC", "غزة": "LOC"})
    refs = [EntityRef(m["start"], m["end"], e["id"], e["type"]) for e in ents for m in e["mentions"]]
    for ev in code_events(text, mentions=refs):
        assert 0 <= ev.trigger[0] < ev.trigger[1] <= len(text)
        assert ev.type in TYPES
        assert set(ev.actors + ev.targets) <= {e["id"] for e in ents}
