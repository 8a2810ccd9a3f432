"""Dates and periods in English and Arabic UN text, with offsets into the original string.

Arabic UN documents pair the Levantine and the Egyptian month name with a slash
("١١ تموز/يوليه ٢٠١٧", "كانون الثاني/ يناير ٢٠١٦"); either name alone is read too. Digits
may be in any of the three scripts. Matching runs on `fold_for_matching`'s view, so
tatweel, harakat, presentation forms and kashida digits inside month names do not matter.

What `find_dates` returns:
- day precision: "31 October 2017", "October 31, 2017", "١١ تموز/يوليه ٢٠١٧"; also days
  listed before a date ("27 and 28 September 2017" gives two dates, "1–5 May 2017" too)
  and dates printed without a year ("1 January"), whose year is taken from the end of a
  range they start ("from 1 January to 22 August 2017") and is None otherwise;
- month precision: "October 2017", "آذار/مارس ٢٠١١"; an Arabic paired month without a
  year ("في تشرين الأول/أكتوبر") with year None;
- never a bare year or a bare English month name: "2016" is a year precision date only
  inside a period ("since 2016", "خلال عام ٢٠١٦", "from 2015 to 2017"), and "May" is too
  often a verb.

Impossible dates are kept as printed and never repaired: "٣٦ تشرين الأول/أكتوبر ٢٠١٧" is
a DateMatch with day=36, month=10, year=2017, valid=False and value=None.

`value` is the date itself at day precision and the first day of the month or year at
month or year precision (see `precision`); it is None when the date is impossible or
has no year. `period_bounds` expands a period to first and last days.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from unreports.text.digits import fold_for_matching, original_span


@dataclass(frozen=True)
class DateMatch:
    value: date | None  # None when the printed date is impossible or has no year
    as_printed: str
    start: int
    end: int
    precision: str  # "day" | "month" | "year"
    valid: bool  # False for impossible dates: kept as printed, never guessed
    year: int | None
    month: int | None
    day: int | None


@dataclass(frozen=True)
class PeriodMatch:
    start: DateMatch | None
    end: DateMatch | None
    as_printed: str
    start_offset: int
    end_offset: int
    # "range" | "since" | "until" | "during" | "as_at" ("as at/as of 31 October 2017":
    # a point in time, given as `end` with `start` None)
    kind: str


def _fold(pattern: str) -> str:
    return fold_for_matching(pattern)[0]


def _words(pattern: str) -> str:
    """A phrase of words as a pattern: any run of spaces between words."""
    return r"\s+".join(re.escape(part) for part in pattern.split())


ENGLISH_MONTHS = {name: number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
ENGLISH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                         "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
ARABIC_LEVANTINE_MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
    "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
}
ARABIC_EGYPTIAN_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيه": 6, "يونيو": 6,
    "يوليه": 7, "يوليو": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}

# Lookup by folded, space-collapsed, lower-cased name.
_MONTH_NUMBERS: dict[str, int] = {}
for _table in (ARABIC_LEVANTINE_MONTHS, ARABIC_EGYPTIAN_MONTHS):
    for _name, _number in _table.items():
        _MONTH_NUMBERS[_fold(_name)] = _number
for _name, _number in (ENGLISH_MONTHS | ENGLISH_ABBREVIATIONS).items():
    _MONTH_NUMBERS[_name.lower()] = _number


def _alternation(names: list[str]) -> str:
    return "|".join(_words(n) for n in sorted(names, key=len, reverse=True))


_LEVANTINE = rf"(?<!\w)(?:{_alternation([_fold(n) for n in ARABIC_LEVANTINE_MONTHS])})(?!\w)"
_EGYPTIAN = rf"(?<!\w)(?:{_alternation([_fold(n) for n in ARABIC_EGYPTIAN_MONTHS])})(?!\w)"
_ARABIC_PAIR = rf"{_LEVANTINE}\s*/\s*{_EGYPTIAN}"
# English names are matched case-sensitively ("may" is a verb); capitalised or upper case.
_ENGLISH_FULL = r"\b(?:" + "|".join([*ENGLISH_MONTHS, *(m.upper() for m in ENGLISH_MONTHS)]) + r")\b"
_ENGLISH_ABBREVIATED = r"\b(?:" + "|".join(sorted(ENGLISH_ABBREVIATIONS, key=len, reverse=True)) + r")\b\.?"
_MONTH = rf"(?:{_ARABIC_PAIR}|{_LEVANTINE}|{_EGYPTIAN}|{_ENGLISH_FULL}|{_ENGLISH_ABBREVIATED})"
YEAR_PATTERN = r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
_YEAR_WORD = _fold(r"(?:(?:عام|العام|سنة|السنة)\s+)")
# Between a month and its year: "October, 2017", "October of 2017", "أيار/مايو من عام ٢٠١٧".
_MONTH_TO_YEAR = rf"\s*,?\s*(?:(?:of|{_fold('من')})\s+)?{_YEAR_WORD}?"
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"

_ATOM_RE = re.compile(
    rf"(?P<dmy>(?<![0-9.,/])(?P<d1>[0-9]{{1,2}}){_ORDINAL_SUFFIX}\s+(?:of\s+)?(?P<m1>{_MONTH})"
    rf"(?:{_MONTH_TO_YEAR}(?P<y1>{YEAR_PATTERN}))?(?![0-9]))"
    rf"|(?P<mdy>(?P<m2>{_ENGLISH_FULL}|{_ENGLISH_ABBREVIATED})\s+(?P<d2>[0-9]{{1,2}}){_ORDINAL_SUFFIX},?\s+"
    rf"(?P<y2>{YEAR_PATTERN})(?![0-9]))"
    rf"|(?P<my>(?P<m3>{_MONTH}){_MONTH_TO_YEAR}(?P<y3>{YEAR_PATTERN})(?![0-9]))"
    rf"|(?P<mo>{_ARABIC_PAIR}|{_ENGLISH_FULL})"
    rf"|(?P<yo>(?<![0-9.,/])(?P<y4>{YEAR_PATTERN})(?![0-9]|[.,][0-9]))"
)
_PAIR_RE = re.compile(_ARABIC_PAIR)

# A day listed before a dated day: "27 and 28 September", "1–5 May", "من ١ إلى ٥ أيار".
_LISTED_DAY_RE = re.compile(
    _fold(r"(?<![0-9.,/])(?P<day>[0-9]{1,2})\s*(?P<link>and|&|,|،|و|-|–|—|to|إلى|حتى)\s*$")
)

_RANGE_LINK = _fold(r"(?:to|until|till|through|and|-|–|—|إلى|الى|حتى|لغاية|ولغاية|و)")
# A word start, allowing a glued conjunction (و, ف) that stays outside the match.
_WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"
_RANGE_BETWEEN_RE = re.compile(rf"^\s*(?P<link>{_RANGE_LINK})\s*{_YEAR_WORD}?$", re.IGNORECASE)
_RANGE_FROM_RE = re.compile(_fold(
    _WORD_START + r"(?:(?:(?:in|during|over|for|covering)\s+the\s+(?:reporting\s+)?period\s+)"
    r"|(?:(?:في|خلال)\s+الفترة(?:\s+(?:الممتدة|المشمولة\s+بالتقرير))?\s+))?"
    r"(?P<word>from|between|من|بين)\s+" + _YEAR_WORD + r"?$"
), re.IGNORECASE)
_SINCE_RE = re.compile(_fold(
    _WORD_START + r"(?:ever\s+since|since|منذ|اعتبارا\s+من|ابتداء\s+من)\s+" + _YEAR_WORD + r"?$"
), re.IGNORECASE)
_UNTIL_RE = re.compile(_fold(
    _WORD_START + r"(?:up\s+until|until|till|up\s+to|حتى|لغاية|إلى\s+غاية)\s+" + _YEAR_WORD + r"?$"
), re.IGNORECASE)
_AS_AT_RE = re.compile(r"(?<!\w)as\s+(?:at|of|on)\s+$", re.IGNORECASE)
_DURING_RE = re.compile(_fold(
    _WORD_START + r"(?:during|throughout|in\s+the\s+course\s+of|in|خلال|طيلة|طوال"
    r"|في\s+غضون|على\s+مدى|في)\s+(?:(?:عام|العام|سنة|السنة|شهر)\s+)?$"
), re.IGNORECASE)
_CONTEXT = 80  # characters of view text examined before an atom


@dataclass(frozen=True)
class _Atom:
    """A date-like piece of the matching view."""

    start: int  # view offsets
    end: int
    precision: str
    day: int | None
    month: int | None
    year: int | None
    day_span: tuple[int, int] | None
    year_span: tuple[int, int] | None
    standalone: bool  # a date on its own (returned by find_dates without a period)
    period_only: bool = False  # bare years and bare English months: only inside a period


def _month_number(printed: str) -> int:
    pair = _PAIR_RE.fullmatch(printed)
    first = printed.split("/")[0] if pair else printed
    key = " ".join(first.split()).rstrip(".")
    return _MONTH_NUMBERS.get(key, _MONTH_NUMBERS.get(key.lower(), 0))


def _atoms(view: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in _ATOM_RE.finditer(view):
        if match.group("dmy") or match.group("mdy"):
            day_group, month_group, year_group = (
                ("d1", "m1", "y1") if match.group("dmy") else ("d2", "m2", "y2")
            )
            year = match.group(year_group)
            atoms.append(_Atom(
                match.start(), match.end(), "day", int(match.group(day_group)),
                _month_number(match.group(month_group)), int(year) if year else None,
                match.span(day_group), match.span(year_group) if year else None, True,
            ))
        elif match.group("my"):
            atoms.append(_Atom(match.start(), match.end(), "month", None, _month_number(match.group("m3")),
                               int(match.group("y3")), None, match.span("y3"), True))
        elif match.group("mo"):
            arabic_pair = bool(_PAIR_RE.fullmatch(match.group("mo")))
            atoms.append(_Atom(match.start(), match.end(), "month", None, _month_number(match.group("mo")),
                               None, None, None, arabic_pair, period_only=not arabic_pair))
        else:
            atoms.append(_Atom(match.start(), match.end(), "year", None, None, int(match.group("y4")),
                               None, match.span("y4"), False, period_only=True))
    return _with_listed_days(view, atoms)


def _with_listed_days(view: str, atoms: list[_Atom]) -> list[_Atom]:
    """Add the days listed before a dated day ("27 and 28 September 2017")."""
    result = list(atoms)
    for atom in atoms:
        if atom.precision != "day" or atom.day_span is None:
            continue
        cursor = atom.start
        while True:
            match = _LISTED_DAY_RE.search(view, max(0, cursor - 12), cursor)
            if not match:
                break
            listed = _Atom(match.start("day"), match.end("day"), "day", int(match.group("day")), atom.month,
                           atom.year, match.span("day"), None, True)
            result.append(listed)
            cursor = match.start("day")
    result.sort(key=lambda a: (a.start, -a.end))
    return result


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _to_date_match(text: str, index: tuple[int, ...], atom: _Atom, year: int | None = None) -> DateMatch:
    start, end = original_span(index, atom.start, atom.end)
    year = atom.year if year is None else year
    valid = True
    value: date | None = None
    if atom.precision == "day":
        assert atom.day is not None and atom.month is not None
        limit = _last_day(year, atom.month) if year is not None else _last_day(2000, atom.month)
        valid = 1 <= atom.day <= limit and 1 <= atom.month <= 12
        if valid and year is not None:
            value = date(year, atom.month, atom.day)
    elif atom.precision == "month":
        valid = atom.month is not None and 1 <= atom.month <= 12
        if valid and year is not None and atom.month is not None:
            value = date(year, atom.month, 1)
    elif year is not None:
        value = date(year, 1, 1)
    return DateMatch(value, text[start:end], start, end, atom.precision, valid, year, atom.month, atom.day)


@dataclass(frozen=True)
class _Period:
    kind: str
    start: int  # view offsets of the whole period phrase
    end: int
    first: _Atom | None
    last: _Atom | None


def _range_allowed(view: str, first: _Atom, second: _Atom) -> tuple[bool, int]:
    """Whether two atoms form a range, and where the range phrase starts in the view."""
    between = _RANGE_BETWEEN_RE.match(view[first.end:second.start])
    if not between:
        return False, first.start
    link = between.group("link").lower()
    opener = _RANGE_FROM_RE.search(view, max(0, first.start - _CONTEXT), first.start)
    if opener:
        word = opener.group("word").lower()
        pairs_with_and = word in ("between", _fold("بين"))
        if pairs_with_and == (link in ("and", "و")):
            return True, opener.start()
        return False, first.start
    # Without "from"/"between", only a dash joins two dates of one kind ("2016–2017").
    if link in ("-", "–", "—") and first.precision == second.precision:
        return True, first.start
    if link in ("-", "–", "—", "to", _fold("إلى")) and second.precision == "day" \
            and first.day_span == (first.start, first.end):
        return True, first.start  # "1–5 May 2017", "1 to 5 May 2017"
    return False, first.start


def _periods(view: str, atoms: list[_Atom]) -> list[_Period]:
    periods: list[_Period] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if i + 1 < len(atoms):
            ok, phrase_start = _range_allowed(view, atom, atoms[i + 1])
            if ok:
                periods.append(_Period("range", phrase_start, atoms[i + 1].end, atom, atoms[i + 1]))
                i += 2
                continue
        window_start = max(0, atom.start - _CONTEXT)
        for kind, pattern in (("since", _SINCE_RE), ("until", _UNTIL_RE), ("as_at", _AS_AT_RE),
                              ("during", _DURING_RE)):
            match = pattern.search(view, window_start, atom.start)
            if not match:
                continue
            if kind == "during" and atom.precision == "day":
                continue  # "in 31 October" is not a period; "on" dates are points
            if atom.precision == "month" and atom.year is None:
                continue
            first = atom if kind in ("since", "during") else None
            last = atom if kind in ("until", "as_at", "during") else None
            periods.append(_Period(kind, match.start(), atom.end, first, last))
            break
        i += 1
    return periods


def _fill_years(periods: list[_Period]) -> dict[int, int]:
    """Years for range starts printed without one: the end's year (one less when the start
    month would otherwise fall after the end). Keyed by the atom's view start."""
    filled: dict[int, int] = {}
    for period in periods:
        first, last = period.first, period.last
        if period.kind != "range" or first is None or last is None or first.year is not None \
                or last.year is None:
            continue
        year = last.year
        if first.month is not None and last.month is not None and (
            (first.month, first.day or 0) > (last.month, last.day or 99)
        ):
            year -= 1
        filled[first.start] = year
    return filled


def _scan(text: str) -> tuple[str, tuple[int, ...], list[_Atom], list[_Period], dict[int, int]]:
    view, index = fold_for_matching(text)
    atoms = _atoms(view)
    periods = _periods(view, atoms)
    return view, index, atoms, periods, _fill_years(periods)


def find_dates(text: str, language: str = "en") -> list[DateMatch]:
    """Dates at day or month precision, in order (see the module notes).

    Both languages' month names are read whatever `language` says: Arabic reports quote
    English dates (mastheads, titles) and the reverse does not produce false matches.
    """
    del language  # both scripts' month names are always read
    _, index, atoms, _, filled = _scan(text)
    return [_to_date_match(text, index, atom, filled.get(atom.start))
            for atom in atoms if atom.standalone]


def find_periods(text: str, language: str = "en") -> list[PeriodMatch]:
    """Periods: ranges ("from 1 January to 22 August 2017", "بين … و …", "2016–2017"), "since"
    ("منذ عام ٢٠١٦"), "until" ("حتى ٣١ …"), "as_at" ("as at 31 October 2017") and "during"
    ("خلال عام ٢٠١٦", "in October 2017"; month or year precision only, start and end are
    the same date). "in the past 12 months" and other relative periods are not read."""
    del language
    _, index, _, periods, filled = _scan(text)
    found = []
    for period in periods:
        start, end = original_span(index, period.start, period.end)
        first = (_to_date_match(text, index, period.first, filled.get(period.first.start))
                 if period.first else None)
        last = _to_date_match(text, index, period.last) if period.last else None
        found.append(PeriodMatch(first, last, text[start:end], start, end, period.kind))
    return found


def date_number_spans(view: str) -> dict[tuple[int, int], str]:
    """For `numbers`: view spans of the digits that are a day ("date") or a year ("year")
    inside a date or a period of `view` (a `fold_for_matching` view)."""
    atoms = _atoms(view)
    periods = _periods(view, atoms)
    in_period = {id(a) for p in periods for a in (p.first, p.last) if a is not None}
    spans: dict[tuple[int, int], str] = {}
    for atom in atoms:
        if not atom.standalone and id(atom) not in in_period:
            continue
        if atom.day_span is not None:
            spans[atom.day_span] = "date"
        if atom.year_span is not None:
            spans[atom.year_span] = "year"
    return spans


def _lower_bound(found: DateMatch | None) -> date | None:
    if found is None or not found.valid or found.year is None:
        return None
    if found.precision == "day" and found.month and found.day:
        return date(found.year, found.month, found.day)
    if found.precision == "month" and found.month:
        return date(found.year, found.month, 1)
    return date(found.year, 1, 1)


def _upper_bound(found: DateMatch | None) -> date | None:
    if found is None or not found.valid or found.year is None:
        return None
    if found.precision == "day" and found.month and found.day:
        return date(found.year, found.month, found.day)
    if found.precision == "month" and found.month:
        return date(found.year, found.month, _last_day(found.year, found.month))
    return date(found.year, 12, 31)


def period_bounds(period: PeriodMatch) -> tuple[date | None, date | None]:
    """First and last day a period covers: a start of "January 2016" is 2016-01-01, an end
    of "March 2017" is 2017-03-31, "خلال عام ٢٠١٦" is 2016-01-01 to 2016-12-31. An open side
    ("since", "until", "as_at") or an impossible or yearless date gives None."""
    return _lower_bound(period.start), _upper_bound(period.end)

