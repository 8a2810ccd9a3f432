"""Repairs for OCR-grade text (a scan's OCR layer, our own OCR): never applied to a
born-digital text layer, whose text is taken as printed.

- Letter-spaced words: OCR of spaced-out typewriter headings gives `F o r t y - f i f t h`;
  a run of at least `MIN_SPACED_LETTERS` single characters separated by single spaces is
  one word (`Forty-fifth`). Runs of single digits and slashes are joined too
  (`A / 4 5 / 5 0` -> `A/45/50`): UN symbols and numbers are never printed spaced.
- Look-alikes of the capital I in English: a chapter label `ll.` / `lll.` is `II.` / `III.`,
  a lone `|` is the pronoun `I`.
- The document symbol from the file name: users name files after the symbol and
  language (`A_45_189-EN.pdf` -> `A/45/189`, README), a better witness than an OCR'd
  masthead (`A/45/109`).
"""

from __future__ import annotations

import re
from pathlib import Path

MIN_SPACED_LETTERS = 4  # "a b c" could be a list; four single letters in a row are one word
# Single word characters (or hyphens/slashes between them) separated by single spaces.
_SPACED_RUN_RE = re.compile(
    rf"(?<!\S)(?:[^\W_]|[-/.])(?: (?:[^\W_]|[-/.])){{{MIN_SPACED_LETTERS - 1},}}(?!\S)"
)
_NAME_SYMBOL_RE = re.compile(
    r"^(?P<symbol>(?:A|S|E|ST|UNEP|DP|TD)(?:_[A-Za-z0-9.]+)+?)(?:[-_ ](?:AR|EN|FR|ES|RU|ZH|CH))?$",
    re.IGNORECASE,
)


def join_letter_spaced(text: str) -> str:
    """`F o r t y - f i f t h session` -> `Forty-fifth session`; other text unchanged."""
    if " " not in text:
        return text

    def joined(match: re.Match[str]) -> str:
        run = match.group(0)
        letters = sum(c.isalpha() for c in run)
        # Four spaced letters are one word; a spaced symbol has a letter and a slash. Runs
        # of single digits stay apart: they are table cells as often as a spaced number.
        if letters >= MIN_SPACED_LETTERS or (letters and "/" in run):
            return run.replace(" ", "")
        return run

    return _SPACED_RUN_RE.sub(joined, text)


_ROMAN_LOOKALIKE_RE = re.compile(
    r"^[lI|]{2,3}(?=\.\s+[A-Z])|^[l|](?=\.\s+[A-Z])|^([lI|]{0,2})[l|]?V(?=\.\s+[A-Z])"
)
_LONE_BAR_RE = re.compile(r"(?<!\S)\|(?=\s+[a-z])")


def repair_ocr_line(text: str, language: str | None) -> str:
    """Look-alikes OCR makes of the capital I in English lines (see the module notes)."""
    if language not in (None, "en", "fr", "es"):
        return text
    text = _ROMAN_LOOKALIKE_RE.sub(lambda m: "I" * (len(m.group(0)) - 1) + "V" if m.group(0).endswith("V")
                                   else "I" * len(m.group(0)), text, count=1)
    return _LONE_BAR_RE.sub("I", text)


def symbol_from_name(source_name: str) -> str | None:
    """`A_45_189-EN.pdf` -> `A/45/189`; None when the name is not a UN symbol."""
    stem = Path(source_name).stem
    match = _NAME_SYMBOL_RE.match(stem)
    if not match:
        return None
    parts = match.group("symbol").split("_")
    if not any(part.isdigit() for part in parts[1:]):
        return None
    return "/".join([parts[0].upper(), *parts[1:]])


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
