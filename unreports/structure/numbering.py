"""Paragraph numbering: read a printed paragraph-number token and decode the sequence.

UN body paragraphs run 1..N without gaps in every language version. OCR damages the
printed numbers (Arabic-Indic digits read as Latin look-alikes, digit order reversed,
digits lost, numbers lost entirely, two paragraphs merged into one line). We decode the
most likely numbering of a sequence of text units with a monotone decoder (dynamic
programming over "which number did the last paragraph start have"), scoring each unit's
printed token against each candidate number with a glyph-confusion model. The
confusion model describes how digit shapes are misread, not any one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Digit value of each character that can stand for a digit, by script.
_DIGIT_VALUES: dict[str, int] = {}
for _base in (0x30, 0x660, 0x6F0):  # ASCII, Arabic-Indic, Extended Arabic-Indic
    for _d in range(10):
        _DIGIT_VALUES[chr(_base + _d)] = _d

# OCR look-alikes: printed character -> {true digit: log-score penalty}. A smaller
# penalty means a more common confusion. ASCII digits printed in an Arabic document are
# often misread Arabic-Indic shapes (the Arabic 2, 3 and 6 look like a Latin 7, the
# Arabic 4 like a Latin 2 or 6, the Arabic 5 like a 0 or 9, the Arabic 0 is a dot).
LOOKALIKE_PENALTY: dict[str, dict[int, float]] = {
    "7": {2: 0.6, 3: 0.8, 6: 0.8},
    "V": {7: 0.4},
    "v": {7: 0.4},
    "A": {8: 0.4},
    "\\": {8: 0.6},
    "^": {8: 0.8},
    "0": {5: 0.6},
    "9": {5: 0.8},
    "•": {0: 0.4},
    "·": {0: 0.4},
    ".": {0: 1.2},
    "o": {0: 0.6, 5: 1.0},
    "O": {0: 0.6, 5: 1.0},
    "2": {4: 1.0},
    "6": {4: 1.0},
    "3": {4: 1.2},
    "l": {1: 0.5},
    "I": {1: 0.5},
    "|": {1: 0.5},
    "r": {2: 0.8},
}

# A token is a short run of digit-like characters at the start of a unit, optionally
# followed (Arabic "١٢ -") or preceded (OCR of a reversed line, "- 0") by a dash, or
# followed by a full stop (English "12."; OCR sometimes doubles it: "12..").
DASHES = "-–—−"
_TOKEN_CHARS = "".join(_DIGIT_VALUES) + "".join(LOOKALIKE_PENALTY)
_TOKEN_CHARS_RE = re.escape("".join(sorted(set(_TOKEN_CHARS) - set(".")))) + r"\s"
LEADING_TOKEN_RE = re.compile(
    rf"^\s*(?P<pre_dash>[{DASHES}]\s*)?(?P<token>[{_TOKEN_CHARS_RE}]{{1,7}})"
    rf"\s*(?P<post>[{DASHES}]|\.\.?(?=\s))?(?=\s)"
)

MAX_TOKEN_CHARACTERS = 3  # paragraph numbers stay below 1000
EXACT_DIGIT_SCORE = 1.5  # reward per correctly printed digit
UNRELATED_SUBSTITUTION = 2.5
DIGIT_DROPPED = 2.0
EXTRA_CHARACTER = 2.0
REVERSED_ORDER = 0.8  # OCR of right-to-left text sometimes reverses a digit run


@dataclass(frozen=True)
class NumberToken:
    """A paragraph-number-like token as printed at the start of a text unit."""

    printed: str  # the whole prefix as printed, e.g. "٢٠ -" or "1 \\ -"
    characters: str  # the digit-like characters only, spaces removed
    has_dash: bool  # "١٢ -" / "12." style: a strong paragraph-start signal
    length: int  # characters of the unit taken by the prefix (to strip it)

    @property
    def exact_value(self) -> int | None:
        """The number if every character is a real digit (any script)."""
        if self.characters and all(c in _DIGIT_VALUES for c in self.characters):
            return int("".join(str(_DIGIT_VALUES[c]) for c in self.characters))
        return None


def read_leading_token(text: str) -> NumberToken | None:
    """The paragraph-number token at the start of `text`, if any."""
    match = LEADING_TOKEN_RE.match(text + " ")
    if not match:
        return None
    if not match.group("post") and text[match.end():].lstrip().startswith(")"):
        return None  # "12) ..." is a list item, never a paragraph number
    characters = re.sub(r"\s", "", match.group("token"))
    if len(characters) > MAX_TOKEN_CHARACTERS:
        return None  # a year or a quantity, not a paragraph number
    if not characters or not any(c in _DIGIT_VALUES or c in "•VvA\\" for c in characters):
        return None
    # A token made only of letters that are also words ("A" in English) needs a dash.
    has_dash = bool(match.group("pre_dash") or match.group("post"))
    if not has_dash and not any(c in _DIGIT_VALUES for c in characters):
        return None
    end = match.end()
    return NumberToken(match.group(0).strip(), characters, has_dash, min(end, len(text)))


def _char_cost(printed: str, digit: int) -> float:
    """Negative log-score of reading `printed` where `digit` was written."""
    if _DIGIT_VALUES.get(printed) == digit:
        return -EXACT_DIGIT_SCORE
    penalty = LOOKALIKE_PENALTY.get(printed, {}).get(digit)
    if penalty is not None:
        return penalty
    return UNRELATED_SUBSTITUTION


@lru_cache(maxsize=65536)
def _alignment_cost(printed: str, digits: tuple[int, ...]) -> float:
    """Edit distance with confusion-weighted substitutions."""
    rows, cols = len(printed), len(digits)
    table = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        table[i][0] = i * EXTRA_CHARACTER
    for j in range(1, cols + 1):
        table[0][j] = j * DIGIT_DROPPED
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            table[i][j] = min(
                table[i - 1][j - 1] + _char_cost(printed[i - 1], digits[j - 1]),
                table[i - 1][j] + EXTRA_CHARACTER,
                table[i][j - 1] + DIGIT_DROPPED,
            )
    return table[rows][cols]


def token_score(token: NumberToken, number: int) -> float:
    """Log-score that `token` is the printed form of paragraph `number` (higher is better)."""
    digits = tuple(int(d) for d in str(number))
    forward = _alignment_cost(token.characters, digits)
    backward = _alignment_cost(token.characters[::-1], digits) + REVERSED_ORDER
    return -min(forward, backward)


@dataclass(frozen=True)
class Unit:
    """One text unit offered to the decoder (a line, or part of a line)."""

    token: NumberToken | None
    after_heading: bool = False  # a paragraph cannot continue across a heading
    previous_ends_sentence: bool = True
    inline: bool = False  # split out of the middle of a line (merged paragraphs)
    # The layout shows that a block of text ended just before this unit (OCR text that
    # holds one block per line); a wrapped line of a paragraph is no block start.
    block_start: bool = False


@dataclass(frozen=True)
class Decision:
    number: int | None  # None: continuation of the previous paragraph (or front matter)
    source: str | None  # "printed" | "repaired" | "inferred"
    after_gap: bool = False  # the number before this one was never found in the text


# Scores of the non-matching alternatives (log-odds, tuned on generated variants).
CONTINUE_DASHED_TOKEN = -7.0  # "12 -" at a line start is almost always a paragraph start
CONTINUE_PLAIN_TOKEN = -2.0
CONTINUE_INLINE_TOKEN = -1.5  # leaving a mid-line "74 -" inside its line
START_WITHOUT_DASH = -1.0
START_INLINE = -1.0
START_MISSING_AFTER_HEADING = -0.5
START_MISSING_AFTER_SENTENCE = -3.0
# A new block after a finished sentence, with no number: a paragraph whose number was lost
# or a paragraph cut at a page break just after a full stop. Inside the body the numbers
# that follow decide; after the last printed number nothing does, and a flagged inferred
# paragraph is the better error than its figures quoted under the previous number.
START_MISSING_NEW_BLOCK = 0.5
START_MISSING_MID_SENTENCE = -7.0
CONTINUE_AFTER_HEADING = -12.0
START_BONUS = 2.0  # prior for a well-formed start; keeps tokens from being ignored
EXACT_MATCH_BONUS = 1.0
# A paragraph lost entirely (merged into another line without a visible start) is a gap
# in the numbering: allowed, costly and flagged, so one loss does not shift every number.
GAP_PENALTY = -9.0


def _start_score(unit: Unit, number: int) -> tuple[float, str]:
    if unit.token is None:
        if unit.after_heading:
            return START_MISSING_AFTER_HEADING, "inferred"
        if unit.previous_ends_sentence:
            if unit.block_start:
                return START_MISSING_NEW_BLOCK, "inferred"
            return START_MISSING_AFTER_SENTENCE, "inferred"
        return START_MISSING_MID_SENTENCE, "inferred"
    score = token_score(unit.token, number) + START_BONUS
    exact = unit.token.exact_value == number
    if exact:
        score += EXACT_MATCH_BONUS
    if not unit.token.has_dash:
        score += START_WITHOUT_DASH
    if unit.inline:
        score += START_INLINE
    return score, "printed" if exact else "repaired"


def _continue_score(unit: Unit) -> float:
    if unit.after_heading:
        return CONTINUE_AFTER_HEADING
    if unit.token is None:
        return 0.0
    if unit.inline:
        return CONTINUE_INLINE_TOKEN
    return CONTINUE_DASHED_TOKEN if unit.token.has_dash else CONTINUE_PLAIN_TOKEN


# States more than this far below the best so far are dropped (beam search). Without it
# the decoder is quadratic in the number of lines (1.5 s for a 1,200-line report); a state
# this far behind would need several gap penalties' worth of later evidence to win, and
# tests/structure/test_numbering.py checks the beam against the exhaustive decoder.
BEAM = 4 * -GAP_PENALTY


def decode_numbering(
    units: list[Unit], first_number: int = 1, *, beam: float | None = BEAM
) -> list[Decision]:
    """Most likely assignment of paragraph numbers first_number.. to the units, in order.

    Each unit either starts the next paragraph or continues the current one; numbers
    never skip. Units before the first start are front matter (number None). `beam=None`
    keeps every state (exact, quadratic).
    """
    if not units:
        return []
    # best[k]: best score with k paragraphs started so far; back pointers per unit.
    best: dict[int, float] = {0: 0.0}
    back: list[dict[int, tuple[int, str | None]]] = []
    for unit in units:
        new: dict[int, float] = {}
        pointers: dict[int, tuple[int, str | None]] = {}
        cont = _continue_score(unit)
        for k, score_k in best.items():
            # Continuation (front matter when k == 0 is free of the heading rule).
            stay = score_k + (cont if k > 0 else (0.0 if unit.token is None else cont))
            if stay > new.get(k, float("-inf")):
                new[k] = stay
                pointers[k] = (k, None)
            for step, penalty in ((1, 0.0), (2, GAP_PENALTY)):
                if step == 2 and (k == 0 or unit.token is None):
                    continue
                score, source = _start_score(unit, first_number + k + step - 1)
                total = score_k + score + penalty
                if total > new.get(k + step, float("-inf")):
                    new[k + step] = total
                    pointers[k + step] = (k, source)
        if beam is not None:
            floor = max(new.values()) - beam
            new = {k: score for k, score in new.items() if score >= floor}
        best = new
        back.append(pointers)
    k = max(best, key=lambda i: (best[i], -i))
    decisions: list[Decision] = []
    for pointers in reversed(back):
        previous, how = pointers[k]
        if previous < k and how is not None:
            decisions.append(Decision(first_number + k - 1, how, after_gap=k - previous > 1))
        else:
            decisions.append(Decision(None, None))
        k = previous
    decisions.reverse()
    return decisions
