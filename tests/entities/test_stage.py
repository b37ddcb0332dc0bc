"""The entity stage end to end: sentences written for these tests, table of expectations,
the contract on every output, and robustness on odd input (Hypothesis)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.article import Article
from marsad.entities.stage import EntitiesStage
from marsad.pipeline import Pipeline, default_stages
from tests.conftest import check_contract


def pipeline(use_model: bool) -> Pipeline:
    return Pipeline([EntitiesStage(use_model=use_model) if isinstance(s, EntitiesStage) else s
                     for s in default_stages()])


RULES = pipeline(False)
FULL = pipeline(True)


def entities(text: str, nlp: Pipeline = RULES) -> list[dict[str, Any]]:
    obj = nlp("عنوان الخبر\n\n" + text).to_dict()
    check_contract(obj)
    return list(obj["entities"])


def find(ents: list[dict[str, Any]], name: str) -> dict[str, Any]:
    hits = [e for e in ents if e["name"] == name]
    assert hits, [e["name"] for e in ents]
    return hits[0]


def test_roles_before_and_after_names_and_role_only_mentions() -> None:
    text = ("استقبل أمير قطر الشيخ تميم بن حمد آل ثاني في الدوحة اليوم وزير الخارجية "
            "الأمريكي أنتوني بلينكن. وقال بلينكن إن أمير قطر أكد دعمه للوساطة.")
    ents = entities(text)
    tamim = find(ents, "تميم بن حمد آل ثاني")
    assert tamim["kb"] == "per:tamim-bin-hamad" and tamim["name_en"] == "Tamim bin Hamad Al Thani"
    assert [r["text"] for r in tamim["roles"]] == ["أمير قطر", "أمير قطر"]
    assert "أمير قطر" in [x["text"] for x in tamim["mentions"]]
    blinken = find(ents, "أنتوني بلينكن")
    assert [x["text"] for x in blinken["mentions"]] == ["أنتوني بلينكن", "بلينكن"]
    assert [r["text"] for r in blinken["roles"]] == ["وزير الخارجية الأمريكي"]
    assert find(ents, "قطر")["type"] == "LOC"


def test_apposition_and_unknown_person_after_a_title() -> None:
    text = ("وقالت الدكتورة زينب الحلبي، المتحدثة باسم وزارة الصحة العراقية، إن الوضع مستقر. "
            "وأضافت الحلبي أن الوزارة تتابع.")
    ents = entities(text)
    person = find(ents, "زينب الحلبي")
    assert person["type"] == "PER" and person["kb"] is None
    assert [r["text"] for r in person["roles"]] == ["المتحدثة باسم وزارة الصحة العراقية"]
    assert len(person["mentions"]) == 2
    ministry = find(ents, "وزارة الصحة العراقية")
    assert ministry["type"] == "ORG" and ministry["name_en"] == "Ministry of Health (Iraq)"


def test_clitics_acronyms_and_nationality_adjectives() -> None:
    text = ("التقى مدير جهاز المخابرات الإسرائيلي (الموساد) بمسؤولين من حركة المقاومة "
            "الإسلامية (حماس) ووفد أمريكي، وقال مصدر لحماس إن المحادثات مستمرة.")
    art = RULES("عنوان\n\n" + text)
    ents = art.meta["entities"]
    mossad = find(ents, "جهاز المخابرات الإسرائيلي")
    assert mossad["kb"] == "org:mossad" and "الموساد" in [x["text"] for x in mossad["mentions"]]
    hamas = find(ents, "حركة المقاومة الإسلامية")
    assert [x["text"] for x in hamas["mentions"]] == ["حركة المقاومة الإسلامية", "حماس", "حماس"]
    assert not any(e["name"] in ("أمريكي", "الولايات المتحدة") for e in ents)
    assert ("loc:united-states" in {kb for _s, _e, kb in art.cache["nisba"]})


def test_role_only_mention_resolved_through_kb_office() -> None:
    text = "وصل وزير خارجية المغرب إلى القاهرة. وقال ناصر بوريطة إن الزيارة مهمة."
    art = RULES(text.join(["عنوان\n\n", ""]), published="2020-05-01")
    bourita = find(art.meta["entities"], "ناصر بوريطة")
    assert [r["text"] for r in bourita["roles"]] == ["وزير خارجية المغرب"]


def test_user_kb_entry_is_linked(tmp_path: Any) -> None:
    path = tmp_path / "kb.tsv"
    path.write_text("org:test-body\tORG\tTest Body\tهيئة التجارب الوطنية\n", encoding="utf-8")
    stages = [EntitiesStage(str(path), use_model=False) if isinstance(s, EntitiesStage) else s
              for s in default_stages()]
    art = Pipeline(stages)("عنوان\n\nأعلنت هيئة التجارب الوطنية نتائجها.")
    body = find(art.meta["entities"], "هيئة التجارب الوطنية")
    assert body["kb"] == "org:test-body" and body["name_en"] == "Test Body"


@pytest.mark.parametrize("text", [
    "   ", "Hello world, no Arabic here at all.", "ـــــ" * 50, "،،،؛؛؛…" * 20,
    "\u200f\u200e" * 30 + "بايدن", "وزير" * 300, "وزير " * 400, "(" * 100 + "حماس" + ")" * 100,
])
def test_odd_input_never_raises(text: str) -> None:
    art = Article(text)
    art.cache["tokens"] = []
    EntitiesStage(use_model=False)(art)
    assert art.meta["entities"] == []
    for nlp in (RULES, FULL):
        try:
            obj = nlp("عنوان\n\n" + text).to_dict()
        except Exception as exc:  # empty input is refused before any stage runs
            assert "E101" in str(exc)
            continue
        check_contract(obj)


ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ ًٌٍَُِّْـ،.()«»\n0123456789")),
                 min_size=1, max_size=300)


@settings(max_examples=60, deadline=None)
@given(ARABIC)
def test_spans_always_point_at_their_text(text: str) -> None:
    try:
        obj = RULES("عنوان\n\n" + text + " قال الرئيس الأمريكي جو بايدن في واشنطن").to_dict()
    except Exception as exc:
        assert "E1" in str(exc)
        return
    check_contract(obj)
    for e in obj["entities"]:
        assert e["type"] in ("PER", "ORG", "LOC") and e["mentions"]
