"""Seeded OCR-style corruption of paragraph numbering, for robustness tests."""

from __future__ import annotations

import random

ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
# How OCR misreads Arabic-Indic digits (shapes, not one document's lines).
LOOKALIKES = {"٢": "7", "٣": "7", "٦": "7", "٧": "V", "٨": "A",
              "٥": "0", "٠": "•", "١": "1", "٤": "2", "٩": "9"}


def arabic_number(number: int) -> str:
    return "".join(ARABIC_DIGITS[int(d)] for d in str(number))


def corrupt_token(token: str, rng: random.Random) -> str | None:
    """None: the number is lost entirely."""
    roll = rng.random()
    if roll < 0.08:
        return None
    characters = list(token)
    for i, character in enumerate(characters):
        if rng.random() < 0.35 and character in LOOKALIKES:
            characters[i] = LOOKALIKES[character]
    if len(characters) > 1 and rng.random() < 0.1:
        characters.reverse()
    return "".join(characters)


def corrupted_lines(paragraphs: list[str], rng: random.Random) -> list[str]:
    """One line per paragraph ("١٢ - text"), numbers damaged, some lines merged."""
    lines: list[str] = []
    for number, text in enumerate(paragraphs, start=1):
        token = corrupt_token(arabic_number(number), rng)
        dash = (" " if rng.random() < 0.1 else rng.choice([" - ", " – "])) if token else ""
        line = f"{token}{dash}{text}" if token else text
        if lines and token and dash.strip() and rng.random() < 0.05 and lines[-1].rstrip().endswith("."):
            lines[-1] = f"{lines[-1]} {line}"  # two paragraphs on one line
        else:
            lines.append(line)
    return lines
