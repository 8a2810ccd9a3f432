"""The registry digest: what makes processed documents be processed again."""

from __future__ import annotations

import shutil
from pathlib import Path

from unreports.statistics.registry import INDICATOR_FOLDER, load_registry, registry_sha256


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
