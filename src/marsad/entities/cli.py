"""``marsad train-ner`` and ``marsad eval-ner``: train and score the NER model.

Registered in :mod:`marsad.cli`.
"""

from __future__ import annotations

import json
import time
from importlib.resources import files
from pathlib import Path

import click

from marsad.entities.ner import DEFAULT_MODEL, NerModel
from marsad.entities.neural import neural_path
from marsad.entities.train import (
    DOCUMENT_SENTENCES,
    TRAIN_PARAMS,
    find_train_file,
    read_conll,
    score,
    tag_conll,
    train_model,
)

__all__ = ["eval_ner", "train_ner"]


def _default_out() -> Path:
    return Path(str(files("marsad.entities").joinpath("models", DEFAULT_MODEL)))


@click.command("train-ner")
@click.option("--data", "data", required=True, type=click.Path(exists=True),
              help="ANERcorp folder (its *train*.txt is used) or a CoNLL train file.")
@click.option("--out", "out", type=click.Path(), default=None,
              help="Where to write the model (default: the model shipped in the package).")
@click.option("--extra", "extra", multiple=True, type=click.Path(exists=True),
              help="More CoNLL training sentences: a file, or a folder of *.conll files "
                   "(the repository's own: training/ner). Repeatable.")
@click.option("--c1", type=float, default=None, help="L1 regularization.")
@click.option("--c2", type=float, default=None, help="L2 regularization.")
@click.option("--iterations", type=int, default=None, help="Maximum L-BFGS iterations.")
@click.option("--neural", is_flag=True,
              help="Also train the neural tagger combined with the CRF (needs the extra "
                   "'neural-training': PyTorch and gensim; about 8 minutes on one core).")
@click.option("--neural-extra", "neural_extra", multiple=True, type=click.Path(exists=True),
              help="More CoNLL sentences for the neural tagger only (as --extra; the repository's "
                   "training/ner/round2). Repeatable.")
@click.option("--unlabeled", "unlabeled", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Unlabeled news (JSON lines with a 'text' field) for the neural tagger's word "
                   "vectors. Repeatable.")
def train_ner(
    data: str, out: str | None, extra: tuple[str, ...], c1: float | None, c2: float | None,
    iterations: int | None, neural: bool, neural_extra: tuple[str, ...], unlabeled: tuple[str, ...],
) -> None:
    """Train the NER model on the train split of ANERcorp (never its test split)."""
    path = find_train_file(data)
    extra_files = [f for e in extra for f in _conll_files(Path(e))]
    neural_files = [f for e in neural_extra for f in _conll_files(Path(e))]
    if neural_files and not neural:
        raise click.UsageError("--neural-extra is for the neural tagger: add --neural")
    for candidate in (path, *extra_files, *neural_files):
        if "test" in candidate.name.lower():
            raise click.UsageError(f"{candidate.name} looks like a test split: train on the train split only")
    sentences = read_conll(path)
    own = [s for f in extra_files for s in read_conll(f)]
    more = [s for f in neural_files for s in read_conll(f)]
    if neural:  # before the CRF's minutes of training, not after
        from marsad.entities.train_neural import check_tags

        try:
            check_tags([*sentences, *own, *more])
        except (RuntimeError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
    params = dict(TRAIN_PARAMS)
    if c1 is not None:
        params["c1"] = c1
    if c2 is not None:
        params["c2"] = c2
    if iterations is not None:
        params["max_iterations"] = iterations
    target = Path(out) if out else _default_out()
    seconds = train_model([*sentences, *own], target, params)
    size = target.stat().st_size
    also = f" + {len(own)} sentences of {len(extra_files)} extra file(s)" if own else ""
    tokens = sum(len(s.words) for s in sentences)
    click.echo(f"trained on {path.name}: {len(sentences)} sentences, {tokens} tokens{also}, "
               f"{seconds:.1f} s -> {target} ({size / 1e6:.2f} MB)")
    archive = neural_path(target)
    if neural:
        from marsad.entities.train_neural import train_neural

        try:
            seconds = train_neural([*sentences, *own, *more], archive, [Path(u) for u in unlabeled], log=click.echo)
        except (RuntimeError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"neural tagger: {seconds:.0f} s -> {archive} ({archive.stat().st_size / 1e6:.2f} MB)")
    elif archive.exists():
        click.echo(f"the neural tagger beside it ({archive.name}) is kept as it was; --neural retrains it")


def _conll_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.conll")) if path.is_dir() else [path]


@click.command("eval-ner")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A model file (default: the shipped model).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--document", "document", type=int, default=DOCUMENT_SENTENCES, show_default=True,
              help="Consecutive sentences tagged as one document (CoNLL files mark no documents); "
                   "1 tags each sentence alone.")
@click.option("--crf-only", is_flag=True, help="Score the CRF alone, without the neural tagger beside it.")
def eval_ner(file: str, model_path: str | None, fmt: str, document: int, crf_only: bool) -> None:
    """Score the NER model on a CoNLL file (TOKEN TAG lines, blank line between sentences)."""
    model = NerModel.load(model_path, neural=not crf_only)
    sentences = read_conll(file)
    gold_types = {t.partition("-")[2] for s in sentences for t in s.tags if "-" in t}
    # The model's types are ANERcorp's (PERS); a file that writes PER is scored as PER.
    rename = {"PERS": "PER"} if "PER" in gold_types and "PERS" not in gold_types else {}
    began = time.perf_counter()
    pred = [[_rename(t, rename) for t in tags] for tags in tag_conll(model, sentences, document)]
    seconds = time.perf_counter() - began
    result = score([s.tags for s in sentences], pred)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    tokens = sum(len(s.words) for s in sentences)
    click.echo(f"{Path(file).name}: {len(sentences)} sentences, {tokens} tokens, "
               f"tagged in {seconds:.2f} s ({tokens / max(seconds, 1e-9):,.0f} tokens/s)")
    click.echo(f"{'type':<8} {'P':>7} {'R':>7} {'F1':>7} {'support':>8}")
    for typ, m in result.items():
        click.echo(f"{typ:<8} {m['p']:>7.4f} {m['r']:>7.4f} {m['f1']:>7.4f} {m['support']:>8}")


def _rename(tag: str, rename: dict[str, str]) -> str:
    prefix, sep, typ = tag.partition("-")
    return f"{prefix}-{rename.get(typ, typ)}" if sep and typ in rename else tag
