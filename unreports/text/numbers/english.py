"""English number words: "twenty-five", "two hundred and ten", "a dozen", "a million".

Ordinal words ("twenty-first"), fractions ("one-third") and compounds ("three-year") are
not read; neither is the pronoun "one" ("no one", "one another", "one's").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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
# Kinds of the last word read, for what may follow it.
_OPEN = ("", "hundred", "scale")  # a unit or a tens word may follow
_BEFORE_SCALE = ("unit", "teen", "tens", "tens_unit", "hundred")
# The words a phrase can start with: "a" ("a dozen", "a million"), a unit or a tens word
# ("hundred" and the scales need a number before them).
_STARTS = {"a", *ENGLISH_UNITS, *ENGLISH_TENS}


def english_number_words(view: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, value) of each number-word phrase in `view`, left to right."""
    reader = _EnglishWords(view)
    words, lowered = reader.words, reader.lowered
    i = 0
    while i < len(words):
        if lowered[i] not in _STARTS:  # no phrase starts here (most words of a text)
            i += 1
            continue
        parsed = reader.phrase(i)
        if parsed is None:
            i += 1
            continue
        value, last = parsed
        yield words[i].start(), words[last].end(), value
        i = last + 1


@dataclass
class _Phrase:
    """A phrase read so far: the finished scale groups ("two million"), the group being
    read ("three hundred and five") and the kind and index of its last number word."""

    total: int = 0
    group: int = 0
    last_kind: str = ""  # "" (none yet) | unit | teen | tens | tens_unit | hundred | scale
    last_index: int = -1


class _EnglishWords:
    """The grammar, read left to right over the view's Latin words."""

    def __init__(self, view: str) -> None:
        self.view = view
        self.words = list(_EN_WORD_RE.finditer(view))
        self.lowered = [word.group(0).lower() for word in self.words]

    def phrase(self, i: int) -> tuple[int, int] | None:
        """(value, index of the last word) of the number phrase starting at word `i`."""
        phrase = _Phrase()
        j = i
        if self._lower(i) == "a" and i + 1 < len(self.words) and self._adjacent(i, i + 1, "space"):
            following = self._lower(i + 1)
            if following == "dozen":
                return 12, i + 1
            if following in ENGLISH_SCALES or following == "hundred":  # "a million": one million
                phrase = _Phrase(group=1, last_kind="unit", last_index=i)
                j = i + 1
        self._extend(phrase, i, j)
        if phrase.last_index < 0 or phrase.last_kind == "" or not self._is_number(i, phrase.last_index):
            return None
        return phrase.total + phrase.group, phrase.last_index

    def _extend(self, phrase: _Phrase, i: int, j: int) -> None:
        """Read words from `j` while they continue the phrase started at `i`."""
        joined_by_and = False
        while j < len(self.words):
            if j > i and phrase.last_index >= 0 and not joined_by_and and \
                    not self._adjacent(phrase.last_index, j, "any"):
                return
            joined_by_and = False
            if self._joins_by_and(phrase, j):  # "two hundred and five"
                joined_by_and = True
                j += 1
                continue
            if not self._take(phrase, j):
                return
            phrase.last_index = j
            j += 1

    def _joins_by_and(self, phrase: _Phrase, j: int) -> bool:
        return self._lower(j) == "and" and phrase.last_kind in ("hundred", "scale") and \
            j + 1 < len(self.words) and self._lower(j + 1) in (ENGLISH_UNITS | ENGLISH_TENS) and \
            self._adjacent(phrase.last_index, j, "space") and self._adjacent(j, j + 1, "space")

    def _take(self, phrase: _Phrase, j: int) -> bool:
        """Add word `j` to the phrase when it may follow the last word read."""
        word = self._lower(j)
        last_kind = phrase.last_kind
        if word in ENGLISH_UNITS:
            value = ENGLISH_UNITS[word]
            hyphenated_unit = last_kind == "tens" and 1 <= value <= 9 and self._adjacent(j - 1, j, "hyphen")
            if last_kind not in _OPEN and not hyphenated_unit:
                return False  # "twenty-five" yes, "twenty five" and "five six" no
            phrase.group += value
            phrase.last_kind = "teen" if value >= 10 else ("tens_unit" if last_kind == "tens" else "unit")
        elif word in ENGLISH_TENS:
            if last_kind not in _OPEN:
                return False
            phrase.group += ENGLISH_TENS[word]
            phrase.last_kind = "tens"
        elif word == "hundred" and last_kind in ("unit", "teen") and phrase.group < 100:
            phrase.group *= 100
            phrase.last_kind = "hundred"
        elif word in ENGLISH_SCALES and last_kind in _BEFORE_SCALE:
            phrase.total += phrase.group * ENGLISH_SCALES[word]
            phrase.group = 0
            phrase.last_kind = "scale"
        else:
            return False
        return True

    def _is_number(self, i: int, last: int) -> bool:
        """Is the phrase of words `i`..`last` a number, not a word that only looks like one?"""
        view = self.view
        first = self._lower(i)
        if first == "a" and last == i:
            return False
        phrase_end = self.words[last].end()
        # "twenty-first", "one-third", "three-year": hyphenated to a non-number word.
        if view[phrase_end:phrase_end + 1] == "-" and re.match(r"-[A-Za-z]", view[phrase_end:phrase_end + 2]):
            return False
        if first == "one" and last == i:
            before = self._lower(i - 1) if i > 0 else ""
            after = self._lower(i + 1) if i + 1 < len(self.words) else ""
            possessive = view[phrase_end:phrase_end + 2] == "'s"
            if before in _EN_ONE_PRONOUN_BEFORE or after == "another" or possessive:
                return False
        return not (first == "zero" and last != i)

    def _lower(self, index: int) -> str:
        return self.lowered[index]

    def _adjacent(self, left: int, right: int, how: str) -> bool:
        """Are words `left` and `right` joined by a hyphen, by spaces, or by either ("any")?"""
        gap = self.view[self.words[left].end():self.words[right].start()]
        if how == "hyphen":
            return gap == "-"
        if how == "space":
            return bool(re.fullmatch(r"[ \t\u00a0]+", gap))
        return bool(re.fullmatch(r"[ \t\u00a0]+|-", gap))
