from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unreports.text import digits
from unreports.text.digits import (
    fold_for_matching,
    kashida_digit_runs,
    normalise_arabic,
    original_span,
    strip_diacritics,
    to_ascii_digits,
)


@pytest.mark.parametrize(("printed", "expected"), [
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
    ("١٢٬٣٤٥", "12,345"),
    ("٣٫٥", "3.5"),
    ("عام ٢٠١٩ و2020 و۲۰۲۱", "عام 2019 و2020 و2021"),
    ("no digits here", "no digits here"),
    ("⁽١⁾", "⁽1⁾"),  # superscript brackets stay, the digit is mapped
])
def test_to_ascii_digits(printed: str, expected: str) -> None:
    assert to_ascii_digits(printed) == expected


@given(st.text())
def test_to_ascii_digits_keeps_length(text: str) -> None:
    assert len(to_ascii_digits(text)) == len(text)


def test_normalise_arabic_folds_presentation_forms_and_tatweel() -> None:
    # Isolated/final/initial forms of the letters of "عربي" and a tatweel in "كـتاب".
    assert normalise_arabic("\ufecb\ufeae\ufe91\ufef2") == "عربي"
    assert normalise_arabic("كـتاب") == "كتاب"


def test_normalise_arabic_lam_alef_becomes_two_letters() -> None:
    folded = normalise_arabic("\ufefb")  # lam-alef ligature
    assert folded == "لا"
    assert len(folded) == 2


def test_normalise_arabic_keeps_diacritics_and_latin() -> None:
    assert normalise_arabic("كِتَابٌ S/2017/1") == "كِتَابٌ S/2017/1"


def test_strip_diacritics() -> None:
    assert strip_diacritics("كِتَابٌ عُقِدَ") == "كتاب عقد"
    assert strip_diacritics("هٰذا") == "هذا"  # superscript alef


@pytest.mark.parametrize(("text", "runs"), [
    ("ك11انون", [(1, 3)]),
    ("كـ1ـانون", [(2, 3)]),
    ("و١٧٧ دولة", []),  # a prefix then a number then a space: a real number
    ("عدد 12 حالة", []),
    ("abc12def", []),  # only Arabic letters on both sides count
])
def test_kashida_digit_runs(text: str, runs: list[tuple[int, int]]) -> None:
    assert kashida_digit_runs(text) == runs


def test_fold_for_matching_view_and_map() -> None:
    text = "أكثـر من ١٢٬٣٤٥ شخصٍ في ك11انون"
    view, index = fold_for_matching(text)
    assert view == "اكثر من 12,345 شخص في كانون"
    assert len(index) == len(view) + 1
    start = view.index("12,345")
    a, b = original_span(index, start, start + len("12,345"))
    assert text[a:b] == "١٢٬٣٤٥"
    a, b = original_span(index, view.index("كانون"), len(view))
    assert text[a:b] == "ك11انون"


def test_fold_for_matching_spaces_percent_and_invisible_marks() -> None:
    view, _ = fold_for_matching("16\u2009000 \u200f٤٠٪")
    assert view == "16 000 40%"


def test_fold_for_matching_presentation_forms_map_to_one_original_index() -> None:
    text = "\ufefb\ufe8e"  # lam-alef ligature, final alef
    view, index = fold_for_matching(text)
    assert view == "لاا"
    assert index[:3] == (0, 0, 1)


def test_the_space_separators_are_unicodes() -> None:
    zs = "".join(chr(c) for c in range(sys.maxunicode + 1)
                 if unicodedata.category(chr(c)) == "Zs" and c != 0x20)
    assert zs == digits.SPACE_SEPARATORS


_MIXED_TEXT = st.text(
    alphabet=st.sampled_from(
        "abc XYZ 0123456789.,%()-\u2019\u2013\u00e9\u00a0\u2009\u200b\u200f"
        "\u0627\u0623\u0625\u0649\u0640\u064e\u0661\u0662\u066a\u066b\ufefb\ufe8d"
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED_TEXT)
def test_the_shortcut_gives_the_character_by_character_view(text: str) -> None:
    """Text with nothing to fold is returned as it is; the full fold agrees."""
    assert digits.fold_for_matching(text) == digits._fold(text)
