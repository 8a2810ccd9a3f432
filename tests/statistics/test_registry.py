"""The registry: the digest that makes processed documents be processed again, and what
the loader refuses."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from unreports.statistics.registry import (
    INDICATOR_FOLDER,
    MEASURES,
    RegistryError,
    load_registry,
    registry_sha256,
)


def test_digest_follows_every_edit_to_the_indicator_files(tmp_path: Path) -> None:
    folder = tmp_path / "indicators"
    shutil.copytree(INDICATOR_FOLDER, folder)
    original = registry_sha256(folder)
    assert original == registry_sha256(INDICATOR_FOLDER)  # names and bytes only, not the path
    first = min(folder.glob("*.toml"))
    text = first.read_text(encoding="utf-8")

    first.write_text(text + "\n# an analyst's comment\n", encoding="utf-8")
    edited = registry_sha256(folder)
    first.write_text(text, encoding="utf-8")
    assert registry_sha256(folder) == original

    (folder / "zz_copy.toml").write_text(text.replace(f'indicator = "{load_registry(folder)[0].name}"',
                                                      'indicator = "another_indicator"'), encoding="utf-8")
    added = registry_sha256(folder)
    (folder / "zz_copy.toml").unlink()
    first.rename(folder / "renamed.toml")
    renamed = registry_sha256(folder)
    (folder / "renamed.toml").unlink()
    removed = registry_sha256(folder)
    assert len({original, edited, added, renamed, removed}) == 5


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "indicators"
    shutil.copytree(INDICATOR_FOLDER, folder)
    path = folder / "ratified_parties.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_every_shipped_rule_says_its_measure() -> None:
    measures = {rule.rule_id: rule.measure for indicator in load_registry() for rule in indicator.rules}
    assert set(measures.values()) == set(MEASURES)
    assert measures["ratified_parties.en.count"] == measures["ratified_parties.ar.count"] == "level"
    assert measures["ratified_parties.en.became"] == measures["ratified_parties.ar.became"] == "change"


@pytest.mark.parametrize(("old", "new", "message"), [
    ('measure = "level"\n', "", "measure is missing"),
    ('measure = "level"', 'measure = "stock"', "measure is 'stock'"),
    ('measure = "change"', 'measure = 2', "measure is 2"),
    ('unit = "States"', 'unit = ""', "unit must be a non-empty string"),
    ('subject = "States parties"\n', "", "missing key 'subject'"),
])
def test_loader_refuses_a_rule_without_a_known_measure(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    folder = _copy_with(tmp_path, old, new)
    with pytest.raises(RegistryError, match=re.escape(message)) as raised:
        load_registry(folder)
    assert "ratified_parties.toml" in str(raised.value)
