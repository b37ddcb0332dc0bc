"""The public surface of marsad.text: a small, sorted __all__ of objects that exist."""

from __future__ import annotations

import marsad.text


def test_all_is_sorted_and_exported() -> None:
    assert marsad.text.__all__ == sorted(marsad.text.__all__)
    assert set(marsad.text.__all__) == {
        "Normalized", "Segment", "Token", "normalize", "normalize_str", "split_sentences", "tokenize",
    }
    for name in marsad.text.__all__:
        assert getattr(marsad.text, name) is not None
