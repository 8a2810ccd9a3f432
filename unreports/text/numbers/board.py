"""The text being read for numbers: its matching view, the view characters already taken,
and the candidates found so far.

Every reader works on the view; a view character is taken once (blocked as a span never
read, or by an earlier candidate), so the first reader to claim a span keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from unreports.text.digits import HARAKAT, TATWEEL, fold_for_matching, normalise_arabic, original_span
from unreports.text.numbers.spelling import is_arabic


@dataclass
class Candidate:
    start: int  # view offsets of the whole match
    end: int
    value: Decimal
    kind: str
    noun: str | None = None  # set for duals (the singular); else read from the text after
    number_end: int | None = None  # where the noun search starts (default: end)


class Board:
    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.arabic = language.lower().startswith("ar")
        self.view, self.index = fold_for_matching(text)
        self.occupied = bytearray(len(self.view) + 1)  # 1 where a view character is blocked or taken
        self.candidates: list[Candidate] = []

    def occupy(self, start: int, end: int) -> None:
        self.occupied[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.occupied[start:end])

    def add(self, candidate: Candidate) -> None:
        self.candidates.append(candidate)
        self.occupy(candidate.start, candidate.end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of a view span, with the harakat or tatweel that end its last
        word ("كياناً")."""
        original_start, original_end = original_span(self.index, start, end)
        if end > start and is_arabic(self.view[end - 1]):
            while original_end < len(self.text) and (self.text[original_end] in HARAKAT or
                                                     self.text[original_end] == TATWEEL):
                original_end += 1
        return original_start, original_end

    def printed(self, start: int, end: int) -> str:
        """A view span as printed, tatweel and presentation forms folded."""
        return normalise_arabic(self.text[slice(*self.span(start, end))])
