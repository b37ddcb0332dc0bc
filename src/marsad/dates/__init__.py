"""Dates named in titles and bodies, resolved against the publication date.

* :mod:`marsad.dates.grammar`  the rules (:func:`find_dates`) and the reference date
* :mod:`marsad.dates.stage`    :class:`DatesStage` (``article.meta["dates"]``)

>>> from datetime import date
>>> [d.value for d in find_dates("قبل يومين", ref=date(2024, 4, 20))]
['2024-04-18']
"""

from marsad.dates.grammar import DateMention, find_dates, parse_reference
from marsad.dates.stage import DatesStage

__all__ = ["DateMention", "DatesStage", "find_dates", "parse_reference"]
