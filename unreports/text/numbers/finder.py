"""`find_numbers`: the readers run in order over one text, then each candidate learns its
qualifier, noun and final kind from the words around it.

Order matters: a view character is taken once, so references and resolution numbers
("article 10") are read before plain digits, and digits before number words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unreports.text.dates import date_number_spans
from unreports.text.numbers.arabic import arabic_duals, arabic_number_words
from unreports.text.numbers.board import Board, Candidate
from unreports.text.numbers.context import (
    MONEY_NOUNS,
    counted_noun,
    qualifier_after,
    qualifier_before,
    year_or_count,
)
from unreports.text.numbers.english import english_number_words
from unreports.text.numbers.figures import PERCENT_AFTER_RE, read_figures
from unreports.text.numbers.references import read_references
from unreports.text.numbers.skipped import blocked_spans
from unreports.text.numbers.spelling import fold


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


def find_numbers(text: str, language: str = "en", *, skip_leading_paragraph_number: bool = True
                 ) -> list[NumberMatch]:
    """Numbers in `text`, in order, with offsets into `text` (see the `unreports.text.numbers`
    package notes).

    `language` ("en", "ar", ...) chooses the number words, qualifiers and nouns; digits
    are read in every script whatever the language. `text[m.start:m.end] == m.as_printed`.
    """
    board = Board(text, language)
    for start, end in blocked_spans(board.view, board.arabic, skip_leading_paragraph_number):
        board.occupy(start, end)
    read_references(board)
    read_figures(board, date_number_spans(board.view))
    if board.arabic:
        for start, end, singular in arabic_duals(board.view):
            if board.free(start, end):
                board.add(Candidate(start, end, Decimal(2), "word", noun=singular))
        for start, end, value in arabic_number_words(board.view):
            _add_words(board, start, end, value)
    else:
        for start, end, value in english_number_words(board.view):
            _add_words(board, start, end, value)
    return [_match(board, candidate) for candidate in sorted(board.candidates, key=lambda c: c.start)]


def _add_words(board: Board, start: int, end: int, value: int) -> None:
    """A number in words, with "per cent"/"في المائة" after it when printed."""
    percent = PERCENT_AFTER_RE.match(board.view, end)
    kind = "word"
    if percent:
        kind, end = "percent", percent.end()
    if board.free(start, end):
        board.add(Candidate(start, end, Decimal(value), kind))


def _match(board: Board, candidate: Candidate) -> NumberMatch:
    """A candidate with its qualifier, noun and final kind (a year or a count, money)."""
    kind = candidate.kind
    qualifier, qualifier_text = "exact", None
    if kind not in ("date", "year", "symbol", "reference", "ordinal"):
        qualifier, qualifier_text = qualifier_before(board, candidate.start)
    noun_position = candidate.number_end if candidate.number_end is not None else candidate.end
    noun, content_word = (candidate.noun, True) if candidate.noun else counted_noun(board, noun_position)
    if kind == "year_candidate":
        kind = year_or_count(board, candidate.start, qualifier, qualifier_text, noun, content_word)
    if kind in ("year", "date", "symbol", "reference"):
        noun, qualifier, qualifier_text = None, "exact", None
    if qualifier == "exact" and kind in ("count", "word", "percent", "decimal", "money"):
        qualifier, qualifier_text = qualifier_after(board, noun_position)
    if kind == "count" and noun is not None and fold(noun).lower() in MONEY_NOUNS:
        kind = "money"
    start, end = board.span(candidate.start, candidate.end)
    return NumberMatch(
        value=candidate.value, as_printed=board.text[start:end], start=start, end=end, kind=kind,
        qualifier=qualifier, qualifier_text=qualifier_text, noun=noun,
    )
