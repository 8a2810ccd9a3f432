"""Digit scripts and Arabic normalisation that keep or explain character offsets."""

from __future__ import annotations

import unicodedata

_TO_ASCII = {0x066C: ",", 0x066B: "."}
for _base in (0x0660, 0x06F0):  # Arabic-Indic, Extended Arabic-Indic
    for _digit in range(10):
        _TO_ASCII[_base + _digit] = str(_digit)
TATWEEL = "\u0640"
HARAKAT = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"}


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Extended Arabic-Indic digits (and ٬ ٫) to ASCII; length unchanged."""
    return text.translate(_TO_ASCII)


def _is_presentation_form(character: str) -> bool:
    code = ord(character)
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def normalise_arabic(text: str) -> str:
    """Fold presentation forms to base letters (NFKC; lam-alef becomes two letters) and drop
    tatweel. Changes the length where a ligature unfolds or a tatweel goes."""
    return "".join(
        unicodedata.normalize("NFKC", c) if _is_presentation_form(c) else c
        for c in text if c != TATWEEL
    )


def strip_diacritics(text: str) -> str:
    """Remove harakat, for matching only."""
    return "".join(c for c in text if c not in HARAKAT)
