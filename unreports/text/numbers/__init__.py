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

Layout: `finder.find_numbers` runs the readers in this order, each in its own module:
`skipped` (spans never read), `references` (resolutions and references), `figures`
(digits, with scale, per cent, currency, ordinal), then `arabic` (duals, number words) or
`english` (number words). `context` then gives each candidate its qualifier, noun and
final kind (a year or a count). The readers share a `board.Board` (the matching view and
the characters already taken); `spelling` folds their word lists the way the text is.
"""

from __future__ import annotations

# The word tables stay importable from here, where they were before the split.
from unreports.text.numbers.arabic import ARABIC_DUALS
from unreports.text.numbers.context import ARABIC_QUALIFIERS, ENGLISH_QUALIFIERS
from unreports.text.numbers.english import ENGLISH_SCALES, ENGLISH_TENS, ENGLISH_UNITS
from unreports.text.numbers.figures import SCALES, YEAR_MAX, YEAR_MIN
from unreports.text.numbers.finder import NumberMatch, find_numbers

__all__ = [
    "NumberMatch", "find_numbers",
    "ARABIC_DUALS", "ARABIC_QUALIFIERS", "ENGLISH_QUALIFIERS", "ENGLISH_SCALES", "ENGLISH_TENS",
    "ENGLISH_UNITS", "SCALES", "YEAR_MAX", "YEAR_MIN",
]
