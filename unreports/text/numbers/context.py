"""What the words around a number say: the qualifier before or after it ("more than",
"تقريبا"), the counted noun after it, and whether a 4-digit number is a year or a count.
"""

from __future__ import annotations

import re

from unreports.text.numbers.board import Board
from unreports.text.numbers.spelling import AR_LETTERS, fold, phrases

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
_AR_QUALIFIER_LOOKUP = {fold(k): v for k, v in ARABIC_QUALIFIERS.items()}
_EN_QUALIFIER_RE = re.compile(rf"(?<![A-Za-z])(?P<q>{phrases(ENGLISH_QUALIFIERS)})\s+$", re.IGNORECASE)
# A glued conjunction or preposition may precede an Arabic qualifier: "وأكثر من", "بنحو".
_AR_QUALIFIER_RE = re.compile(
    rf"(?<!\w)(?:[{fold('وفبلك')}]{{1,2}})?(?P<q>{phrases(ARABIC_QUALIFIERS, fold_keys=True)})\s*$"
)
_UP_TO_WORDS = {"up to", fold("حتى")}
_AFTER_QUALIFIERS = {
    "or more": "at_least", "or over": "at_least", "or fewer": "up_to", "or less": "up_to",
    "at least": "at_least", "approximately": "about",
    "تقريبا": "about", "على الأقل": "at_least", "أو أكثر": "at_least", "فأكثر": "at_least", "أو أقل": "up_to",
}
_AFTER_LOOKUP = {fold(" ".join(k.split())).lower(): v for k, v in _AFTER_QUALIFIERS.items()}
_AFTER_QUALIFIER_RE = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,2}?(?P<q>" + phrases(_AFTER_QUALIFIERS, fold_keys=True) + r")(?!\w)",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------------------
# Years

# Words after which a 4-digit number is a year.
_EN_YEAR_CUE_RE = re.compile(
    r"(?<![A-Za-z])(?:the|its|their|this|that|in|since|during|until|till|by|of|from|to|between|and|through|throughout|before|"
    r"after|early|mid|late|end|year|years|fiscal|spring|summer|autumn|fall|winter|as\s+at|as\s+of|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s*-?\s*$",
    re.IGNORECASE,
)
_AR_YEAR_CUE_RE = re.compile(fold(
    r"(?<!\w)[وفبل]{0,2}(?:عام|العام|عامي|سنة|السنة|منذ|حتى|خلال|طيلة|طوال|في|مطلع|أوائل|أواخر|منتصف"
    r"|نهاية|بداية|أواسط|غضون|يناير|فبراير|مارس|أبريل|مايو|يونيه|يونيو|يوليه|يوليو|أغسطس|سبتمبر|أكتوبر"
    r"|نوفمبر|ديسمبر|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|الأول|الثاني)\s*$"
))
# A year right before, joined by a dash, slash or conjunction: "2016 and 2017", "٢٠١٦ و٢٠١٧".
_YEAR_BEFORE_RE = re.compile(fold(
    r"(?<![0-9])(?:19|20)[0-9]{2}\s*(?:-|–|—|/|,|،|and|or|to|و|أو|إلى)\s*$"
), re.IGNORECASE)

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
_AR_STOP = {fold(w) for w in (
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
_AR_CONJUNCTIONS = {fold("و"), fold("ف")}
_AR_COMPOUND_HEADS = {fold(w) for w in ("دولة", "دول", "الدول", "دولا")}
_AR_COMPOUND_TAILS = {fold(w) for w in ("طرفا", "طرف", "أطراف", "أطرافا", "عضوا", "عضو", "أعضاء")}
_EN_NOUN_RE = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)(?![0-9])")
_AR_NOUN_RE = re.compile(rf"\s*([{AR_LETTERS}]+)(?![0-9])")
# A count followed by one of these is money ("5 million dollars").
MONEY_NOUNS = {"dollars", "dollar", "euros", "euro", fold("دولار"), fold("دولارا"), fold("دولارات"),
               fold("يورو")}


def counted_noun(board: Board, position: int) -> tuple[str | None, bool]:
    """The counted noun after `position`; and whether the next word is a lowercase or
    Arabic content word (the test that makes "2000 people" a count)."""
    view = board.view
    if board.arabic:
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
        return board.printed(first.start(1), end), True
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
    return board.printed(first.start(1), end), word[0].islower()


def qualifier_before(board: Board, start: int) -> tuple[str, str | None]:
    """The qualifier before a view position and its words as printed, or ("exact", None)."""
    window_start = max(0, start - 40)
    pattern = _AR_QUALIFIER_RE if board.arabic else _EN_QUALIFIER_RE
    lookup = _AR_QUALIFIER_LOOKUP if board.arabic else _EN_QUALIFIER_LOOKUP
    match = pattern.search(board.view, window_start, start)
    if not match:
        return "exact", None
    key = " ".join(match.group("q").split())
    key = key if board.arabic else key.lower()
    qualifier = lookup.get(key, "exact")
    original_start, original_end = board.span(*match.span("q"))
    return qualifier, board.text[original_start:original_end]


def qualifier_after(board: Board, position: int) -> tuple[str, str | None]:
    """A qualifier after the number and its noun ("or more", "تقريبا"), or ("exact", None)."""
    match = _AFTER_QUALIFIER_RE.match(board.view, position)
    if not match or "\n" in board.view[position:match.start("q")]:
        return "exact", None
    phrase = " ".join(match.group("q").split()).lower()
    original_start, original_end = board.span(*match.span("q"))
    return _AFTER_LOOKUP.get(phrase, "exact"), board.text[original_start:original_end]


def year_or_count(board: Board, start: int, qualifier: str, qualifier_text: str | None,
                  noun: str | None, content_word: bool) -> str:
    """A 4-digit number 1900–2100 printed without separators at view `start`: a year or a count."""
    up_to_word = (
        qualifier_text is not None and fold(" ".join(qualifier_text.split())).lower() in _UP_TO_WORDS
    )
    if qualifier != "exact" and not (up_to_word and not content_word):
        return "count"  # "أكثر من ٢٠٠٠ شخص"; but "حتى ٢٠١٧" is a year
    if _year_cue(board, start):
        return "year"
    return "count" if content_word and noun is not None else "year"


def _year_cue(board: Board, start: int) -> bool:
    window_start = max(0, start - 40)
    cue = _AR_YEAR_CUE_RE if board.arabic else _EN_YEAR_CUE_RE
    return bool(cue.search(board.view, window_start, start) or
                _YEAR_BEFORE_RE.search(board.view, window_start, start))
