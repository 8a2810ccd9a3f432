"""Cited UN document symbols and resolutions, as printed and as repaired.

OCR garbles symbols in a few regular ways: the series letter S read as the digit 8 (or
as `s` or `$` before an S/NNNNN number, as in 1990s OCR layers),
the letter A read as the Arabic digit eight (٨, its look-alike), a digit read as a Latin
letter inside a numeric part (T for 7, O for 0, l or I for 1). A symbol never starts with
a digit and its session and year parts are numbers, which makes the repair safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unreports.text.digits import to_ascii_digits

_SERIES = r"(?:A|S|E|ST|8|s|\$|٨+)"
_BODY_PART = r"(?:HRC|RES|PV\.[0-9A-Za-z]+|CN\.\d+|C\.\d|AC\.\d+|PRST|CRP\.\d+|INF|L\.\d+)"
_NUMERIC_PART = r"[0-9٠-٩۰-۹TOolI]{1,5}(?:/Rev\.\d|/Add\.\d|/Corr\.\d)?"
_ONE_SYMBOL = rf"{_SERIES}(?:/{_BODY_PART})*(?:/{_NUMERIC_PART})+"
SYMBOL_CANDIDATE_RE = re.compile(rf"(?<![\w/]){_ONE_SYMBOL}(?:-{_ONE_SYMBOL})?(?![\w/])")
PV_RE = re.compile(r"(?<![\w/])S/PV\.\d+(?![\w/])")

RESOLUTION_RE = re.compile(
    r"(?:resolutions?|(?:ال)?قرار(?:ات)?\s+(?:مجلس\s+الأمن|الجمعية\s+العامة)?)\s*"
    r"(?P<number>[0-9٠-٩۰-۹]{2,4}(?:/[0-9٠-٩۰-۹]{1,3})?)\s*\((?P<year>[0-9٠-٩۰-۹]{4})\)"
)
_LETTERS_IN_NUMBERS = str.maketrans({"T": "7", "O": "0", "o": "0", "l": "1", "I": "1"})


@dataclass(frozen=True)
class FoundCitation:
    kind: str  # "document" | "resolution"
    symbol: str
    as_printed: str
    repaired: bool
    start: int
    end: int


def repair_symbol(printed: str) -> str:
    parts = []
    for one in printed.split("-"):
        pieces = one.split("/")
        series = pieces[0]
        if series in ("8", "s", "$"):
            series = "S"
        elif series and set(series) == {"٨"}:
            series = "A"
        rest = []
        for piece in pieces[1:]:
            if re.fullmatch(r"[0-9٠-٩۰-۹TOolI]+(?:/.*)?", piece) and any(c.isdigit() for c in piece):
                piece = piece.translate(_LETTERS_IN_NUMBERS)
            rest.append(to_ascii_digits(piece))
        parts.append("/".join([series, *rest]))
    return "-".join(parts)


def find_citations(text: str) -> list[FoundCitation]:
    found: list[FoundCitation] = []
    for match in SYMBOL_CANDIDATE_RE.finditer(text):
        printed = match.group(0)
        symbol = repair_symbol(printed)
        # A repaired symbol must look like one: series letter then a numeric part.
        if not re.fullmatch(r"[A-Z]+(?:/[A-Za-z0-9.]+)+(?:-[A-Z]+(?:/[A-Za-z0-9.]+)+)?", symbol):
            continue
        if not re.search(r"/\d", symbol):
            continue
        first = printed.split("-")[0]
        if printed[0] in "8٨" and first.count("/") < 2:
            continue  # "8/2017" alone is more likely a date or a ratio than a symbol
        if printed[0] in "s$" and not re.fullmatch(r"[s$]/\d{4,5}|[s$]/\d{4}/\d+", first):
            continue  # "s/" and "$/" (OCR of S/) only before an old-style or year-numbered number
        found.append(
            FoundCitation("document", symbol, printed, symbol != printed, match.start(), match.end())
        )
    for match in PV_RE.finditer(text):
        if not any(f.start <= match.start() < f.end for f in found):
            found.append(FoundCitation("document", match.group(0), match.group(0), False,
                                       match.start(), match.end()))
    for match in RESOLUTION_RE.finditer(text):
        number = to_ascii_digits(match.group("number"))
        year = to_ascii_digits(match.group("year"))
        symbol = f"resolution {number} ({year})"
        found.append(FoundCitation("resolution", symbol, match.group(0), False, match.start(), match.end()))
    found.sort(key=lambda f: (f.start, f.end))
    return found
