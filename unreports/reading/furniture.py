"""UN page furniture: what is printed on every page but is not the report's text.

Symbol header, masthead (United Nations / organ / Distr. / date / Original), first-page
footer (job number with language letter, a DDMMYY date, barcode text), page numbers,
the reissue note. These patterns are shared by the PDF reader (which also knows where a
line sits on the page) and the OCR text reader (which does not).
"""

from __future__ import annotations

import re
from datetime import date

from unreports.text.digits import to_ascii_digits

# A UN document symbol: series letters, then "/"-separated parts (S/2017/939,
# A/HRC/34/44, A/80/434-S/2025/632, S/PV.7934, E/CN.15/2017/1).
SYMBOL_RE = re.compile(
    r"\b(?:A|S|E|ST|UNEP|TD|CRC|CEDAW|CCPR|DP|HRC)(?:/[A-Z][A-Z0-9.]*)*(?:/[0-9][0-9A-Za-z.]*)+"
    r"(?:/(?:Rev|Add|Corr)\.\d+)*(?:-(?:A|S|E)(?:/[A-Z0-9.]+)+)?\*?"
)
# OCR renders the header symbol as TeX: "$S_{2017/939*}$".
TEX_SYMBOL_RE = re.compile(r"\$?\s*([ASE])_\{([^}]*)\}\s*\$?")

JOB_NUMBER_RE = re.compile(r"\b(\d{2}-\d{5})\s*\(([A-Z])\)")
BARCODE_RE = re.compile(r"^\*\s*\d{7,8}\s*\*$")
# A line that starts with a job number and its language letter is the first-page footer
# wherever it sits (older documents print it mid-page).
JOB_LINE_RE = re.compile(r"^\d{2}-\d{5}\s*\([A-Z]\)(?:\s+\d{6})?(?:\s+\S{1,8}){0,3}$")
# Older running heads: "English Page 4", "Page 4", "-4-".
RUNNING_PAGE_RE = re.compile(
    r"^(?:(?:English|French|Spanish|Russian|Arabic|Chinese)\s+)?(?:Page\s+\d{1,3}|-\s*\d{1,3}\s*-)$"
)
BARE_JOB_NUMBER_RE = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?$")
FOOTER_DATE_RE = re.compile(r"^\d{6}$")
PAGE_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*(?:/\s*(\d{1,3}))?\s*$")
DISTRIBUTION_RE = re.compile(r"Distr\.?\s*:\s*([A-Za-z]+)", re.IGNORECASE)
ORIGINAL_RE = re.compile(r"Original\s*:\s*([A-Za-z]+)", re.IGNORECASE)
ARABIC_ORIGINAL_RE = re.compile(r"الأصل\s*:\s*(\S+)")

LANGUAGE_NAMES = {
    "english": "en",
    "arabic": "ar",
    "french": "fr",
    "spanish": "es",
    "russian": "ru",
    "chinese": "zh",
    "الإنكليزية": "en",
    "الإنجليزية": "en",
    "العربية": "ar",
    "الفرنسية": "fr",
    "الإسبانية": "es",
    "الروسية": "ru",
    "الصينية": "zh",
}
# General Assembly and Council mastheads: "Eightieth session", "Agenda item 26".
SESSION_RE = re.compile(
    r"^(?:[A-Z][a-z]+(?:-[a-z]+)?\s+(?:session|year)|(?:Provisional\s+)?[Aa]genda items?\s+[\d, and]+"
    r"|Item\s+\d+\s+of\s+the\s+provisional\s+agenda)\.?$"
)
MASTHEAD_WORDS = ("United Nations", "الأمم المتحدة", "Security Council", "General Assembly",
                  "مجلس الأمن", "الجمعية العامة", "Economic and Social Council")

MONTHS_EN = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
ENGLISH_DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(MONTHS_EN) + r")\s+(\d{4})\b", re.IGNORECASE
)


def english_date(text: str) -> date | None:
    """First valid "10 November 2017" date in text (masthead dates are in Latin script)."""
    for match in ENGLISH_DATE_RE.finditer(text):
        day, month, year = int(match.group(1)), MONTHS_EN[match.group(2).lower()], int(match.group(3))
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def find_symbol(text: str) -> str | None:
    """The first UN document symbol in a line, TeX-style OCR included; '*' kept."""
    tex = TEX_SYMBOL_RE.search(text)
    if tex:
        return f"{tex.group(1)}/{tex.group(2).strip()}".replace(" ", "")
    match = SYMBOL_RE.search(to_ascii_digits(text))
    return match.group(0) if match else None


def language_code(name: str) -> str | None:
    return LANGUAGE_NAMES.get(name.strip().lower().rstrip("."))


def is_page_number(text: str) -> bool:
    match = PAGE_NUMBER_RE.match(to_ascii_digits(text))
    return bool(match)


def is_footer_text(text: str) -> bool:
    """Job number, barcode, DDMMYY date or a page number: first-page or running footer."""
    stripped = to_ascii_digits(text).strip()
    if not stripped:
        return False
    if BARCODE_RE.match(stripped) or FOOTER_DATE_RE.match(stripped) or is_page_number(stripped):
        return True
    if RUNNING_PAGE_RE.match(stripped):
        return True
    if BARE_JOB_NUMBER_RE.match(stripped) or stripped == "/..." or set(stripped) <= set("_-–— "):
        return True  # "/..." is the old continuation mark at a page foot; "____" a typed rule
    if JOB_LINE_RE.match(stripped):
        return True
    rest = JOB_NUMBER_RE.sub("", stripped)
    rest = re.sub(r"\b\d{6}\b|\*\s*\d{7,8}\s*\*", "", rest)
    return rest.strip() == "" and stripped != ""


def is_masthead_text(text: str) -> bool:
    stripped = text.strip()
    if not stripped:
        return False
    if (DISTRIBUTION_RE.search(stripped) or ORIGINAL_RE.search(stripped)
            or ARABIC_ORIGINAL_RE.search(stripped)):
        return True
    if language_code(stripped) or SESSION_RE.match(stripped):
        return True
    if ENGLISH_DATE_RE.fullmatch(stripped):
        return True
    rest = stripped
    for word in MASTHEAD_WORDS:
        rest = rest.replace(word, "")
    symbol = find_symbol(rest)
    if symbol:
        rest = TEX_SYMBOL_RE.sub("", rest)
        rest = SYMBOL_RE.sub("", to_ascii_digits(rest))
    return rest.strip(" ,،*") == "" and stripped != ""
