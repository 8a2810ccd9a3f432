"""Paragraph text from page lines: joining wrapped lines and the published normal form."""

from __future__ import annotations

from unreports.text.digits import normalise_arabic


def normalise_text(text: str) -> str:
    """Published paragraph text: presentation forms folded, tatweel removed, spaces collapsed.

    Digits stay in the script they were printed in; readers of numbers accept all three.
    """
    return " ".join(normalise_arabic(text).split())


def join_lines(parts: list[str]) -> str:
    """Join visual lines of one paragraph; an English word broken with a hyphen is rejoined."""
    joined = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if joined.endswith("-") and len(joined) > 1 and joined[-2].isalpha() and part[:1].islower():
            joined += part
        else:
            joined = f"{joined} {part}" if joined else part
    return joined
