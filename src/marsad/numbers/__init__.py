"""Numbers and counted quantities.

* :mod:`marsad.numbers.grammar`    Arabic number expressions (digits of any script, words,
  mixed: ``20 ألفاً و915``, ``مليون ونصف المليون``, vague ``عشرات``) over normalized text
* :mod:`marsad.numbers.verbalize`  integers as Arabic words (the grammar's inverse)
* :mod:`marsad.numbers.quantities` counts with category, qualifier, unit, source, as_of, about
* :mod:`marsad.numbers.stage`      :class:`QuantitiesStage` (``article.meta["quantities"]``)

>>> from marsad.text import normalize_str
>>> [p.value for p in parse_numbers(normalize_str("٥ آلاف و٣٠٠"))]
[5300]
>>> [(q.category, q.value) for q in find_quantities("أصيب 55 شخصاً")]
[('injured', 55)]
"""

from marsad.numbers.grammar import NumberParse, parse_numbers
from marsad.numbers.quantities import Quantity, find_quantities
from marsad.numbers.stage import QuantitiesStage
from marsad.numbers.verbalize import verbalize

__all__ = ["NumberParse", "QuantitiesStage", "Quantity", "find_quantities", "parse_numbers", "verbalize"]
