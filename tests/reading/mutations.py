"""Damaged copies of good PDFs, made deterministically from a seed: what the fuzz suite reads.

Each mutation is one kind of damage files get in transit or from broken producers: flipped
bytes, a truncated download, a range written twice or lost, stream lengths that no longer
match. The same (data, seed) always gives the same mutant, so a failure is reproducible
from the test id alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

LENGTH_RE = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")  # a direct /Length, not a reference


@dataclass(frozen=True)
class Mutant:
    name: str  # "<original>~<kind>-<seed>", readable in a test id
    kind: str
    description: str  # what was done, for a failure message
    data: bytes


def flip_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    out = bytearray(data)
    positions = sorted(rng.randrange(len(out)) for _ in range(rng.randint(1, 8)))
    for position in positions:
        out[position] ^= rng.randint(1, 255)
    return bytes(out), f"flipped bytes at {positions}"


def truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    end = rng.randint(len(data) // 10, len(data) - 1)
    return data[:end], f"cut at {end} of {len(data)} bytes"


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    length = rng.randint(64, min(8192, len(data) // 4))
    start = rng.randrange(len(data) - length)
    return start, start + length


def duplicate_range(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start, end = _span(data, rng)
    at = rng.randrange(len(data))
    return data[:at] + data[start:end] + data[at:], f"bytes {start}-{end} copied in at {at}"


def delete_range(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start, end = _span(data, rng)
    return data[:start] + data[end:], f"bytes {start}-{end} deleted"


def wrong_lengths(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Up to four direct /Length values changed; falls back to a byte flip without any."""
    matches = list(LENGTH_RE.finditer(data))
    if not matches:
        return flip_bytes(data, rng)
    chosen = sorted(rng.sample(matches, min(len(matches), rng.randint(1, 4))), key=lambda m: m.start())
    out, last, changes = [], 0, []
    for match in chosen:
        old = int(match.group(1))
        new = rng.choice(
            (max(0, old + rng.randint(-200, -1)), old + rng.randint(1, 200), rng.randint(0, 10 * old + 10))
        )
        out += [data[last:match.start(1)], str(new).encode()]
        last = match.end(1)
        changes.append(f"{old}->{new}")
    out.append(data[last:])
    return b"".join(out), f"/Length {', '.join(changes)}"


MUTATIONS: dict[str, Callable[[bytes, random.Random], tuple[bytes, str]]] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "duplicate": duplicate_range,
    "delete": delete_range,
    "length": wrong_lengths,
}


def mutants(name: str, data: bytes, count: int, *, seed: int = 20260107) -> list[Mutant]:
    """`count` mutants of one file, the kinds taken in turn, each from its own seed."""
    kinds = list(MUTATIONS)
    result = []
    for index in range(count):
        kind = kinds[index % len(kinds)]
        rng = random.Random(f"{seed}-{name}-{index}")
        mutated, description = MUTATIONS[kind](data, rng)
        result.append(Mutant(f"{name}~{kind}-{index}", kind, description, mutated))
    return result
