"""One dynamic partition per document, keyed by a file-safe document id; runs cover ranges."""

from collections.abc import Iterable, Sequence

import dagster as dg
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

documents = dg.DynamicPartitionsDefinition(name="documents")
# Documents per `process_document` run: the asset's backfill policy, the CLI and the sensor.
MAX_PARTITIONS_PER_RUN = 500


def partition_ranges(order: Sequence[str], wanted: Iterable[str], max_size: int) -> list[list[str]]:
    """The wanted keys as runs of consecutive keys in the partitions' order (a Dagster run
    covers a key range), each at most max_size long; keys between two wanted ones are
    never swept in."""
    wanted = set(wanted)
    ranges: list[list[str]] = []
    current: list[str] = []
    for key in order:
        if key in wanted and len(current) < max_size:
            current.append(key)
            continue
        if current:
            ranges.append(current)
        current = [key] if key in wanted else []
    if current:
        ranges.append(current)
    return ranges


def range_tags(keys: Sequence[str]) -> dict[str, str]:
    """Run tags that make one run materialise the partitions keys[0]..keys[-1]."""
    return {ASSET_PARTITION_RANGE_START_TAG: keys[0], ASSET_PARTITION_RANGE_END_TAG: keys[-1]}
