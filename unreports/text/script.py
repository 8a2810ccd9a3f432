"""Which script a text is written in."""

from __future__ import annotations


def is_arabic_letter(character: str) -> bool:
    code = ord(character)
    return (
        0x0620 <= code <= 0x064A
        or 0x066E <= code <= 0x06D3
        or 0x06FA <= code <= 0x06FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFC
    )


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic (0.0 when there are no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_arabic_letter(c)) / len(letters)


def dominant_language(text: str) -> str | None:
    """'ar' or 'en' by script; None for text with no letters. Other scripts come later."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    return "ar" if arabic_share(text) >= 0.5 else "en"
