"""Arabic number words ("خمسة وعشرون", "ثلاثة آلاف", "مائتان") and the duals of a curated
list of nouns ("دولتان" is 2 with noun "دولة").

Words are matched in the view's spelling (alef and ya folded, no harakat), with a glued
conjunction, preposition or article in front ("وخمسة", "بثلاثة", "الخمسة"). The words
after an ordinal ("التاسع عشر", "الحادي والعشرين"), Monday ("الاثنين"), "the one"
("الواحد"), "آلاف الأشخاص" (thousands of people, no number) and the letter naming
section A ("ألف -") are not numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from unreports.text.numbers.spelling import AR_LETTERS, AR_WORD_RE, fold

# Arabic number words in the matching view's spelling (alef and ya folded, no harakat).
_AR_UNITS = {fold(k): v for k, v in {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاثة": 3, "ثلاث": 3,
    "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8,
    "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
}.items()}
# Only before عشر/عشرة: "أحد عشر", "إحدى عشرة", "اثنا عشر", "اثنتي عشرة".
_AR_TEEN_UNITS = {fold(k): v for k, v in {
    "أحد": 1, "إحدى": 1, "حادي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
}.items()}
_AR_TEN = {fold("عشرة"), fold("عشر")}
_AR_TENS = {fold(k): v for k, v in {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40, "خمسون": 50,
    "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90,
}.items()}
_AR_HUNDRED = {fold("مائة"), fold("مئة")}
_AR_HUNDREDS = {fold(k): v for k, v in {
    "مائتان": 200, "مائتين": 200, "مئتان": 200, "مئتين": 200, "مائتا": 200, "مئتا": 200,
    "ثلاثمائة": 300, "ثلاثمئة": 300, "أربعمائة": 400, "أربعمئة": 400, "خمسمائة": 500, "خمسمئة": 500,
    "ستمائة": 600, "ستمئة": 600, "سبعمائة": 700, "سبعمئة": 700, "ثمانمائة": 800, "ثمانمئة": 800,
    "ثمانيمائة": 800, "تسعمائة": 900, "تسعمئة": 900,
}.items()}
# Scale words: (multiplier, needs a number before it, value when standing alone).
_AR_SCALE_WORDS = {fold(k): v for k, v in {
    "ألف": (10**3, False, 10**3), "ألفا": (10**3, True, 0), "آلاف": (10**3, True, 0),
    "ألفان": (0, False, 2 * 10**3), "ألفين": (0, False, 2 * 10**3),
    "مليون": (10**6, False, 10**6), "مليونا": (10**6, True, 0), "ملايين": (10**6, True, 0),
    "مليونان": (0, False, 2 * 10**6), "مليونين": (0, False, 2 * 10**6),
    "مليار": (10**9, False, 10**9), "مليارا": (10**9, True, 0), "مليارات": (10**9, True, 0),
    "بليون": (10**9, False, 10**9), "بلايين": (10**9, True, 0),
}.items()}
_AR_PREFIXES = tuple(fold(p) for p in ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل", "ولل",
                                        "وب", "ول", "فب", "فل"))
_AR_ORDINAL_WORDS = {fold(w) for w in (
    "الحادي", "الحادية", "الثاني", "الثانية", "الثالث", "الثالثة", "الرابع", "الرابعة", "الخامس", "الخامسة",
    "السادس", "السادسة", "السابع", "السابعة", "الثامن", "الثامنة", "التاسع", "التاسعة", "حادي", "ثاني",
)}
_DEFINITE = (fold("ال"), fold("لل"))
_AR_HEADING_WORDS = {fold(w) for w in ("الفرع", "الفقرة", "الجزء", "المرفق", "القسم", "الباب", "الفصل")}
_AR_FALSE_WORDS = {fold(w) for w in ("لست",)}

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
_AR_DUAL_LOOKUP = {fold(d): singular for singular, duals in ARABIC_DUALS.items() for d in duals}
_AR_DUAL_CONFIRM = {fold(w) for w in ("اثنان", "اثنين", "اثنتان", "اثنتين")}
_AR_DUAL_PREFIXES = tuple(fold(p) for p in ("", "و", "ف", "ب", "ل", "ال", "وال", "بال", "فال", "لل", "ولل"))
_WA = fold("و")


def arabic_number_words(view: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, value) of each number-word phrase in `view`, left to right; the
    span leaves out a prefix glued to the first word ("و" of "وخمسة")."""
    reader = _ArabicWords(view)
    tokens = reader.tokens
    i = 0
    while i < len(tokens):
        parsed = reader.phrase(i)
        if parsed is None:
            i += 1
            continue
        value, last, prefix_length = parsed
        yield tokens[i].start() + prefix_length, tokens[last].end(), value
        i = last + 1


def arabic_duals(view: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, singular) of each dual of a listed noun, with the "اثنان" that may
    confirm it ("دولتان اثنتان")."""
    for token in AR_WORD_RE.finditer(view):
        word = token.group(0)
        for prefix in _AR_DUAL_PREFIXES:
            if word.startswith(prefix) and word[len(prefix):] in _AR_DUAL_LOOKUP:
                start, end = token.start() + len(prefix), token.end()
                confirm = re.match(rf"[ \t\u00a0]+([{AR_LETTERS}]+)", view[end:])
                if confirm and confirm.group(1) in _AR_DUAL_CONFIRM:
                    end += confirm.end()
                yield start, end, _AR_DUAL_LOOKUP[word[len(prefix):]]
                break


@dataclass
class _Number:
    """A phrase read so far: the finished scale groups ("ثلاثة آلاف"), the group being read
    and the kind of its last word."""

    current: int
    last_kind: str  # unit | teen | ten | tens | hundred | hundreds | scale
    total: int = 0

    def take(self, word: str) -> bool:
        """Add the next word when it continues the phrase; False (and no change) if not."""
        if word.startswith(_WA):
            return self._take_after_wa(word[1:])
        if word in _AR_TEN and self.last_kind == "unit" and self.current % 100 < 10:
            self.current += 10  # "خمسة عشر"
            self.last_kind = "teen"
        elif word in _AR_HUNDRED and self.last_kind == "unit" and 3 <= self.current % 100 <= 9 \
                and self.current < 10:
            self.current *= 100  # "ثلاث مائة"
            self.last_kind = "hundreds"
        elif word in _AR_SCALE_WORDS and self.last_kind in ("unit", "teen", "tens", "ten", "hundred",
                                                            "hundreds"):
            multiplier = _AR_SCALE_WORDS[word][0]
            if not multiplier:
                return False
            self.total += (self.current or 1) * multiplier  # "ثلاثة آلاف"
            self.current = 0
            self.last_kind = "scale"
        else:
            return False
        return True

    def _take_after_wa(self, stem: str) -> bool:
        """A word joined by "و": the tens after a unit ("خمسة وعشرون"), or any number word
        after a hundred or a scale ("مائة وخمسة", "ألف ومائتان")."""
        if stem in _AR_TENS and self.last_kind == "unit" and self.current % 100 < 10:
            self.current += _AR_TENS[stem]
            self.last_kind = "tens"
            return True
        if self.last_kind not in ("hundred", "hundreds", "scale"):
            return False
        addend = _addend(stem)
        if addend is None:
            return False
        self.current += addend[0]
        self.last_kind = addend[1]
        return True


def _addend(stem: str) -> tuple[int, str] | None:
    """(value, kind) of a number word added after a hundred or a scale."""
    if stem in _AR_UNITS and stem not in _AR_TEEN_UNITS:
        return _AR_UNITS[stem], "unit"
    if stem in _AR_TEN:
        return 10, "ten"
    if stem in _AR_TENS:
        return _AR_TENS[stem], "tens"
    if stem in _AR_HUNDRED:
        return 100, "hundred"
    if stem in _AR_HUNDREDS:
        return _AR_HUNDREDS[stem], "hundreds"
    if stem in _AR_SCALE_WORDS and _AR_SCALE_WORDS[stem][2]:
        return _AR_SCALE_WORDS[stem][2], "scale"
    return None


class _ArabicWords:
    """The grammar, read left to right over the view's Arabic words."""

    def __init__(self, view: str) -> None:
        self.view = view
        self.tokens = list(AR_WORD_RE.finditer(view))

    def phrase(self, i: int) -> tuple[int, int, int] | None:
        """(value, index of the last word, length of the first word's prefix) of the
        number phrase starting at word `i`."""
        opening = self._opening(i)
        if opening is None:
            return None
        prefix_length, number = opening
        last = i
        j = i + 1
        while j < len(self.tokens) and self._gap_is_space(j - 1, j) and number.take(self.tokens[j].group(0)):
            last = j
            j += 1
        return number.total + number.current, last, prefix_length

    def _opening(self, i: int) -> tuple[int, _Number] | None:
        """(prefix length, phrase so far) when word `i` can start a number, else None."""
        reading = self._reading(i)
        if reading is None:
            return None
        prefix, kind, value, next_is_ten = reading
        previous = self.tokens[i - 1].group(0) if i > 0 and self._gap_is_space(i - 1, i) else ""
        if previous in _AR_ORDINAL_WORDS:
            return None  # "التاسع عشر", "الحادي والعشرين": ordinals
        definite = prefix.endswith(_DEFINITE)
        if kind == "unit" and _not_a_count(value, definite, previous, next_is_ten):
            return None
        if kind == "scale":
            stem = self.tokens[i].group(0)[len(prefix):]
            alone = _AR_SCALE_WORDS[stem][2]
            if not alone:
                return None  # "آلاف الأشخاص": thousands of people, no number
            if (stem == fold("ألف") and self._is_heading_letter(i)) or previous in _AR_HEADING_WORDS:
                return None  # "ألف -", "الفرع ألف": the letter naming section A
            return len(prefix), _Number(alone, "scale")
        if kind == "teen_unit":
            return (len(prefix), _Number(value, "unit")) if next_is_ten else None
        return len(prefix), _Number(value, kind)

    def _reading(self, i: int) -> tuple[str, str, int, bool] | None:
        """(prefix, class, value, whether "عشر" follows) of word `i` read as a number word."""
        word = self.tokens[i].group(0)
        if word in _AR_FALSE_WORDS:
            return None
        readings = _classify(word)
        if not readings:
            return None
        next_is_ten = i + 1 < len(self.tokens) and self._gap_is_space(i, i + 1) and \
            self.tokens[i + 1].group(0) in _AR_TEN
        if next_is_ten:  # "وأحد عشر" folds like "واحد": read the teen
            readings.sort(key=lambda r: r[1] != "teen_unit")
        prefix, kind, value = readings[0]
        return prefix, kind, value, next_is_ten

    def _gap_is_space(self, left: int, right: int) -> bool:
        gap = self.view[self.tokens[left].end():self.tokens[right].start()]
        return bool(re.fullmatch(r"[ \t\u00a0]+", gap))

    def _is_heading_letter(self, i: int) -> bool:
        """"ألف -" labels section A; so does a lone "ألف" at a line start."""
        view = self.view
        token = self.tokens[i]
        if re.match(r"\s*[-–—.]", view[token.end():token.end() + 3]):
            return True
        line_start = view.rfind("\n", 0, token.start()) + 1
        return not view[line_start:token.start()].strip()


def _not_a_count(value: int, definite: bool, previous: str, next_is_ten: bool) -> bool:
    """A unit word that names no count here."""
    if definite and value == 1:
        return True  # "الواحد": the one
    if value == 2 and (definite or previous == fold("يوم")) and not next_is_ten:
        return True  # "الاثنين", "يوم الاثنين": Monday
    return value == 1 and previous == fold("آن")  # "في آن واحد": at the same time


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
