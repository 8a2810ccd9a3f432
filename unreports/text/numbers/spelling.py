"""The matching view's spelling, shared by every reader of `numbers`.

Word lists and patterns are written as printed and folded the way `fold_for_matching`
folds the text, so they match the view whatever tatweel, harakat or hamza the page has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from unreports.text.digits import fold_for_matching

# Arabic letters of the view (no harakat or tatweel: the view has none).
AR_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06fa-\u06fc"
AR_WORD_RE = re.compile(rf"[{AR_LETTERS}]+")


def fold(pattern: str) -> str:
    return fold_for_matching(pattern)[0]


def _phrase(words: str) -> str:
    return r"\s+".join(re.escape(w) for w in words.split())


def phrases(table: Mapping[str, object], fold_keys: bool = False) -> str:
    """An alternation of the table's phrases, longest first, any run of spaces between words."""
    keys = sorted(table, key=len, reverse=True)
    return "|".join(_phrase(fold(k) if fold_keys else k) for k in keys)


def is_latin(character: str) -> bool:
    return character.isascii() and character.isalpha()


def is_arabic(character: str) -> bool:
    return bool(re.match(rf"[{AR_LETTERS}]", character))
