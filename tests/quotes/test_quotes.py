"""Quote attribution: tables of sentences and the quotes they state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.article import Article, Span
from marsad.pipeline import Pipeline
from marsad.quotes import QuotesStage, find_quotes
from marsad.text.stage import SentencesStage, TokensStage
from tests.conftest import check_contract
from tests.events.helpers import entities_for

# (text, [(speaker, cue, content starts with, direct)])
CASES: list[tuple[str, list[tuple[str, str, str, bool]]]] = [
    ("قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل.",
     [("وزير الخارجية", "قال", "إن المفاوضات ستستأنف", False)]),
    # a continuing speaker: "وأضاف" with nothing before its content
    ("قال وزير الخارجية إن المفاوضات ستستأنف. وأضاف أن الوفد سيعود غداً.",
     [("وزير الخارجية", "قال", "إن المفاوضات", False), ("وزير الخارجية", "أضاف", "أن الوفد سيعود", False)]),
    ('وقالت المتحدثة باسم الوزارة: "لن نقبل بأي شروط مسبقة في هذه المرحلة".',
     [("المتحدثة باسم الوزارة", "قالت", "لن نقبل بأي شروط", True)]),
    # a direct quote across two sentences
    ("وقال الرئيس: «نحن مستعدون للحوار. لكننا لن نتنازل عن حقوقنا».",
     [("الرئيس", "قال", "نحن مستعدون للحوار. لكننا لن نتنازل", True)]),
    ('وقال المتحدث إن "الوضع الإنساني يزداد سوءاً كل يوم".',
     [("المتحدث", "قال", "الوضع الإنساني يزداد", True)]),
    # a speaker that is only a description
    ("وقال مصدر مطلع على المحادثات إن الجولة المقبلة ستعقد في القاهرة.",
     [("مصدر مطلع على المحادثات", "قال", "إن الجولة المقبلة", False)]),
    # circumstances between the speaker and the content are not the speaker
    ("وقال الجيش في بيان، يوم الأحد، إن قواته صدت الهجوم.",
     [("الجيش", "قال", "إن قواته صدت", False)]),
    ("وذكر المتحدث باسم الحكومة، سامي يوسف، أن القرار نهائي.",
     [("المتحدث باسم الحكومة، سامي يوسف", "ذكر", "أن القرار نهائي", False)]),
    # a source frame after the content
    ("ارتفع عدد الضحايا إلى 40 شخصاً، حسبما ذكرت وكالة الأنباء الرسمية.",
     [("وكالة الأنباء الرسمية", "ذكرت", "ارتفع عدد الضحايا", False)]),
    ("انهار المبنى بالكامل، وفق ما أفاد شهود عيان.",
     [("شهود عيان", "أفاد", "انهار المبنى بالكامل", False)]),
    # subject first after كان, object content
    ("وكان المكتب الإعلامي أعلن إغلاق المعبر حتى إشعار آخر.",
     [("المكتب الإعلامي", "أعلن", "إغلاق المعبر", False)]),
    ("أعلنت الشرطة المحلية، مساء الأحد، اعتقال ثلاثة مشتبه بهم.",
     [("الشرطة المحلية", "أعلنت", "اعتقال ثلاثة", False)]),
    ("وأشار التقرير إلى تراجع الصادرات بنسبة كبيرة.",
     [("التقرير", "أشار", "إلى تراجع الصادرات", False)]),
    # passive: the speaker follows عن
    ("ونقل عن الوزير قوله إن الحكومة لن تتراجع.",
     [("الوزير", "نقل", "إن الحكومة لن", False)]),
    ("وقالت الوكالة لوكالة الأنباء إن الطريق مغلق.",
     [("الوكالة", "قالت", "إن الطريق مغلق", False)]),
    # a quoted name is not a direct quote
    ('أكد مسؤول في شركة "النور" أن الإنتاج توقف.',
     [('مسؤول في شركة "النور"', "أكد", "أن الإنتاج توقف", False)]),
    # a participle continues the statement in the same sentence
    ("قال الوزير إن الحكومة ستدعم المزارعين، مضيفاً أن الخطة تبدأ الشهر المقبل.",
     [("الوزير", "قال", "إن الحكومة ستدعم المزارعين", False), ("الوزير", "مضيفاً", "أن الخطة تبدأ", False)]),
    ("وتابع قائلاً: «لن نسمح بتكرار ما حدث في الماضي».",
     []),
    ("ونقلت وكالة الأنباء عن مسؤول قوله إن المعبر سيفتح غداً.",
     [("مسؤول", "نقلت", "إن المعبر سيفتح", False)]),
    ("وشدد في تصريحات صحفية على أن الحوار هو الحل الوحيد.",
     []),
    ('وكان الوزير قد صرح لقناة "النيل" بأن الموقف ثابت.',
     [("الوزير", "صرح", "بأن الموقف ثابت", False)]),
    ('وأوضح الوزير، خلال مؤتمر صحفي، أن "الحل السياسي هو السبيل الوحيد"، لافتاً إلى ضرورة الحوار.',
     [("الوزير", "أوضح", "الحل السياسي هو السبيل", True), ("الوزير", "لافتاً", "إلى ضرورة الحوار", False)]),
    ("«سنعيد بناء كل ما تهدم في أقرب وقت»، قال رئيس البلدية.",
     [("رئيس البلدية", "قال", "سنعيد بناء كل ما تهدم", True)]),
    ("وقال مسؤول أمريكي لوكالة رويترز، طالباً عدم نشر اسمه، إن المحادثات متعثرة.",
     [("مسؤول أمريكي", "قال", "إن المحادثات متعثرة", False)]),
    ('وعلق الوزير قائلاً: "هذا القرار لن يغير شيئاً على الأرض".',
     [("الوزير", "علق", "هذا القرار لن يغير", True)]),
    ("علقت الحكومة العمل بالاتفاق.", []),
    # a topic before فـ is the speaker
    ('أما الائتلاف المعارض، فقد دعا في بيان له الفصائل إلى "ضبط النفس والتحلي بالحكمة".',
     [("الائتلاف المعارض", "دعا", "ضبط النفس والتحلي", True)]),
    ('وشدد الائتلاف على "ضرورة الابتعاد عن الأعمال الاستفزازية".',
     [("الائتلاف", "شدد", "ضرورة الابتعاد عن", True)]),
    # a noun phrase that is an object, not a speaker
    ("أكد مشروعية الحراك الشعبي وحق الناس في التظاهر.", []),
    ("وكانت علاقاته مقطوعة مع دول الجوار وكل ذلك يؤكد أنه بلا بوصلة.", []),
    # no quote: no content, transport not speech, a verb without a speaker
    ("قالت الحكومة.", []),
    ("نقل الجرحى إلى المستشفى القريب.", []),
    ("وصل الوفد إلى العاصمة صباح اليوم.", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotes_table(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    got = [(text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]], text[q.content[0]:q.content[1]], q.direct)
           for q in find_quotes(text)]
    assert len(got) == len(expected), got
    for (speaker, cue, content, direct), (g_speaker, g_cue, g_content, g_direct) in zip(expected, got, strict=True):
        assert g_speaker == speaker
        assert g_cue == cue
        assert g_content.startswith(content), g_content
        assert g_direct == direct


def _article(text: str, names: dict[str, str]) -> Article:
    article = Article(text)
    article.add("paragraphs", [Span(0, len(text), "paragraph")])
    SentencesStage()(article)
    TokensStage()(article)
    article.meta["entities"] = entities_for(text, names)
    QuotesStage()(article)
    return article


def test_speaker_links_to_the_person_in_the_speaker_phrase() -> None:
    text = "وذكر المتحدث باسم الحكومة، سامي يوسف، أن القرار نهائي. وأضاف أن الجلسة انتهت."
    article = _article(text, {"سامي يوسف": "PER", "الحكومة": "ORG"})
    quotes = article.meta["quotes"]
    person = next(e["id"] for e in article.meta["entities"] if e["name"] == "سامي يوسف")
    assert [q["speaker"]["entity"] for q in quotes] == [person, person]
    assert quotes[1]["cue"]["text"] == "أضاف"


def test_unlinked_speaker_keeps_its_text_with_null_entity() -> None:
    text = "وقال مصدر مطلع إن الاتفاق بات وشيكاً."
    quote = _article(text, {}).meta["quotes"][0]
    assert quote["speaker"] == {"start": 5, "end": 14, "text": "مصدر مطلع", "entity": None}


def test_pipeline_output_is_contract_valid() -> None:
    text = "عنوان الخبر\n\nقال الوزير إن الوفد سيعود. وأضاف: «الأمور تسير على ما يرام حتى الآن»."
    obj = Pipeline()(text).to_dict()
    check_contract(obj)
    assert [q["direct"] for q in obj["quotes"]] == [False, True]


_WORDS = ["قال", "وأضاف", "إن", "أن", "الوزير", "مصدر", ":", "«", "»", '"', "،", ".", "حسبما", "ذكرت",
          "وكان", "أعلن", "في", "بيان", "نقل", "عن", "x", "١٢", "\u200f", "\n", "ـ", "إلى"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.text(max_size=20))
def test_any_text_gives_valid_spans(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    for q in find_quotes(text):
        for start, end in (q.speaker, q.cue, q.content):
            assert 0 <= start < end <= len(text)
