"""Hand-made entity lists for quote and event tests (the entity stage is tested on its own)."""

from __future__ import annotations

from typing import Any


def entities_for(text: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """Contract entity dicts for ``names`` (name -> PER/ORG/LOC), with every mention in ``text``.

    Longer names claim their characters first, so "الشرطة التركية" is not also "تركيا".
    """
    taken: list[tuple[int, int]] = []
    out: list[dict[str, Any]] = []
    for k, name in enumerate(sorted(names, key=len, reverse=True), 1):
        mentions = []
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            whole = end == len(text) or not text[end].isalpha()  # "إسرائيل" is not in "إسرائيلي"
            if whole and not any(s < end and start < e for s, e in taken):
                mentions.append({"start": start, "end": end, "text": name})
                taken.append((start, end))
            start = text.find(name, end)
        if mentions:
            out.append({"id": f"e{k}", "type": names[name], "name": name, "name_en": None,
                        "kb": None, "mentions": mentions, "roles": []})
    return out


def names_of(entities: list[dict[str, Any]], ids: list[str]) -> list[str]:
    by_id = {e["id"]: e["name"] for e in entities}
    return [by_id[i] for i in ids]
