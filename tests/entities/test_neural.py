"""The neural tagger beside the CRF: decoding, the NumPy forward pass, the shipped archive."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from marsad.entities import neural
from marsad.entities.features import sentence_features, units_of_words
from marsad.entities.ner import NerModel
from marsad.entities.neural import FORMAT, TAGS, NeuralTagger, combine, decode, neural_path
from marsad.entities.train import Sentence


def scores(*rows: dict[str, float]) -> np.ndarray:
    """Log-scores with the given probabilities and a small rest spread over the other tags."""
    out = np.full((len(rows), len(TAGS)), 1e-3)
    for i, row in enumerate(rows):
        for tag, p in row.items():
            out[i, TAGS.index(tag)] = p
    return np.log(out)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # the best tag at each position when that is already valid BIO
        ([{"B-PERS": 0.9}, {"I-PERS": 0.9}, {"O": 0.9}], ["B-PERS", "I-PERS", "O"]),
        # I- cannot open a sentence: the best valid reading is B-
        ([{"I-LOC": 0.6, "B-LOC": 0.3}, {"O": 0.9}], ["B-LOC", "O"]),
        # I-ORG cannot follow a person: the pair is read as one type, whichever scores higher
        ([{"B-PERS": 0.5, "B-ORG": 0.4}, {"I-ORG": 0.9}], ["B-ORG", "I-ORG"]),
        # I- cannot follow O
        ([{"O": 0.9}, {"I-MISC": 0.55, "O": 0.45}], ["O", "O"]),
        ([], []),
    ],
)
def test_decode_keeps_bio_valid(rows: list[dict[str, float]], expected: list[str]) -> None:
    assert decode(scores(*rows) if rows else np.zeros((0, len(TAGS)))) == expected


def test_combine_weighs_the_two_taggers() -> None:
    crf = np.array([[0.8, 0.2] + [0.0] * 7])
    neural = np.array([[0.2, 0.8] + [0.0] * 7])
    assert combine(crf, neural, 1.0)[0, 0] == pytest.approx(np.log(0.8))
    assert combine(crf, neural, 0.0)[0, 1] == pytest.approx(np.log(0.8))
    assert combine(crf, neural, 0.5)[0, 0] == pytest.approx(combine(crf, neural, 0.5)[0, 1])


def test_shipped_model_has_its_neural_tagger() -> None:
    model = NerModel.load()
    assert model.neural is not None
    assert 0.0 < model.neural.crf_weight < 1.0
    assert neural_path(model.path).stat().st_size < 4_000_000
    assert NerModel.load(neural=False).neural is None


def test_neural_tagger_gives_a_distribution_per_token() -> None:
    model = NerModel.load()
    assert model.neural is not None
    sentences = [units_of_words(["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس"]), units_of_words(["."]), []]
    features = [sentence_features(units, model.names) for units in sentences]
    probabilities = model.neural.probabilities(sentences, features)
    assert [p.shape for p in probabilities] == [(7, len(TAGS)), (1, len(TAGS)), (0, len(TAGS))]
    for p in probabilities[:2]:
        assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    # batching does not change a sequence's result
    alone = model.neural.probabilities(sentences[:1], features[:1])[0]
    assert np.allclose(alone, probabilities[0], atol=1e-5)


@pytest.mark.parametrize(
    ("order", "lengths", "limit", "expected"),
    [
        ([0, 1, 2], [3, 3, 3], 6, [[0, 1], [2]]),
        ([0, 1, 2], [1, 9, 2], 6, [[0], [1], [2]]),  # a sequence longer than the limit runs alone
        ([2, 0, 1], [1, 2, 3], 6, [[2, 0, 1]]),
        ([], [], 6, []),
    ],
)
def test_batches_stay_under_the_token_limit(
    order: list[int], lengths: list[int], limit: int, expected: list[list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neural, "BATCH_TOKENS", limit)
    assert list(neural.batches(order, lengths)) == expected


def test_small_batches_give_the_same_probabilities(monkeypatch: pytest.MonkeyPatch) -> None:
    model = NerModel.load()
    assert model.neural is not None
    sentences = [units_of_words(s.split()) for s in (
        "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس", "التقى الوزير نظيره", "وصل الوفد إلى القاهرة أمس")]
    features = [sentence_features(units, model.names) for units in sentences]
    together = model.neural.probabilities(sentences, features)
    tags = model.tag_document(sentences)
    monkeypatch.setattr(neural, "BATCH_TOKENS", 4)
    apart = model.neural.probabilities(sentences, features)
    for a, b in zip(together, apart, strict=True):
        assert np.allclose(a, b, atol=1e-5)
    assert model.tag_document(sentences) == tags


def test_neural_tagger_copes_with_odd_words() -> None:
    model = NerModel.load()
    assert model.neural is not None
    words = ["", "x" * 500, "٣٤٥", "😀", "\u200f", "ـــ"]
    units = units_of_words(words)
    probabilities = model.neural.probabilities([units], [sentence_features(units, model.names)])
    assert probabilities[0].shape == (len(units), len(TAGS))
    assert np.isfinite(probabilities[0]).all()


def test_an_archive_of_another_format_is_refused(tmp_path: Path) -> None:
    with np.load(neural_path(NerModel.load().path)) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["format"] = np.array("something/else")
    bad = tmp_path / "bad.npz"
    np.savez(bad, **arrays)
    with pytest.raises(ValueError, match=FORMAT):
        NeuralTagger.load(bad)


# -- training (needs the extra 'neural-training': PyTorch and gensim) ---------------------------

SENTENCES = [
    ("قال الرئيس أحمد سالم في القاهرة إن وزارة المالية ستعلن الميزانية .",
     "O O B-PERS I-PERS O B-LOC O B-ORG I-ORG O O O"),
    ("وصل الوزير خالد عمر إلى بغداد قادما من دمشق .",
     "O O B-PERS I-PERS O B-LOC O O B-LOC O"),
    ("أعلنت منظمة الصحة العالمية في جنيف نتائج الدراسة .",
     "O B-ORG I-ORG I-ORG O B-LOC O O O"),
]


def _sentences() -> list[Sentence]:
    out = [Sentence(tuple(w.split()), tuple(t.split())) for w, t in SENTENCES]
    assert all(len(s.words) == len(s.tags) for s in out)
    return out * 4


def test_numpy_forward_pass_matches_pytorch(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    from marsad.entities import train_neural as tn

    torch.manual_seed(3)
    params = {**tn.NEURAL_PARAMS, "hidden": 8, "stem_dim": 6, "char_dim": 5, "char_filters": 7, "feature_dim": 4}
    stems = ["رييس", "قاهره", "وزير"]
    vectors = SimpleNamespace(index_to_key=stems, vectors=np.random.default_rng(0).normal(size=(3, 6)).astype(np.float32))
    features = ["w=رييس", "bias", "s=قاهره"]
    chars = sorted(set("قال الرئيس في القاهرة"))
    net = tn._network(torch, params, vectors, len(chars) + 2, len(features) + 1)
    net.eval()
    with torch.no_grad():  # larger weights than at initialization: outputs far from uniform
        for weights in net.parameters():
            weights.mul_(6.0)
    archive = tmp_path / "ner.neural.npz"
    tn._export(net, archive, stems=stems, chars=chars, features=features)
    tagger = NeuralTagger.load(archive)

    sentences = [units_of_words(["قال", "الرئيس", "في", "القاهرة"]), units_of_words(["القاهرة", "ز"])]
    feats = [[["w=رييس", "bias"], ["bias"], [], ["s=قاهره", "nope"]], [["s=قاهره"], ["bias"]]]
    got = tagger.probabilities(sentences, feats)

    char_ids = {c: i + 2 for i, c in enumerate(chars)}
    stem_ids = {s: i + 2 for i, s in enumerate(stems)}
    feature_ids = {f: i + 1 for i, f in enumerate(features)}
    for units, fs, mine in zip(sentences, feats, got, strict=True):
        width = max(len(u.surface) for u in units)
        letters = torch.zeros(1, len(units), width, dtype=torch.long)
        for t, u in enumerate(units):
            letters[0, t, : len(u.surface)] = torch.tensor([char_ids.get(c, 1) for c in u.surface])
        bag_width = max(1, max(len(f) for f in fs))
        bag = torch.zeros(1, len(units), bag_width, dtype=torch.long)
        for t, f in enumerate(fs):
            ids = [feature_ids[x] for x in f if x in feature_ids]
            bag[0, t, : len(ids)] = torch.tensor(ids, dtype=torch.long)
        stem = torch.tensor([[stem_ids.get(u.stem, 1) for u in units]])
        with torch.no_grad():
            expected = torch.softmax(net(stem, letters, bag), -1)[0].numpy()
        assert expected.max() > 0.5  # a real signal to compare
        # float16 weights and int8 tables: close, not equal
        assert np.abs(np.log(mine) - np.log(expected)).max() < 0.05


def test_train_neural_writes_an_archive_the_model_uses(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("gensim")
    from marsad.entities.train import train_model
    from marsad.entities.train_neural import train_neural

    model_path = tmp_path / "ner.crfsuite"
    train_model(_sentences(), model_path, folds=2)
    train_neural(_sentences(), neural_path(model_path), params={"epochs": 2, "feature_min_count": 1})
    model = NerModel.load(model_path)
    assert model.neural is not None
    tags = model.tag_words(["قال", "الرئيس", "أحمد", "سالم", "في", "القاهرة", "."])
    assert len(tags) == 7
    assert all(t == "O" or t[2:] in {"PERS", "LOC", "ORG", "MISC"} for t in tags)


def test_eval_ner_can_score_the_crf_alone(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from marsad.cli import main

    conll = tmp_path / "mini.txt"
    conll.write_text("قال O\nالرئيس O\nجو B-PERS\nبايدن I-PERS\nفي O\nواشنطن B-LOC\n. O\n", encoding="utf-8")
    for flags in ([], ["--crf-only"]):
        result = CliRunner().invoke(main, ["eval-ner", str(conll), "--format", "json", *flags])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["overall"]["f1"] == 1.0


def test_train_ner_cli_trains_the_neural_tagger_beside_the_crf(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("gensim")
    from click.testing import CliRunner

    from marsad.cli import main

    train = tmp_path / "corpus_train.txt"
    train.write_text("\n\n".join(
        "\n".join(f"{w} {t}" for w, t in zip(s.words, s.tags, strict=True)) for s in _sentences()
    ), encoding="utf-8")
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"text": "قال الرئيس في القاهرة إن الوزير وصل إلى بغداد"}, ensure_ascii=False) + "\n")
    more = tmp_path / "more"
    more.mkdir()
    (more / "written.conll").write_text("زار O\nبيروت B-LOC\nأمس O\n. O\n", encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    args = ["train-ner", "--data", str(train), "--out", str(out), "--iterations", "20", "--neural",
            "--neural-extra", str(more), "--unlabeled", str(news)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert neural_path(out).is_file() and "neural tagger" in result.output
    assert NerModel.load(out).neural is not None
    # tags it does not know are an error, not a traceback
    odd = tmp_path / "odd_train.txt"
    odd.write_text("قال O\nجو B-PER\nبايدن I-PER\n. O\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train-ner", "--data", str(odd), "--out", str(tmp_path / "odd.crfsuite"),
                                       "--iterations", "5", "--neural"])
    assert result.exit_code != 0 and "B-PER" in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a traceback
    # sentences for the neural tagger alone need --neural, and are never a test split
    without = [a for a in args if a != "--neural"]
    assert CliRunner().invoke(main, without).exit_code != 0
    (more / "leak_test.conll").write_text("قال O\n", encoding="utf-8")
    assert CliRunner().invoke(main, args).exit_code != 0


def test_train_ner_neural_without_pytorch_stops_before_training(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from marsad.cli import main
    from marsad.entities import train_neural

    def missing() -> None:
        raise RuntimeError("training the neural tagger needs PyTorch and gensim: pip install 'marsad[neural-training]'")

    monkeypatch.setattr(train_neural, "_require", missing)
    train = tmp_path / "corpus_train.txt"
    train.write_text("قال O\nسمير B-PERS\n. O\n", encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    result = CliRunner().invoke(main, ["train-ner", "--data", str(train), "--out", str(out), "--neural"])
    assert result.exit_code != 0 and "neural-training" in result.output
    assert not out.exists()  # no CRF trained for nothing
