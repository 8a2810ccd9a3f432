"""Footnotes: the notes themselves and the markers in body text that refer to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from unreports.text.digits import to_ascii_digits

_DIGIT = r"[0-9٠-٩۰-۹]"
# A footnote line of OCR text starts with its marker: "^{*}", "⁽١)", "(٢)", "*".
FOOTNOTE_LINE_RE = re.compile(
    rf"^\s*(?:\^\{{\s*(?P<tex>\*|{_DIGIT}{{1,2}})\s*\}}"
    rf"|[⁽(]\s*(?P<paren>{_DIGIT}{{1,2}})\s*[)⁾]"
    rf"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{{1,2}})"
    rf"|(?P<star>\*))\s+\S"
)
# A marker in body text is glued to what precedes it: "داعش)^(۱)", "وحدها(٢)", "word⁽¹⁾".
BODY_MARKER_RE = re.compile(
    rf"(?<=\S)(?:\^\(\s*(?P<caret>{_DIGIT}{{1,2}})\s*\)"
    rf"|\^\{{\s*(?P<tex>{_DIGIT}{{1,2}}|\*)\s*\}}"
    rf"|[⁽(](?P<paren>{_DIGIT}{{1,2}})[)⁾]"
    rf"|⁽(?P<sup_paren>[⁰¹²³⁴⁵⁶⁷⁸⁹]{{1,2}})⁾"
    rf"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{{1,2}}))"
)
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(frozen=True)
class FootnoteLine:
    marker: str  # "1", "2", "*" (ASCII digits)
    text: str  # the note without its marker


def read_footnote_line(text: str) -> FootnoteLine | None:
    match = FOOTNOTE_LINE_RE.match(text)
    if not match:
        return None
    marker = match.group("tex") or match.group("paren") or match.group("sup") or match.group("star")
    body_start = match.end() - 1  # the lookahead \S is part of the note
    return FootnoteLine(normalise_marker(marker), text[body_start:].strip())


def normalise_marker(marker: str) -> str:
    return to_ascii_digits(marker.translate(SUPERSCRIPT_DIGITS)).strip()


def body_markers(text: str) -> list[tuple[str, int, int]]:
    """Footnote markers in body text: (marker, start, end)."""
    found = []
    for match in BODY_MARKER_RE.finditer(text):
        marker = (match.group("caret") or match.group("tex") or match.group("paren")
                  or match.group("sup_paren") or match.group("sup"))
        found.append((normalise_marker(marker), match.start(), match.end()))
    return found
