"""The ``marsad`` command: a thin layer over the library."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from marsad import __version__
from marsad.batch import Item, check_iso, error_object, parse_jsonl_line, process
from marsad.errors import MarsadError
from marsad.events.export import EventsTSV
from marsad.inputs import read_path, read_stream
from marsad.pipeline import Pipeline
from marsad.sources.items import is_source_path, iter_items, looks_like_html

EXTRACT_HELP = """Extract structured records (marsad.article/1) from Arabic news articles.

\b
Inputs: text files, HTML pages (.html/.htm), WARC archives (.warc[.gz]),
"-" for standard input, or --jsonl FILE with one
{"id", "text" | "html", "url"?, "published"?} object per line. Output is JSON Lines,
one object per input in input order; an input that fails becomes
{"id", "error": {"code", "message"}} and the run goes on.

\b
Examples:
  marsad extract examples/article.txt
  marsad extract --published 2023-12-26 - < article.txt
  marsad extract --jsonl batch.jsonl -o out.jsonl

\b
Exit status: 0 all inputs extracted; 1 at least one input failed;
2 wrong usage.
"""


@click.group()
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """Marsad (مرصد): Arabic-first news intelligence, offline."""


def _file_items(paths: tuple[str, ...], published: str | None) -> Iterator[Item]:
    for path in paths:
        if path != "-" and is_source_path(path):  # HTML pages and WARC archives
            yield from (dataclasses.replace(it, published=it.published or published) for it in iter_items(path))
            continue
        try:
            decoded = read_stream(sys.stdin.buffer) if path == "-" else read_path(path)
        except MarsadError as exc:
            yield Item(None, error=exc)
            continue
        if decoded.encoding not in ("utf-8", "ascii"):
            click.echo(f"{path}: decoded as {decoded.encoding}", err=True)
        if looks_like_html(decoded.text):  # a page on stdin or under another name
            yield Item(None, None, None, published, html=decoded.text)
            continue
        yield Item(None, decoded.text, None, published)


def _jsonl_items(handle: IO[str], published: str | None, progress: Any) -> Iterator[Item]:
    for number, raw in enumerate(handle, 1):
        if progress is not None:
            progress.update(len(raw.encode("utf-8", "surrogatepass")))
        if not raw.strip():
            continue
        item = parse_jsonl_line(raw, number)
        if published and item.error is None and item.published is None:
            item = dataclasses.replace(item, published=published)
        yield item


@main.command(help=EXTRACT_HELP)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--jsonl", "jsonl", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Batch input: one JSON object per line.")
@click.option("--published", metavar="ISO8601",
              help="Publication time to use when the text states none (also the reference for relative dates).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              default="-", help="Write JSON Lines here instead of standard output.")
@click.option("--pretty", is_flag=True, help="Indent each object (not JSON Lines; for reading).")
@click.option("--events-tsv", "events_tsv", type=click.Path(dir_okay=False, writable=True),
              help="Also write the events as a GDELT-like table (one tab-separated row per event).")
@click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False),
              help="Your own knowledge-base TSV (format of lexicons/data/kb_*.tsv), merged into the built-in one.")
def extract(files: tuple[str, ...], jsonl: str | None, published: str | None, output: str,
            pretty: bool, events_tsv: str | None = None, kb_file: str | None = None) -> None:
    if published is not None:
        try:
            check_iso(published, field="--published")
        except MarsadError as exc:
            raise click.BadParameter(exc.message, param_hint="--published") from None
    if not files and not jsonl:
        raise click.UsageError("give FILES, '-' for standard input, or --jsonl FILE")
    if files and jsonl:
        raise click.UsageError("give either FILES or --jsonl, not both")
    try:
        from marsad.entities.stage import stages_with_kb
        pipeline = Pipeline(stages_with_kb(kb_file)) if kb_file else Pipeline()
    except MarsadError as exc:
        raise click.BadParameter(exc.message, param_hint="--kb") from None
    tsv = EventsTSV(events_tsv) if events_tsv else None
    failed = 0
    out: IO[str]
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    show_progress = sys.stderr.isatty() and (bool(jsonl) or len(files) > 1)
    try:
        if jsonl:
            size = os.path.getsize(jsonl) if jsonl != "-" else 0
            handle = sys.stdin if jsonl == "-" else open(jsonl, encoding="utf-8", errors="replace")  # noqa: SIM115
            with handle, _progress(show_progress and size > 0, size, "extracting") as bar:
                for result in (process(pipeline, it) for it in _jsonl_items(handle, published, bar)):
                    failed += _write(out, result, pretty, tsv)
        else:
            with _progress(show_progress, len(files), "extracting") as bar:
                for item in _file_items(files, published):
                    result = process(pipeline, item) if item.error is None else error_object(None, item.error)
                    failed += _write(out, result, pretty, tsv)
                    if bar is not None:
                        bar.update(1)
    finally:
        if out is not sys.stdout:
            out.close()
        if tsv is not None:
            tsv.close()
    if failed:
        click.echo(f"{failed} input(s) failed", err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output contract (marsad.article/1)."""
    from marsad.schema import article_schema

    click.echo(json.dumps(article_schema(), ensure_ascii=False, indent=2))


class _NoBar:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(show: bool, length: int, label: str) -> Any:
    if not show:
        return _NoBar()
    return click.progressbar(length=length, label=label, file=sys.stderr)


def _write(out: IO[str], result: dict[str, Any], pretty: bool, tsv: EventsTSV | None = None) -> int:
    out.write(json.dumps(result, ensure_ascii=False, indent=2 if pretty else None) + "\n")
    if tsv is not None and "error" not in result:
        tsv.add(result)
    if "error" in result:
        err = result["error"]
        where = f"line {result['line']}: " if "line" in result and "line" not in err["message"] else ""
        click.echo(f"{err['code']}: {where}{err['message']}", err=True)
        return 1
    return 0


from marsad.entities.cli import eval_ner, train_ner  # noqa: E402

main.add_command(train_ner)
main.add_command(eval_ner)

from marsad.sources.cli import fetch_command, follow_command  # noqa: E402

main.add_command(fetch_command)
main.add_command(follow_command)

from marsad.store.cli import COMMANDS as STORE_COMMANDS  # noqa: E402

for _command in STORE_COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
