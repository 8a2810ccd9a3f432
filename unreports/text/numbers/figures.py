"""Numbers in digits: grouping and decimal marks, a scale word, per cent or a currency
sign around them, an ordinal suffix, a year or a date's day, and digits glued into a word
(no number).
"""

from __future__ import annotations

import re
from decimal import Decimal

from unreports.text.numbers.board import Board, Candidate
from unreports.text.numbers.spelling import fold, is_arabic, is_latin, phrases

_SPACE_GROUP = "[ \u00a0\u2009\u202f]"
_EN_DIGITS_RE = re.compile(
    rf"(?<![0-9])(?P<int>[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]{{1,3}}(?:{_SPACE_GROUP}[0-9]{{3}})+|[0-9]+)"
    rf"(?P<frac>\.[0-9]+)?(?![0-9])"
)
# Arabic text also writes a decimal comma ("٣,٥ في المائة"); a comma followed by exactly three
# digits stays a thousands separator, except after a lone 0 ("0,125").
_AR_DIGITS_RE = re.compile(
    rf"(?<![0-9])(?:(?P<cint>[0-9]+),(?P<cfrac>[0-9]{{1,2}})(?![0-9,])|(?P<zint>0),(?P<zfrac>[0-9]+)"
    rf"|(?P<int>[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]{{1,3}}(?:{_SPACE_GROUP}[0-9]{{3}})+|[0-9]+)"
    rf"(?P<frac>\.[0-9]+)?)(?![0-9])"
)
SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "ألف": 10**3, "ألفا": 10**3, "آلاف": 10**3, "مليون": 10**6, "مليونا": 10**6, "ملايين": 10**6,
    "مليار": 10**9, "مليارا": 10**9, "مليارات": 10**9, "بليون": 10**9, "بلايين": 10**9,
}
_SCALE_LOOKUP = {fold(k).lower(): v for k, v in SCALES.items()}
_SCALE_AFTER_RE = re.compile(rf"\s*(?P<scale>{phrases(SCALES, fold_keys=True)})(?!\w)", re.IGNORECASE)
PERCENT_AFTER_RE = re.compile(
    fold(r"\s*(?:%|(?:per\s*cent|percent|pct)\b|(?:في\s+المائة|في\s+المئة|بالمائة|بالمئة)(?!\w))"),
    re.IGNORECASE,
)
_CURRENCY_BEFORE_RE = re.compile(r"(?:(?<![A-Za-z])(?:US|USD|EUR|CHF|GBP)\s?\$?|\$|€|£)\s?$")
_ORDINAL_AFTER_RE = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
YEAR_MIN, YEAR_MAX = 1900, 2100
# Letters that may be glued before digits: "و١٧٧", "ب٢٠", "ل٣٠", "وب٤٠".
_AR_NUMBER_PREFIXES = {fold(p) for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")}


def read_figures(board: Board, date_spans: dict[tuple[int, int], str]) -> None:
    """Add every number printed in digits that no earlier reader took.

    `date_spans` are the view spans of a date's day ("date") and year ("year")."""
    view = board.view
    pattern = _AR_DIGITS_RE if board.arabic else _EN_DIGITS_RE
    for match in pattern.finditer(view):
        start, end = match.span()
        if not board.free(start, end) or _glued_badly(view, start, end):
            continue
        printed_value, has_fraction, grouped, end = _printed_digits(match, view)
        value = Decimal(printed_value)
        kind = "decimal" if has_fraction else "count"
        number_end = end
        date_kind = date_spans.get((start, end))
        if date_kind:
            board.add(Candidate(start, end, value, date_kind))
            continue
        ordinal = _ORDINAL_AFTER_RE.match(view, end)
        if ordinal and not has_fraction:
            board.add(Candidate(start, ordinal.end(), value, "ordinal"))
            continue
        scale = _SCALE_AFTER_RE.match(view, end)
        if scale and board.free(end, scale.end()):
            value = _as_integral(value * _SCALE_LOOKUP[" ".join(scale.group("scale").lower().split())])
            kind = "count" if value == value.to_integral_value() else "decimal"
            end = scale.end()
        else:
            scale = None
        percent = PERCENT_AFTER_RE.match(view, end)
        if percent and board.free(end, percent.end()):
            kind, end = "percent", percent.end()
        elif start > 0 and view[start - 1] == "%" and board.free(start - 1, start):
            kind, start = "percent", start - 1  # "%40": a percent sign read before its number
            percent = None
        else:
            percent = None
        currency = _CURRENCY_BEFORE_RE.search(view, max(0, start - 6), start)
        if currency and kind != "percent" and board.free(currency.start(), start):
            kind, start = "money", currency.start()
        if kind == "count" and not grouped and not scale and len(printed_value) == 4 \
                and YEAR_MIN <= value <= YEAR_MAX:
            kind = "year_candidate"
        board.add(
            Candidate(start, end, value, kind, number_end=end if (scale or percent) else number_end)
        )


def _as_integral(value: Decimal) -> Decimal:
    """A scaled value without a spurious fraction: 1.5 × 10⁶ is 1500000, not 1500000.0."""
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def _printed_digits(match: re.Match[str], view: str) -> tuple[str, bool, bool, int]:
    """(printed value, has a fraction, grouped, end) of a digits match in `view`."""
    end = match.end()
    groups = match.groupdict()
    if groups.get("cint") is not None:
        return f"{groups['cint']}.{groups['cfrac']}", True, False, end
    if groups.get("zint") is not None:
        return f"0.{groups['zfrac']}", True, False, end
    integer = groups["int"]
    grouped = not integer.isdigit()
    digits_only = re.sub(r"[^0-9]", "", integer)
    fraction = groups.get("frac") or ""
    has_fraction = bool(fraction)
    printed_value = digits_only + fraction
    # "in 2017.3 The": a footnote marker after a year at a sentence end.
    if has_fraction and not grouped and len(digits_only) == 4 and len(fraction) <= 3 \
            and YEAR_MIN <= int(digits_only) <= YEAR_MAX \
            and re.match(r"\s+[A-Z\u0600-\u06ff]", view[end:end + 2]):
        return digits_only, False, grouped, match.start("frac")
    return printed_value, has_fraction, grouped, end


def _glued_badly(view: str, start: int, end: int) -> bool:
    """Digits glued to letters or symbols that make them no number (see the package notes)."""
    before = view[start - 1] if start > 0 else ""
    before2 = view[start - 2] if start > 1 else ""
    after = view[end] if end < len(view) else ""
    after2 = view[end + 1] if end + 1 < len(view) else ""
    if before and is_latin(before):
        return True  # A1, QDe115
    if before == "." and before2 and (before2.isalpha() or before2 in ")”\"'"):
        return True  # "groups.12" footnote marker, "PV.7934"
    if before == "-" and before2 and is_latin(before2) and before2.isupper():
        return True  # COVID-19
    if before in ("_", "@", "#", "=", "/", "\\") or after in ("/", "\\", "_", "@"):
        return True
    if (before == ":" and before2.isdigit()) or (after == ":" and after2.isdigit()):
        return True  # times and ratios
    if after and is_latin(after) and not _ORDINAL_AFTER_RE.match(view, end):
        return True  # "1V", "5G"
    if before and is_arabic(before):
        word_start = start - 1
        while word_start > 0 and is_arabic(view[word_start - 1]):
            word_start -= 1
        glued = view[word_start:start]
        if glued not in _AR_NUMBER_PREFIXES:
            return True  # digits inside a word
        if after and is_arabic(after):
            return True
    return False
