"""Numbers in English and Arabic UN text: value, kind, qualifier and counted noun.

`find_numbers(text, language)` returns every number a reader would count as one, with
offsets into `text` as given (any digit script; nothing needs normalising first).
Matching runs on `fold_for_matching`'s view of the text, so tatweel, harakat,
presentation forms, hamza spellings and kashida digits do not change the result.

Kinds:
- "count": an integer in digits ("13 entities", "5,000", "16 000", "١٢٬٣٤٥", "و١٧٧"), also
  with a scale word ("2.5 million", "٢٠ مليون").
- "decimal": a number with a fraction ("3.5", "٣٫٥"; in Arabic text also "٣,٥" where one or
  two digits follow the comma, and "0,125").
- "percent": digits or words followed by %, ٪, "per cent", "percent", "في المائة".
- "year": a 4-digit number 1900–2100 printed without separators, inside a date or after
  a year word ("in", "since", "the", "its", "عام", "منذ", "في", a month name, another
  year and "and"/"و"/"-" ...), and by default when nothing says otherwise. It is a count
  when a qualifier precedes it ("أكثر من ٢٠٠٠ شخص") or, with no year word before it,
  when a content word follows it ("2000 people"). "the 2000 people" and "في ٢٠٠٠ حالة"
  therefore read as years: a known limitation.
- "date": the day number inside a printed date ("31 October 2017" gives 31 "date" and
  2017 "year").
- "ordinal": digits with an English ordinal suffix ("72nd"). Ordinal words are not read.
- "word": number words ("twenty-five", "a dozen", "two hundred", "خمسة وعشرون",
  "ثلاثة آلاف") and Arabic duals of a curated noun list ("دولتان" is 2 with noun "دولة").
- "money": digits after a currency sign ("US$ 5 million", "$300").
- "symbol": a resolution number ("resolution 2331 (2016)", "قرار مجلس الأمن ٢٣٣١"); the
  resolution's year in brackets is skipped.
- "reference": a number naming a part of a text: article, paragraph, section, chapter,
  annex, goal, target, rule ("article 10", "المادة ١٠", "target 8.7", "الغاية ٨-٧").

Never returned: numbers inside UN symbols and other slash tokens (S/2017/249,
A/HRC/34/44, 8/2017/403, resolution "71/1"), S/PV.7934-like tokens, job numbers
(17-20223), URLs and e-mail addresses, TeX markup from OCR, footnote markers glued to the
preceding text ("وحدها(٢)", "داعش)^(۱)", "word⁽¹⁾", "armed groups.12"), digits glued to
Latin letters ("A1", "COVID-19", OCR "1V"), digits glued into an Arabic word other than a
prefix (kashida "ك11انون" included), and, when `skip_leading_paragraph_number` is true,
the paragraph number or footnote marker that starts a line ("12.", "١٢ -", "(١)"), a
paragraph number run into the previous paragraph after a full stop (". ٧٤ - و…") and, in
Arabic, a bare 1–3 digit number opening a line before a word ("٢٠ وأفادت": the dash
was lost; Arabic sentences do not open with a figure).

Qualifiers ("exact" when none): at_least, more_than, about, up_to, fewer_than. "nearly"
and "almost" read as "about" (the figure is close to, not at, the printed value).
Arabic "حتى" reads as up_to only directly before a number that is not a date or a year;
"تقريبا", "على الأقل", "أو أكثر" and "or more" after the number (and its noun) count too.

The noun is the first word after the number (and its scale or percent words), or two
words for a curated set of compounds ("States parties", "دولة طرفا"), None when that
word is a function word ("of", "من", "and" ...). It is given as printed, with tatweel and
presentation forms folded (`normalise_arabic`) and harakat kept ("كياناً").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from unreports.text.dates import date_number_spans
from unreports.text.digits import HARAKAT, TATWEEL, fold_for_matching, normalise_arabic, original_span


@dataclass(frozen=True)
class NumberMatch:
    value: Decimal
    as_printed: str
    start: int  # offsets into the text given to find_numbers
    end: int
    kind: str  # count | year | percent | decimal | ordinal | word | date | money | symbol | reference
    qualifier: str  # exact | at_least | more_than | about | up_to | fewer_than
    qualifier_text: str | None  # the qualifier words as printed
    noun: str | None  # the counted noun right after the number


def _fold(pattern: str) -> str:
    return fold_for_matching(pattern)[0]


def _phrase(words: str) -> str:
    return r"\s+".join(re.escape(w) for w in words.split())


def _phrases(table: Mapping[str, object], fold: bool = False) -> str:
    keys = sorted(table, key=len, reverse=True)
    return "|".join(_phrase(_fold(k) if fold else k) for k in keys)


# ---------------------------------------------------------------------------------------
# Qualifiers

ENGLISH_QUALIFIERS = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "not fewer than": "at_least", "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "in excess of": "more_than", "upwards of": "more_than",
    "no more than": "up_to", "not more than": "up_to", "up to": "up_to", "a maximum of": "up_to",
    "some": "about", "about": "about", "approximately": "about", "around": "about", "roughly": "about",
    "nearly": "about", "almost": "about", "an estimated": "about", "close to": "about",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than", "below": "fewer_than",
}
ARABIC_QUALIFIERS = {
    "ما لا يقل عن": "at_least", "لا يقل عن": "at_least", "لا تقل عن": "at_least", "ما لا تقل عن": "at_least",
    "أكثر من": "more_than", "ما يزيد على": "more_than", "ما يزيد عن": "more_than", "يزيد على": "more_than",
    "يزيد عن": "more_than", "ما يربو على": "more_than", "يربو على": "more_than", "أزيد من": "more_than",
    "ما يتجاوز": "more_than", "ما يفوق": "more_than",
    "ما لا يزيد على": "up_to", "ما لا يزيد عن": "up_to", "لا يزيد على": "up_to", "لا يزيد عن": "up_to",
    "لا يتجاوز": "up_to", "ما لا يتجاوز": "up_to", "ما يصل إلى": "up_to", "يصل إلى": "up_to",
    "تصل إلى": "up_to", "حتى": "up_to",
    "نحو": "about", "حوالي": "about", "حوالى": "about", "قرابة": "about", "زهاء": "about",
    "ما يقارب": "about", "يقارب": "about", "ما يقرب من": "about", "ما يناهز": "about", "يناهز": "about",
    "أقل من": "fewer_than", "ما يقل عن": "fewer_than",
}
_EN_QUALIFIER_LOOKUP = {" ".join(k.split()): v for k, v in ENGLISH_QUALIFIERS.items()}
_AR_QUALIFIER_LOOKUP = {_fold(k): v for k, v in ARABIC_QUALIFIERS.items()}
_EN_QUALIFIER_RE = re.compile(rf"(?<![A-Za-z])(?P<q>{_phrases(ENGLISH_QUALIFIERS)})\s+$", re.IGNORECASE)
# A glued conjunction or preposition may precede an Arabic qualifier: "وأكثر من", "بنحو".
_AR_QUALIFIER_RE = re.compile(
    rf"(?<!\w)(?:[{_fold('وفبلك')}]{{1,2}})?(?P<q>{_phrases(ARABIC_QUALIFIERS, fold=True)})\s*$"
)
_UP_TO_WORDS = {"up to", _fold("حتى")}
_AFTER_QUALIFIERS = {
    "or more": "at_least", "or over": "at_least", "or fewer": "up_to", "or less": "up_to",
    "at least": "at_least", "approximately": "about",
    "تقريبا": "about", "على الأقل": "at_least", "أو أكثر": "at_least", "فأكثر": "at_least", "أو أقل": "up_to",
}
_AFTER_LOOKUP = {_fold(" ".join(k.split())).lower(): v for k, v in _AFTER_QUALIFIERS.items()}
_AFTER_QUALIFIER_RE = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,2}?(?P<q>" + _phrases(_AFTER_QUALIFIERS, fold=True) + r")(?!\w)",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------------------
# Digits

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
_SCALE_LOOKUP = {_fold(k).lower(): v for k, v in SCALES.items()}
_SCALE_AFTER_RE = re.compile(rf"\s*(?P<scale>{_phrases(SCALES, fold=True)})(?!\w)", re.IGNORECASE)
_PERCENT_AFTER_RE = re.compile(
    _fold(r"\s*(?:%|(?:per\s*cent|percent|pct)\b|(?:في\s+المائة|في\s+المئة|بالمائة|بالمئة)(?!\w))"),
    re.IGNORECASE,
)
_CURRENCY_BEFORE_RE = re.compile(r"(?:(?<![A-Za-z])(?:US|USD|EUR|CHF|GBP)\s?\$?|\$|€|£)\s?$")
_MONEY_NOUNS = {"dollars", "dollar", "euros", "euro", _fold("دولار"), _fold("دولارا"), _fold("دولارات"),
                _fold("يورو")}
_ORDINAL_AFTER_RE = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
YEAR_MIN, YEAR_MAX = 1900, 2100

# Words after which a 4-digit number is a year.
_EN_YEAR_CUE_RE = re.compile(
    r"(?<![A-Za-z])(?:the|its|their|this|that|in|since|during|until|till|by|of|from|to|between|and|through|throughout|before|"
    r"after|early|mid|late|end|year|years|fiscal|spring|summer|autumn|fall|winter|as\s+at|as\s+of|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s*-?\s*$",
    re.IGNORECASE,
)
_AR_YEAR_CUE_RE = re.compile(_fold(
    r"(?<!\w)[وفبل]{0,2}(?:عام|العام|عامي|سنة|السنة|منذ|حتى|خلال|طيلة|طوال|في|مطلع|أوائل|أواخر|منتصف"
    r"|نهاية|بداية|أواسط|غضون|يناير|فبراير|مارس|أبريل|مايو|يونيه|يونيو|يوليه|يوليو|أغسطس|سبتمبر|أكتوبر"
    r"|نوفمبر|ديسمبر|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|الأول|الثاني)\s*$"
))
# A year right before, joined by a dash, slash or conjunction: "2016 and 2017", "٢٠١٦ و٢٠١٧".
_YEAR_BEFORE_RE = re.compile(_fold(
    r"(?<![0-9])(?:19|20)[0-9]{2}\s*(?:-|–|—|/|,|،|and|or|to|و|أو|إلى)\s*$"
), re.IGNORECASE)

# ---------------------------------------------------------------------------------------
# Spans to skip

# The lookbehinds make each match start at a token start, which keeps these linear.
_URL_RE = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'«»)\]]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                     re.IGNORECASE)
_TOKEN_CHARACTER = r"[^\s()\[\]{}«»\"“”'‘’،,;؛]"
_SLASH_TOKEN_RE = re.compile(rf"(?<!{_TOKEN_CHARACTER}){_TOKEN_CHARACTER}*[/\\]{_TOKEN_CHARACTER}*")
_JOB_NUMBER_RE = re.compile(r"(?<![0-9])[0-9]{2}-[0-9]{5}(?![0-9])")
_TEX_RE = re.compile(r"\$[^$\n]{1,80}\$|[_^]\s*\{[^}\n]{0,20}\}|\^\s*\(\s*[0-9*]{1,3}\s*\)|\^\s*[0-9]{1,3}")
_GLUED_MARKER_RE = re.compile(r"(?<=[^\s(\[])[(⁽][0-9]{1,3}[)⁾]|⁽[0-9]{1,3}[)⁾]|[(⁽][0-9]{1,3}⁾")
# A paragraph number or footnote marker at a line start, OCR look-alikes included
# ("12.", "١٢ -", "• ١ -", "1V -", "- 0", "(١)").
_LEADING_NUMBER_RE = re.compile(
    r"^[ \t•·]*(?:[-–—]\s*[0-9]{1,3}(?=\s)|[0-9][0-9VvA\\^oOlI| ]{0,4}?\s*(?:[-–—]|\.(?=\s))"
    r"|[(⁽][0-9]{1,3}[)⁾])",
    re.MULTILINE,
)
# Two paragraphs run together: "... end of one. ٧٤ - Start of the next".
_INLINE_PARAGRAPH_NUMBER_RE = re.compile(r"(?<=[.:؛!?])\s+(?P<n>[0-9]{1,3}\s*[-–—])(?=\s)")
# Arabic paragraph numbers whose dash was lost: a bare number opening a line ("٢٠ وأفادت").
_AR_BARE_LEADING_NUMBER_RE = re.compile(r"^[ \t•·]*[0-9]{1,3}(?=[ \t]+[^\W\d_])", re.MULTILINE)

# ---------------------------------------------------------------------------------------
# Resolutions and references

_RESOLUTION_NUMBER_RE = re.compile(r"(?<![0-9])([0-9]{1,4})(?![0-9/])")
_REFERENCE_NUMBER_RE = re.compile(r"(?<![0-9])([0-9]{1,4}(?:[.\-–][0-9]{1,3})*(?:\s?\([a-z]\))?)(?![0-9/])")
_EN_LIST_LINK_RE = re.compile(r"\s*(?:,|and|or|to|&|-|–)\s*")
_AR_LIST_LINK_RE = re.compile(_fold(r"\s*(?:،|,|و|أو|إلى|-|–)\s*"))
_LIST_END_RE = re.compile(_fold(r"(?=\s*(?:[,،;؛.:)\]]|and\b|or\b|to\b|و|أو|إلى|\(|$))"))
_EN_RESOLUTION_RE = re.compile(r"\bresolutions?\s+(?:No\.?\s*)?(?=[0-9])", re.IGNORECASE)
_AR_RESOLUTION_RE = re.compile(_fold(
    r"(?<!\w)[وفبل]{0,2}(?:ال)?قرار(?:ات|ي|ين|ا)?\s+(?:(?:مجلس\s+الأمن|الجمعية\s+العامة|مجلس\s+حقوق\s+الإنسان"
    r"|المجلس|الجمعية)\s+)?(?:رقم\s+)?(?=[0-9])"
    r"|(?<!\w)[وفبل]{0,2}مجلس\s+الأمن\s+(?=[0-9]{4}(?![0-9]))"
))
_RESOLUTION_YEAR_RE = re.compile(r"\s*\(\s*(?:19|20)[0-9]{2}\s*\)")
_BARE_RESOLUTION_RE = re.compile(r"(?<![0-9.,/])[0-9]{3,4}(?=\s*\(\s*(?:19|20)[0-9]{2}\s*\))")
_EN_REFERENCE_RE = re.compile(
    r"\b(?:articles?|paragraphs?|paras?\.|subparagraphs?|sections?|chapters?|annex(?:es)?|goals?|targets?|"
    r"rules?|principles?|indicators?|agenda\s+items?|items?|footnotes?|pages?|pp?\.|No\.)\s+(?=[0-9])",
    re.IGNORECASE,
)
_AR_REFERENCE_RE = re.compile(_fold(
    r"(?<!\w)(?:[وفب]?(?:ال|لل)|[وفبل])?(?:مادة|مادتين|مواد|فقرة|فقرتين|فقرات|هدف|غاية|فصل|مرفق|بند|قاعدة"
    r"|مبدأ|مؤشر|حاشية|صفحة)\s+(?:رقم\s+)?(?=[0-9])"
))

# ---------------------------------------------------------------------------------------
# Number words

ENGLISH_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
ENGLISH_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90}
ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_WORD_RE = re.compile(r"[A-Za-z]+")
# "one" is a pronoun after these words and before "another".
_EN_ONE_PRONOUN_BEFORE = {"no", "any", "every", "the", "this", "that", "each", "which", "only", "little"}

# Arabic number words in the matching view's spelling (alef and ya folded, no harakat).
_AR_UNITS = {_fold(k): v for k, v in {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاثة": 3, "ثلاث": 3,
    "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8,
    "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
}.items()}
# Only before عشر/عشرة: "أحد عشر", "إحدى عشرة", "اثنا عشر", "اثنتي عشرة".
_AR_TEEN_UNITS = {_fold(k): v for k, v in {
    "أحد": 1, "إحدى": 1, "حادي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
}.items()}
_AR_TEN = {_fold("عشرة"), _fold("عشر")}
_AR_TENS = {_fold(k): v for k, v in {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40, "خمسون": 50,
    "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90,
}.items()}
_AR_HUNDRED = {_fold("مائة"), _fold("مئة")}
_AR_HUNDREDS = {_fold(k): v for k, v in {
    "مائتان": 200, "مائتين": 200, "مئتان": 200, "مئتين": 200, "مائتا": 200, "مئتا": 200,
    "ثلاثمائة": 300, "ثلاثمئة": 300, "أربعمائة": 400, "أربعمئة": 400, "خمسمائة": 500, "خمسمئة": 500,
    "ستمائة": 600, "ستمئة": 600, "سبعمائة": 700, "سبعمئة": 700, "ثمانمائة": 800, "ثمانمئة": 800,
    "ثمانيمائة": 800, "تسعمائة": 900, "تسعمئة": 900,
}.items()}
# Scale words: (multiplier, needs a number before it, value when standing alone).
_AR_SCALE_WORDS = {_fold(k): v for k, v in {
    "ألف": (10**3, False, 10**3), "ألفا": (10**3, True, 0), "آلاف": (10**3, True, 0),
    "ألفان": (0, False, 2 * 10**3), "ألفين": (0, False, 2 * 10**3),
    "مليون": (10**6, False, 10**6), "مليونا": (10**6, True, 0), "ملايين": (10**6, True, 0),
    "مليونان": (0, False, 2 * 10**6), "مليونين": (0, False, 2 * 10**6),
    "مليار": (10**9, False, 10**9), "مليارا": (10**9, True, 0), "مليارات": (10**9, True, 0),
    "بليون": (10**9, False, 10**9), "بلايين": (10**9, True, 0),
}.items()}
_AR_PREFIXES = tuple(_fold(p) for p in ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل", "ولل",
                                        "وب", "ول", "فب", "فل"))
# Letters that may be glued before digits: "و١٧٧", "ب٢٠", "ل٣٠", "وب٤٠".
_AR_NUMBER_PREFIXES = {_fold(p) for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")}
_AR_ORDINAL_WORDS = {_fold(w) for w in (
    "الحادي", "الحادية", "الثاني", "الثانية", "الثالث", "الثالثة", "الرابع", "الرابعة", "الخامس", "الخامسة",
    "السادس", "السادسة", "السابع", "السابعة", "الثامن", "الثامنة", "التاسع", "التاسعة", "حادي", "ثاني",
)}
_DEFINITE = (_fold("ال"), _fold("لل"))
_AR_HEADING_WORDS = {_fold(w) for w in ("الفرع", "الفقرة", "الجزء", "المرفق", "القسم", "الباب", "الفصل")}
_AR_FALSE_WORDS = {_fold(w) for w in ("لست",)}

# Arabic duals of common report nouns: the dual as printed (view spelling) -> the singular.
ARABIC_DUALS = {
    "دولة": ("دولتان", "دولتين"), "طفل": ("طفلان", "طفلين"), "مشروع": ("مشروعان", "مشروعين"),
    "كيان": ("كيانان", "كيانين"), "منظمة": ("منظمتان", "منظمتين"), "حالة": ("حالتان", "حالتين"),
    # "بلدان" is also the plural "countries": only the genitive dual is read.
    "بلد": ("بلدين",), "امرأة": ("امرأتان", "امرأتين"), "فتاة": ("فتاتان", "فتاتين"),
    # Not "عامين": "المدعين العامين" is the plural of "public", not two years.
    "شخص": ("شخصان", "شخصين"), "مرة": ("مرتان", "مرتين"),
    "سنة": ("سنتان", "سنتين"), "شهر": ("شهران", "شهرين"), "يوم": ("يومان", "يومين"),
    "رهينة": ("رهينتان", "رهينتين"), "طفلة": ("طفلتان", "طفلتين"),
    "مهاجر": ("مهاجران",),  # "مهاجرين" is also the plural
}
_AR_DUAL_LOOKUP = {_fold(d): singular for singular, duals in ARABIC_DUALS.items() for d in duals}
_AR_DUAL_CONFIRM = {_fold(w) for w in ("اثنان", "اثنين", "اثنتان", "اثنتين")}
_AR_DUAL_PREFIXES = tuple(_fold(p) for p in ("", "و", "ف", "ب", "ل", "ال", "وال", "بال", "فال", "لل", "ولل"))

# ---------------------------------------------------------------------------------------
# Nouns

_EN_STOP = {
    "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "per", "the", "a", "an", "as",
    "than", "that", "which", "who", "were", "was", "is", "are", "have", "has", "had", "be", "been",
    "percent", "between", "during", "since", "until", "through", "this", "these", "those", "it", "its",
    "their", "his", "her", "more", "less", "fewer", "also", "but", "not", "no", "after", "before", "into",
    "out", "up", "over", "under", "while", "when", "where", "there", "here", "onwards", "onward", "each",
    "all", "alone", "only", "saw", "will", "would", "could", "should", "may", "might", "did", "do", "so",
    "cent", "if", "then", "against", "among", "amongst", "about", "nearly", "almost",
}
_AR_STOP = {_fold(w) for w in (
    "من", "في", "إلى", "على", "عن", "مع", "أو", "و", "ثم", "حتى", "منذ", "خلال", "بين", "التي", "الذي",
    "الذين", "اللذين", "اللتين", "هي", "هو", "هم", "ما", "لا", "لم", "لن", "قد", "أن", "إن", "كان", "كانت",
    "وفي",
    "ومن", "وحده", "وحدها", "وحدهم", "فقط", "تقريبا", "أي", "انظر", "بنسبة", "إلا", "أيضا", "وقد", "فيما",
    "بما", "كما", "عند", "لدى", "ضمن", "نحو", "حوالي", "ذلك", "تلك", "هذا", "هذه", "عام", "سنة", "منهم",
    "منها", "منهن", "بينهم", "بينها", "فيها", "فيهم", "عليها", "عليهم", "إليها",
)}
_EN_COMPOUNDS = {
    ("states", "parties"), ("state", "parties"), ("member", "states"), ("states", "members"),
    ("women", "and", "children"), ("boys", "and", "girls"), ("girls", "and", "boys"), ("men", "and", "women"),
    ("women", "and", "girls"),
}
_AR_CONJUNCTIONS = {_fold("و"), _fold("ف")}
_AR_COMPOUND_HEADS = {_fold(w) for w in ("دولة", "دول", "الدول", "دولا")}
_AR_COMPOUND_TAILS = {_fold(w) for w in ("طرفا", "طرف", "أطراف", "أطرافا", "عضوا", "عضو", "أعضاء")}
_EN_NOUN_RE = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)(?![0-9])")
_AR_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06fa-\u06fc"
_AR_NOUN_RE = re.compile(rf"\s*([{_AR_LETTERS}]+)(?![0-9])")


# ---------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int  # view offsets of the whole match
    end: int
    value: Decimal
    kind: str
    noun: str | None = None  # set for duals (the singular); else read from the text after
    number_end: int | None = None  # where the noun search starts (default: end)


def _is_latin(character: str) -> bool:
    return character.isascii() and character.isalpha()


def _is_arabic(character: str) -> bool:
    return bool(re.match(rf"[{_AR_LETTERS}]", character))


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


class _Finder:
    def __init__(self, text: str, language: str, skip_leading: bool) -> None:
        self.text = text
        self.arabic = language.lower().startswith("ar")
        self.view, self.index = fold_for_matching(text)
        self.occupied = bytearray(len(self.view) + 1)  # 1 where a view character is blocked or taken
        for start, end in self._blocked(skip_leading):
            self._occupy(start, end)
        self.date_spans = date_number_spans(self.view)
        self.candidates: list[_Candidate] = []

    # -- bookkeeping -----------------------------------------------------------------

    def _blocked(self, skip_leading: bool) -> list[tuple[int, int]]:
        view = self.view
        spans = [m.span() for m in _URL_RE.finditer(view)]
        spans += [m.span() for m in _SLASH_TOKEN_RE.finditer(view) if re.search(r"[0-9]", m.group(0))]
        spans += [m.span() for m in _JOB_NUMBER_RE.finditer(view)]
        spans += [m.span() for m in _TEX_RE.finditer(view)]
        spans += [m.span() for m in _GLUED_MARKER_RE.finditer(view)]
        if skip_leading:
            spans += [m.span() for m in _LEADING_NUMBER_RE.finditer(view)]
            spans += [m.span("n") for m in _INLINE_PARAGRAPH_NUMBER_RE.finditer(view)]
            if self.arabic:
                spans += [m.span() for m in _AR_BARE_LEADING_NUMBER_RE.finditer(view)]
        return spans

    def _occupy(self, start: int, end: int) -> None:
        self.occupied[start:end] = b"\x01" * (end - start)

    def _free(self, start: int, end: int) -> bool:
        return not any(self.occupied[start:end])

    def _add(self, candidate: _Candidate) -> None:
        self.candidates.append(candidate)
        self._occupy(candidate.start, candidate.end)

    def _add_words(self, start: int, end: int, value: int) -> None:
        """A number in words, with "per cent"/"في المائة" after it when printed."""
        percent = _PERCENT_AFTER_RE.match(self.view, end)
        kind = "word"
        if percent:
            kind, end = "percent", percent.end()
        if self._free(start, end):
            self._add(_Candidate(start, end, Decimal(value), kind))

    # -- resolutions and references ---------------------------------------------------

    def resolutions_and_references(self) -> None:
        view = self.view
        link = _AR_LIST_LINK_RE if self.arabic else _EN_LIST_LINK_RE
        for pattern, kind, number in ((_EN_RESOLUTION_RE, "symbol", _RESOLUTION_NUMBER_RE),
                                      (_AR_RESOLUTION_RE, "symbol", _RESOLUTION_NUMBER_RE),
                                      (_EN_REFERENCE_RE, "reference", _REFERENCE_NUMBER_RE),
                                      (_AR_REFERENCE_RE, "reference", _REFERENCE_NUMBER_RE)):
            for match in pattern.finditer(view):
                cursor = match.end()
                first = True
                while True:
                    found = number.match(view, cursor)
                    if not found:
                        break
                    end = found.end()
                    year = _RESOLUTION_YEAR_RE.match(view, end) if kind == "symbol" else None
                    if not first and not year and not _LIST_END_RE.match(view, end) and \
                            self._noun(end)[0] is not None:
                        break  # "paragraph 12, 15 States": the 15 is a count
                    if self._free(found.start(), found.end()):
                        self._add(
                            _Candidate(
                                found.start(), found.end(), self._reference_value(found.group(1)), kind
                            )
                        )
                    if year:
                        self._occupy(end, year.end())
                        end = year.end()
                    following = link.match(view, end)
                    if not following or not re.match(r"[0-9]", view[following.end():following.end() + 1]):
                        break
                    cursor = following.end()
                    first = False
        for match in _BARE_RESOLUTION_RE.finditer(view):
            year = _RESOLUTION_YEAR_RE.match(view, match.end())
            if year and self._free(*match.span()):
                self._add(_Candidate(match.start(), match.end(), Decimal(match.group(0)), "symbol"))
                self._occupy(match.end(), year.end())

    @staticmethod
    def _reference_value(printed: str) -> Decimal:
        head = re.match(r"[0-9]+(?:\.[0-9]+)?", printed)
        return Decimal(head.group(0)) if head else Decimal(0)

    # -- digits -------------------------------------------------------------------------

    def _glued_badly(self, start: int, end: int) -> bool:
        view = self.view
        before = view[start - 1] if start > 0 else ""
        before2 = view[start - 2] if start > 1 else ""
        after = view[end] if end < len(view) else ""
        after2 = view[end + 1] if end + 1 < len(view) else ""
        if before and _is_latin(before):
            return True  # A1, QDe115
        if before == "." and before2 and (before2.isalpha() or before2 in ")”\"'"):
            return True  # "groups.12" footnote marker, "PV.7934"
        if before == "-" and before2 and _is_latin(before2) and before2.isupper():
            return True  # COVID-19
        if before in ("_", "@", "#", "=", "/", "\\") or after in ("/", "\\", "_", "@"):
            return True
        if (before == ":" and before2.isdigit()) or (after == ":" and after2.isdigit()):
            return True  # times and ratios
        if after and _is_latin(after) and not _ORDINAL_AFTER_RE.match(view, end):
            return True  # "1V", "5G"
        if before and _is_arabic(before):
            word_start = start - 1
            while word_start > 0 and _is_arabic(view[word_start - 1]):
                word_start -= 1
            glued = view[word_start:start]
            if glued not in _AR_NUMBER_PREFIXES:
                return True  # digits inside a word
            if after and _is_arabic(after):
                return True
        return False

    def digits(self) -> None:
        view = self.view
        pattern = _AR_DIGITS_RE if self.arabic else _EN_DIGITS_RE
        for match in pattern.finditer(view):
            start, end = match.span()
            if not self._free(start, end) or self._glued_badly(start, end):
                continue
            printed_value, has_fraction, grouped, end = _printed_digits(match, view)
            value = Decimal(printed_value)
            kind = "decimal" if has_fraction else "count"
            number_end = end
            date_kind = self.date_spans.get((start, end))
            if date_kind:
                self._add(_Candidate(start, end, value, date_kind))
                continue
            ordinal = _ORDINAL_AFTER_RE.match(view, end)
            if ordinal and not has_fraction:
                self._add(_Candidate(start, ordinal.end(), value, "ordinal"))
                continue
            scale = _SCALE_AFTER_RE.match(view, end)
            if scale and self._free(end, scale.end()):
                value = _as_integral(value * _SCALE_LOOKUP[" ".join(scale.group("scale").lower().split())])
                kind = "count" if value == value.to_integral_value() else "decimal"
                end = scale.end()
            else:
                scale = None
            percent = _PERCENT_AFTER_RE.match(view, end)
            if percent and self._free(end, percent.end()):
                kind, end = "percent", percent.end()
            elif start > 0 and view[start - 1] == "%" and self._free(start - 1, start):
                kind, start = "percent", start - 1  # "%40": a percent sign read before its number
                percent = None
            else:
                percent = None
            currency = _CURRENCY_BEFORE_RE.search(view, max(0, start - 6), start)
            if currency and kind != "percent" and self._free(currency.start(), start):
                kind, start = "money", currency.start()
            if kind == "count" and not grouped and not scale and len(printed_value) == 4 \
                    and YEAR_MIN <= value <= YEAR_MAX:
                kind = "year_candidate"
            self._add(
                _Candidate(start, end, value, kind, number_end=end if (scale or percent) else number_end)
            )

    # -- words ---------------------------------------------------------------------------

    def english_words(self) -> None:
        view = self.view
        words = list(_EN_WORD_RE.finditer(view))
        i = 0
        while i < len(words):
            parsed = self._english_phrase(words, i)
            if parsed is None:
                i += 1
                continue
            value, last = parsed
            self._add_words(words[i].start(), words[last].end(), value)
            i = last + 1

    def _english_phrase(  # noqa: C901 - a number-word grammar read left to right; not split yet
        self, words: list[re.Match[str]], i: int
    ) -> tuple[int, int] | None:
        view = self.view
        first = words[i].group(0).lower()
        total, group, last_kind, last_index = 0, 0, "", -1
        j = i
        if first == "a" and i + 1 < len(words) and self._adjacent(words[i], words[i + 1], "space"):
            following = words[i + 1].group(0).lower()
            if following == "dozen":
                return 12, i + 1
            if following in ENGLISH_SCALES or following == "hundred":
                group, last_kind, last_index, j = 1, "unit", i, i + 1
        joined_by_and = False
        while j < len(words):
            word = words[j].group(0).lower()
            if j > i and last_index >= 0 and not joined_by_and and \
                    not self._adjacent(words[last_index], words[j], "any"):
                break
            joined_by_and = False
            if word in ENGLISH_UNITS:
                value = ENGLISH_UNITS[word]
                if last_kind in ("", "hundred", "scale") or (
                    last_kind == "tens"
                    and 1 <= value <= 9
                    and self._adjacent(words[j - 1], words[j], "hyphen")
                ):
                    group += value
                    last_kind = "teen" if value >= 10 else ("tens_unit" if last_kind == "tens" else "unit")
                else:
                    break
            elif word in ENGLISH_TENS:
                if last_kind in ("", "hundred", "scale"):
                    group += ENGLISH_TENS[word]
                    last_kind = "tens"
                else:
                    break
            elif word == "hundred" and last_kind in ("unit", "teen") and group < 100:
                group *= 100
                last_kind = "hundred"
            elif word in ENGLISH_SCALES and last_kind in ("unit", "teen", "tens", "tens_unit", "hundred"):
                total += group * ENGLISH_SCALES[word]
                group = 0
                last_kind = "scale"
            elif word == "and" and last_kind in ("hundred", "scale") and j + 1 < len(words) and \
                    words[j + 1].group(0).lower() in (ENGLISH_UNITS | ENGLISH_TENS) and \
                    self._adjacent(words[last_index], words[j], "space") and \
                    self._adjacent(words[j], words[j + 1], "space"):
                joined_by_and = True
                j += 1
                continue
            else:
                break
            last_index = j
            j += 1
        if last_index < 0 or last_kind == "":
            return None
        if first == "a" and last_index == i:
            return None
        phrase_end = words[last_index].end()
        # "twenty-first", "one-third", "three-year": hyphenated to a non-number word.
        if view[phrase_end:phrase_end + 1] == "-" and re.match(r"-[A-Za-z]", view[phrase_end:phrase_end + 2]):
            return None
        if words[i].group(0).lower() == "one" and last_index == i:
            before = words[i - 1].group(0).lower() if i > 0 else ""
            after = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
            possessive = view[phrase_end:phrase_end + 2] == "'s"
            if before in _EN_ONE_PRONOUN_BEFORE or after == "another" or possessive:
                return None
        if words[i].group(0).lower() == "zero" and last_index != i:
            return None
        return total + group, last_index

    def _adjacent(self, left: re.Match[str], right: re.Match[str], how: str) -> bool:
        gap = self.view[left.end():right.start()]
        if how == "hyphen":
            return gap == "-"
        if how == "space":
            return bool(re.fullmatch(r"[ \t\u00a0]+", gap))
        return bool(re.fullmatch(r"[ \t\u00a0]+|-", gap))

    def arabic_words(self) -> None:
        view = self.view
        tokens = list(re.finditer(rf"[{_AR_LETTERS}]+", view))
        i = 0
        while i < len(tokens):
            parsed = self._arabic_phrase(tokens, i)
            if parsed is None:
                i += 1
                continue
            value, last, prefix_length = parsed
            self._add_words(tokens[i].start() + prefix_length, tokens[last].end(), value)
            i = last + 1

    @staticmethod
    def _classify(word: str) -> list[tuple[str, str, int]]:
        """Readings of an Arabic word: (prefix, class, value), most likely first."""
        readings = []
        for prefix in _AR_PREFIXES:
            if not word.startswith(prefix):
                continue
            stem = word[len(prefix):]
            definite = prefix.endswith(_DEFINITE)
            if stem in _AR_UNITS:
                readings.append((prefix, "unit", _AR_UNITS[stem]))
            elif stem in _AR_TEEN_UNITS:
                readings.append((prefix, "teen_unit", _AR_TEEN_UNITS[stem]))
            elif stem in _AR_TEN:
                readings.append((prefix, "ten", 10))
            elif stem in _AR_TENS:
                readings.append((prefix, "tens", _AR_TENS[stem]))
            elif stem in _AR_HUNDRED and not definite:
                readings.append((prefix, "hundred", 100))
            elif stem in _AR_HUNDREDS and not definite:
                readings.append((prefix, "hundreds", _AR_HUNDREDS[stem]))
            elif stem in _AR_SCALE_WORDS and not definite:
                readings.append((prefix, "scale", 0))
        return readings

    def _arabic_phrase(  # noqa: C901 - Arabic number words, duals and conjunctions; not split yet
        self, tokens: list[re.Match[str]], i: int
    ) -> tuple[int, int, int] | None:
        word = tokens[i].group(0)
        if word in _AR_FALSE_WORDS:
            return None
        readings = self._classify(word)
        if not readings:
            return None
        next_is_ten = i + 1 < len(tokens) and self._gap_is_space(tokens[i], tokens[i + 1]) and \
            tokens[i + 1].group(0) in _AR_TEN
        if next_is_ten:  # "وأحد عشر" folds like "واحد": read the teen
            readings.sort(key=lambda r: r[1] != "teen_unit")
        prefix, kind, value = readings[0]
        definite = prefix.endswith(_DEFINITE)
        previous = tokens[i - 1].group(0) if i > 0 and self._gap_is_space(tokens[i - 1], tokens[i]) else ""
        stem = word[len(prefix):]
        total, current = 0, 0
        if previous in _AR_ORDINAL_WORDS:
            return None  # "التاسع عشر", "الحادي والعشرين": ordinals
        if kind == "scale":
            _, _, alone = _AR_SCALE_WORDS[stem]
            if not alone:
                return None  # "آلاف الأشخاص": thousands of people, no number
            if (stem == _fold("ألف") and self._is_heading_letter(tokens[i])) or previous in _AR_HEADING_WORDS:
                return None  # "ألف -", "الفرع ألف": the letter naming section A
            current, last_kind = alone, "scale"
        elif kind == "teen_unit":
            if not next_is_ten:
                return None
            current, last_kind = value, "unit"
        else:
            current, last_kind = value, kind
        if kind == "unit" and definite and value == 1:
            return None  # "الواحد": the one
        if kind == "unit" and value == 2 and (definite or previous == _fold("يوم")) and not next_is_ten:
            return None  # "الاثنين", "يوم الاثنين": Monday
        if kind == "unit" and value == 1 and previous == _fold("آن"):
            return None  # "في آن واحد": at the same time
        last = i
        j = i + 1
        while j < len(tokens) and self._gap_is_space(tokens[j - 1], tokens[j]):
            word_j = tokens[j].group(0)
            wa = word_j.startswith(_fold("و"))
            stem_j = word_j[1:] if wa else word_j
            if not wa and word_j in _AR_TEN and last_kind == "unit" and current % 100 < 10:
                current += 10
                last_kind = "teen"
            elif wa and stem_j in _AR_TENS and last_kind in ("unit",) and current % 100 < 10:
                current += _AR_TENS[stem_j]
                last_kind = "tens"
            elif not wa and word_j in _AR_HUNDRED and last_kind == "unit" and 3 <= current % 100 <= 9 \
                    and current < 10:
                current *= 100
                last_kind = "hundreds"
            elif not wa and word_j in _AR_SCALE_WORDS and last_kind in ("unit", "teen", "tens", "ten",
                                                                        "hundred", "hundreds"):
                multiplier, _, alone = _AR_SCALE_WORDS[word_j]
                if not multiplier:
                    break
                total += (current or 1) * multiplier
                current = 0
                last_kind = "scale"
            elif wa and last_kind in ("hundred", "hundreds", "scale"):
                if stem_j in _AR_UNITS and stem_j not in _AR_TEEN_UNITS:
                    current += _AR_UNITS[stem_j]
                    last_kind = "unit"
                elif stem_j in _AR_TEN:
                    current += 10
                    last_kind = "ten"
                elif stem_j in _AR_TENS:
                    current += _AR_TENS[stem_j]
                    last_kind = "tens"
                elif stem_j in _AR_HUNDRED:
                    current += 100
                    last_kind = "hundred"
                elif stem_j in _AR_HUNDREDS:
                    current += _AR_HUNDREDS[stem_j]
                    last_kind = "hundreds"
                elif stem_j in _AR_SCALE_WORDS and _AR_SCALE_WORDS[stem_j][2]:
                    current += _AR_SCALE_WORDS[stem_j][2]
                    last_kind = "scale"
                else:
                    break
            else:
                break
            last = j
            j += 1
        return total + current, last, len(prefix)

    def _gap_is_space(self, left: re.Match[str], right: re.Match[str]) -> bool:
        return bool(re.fullmatch(r"[ \t\u00a0]+", self.view[left.end():right.start()]))

    def _is_heading_letter(self, token: re.Match[str]) -> bool:
        """"ألف -" labels section A; so does a lone "ألف" at a line start."""
        view = self.view
        if re.match(r"\s*[-–—.]", view[token.end():token.end() + 3]):
            return True
        line_start = view.rfind("\n", 0, token.start()) + 1
        return not view[line_start:token.start()].strip()

    def arabic_duals(self) -> None:
        view = self.view
        for token in re.finditer(rf"[{_AR_LETTERS}]+", view):
            word = token.group(0)
            for prefix in _AR_DUAL_PREFIXES:
                if word.startswith(prefix) and word[len(prefix):] in _AR_DUAL_LOOKUP:
                    start, end = token.start() + len(prefix), token.end()
                    confirm = re.match(rf"[ \t\u00a0]+([{_AR_LETTERS}]+)", view[end:])
                    if confirm and confirm.group(1) in _AR_DUAL_CONFIRM:
                        end += confirm.end()
                    if self._free(start, end):
                        self._add(_Candidate(start, end, Decimal(2), "word",
                                             noun=_AR_DUAL_LOOKUP[word[len(prefix):]]))
                    break

    # -- context ------------------------------------------------------------------------

    def _noun(self, position: int) -> tuple[str | None, bool]:
        """The counted noun after `position`; and whether the next word is a lowercase or
        Arabic content word (the test that makes "2000 people" a count)."""
        view = self.view
        if self.arabic:
            first = _AR_NOUN_RE.match(view, position)
            if not first or "\n" in view[position:first.start(1)]:
                return None, False
            word = first.group(1)
            if word in _AR_STOP or (word[:1] in _AR_CONJUNCTIONS and word[1:] in _AR_STOP):
                return None, False
            end = first.end(1)
            second = _AR_NOUN_RE.match(view, end)
            if second and word in _AR_COMPOUND_HEADS and second.group(1) in _AR_COMPOUND_TAILS:
                end = second.end(1)
            return self._printed(first.start(1), end), True
        first = _EN_NOUN_RE.match(view, position)
        if not first or "\n" in view[position:first.start(1)]:
            return None, False
        word = first.group(1)
        if word.lower() in _EN_STOP:
            return None, False
        end = first.end(1)
        following = [word.lower()]
        cursor = end
        for _ in range(2):
            more = _EN_NOUN_RE.match(view, cursor)
            if not more:
                break
            following.append(more.group(1).lower())
            cursor = more.end(1)
            if tuple(following) in _EN_COMPOUNDS:
                end = cursor
        return self._printed(first.start(1), end), word[0].islower()

    def _span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of a view span, with the harakat or tatweel that end its last
        word ("كياناً")."""
        original_start, original_end = original_span(self.index, start, end)
        if end > start and _is_arabic(self.view[end - 1]):
            while original_end < len(self.text) and (self.text[original_end] in HARAKAT or
                                                     self.text[original_end] == TATWEEL):
                original_end += 1
        return original_start, original_end

    def _printed(self, start: int, end: int) -> str:
        return normalise_arabic(self.text[slice(*self._span(start, end))])

    def _qualifier_before(self, start: int) -> tuple[str, str | None, int]:
        """Qualifier before a view position: (qualifier, view span start, end) or exact."""
        window_start = max(0, start - 40)
        pattern = _AR_QUALIFIER_RE if self.arabic else _EN_QUALIFIER_RE
        lookup = _AR_QUALIFIER_LOOKUP if self.arabic else _EN_QUALIFIER_LOOKUP
        match = pattern.search(self.view, window_start, start)
        if not match:
            return "exact", None, -1
        key = " ".join(match.group("q").split())
        key = key if self.arabic else key.lower()
        qualifier = lookup.get(key, "exact")
        original_start, original_end = self._span(*match.span("q"))
        return qualifier, self.text[original_start:original_end], match.start("q")

    def _qualifier_after(self, position: int) -> tuple[str, str | None]:
        match = _AFTER_QUALIFIER_RE.match(self.view, position)
        if not match or "\n" in self.view[position:match.start("q")]:
            return "exact", None
        phrase = " ".join(match.group("q").split()).lower()
        original_start, original_end = self._span(*match.span("q"))
        return _AFTER_LOOKUP.get(phrase, "exact"), self.text[original_start:original_end]

    def _year_cue(self, start: int) -> bool:
        window_start = max(0, start - 40)
        cue = _AR_YEAR_CUE_RE if self.arabic else _EN_YEAR_CUE_RE
        return bool(cue.search(self.view, window_start, start) or
                    _YEAR_BEFORE_RE.search(self.view, window_start, start))

    def _year_or_count(self, candidate: _Candidate, qualifier: str, qualifier_text: str | None,
                       noun: str | None, content_word: bool) -> str:
        """A 4-digit number 1900–2100 printed without separators: a year or a count."""
        up_to_word = (
            qualifier_text is not None and _fold(" ".join(qualifier_text.split())).lower() in _UP_TO_WORDS
        )
        if qualifier != "exact" and not (up_to_word and not content_word):
            return "count"  # "أكثر من ٢٠٠٠ شخص"; but "حتى ٢٠١٧" is a year
        if self._year_cue(candidate.start):
            return "year"
        return "count" if content_word and noun is not None else "year"

    def build(self) -> list[NumberMatch]:
        found = []
        for candidate in sorted(self.candidates, key=lambda c: c.start):
            kind = candidate.kind
            qualifier, qualifier_text = "exact", None
            if kind not in ("date", "year", "symbol", "reference", "ordinal"):
                qualifier, qualifier_text, _ = self._qualifier_before(candidate.start)
            noun_position = candidate.number_end if candidate.number_end is not None else candidate.end
            noun, content_word = (candidate.noun, True) if candidate.noun else self._noun(noun_position)
            if kind == "year_candidate":
                kind = self._year_or_count(candidate, qualifier, qualifier_text, noun, content_word)
            if kind in ("year", "date", "symbol", "reference"):
                noun, qualifier, qualifier_text = None, "exact", None
            if qualifier == "exact" and kind in ("count", "word", "percent", "decimal", "money"):
                qualifier, qualifier_text = self._qualifier_after(noun_position)
            if kind == "count" and noun is not None and _fold(noun).lower() in _MONEY_NOUNS:
                kind = "money"
            start, end = self._span(candidate.start, candidate.end)
            found.append(NumberMatch(
                value=candidate.value, as_printed=self.text[start:end], start=start, end=end, kind=kind,
                qualifier=qualifier, qualifier_text=qualifier_text, noun=noun,
            ))
        return found

def find_numbers(text: str, language: str = "en", *, skip_leading_paragraph_number: bool = True
                 ) -> list[NumberMatch]:
    """Numbers in `text`, in order, with offsets into `text` (see the module notes).

    `language` ("en", "ar", ...) chooses the number words, qualifiers and nouns; digits
    are read in every script whatever the language. `text[m.start:m.end] == m.as_printed`.
    """
    finder = _Finder(text, language, skip_leading_paragraph_number)
    finder.resolutions_and_references()
    finder.digits()
    if finder.arabic:
        finder.arabic_duals()
        finder.arabic_words()
    else:
        finder.english_words()
    return finder.build()
