"""Quote attribution: who said what, with the words that state it.

>>> from marsad.quotes import find_quotes
>>> text = "قال مصدر مطلع إن المحادثات كانت إيجابية."
>>> q = find_quotes(text)[0]
>>> text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]], q.direct
('مصدر مطلع', 'قال', False)
"""

from marsad.quotes.attribution import Mention, Quote, find_quotes
from marsad.quotes.stage import QuotesStage, entity_mentions

__all__ = ["Mention", "Quote", "QuotesStage", "entity_mentions", "find_quotes"]
