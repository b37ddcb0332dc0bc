"""The text layer: normalization with an offset map, tokens with clitics, sentences.

Everything here reads the original text and reports ``[start, end)`` offsets into it;
normalized forms are for matching only.

>>> text = "وقال الرئيسُ: «سنجتمع غداً». وأضاف"
>>> [text[s:e] for s, e in split_sentences(text)]
['وقال الرئيسُ: «سنجتمع غداً».', 'وأضاف']
>>> [t.stem_norm for t in tokenize(text) if t.kind == "word"]
['قال', 'رييس', 'سنجتمع', 'غدا', 'اضاف']
"""

from marsad.text.normalize import Normalized, normalize, normalize_str
from marsad.text.sentences import split_sentences
from marsad.text.tokens import Segment, Token, tokenize

__all__ = [
    "Normalized",
    "Segment",
    "Token",
    "normalize",
    "normalize_str",
    "split_sentences",
    "tokenize",
]
