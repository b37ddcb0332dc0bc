"""The layout of raw scraped articles: tables of (article, expected structure).

All articles here are written for these tests, in the forms Arabic outlets use.
"""

from __future__ import annotations

from marsad.structure.segment import segment


def roles(text: str, url: str | None = None) -> list[tuple[str, str]]:
    return [(line.role, line.text) for line in segment(text, url).lines]


def body_of(text: str, url: str | None = None) -> list[str]:
    return [line.text for line in segment(text, url).lines if line.role in ("paragraph", "subheading")]


PARA1 = "أعلنت وزارة الصحة صباح اليوم عن افتتاح مستشفى جديد في المدينة بسعة مئتي سرير لخدمة سكان المنطقة."
PARA2 = "وقال الوزير في كلمة خلال الافتتاح إن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل بكامل طاقته."
PARA3 = "وأضاف أن الحكومة تعمل على إنشاء مستشفيين آخرين في المحافظات الجنوبية خلال العامين المقبلين."


def test_title_outlet_datelines_caption_and_load_more() -> None:
    text = (
        "افتتاح مستشفى جديد في المدينة بسعة مئتي سرير\n\n"
        "صحيفة الأمل\n"
        "تم النشر: 2024/05/02 الساعة 08:15 بتوقيت غرينتش\n"
        "تم التحديث: 2024/05/02 الساعة 11:40 بتوقيت غرينتش\n"
        "مبنى المستشفى الجديد - رويترز\n\n"
        f"{PARA1}\n\n{PARA2}\n\nتحميل المزيد"
    )
    s = segment(text)
    assert s.title is not None and text[s.title[0]:s.title[1]] == "افتتاح مستشفى جديد في المدينة بسعة مئتي سرير"
    assert s.outlet == "صحيفة الأمل"
    assert s.published is not None and s.published.iso() == "2024-05-02T08:15:00+00:00"
    assert s.updated is not None and s.updated.iso() == "2024-05-02T11:40:00+00:00"
    assert [(text[c.start:c.end], c.credit) for c in s.captions] == [("مبنى المستشفى الجديد", "رويترز")]
    assert body_of(text) == [PARA1, PARA2]
    assert ("boilerplate", "تحميل المزيد") in roles(text)


def test_subheading_between_paragraphs_and_image_keywords_before_a_caption() -> None:
    text = (
        "عنوان الخبر عن افتتاح المستشفى الجديد\n\n"
        f"{PARA1}\n\nخطط للتوسع في الجنوب\n\n{PARA2}\n\n"
        "مستشفى صحة افتتاح\nالوزير يقص شريط الافتتاح/الأناضول\n\n"
        f"{PARA3}"
    )
    assert roles(text) == [
        ("title", "عنوان الخبر عن افتتاح المستشفى الجديد"),
        ("paragraph", PARA1),
        ("subheading", "خطط للتوسع في الجنوب"),
        ("paragraph", PARA2),
        ("boilerplate", "مستشفى صحة افتتاح"),
        ("boilerplate", "الوزير يقص شريط الافتتاح/الأناضول"),
        ("paragraph", PARA3),
    ]


def test_source_tags_and_related_stories_at_the_end() -> None:
    text = (
        "افتتاح مستشفى جديد في المدينة\n"
        "تاريخ النشر: 2nd, May 2024 GMT\n"
        f"{PARA1}\n{PARA2}\n"
        "المصدر: صحيفة الأمل\n"
        "كلمات دلالية: الصحة، المستشفيات، الخدمات\n"
        "إقرأ أيضاً:\n"
        "عنوان خبر آخر لا علاقة له بهذا الخبر\n"
        "نص خبر آخر طويل بما يكفي ليبدو فقرة من فقرات المتن لكنه ليس من هذا المقال أبداً ولا يجب أن يدخل المتن.\n"
    )
    s = segment(text)
    assert s.outlet == "صحيفة الأمل"
    assert s.tags == ["الصحة", "المستشفيات", "الخدمات"]
    assert s.published is not None and s.published.iso() == "2024-05-02"
    assert body_of(text) == [PARA1, PARA2]


def test_repeated_headline_beats_a_section_label_and_a_dateline() -> None:
    text = (
        "3 أيار 2024 | 09:45\n\nمحليات\n\n"
        "افتتاح مستشفى جديد في المدينة\n\nافتتاح مستشفى جديد في المدينة\n\n"
        f"{PARA1}"
    )
    s = segment(text)
    assert s.title is not None and text[s.title[0]:s.title[1]] == "افتتاح مستشفى جديد في المدينة"
    assert s.published is not None and s.published.iso() == "2024-05-03T09:45:00"
    assert body_of(text) == [PARA1]


def test_title_with_site_suffix_and_dateline_prefix_in_first_paragraph() -> None:
    text = (
        "افتتاح مستشفى جديد في المدينة - الأمل نيوز\n"
        "Facebook social icon Twitter X social icon WhatsApp social icon\n\n"
        "افتتاح مستشفى جديد في المدينة\n\n"
        f"الأمل نيوز، الخميس 2 مايو 2024 - {PARA1}\n\n{PARA2}"
    )
    s = segment(text)
    assert s.outlet == "الأمل نيوز"
    assert s.title is not None and text[s.title[0]:s.title[1]] == "افتتاح مستشفى جديد في المدينة"
    assert s.published is not None and s.published.iso() == "2024-05-02"
    assert body_of(text) == [PARA1, PARA2]


def test_embedded_tweet_is_not_body() -> None:
    text = (
        "افتتاح مستشفى جديد في المدينة\n\n"
        f"{PARA1}\n\n"
        "يوم تاريخي لمدينتنا بافتتاح المستشفى الجديد https://t.co/abc123\n"
        "— وزارة الصحة (@health_ministry) May 2, 2024\n\n"
        f"{PARA2}"
    )
    assert body_of(text) == [PARA1, PARA2]


def test_agency_byline_gives_outlet_and_author() -> None:
    text = (
        "افتتاح مستشفى جديد في المدينة\n\n"
        "القاهرة/ سامي يوسف/ الأناضول\n\n"
        f"{PARA1}"
    )
    s = segment(text)
    assert (s.outlet, s.author) == ("الأناضول", "سامي يوسف")
    assert body_of(text) == [PARA1]


def test_outlet_from_url_when_the_text_does_not_say() -> None:
    s = segment(f"عنوان خبر عن المستشفى الجديد\n\n{PARA1}", "https://www.aljazeera.net/news/2024/5/2/x")
    assert s.outlet == "الجزيرة نت"


def test_text_without_structure_is_all_body() -> None:
    text = f"{PARA1} {PARA2}"
    assert body_of(text) == [text]


def test_a_text_that_opens_with_prose_has_no_title() -> None:
    text = f"{PARA1}\n\nوقال مسؤول في الوزارة إن العمل سيبدأ قريباً\n\n{PARA2}"
    s = segment(text)
    assert s.title is None
    assert [line.role for line in s.lines] == ["paragraph", "subheading", "paragraph"]


def test_a_headline_does_not_end_with_a_comma() -> None:
    s = segment(f"افتتحت الوزارة اليوم في العاصمة،\n\n{PARA1}")
    assert s.title is None


def test_markup_debris_is_not_a_site_name() -> None:
    s = segment(f"[ad_1]\nافتتاح مستشفى جديد في المدينة\n{PARA1}")
    assert s.outlet is None
    assert s.title is not None


def test_a_header_line_that_opens_with_its_date() -> None:
    text = f"افتتاح مستشفى جديد في المدينة\nالخميس 25 ابريل 2024 أبوظبي الإمارات\n{PARA1}"
    s = segment(text)
    assert s.published is not None and s.published.iso() == "2024-04-25"
    assert body_of(text) == [PARA1]


def test_a_date_line_at_the_end_dates_the_article_when_the_top_does_not() -> None:
    text = f"افتتاح مستشفى جديد في المدينة\n{PARA1}\n{PARA2}\n{PARA3}\n{PARA1}\nالأحد 14 سبتمبر 2025\n"
    s = segment(text)
    assert s.published is not None and s.published.iso() == "2025-09-14"


def test_a_labelled_dateline_counts_wherever_it_stands() -> None:
    text = f"افتتاح مستشفى جديد في المدينة\n{PARA1}\n{PARA2}\n{PARA3}\nنشر بتاريخ: 2020/10/03\n"
    s = segment(text)
    assert s.published is not None and s.published.iso() == "2020-10-03"
