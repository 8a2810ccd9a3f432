"""The indicator registry: one TOML file per indicator in `unreports/indicators/`.

An analyst adds an indicator by adding a file; no pipeline code changes. Each file names
its rules per language: trigger words that must occur in the sentence, the nouns a
number must count, breakdown nouns, and optional vocabularies (instruments, actors,
locations). Every rule says which measure it yields: `level` (a count as at a date, a
stock: "189 States parties as at ...") or `change` (what happened during a period, a
flow: "two States became parties", "41 children were used"). See docs/indicators.md.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

INDICATOR_FOLDER = Path(__file__).resolve().parent.parent / "indicators"
MEASURES = ("level", "change")  # statistics.measure


@dataclass(frozen=True)
class Vocabulary:
    name: str  # canonical name, e.g. "Organized Crime Convention"
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Breakdown:
    nouns: re.Pattern[str]
    subject: str


@dataclass(frozen=True)
class SubjectOverride:
    pattern: re.Pattern[str]
    subject: str


@dataclass(frozen=True)
class Rule:
    rule_id: str
    language: str
    triggers: tuple[re.Pattern[str], ...]
    nouns: re.Pattern[str]
    subject: str
    measure: str  # "level" | "change" (MEASURES)
    breakdowns: tuple[Breakdown, ...] = ()
    subjects: tuple[SubjectOverride, ...] = ()
    as_of_words: tuple[str, ...] = ()
    location_patterns: tuple[re.Pattern[str], ...] = ()
    members: bool = False  # list the named members after the count (States that became parties)
    exclusions: tuple[re.Pattern[str], ...] = ()  # near a number, these make it another rule's
    instrument_side: str = "before"  # where the language names the instrument relative to the count


@dataclass(frozen=True)
class Indicator:
    name: str
    description: str
    unit: str
    rules: tuple[Rule, ...]
    instruments: tuple[Vocabulary, ...] = ()
    actors: tuple[Vocabulary, ...] = ()


class RegistryError(ValueError):
    pass


def _noun_pattern(nouns: list[str]) -> re.Pattern[str]:
    # Longest alternatives first, so "States parties" wins over "States".
    ordered = sorted(nouns, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(ordered) + r")$", re.IGNORECASE)


def _vocabulary(items: list[dict]) -> tuple[Vocabulary, ...]:
    return tuple(
        Vocabulary(item["name"], tuple(re.compile(re.escape(p)) for p in
                                       sorted(item["patterns"], key=len, reverse=True)))
        for item in items
    )


def _measure(rule: dict) -> str:
    measure = rule.get("measure")
    if measure not in MEASURES:
        found = "missing" if measure is None else repr(measure)
        raise RegistryError(f"rule {rule.get('id')!r}: measure is {found}; say {' or '.join(MEASURES)}")
    return measure


def _unit(data: dict) -> str:
    unit = data["unit"]
    if not isinstance(unit, str) or not unit.strip():
        raise RegistryError(f"unit must be a non-empty string, not {unit!r}")
    return unit


def load_indicator(path: Path) -> Indicator:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if not data.get("rules"):
            raise RegistryError("no [[rules]]")
        rules = tuple(
            Rule(
                rule_id=rule["id"],
                language=rule["language"],
                triggers=tuple(re.compile(t, re.IGNORECASE) for t in rule["triggers"]),
                nouns=_noun_pattern(rule["nouns"]),
                subject=rule["subject"],
                measure=_measure(rule),
                breakdowns=tuple(
                    Breakdown(_noun_pattern(b["nouns"]), b["subject"]) for b in rule.get("breakdowns", [])
                ),
                subjects=tuple(
                    SubjectOverride(re.compile(s["pattern"], re.IGNORECASE), s["subject"])
                    for s in rule.get("subjects", [])
                ),
                as_of_words=tuple(rule.get("as_of_words", [])),
                location_patterns=tuple(re.compile(p) for p in rule.get("location_patterns", [])),
                members=bool(rule.get("members", False)),
                exclusions=tuple(re.compile(e, re.IGNORECASE) for e in rule.get("exclusions", [])),
                instrument_side=rule.get(
                    "instrument_side", "after" if rule["language"] == "en" else "before"
                ),
            )
            for rule in data["rules"]
        )
        return Indicator(
            name=data["indicator"],
            description=data["description"],
            unit=_unit(data),
            rules=rules,
            instruments=_vocabulary(data.get("instruments", [])),
            actors=_vocabulary(data.get("actors", [])),
        )
    except RegistryError as error:
        raise RegistryError(f"{path.name}: {error}") from error
    except KeyError as error:
        raise RegistryError(f"{path.name}: missing key {error}") from error
    except (TypeError, re.error, tomllib.TOMLDecodeError) as error:
        raise RegistryError(f"{path.name}: {error}") from error


def registry_sha256(folder: Path = INDICATOR_FOLDER) -> str:
    """One digest of every indicator file (names and bytes): it changes when an analyst edits,
    adds or removes an indicator, so processed documents are processed again."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_registry(folder: Path = INDICATOR_FOLDER) -> tuple[Indicator, ...]:
    indicators = tuple(load_indicator(p) for p in sorted(folder.glob("*.toml")))
    names = [i.name for i in indicators]
    if len(set(names)) != len(names):
        raise RegistryError(f"duplicate indicator names in {folder}")
    return indicators
