"""Build ``src/marsad/lexicons/data/text_wordfreq.tsv``: normalized Arabic word -> count.

The clitic splitter (``marsad.text.clitics``) asks it whether the rest of a word stands on
its own ("قال" for "وقال") and how much more often the whole form is seen ("وليد" vs "ليد").
Counts are of whole whitespace-and-punctuation-delimited Arabic words after
``normalize_str``, over the unlabeled news dump's ``text`` field (see its README); only the
counts are kept, never text.

Usage::

    PYTHONPATH=src python scripts/build_wordfreq.py \
        /work/shared/data/unlabeled-news/articles.jsonl [--top 30000] [--min-count 1]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from marsad.text.normalize import normalize_str

OUT = Path(__file__).resolve().parent.parent / "src/marsad/lexicons/data/text_wordfreq.tsv"
# Normalized Arabic letters only: diacritics, tatweel and hamza-alef forms are gone by now.
_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+")

HEADER = """\
# Normalized Arabic word -> count of standalone occurrences (marsad.text.normalize rules).
# Derived by scripts/build_wordfreq.py from the unlabeled Arabic news dump
# (/work/shared/data/unlabeled-news/articles.jsonl: {n_articles} article openings from
# ~670 news sites, see its README); only word counts are kept, no text.
# Top {top} words with count >= {min_count}. Used by marsad.text.clitics to decide splits.
# columns: word <TAB> count
"""


def count_words(path: Path) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    n = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                counts.update(_WORD.findall(normalize_str(json.loads(line)["text"])))
                n += 1
    return counts, n


def main() -> None:
    parser = argparse.ArgumentParser(description="Build text_wordfreq.tsv from a JSONL news dump.")
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--top", type=int, default=30000)
    parser.add_argument("--min-count", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    counts, n = count_words(args.jsonl)
    kept = [(w, c) for w, c in counts.most_common(args.top) if c >= args.min_count]
    kept.sort(key=lambda wc: (-wc[1], wc[0]))
    with args.output.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(n_articles=n, top=args.top, min_count=args.min_count))
        out.writelines(f"{w}\t{c}\n" for w, c in kept)
    print(f"{len(kept)} words from {n} articles -> {args.output}")


if __name__ == "__main__":
    main()
