"""Turning what a user hands us (bytes, files, stdin) into text, or a clear error.

Encodings are detected, not assumed: UTF-8 (with or without BOM), UTF-16/32 with a BOM or
with the telltale NUL pattern, and legacy Arabic code pages (Windows-1256, ISO-8859-6)
through charset-normalizer. Input larger than :data:`MAX_BYTES` is refused before it is read
into memory.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from marsad.errors import BinaryInput, EmptyInput, InputTooLarge, UnreadableFile

__all__ = ["MAX_BYTES", "Decoded", "check_text", "decode_bytes", "read_path", "read_stream"]

# A long news article is ~50 KB; 5 MB leaves room for pages while bounding memory per item.
MAX_BYTES = int(os.environ.get("MARSAD_MAX_BYTES", 5 * 1024 * 1024))

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings worth trying for Arabic text that is not UTF-8.
_LEGACY = ["cp1256", "iso8859_6", "cp720", "cp864", "cp1252"]
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def _looks_binary(text: str) -> bool:
    """Text with NULs or many C0 controls is not prose in any encoding."""
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in _TEXT_CONTROLS)
    return "\x00" in sample or controls / len(sample) > 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for ASCII, or regular
    high bytes (0x06) for Arabic; try both byte orders and keep one that decodes cleanly."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for enc, high in (("utf-16-le", odd), ("utf-16-be", even)):
        zero_or_arabic = sum(1 for b in high[:4096] if b in (0x00, 0x06))
        if zero_or_arabic / max(1, len(high[:4096])) > 0.6:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    return None


def decode_bytes(data: bytes, *, name: str = "input") -> Decoded:
    """Decode input bytes, saying which encoding was used.

    >>> decode_bytes("مرحبا".encode("cp1256")).encoding
    'cp1256'
    """
    if len(data) > MAX_BYTES:
        raise InputTooLarge(f"{name}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise BinaryInput(f"{name}: starts with a {enc} byte-order mark but {exc.reason}") from None
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text16 = _utf16_without_bom(data)
        if text16 is not None and not _looks_binary(text16):
            return Decoded(text16, "utf-16")
        if b"\x00" in data[:65536]:
            raise BinaryInput(f"{name}: binary data (NUL bytes), not text") from None
        best = from_bytes(data, cp_isolation=_LEGACY).best()
        if best is None:
            raise BinaryInput(f"{name}: not text in UTF-8, UTF-16 or an Arabic code page") from None
        text, encoding = str(best), best.encoding
    else:
        if "\x00" in text[:65536]:
            text16 = _utf16_without_bom(data)
            if text16 is not None and not _looks_binary(text16):
                return Decoded(text16, "utf-16")
    if _looks_binary(text):
        raise BinaryInput(f"{name}: binary data (control bytes), not text")
    return Decoded(text, encoding)


def check_text(text: str, *, name: str = "input") -> str:
    """Refuse text that has nothing to extract or is over the size limit."""
    if len(text) > MAX_BYTES:
        raise InputTooLarge(f"{name}: {len(text):,} characters is over the {MAX_BYTES:,} limit")
    if not text.strip():
        raise EmptyInput(f"{name}: empty or whitespace-only text")
    return text


def read_path(path: str | Path) -> Decoded:
    """Read and decode one file, refusing oversized files before reading them."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputTooLarge(f"{p}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit "
                                "(set MARSAD_MAX_BYTES to raise it)")
        data = p.read_bytes()
    except InputTooLarge:
        raise
    except IsADirectoryError:
        raise UnreadableFile(f"{p}: is a directory") from None
    except OSError as exc:
        raise UnreadableFile(f"{p}: {exc.strerror or exc}") from None
    decoded = decode_bytes(data, name=str(p))
    check_text(decoded.text, name=str(p))
    return decoded


def read_stream(stream: BinaryIO, *, name: str = "<stdin>") -> Decoded:
    """Read at most MAX_BYTES + 1 bytes from a stream, so a huge pipe cannot exhaust memory."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputTooLarge(f"{name}: over the {MAX_BYTES:,}-byte limit (set MARSAD_MAX_BYTES to raise it)")
    decoded = decode_bytes(data, name=name)
    check_text(decoded.text, name=name)
    return decoded
