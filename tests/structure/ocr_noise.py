"""A second OCR-noise generator, written apart from the decoder and from corruption.py.

corruption.py damages numbers the way the decoder's confusion table expects (Arabic 2, 3
and 6 read as a Latin 7 ...). This one uses other error statistics, so that a score on it
says how the decoder copes with OCR it was not tuned on:

- Latin look-alikes per digit: 1 -> l / I / |, 0 -> O / o, 5 -> S, 8 -> B, 2 -> Z, 6 -> b;
- digit-script mixing: an Arabic-Indic digit read as its Extended Arabic-Indic or ASCII twin;
- the period or dash after a number dropped, or doubled;
- a spurious space inside a number ("1 2 -");
- a number lost entirely;
- lines merged (a paragraph run into the line before) and split (a paragraph broken into
  several lines at random words, so that continuation lines may begin with any word,
  figures included).

Rates are per event and independent; `NoiseRates` holds them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EXTENDED = "۰۱۲۳۴۵۶۷۸۹"
LATIN_LOOKALIKES = {"1": "lI|", "0": "Oo", "5": "S", "8": "B", "2": "Z", "6": "b"}


@dataclass(frozen=True)
class NoiseRates:
    lookalike: float = 0.10  # per ASCII digit with a look-alike
    script_mix: float = 0.10  # per Arabic-Indic digit
    separator_dropped: float = 0.06
    separator_doubled: float = 0.04
    inner_space: float = 0.05  # per number of two digits or more
    number_lost: float = 0.04
    merged: float = 0.03  # per paragraph: run into the previous line
    split: float = 0.35  # per paragraph: broken into lines


def _digits(number: int, language: str) -> str:
    text = str(number)
    return text.translate(str.maketrans("0123456789", ARABIC_INDIC)) if language == "ar" else text


def _damage_digit(character: str, rng: random.Random, rates: NoiseRates) -> str:
    if character in ARABIC_INDIC and rng.random() < rates.script_mix:
        value = ARABIC_INDIC.index(character)
        return rng.choice([EXTENDED[value], str(value)])
    if character in LATIN_LOOKALIKES and rng.random() < rates.lookalike:
        return rng.choice(LATIN_LOOKALIKES[character])
    return character


def noisy_number(number: int, language: str, rng: random.Random, rates: NoiseRates) -> str | None:
    """The printed paragraph number after OCR ("١٢ -" / "12."), or None when it was lost."""
    if rng.random() < rates.number_lost:
        return None
    digits = "".join(_damage_digit(c, rng, rates) for c in _digits(number, language))
    if len(digits) > 1 and rng.random() < rates.inner_space:
        cut = rng.randrange(1, len(digits))
        digits = f"{digits[:cut]} {digits[cut:]}"
    separator = " -" if language == "ar" else "."
    roll = rng.random()
    if roll < rates.separator_dropped:
        separator = ""
    elif roll < rates.separator_dropped + rates.separator_doubled:
        separator = separator * 2 if language == "en" else " - -"
    return digits + separator


def _split(text: str, rng: random.Random) -> list[str]:
    words = text.split()
    if len(words) < 6:
        return [text]
    cuts = sorted(rng.sample(range(2, len(words) - 1), k=min(rng.randint(1, 3), len(words) - 3)))
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(" ".join(words[start:cut]))
        start = cut
    pieces.append(" ".join(words[start:]))
    return [p for p in pieces if p]


def noisy_lines(paragraphs: list[str], language: str, rng: random.Random,
                rates: NoiseRates = NoiseRates()) -> list[str]:
    """OCR lines of paragraphs 1..N (texts given without their numbers)."""
    lines: list[str] = []
    for number, text in enumerate(paragraphs, start=1):
        printed = noisy_number(number, language, rng, rates)
        pieces = _split(text, rng) if rng.random() < rates.split else [text]
        if printed is not None:
            pieces[0] = f"{printed} {pieces[0]}"
        if lines and rng.random() < rates.merged:
            lines[-1] = f"{lines[-1]} {pieces[0]}"
            pieces = pieces[1:]
        lines.extend(pieces)
    return lines
