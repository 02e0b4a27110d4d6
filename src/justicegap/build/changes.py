"""What changed since the previous version: the figures that moved and the data rows that differ.

Pure functions over metrics dictionaries and data folders (no kernel, no rendering); the site
shows their results on each version's index page.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA_SNAPSHOT = "data"  # a version's copy of the data it was built from


def flatten_metrics(metrics: dict) -> dict[str, dict]:
    """``{run: {key: entry}}`` as ``{"run/key": entry}``."""
    return {f"{run}/{key}": entry for run, entries in metrics.items() for key, entry in entries.items()}


def metric_changes(current: dict, previous: dict | None) -> list[dict]:
    """Every figure whose value differs between two versions' metrics (added and removed ones too)."""
    if previous is None:
        return []
    before, after = flatten_metrics(previous), flatten_metrics(current)
    rows = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, {}).get("value"), after.get(key, {}).get("value")
        if old != new:
            label = (after.get(key) or before.get(key))["label"]
            rows.append({"metric": key, "label": label, "before": old, "after": new})
    return rows


def previous_metrics(previous_dir: Path | None) -> dict | None:
    if previous_dir is None or not (previous_dir / "metrics.json").exists():
        return None
    return json.loads((previous_dir / "metrics.json").read_text())


def data_changes(previous_dir: Path | None, data_dir: Path, data_version: str) -> dict | None:
    """Row-level differences between the previous version's data snapshot and the data now."""
    if previous_dir is None or not (previous_dir / DATA_SNAPSHOT / "datapackage.json").exists():
        return None
    from ..data.diff import diff_data
    from ..data.schema import load_package

    before = load_package(previous_dir / DATA_SNAPSHOT).version
    return {"before": before, "after": data_version, "tables": diff_data(previous_dir / DATA_SNAPSHOT, data_dir)}


def listing(items: list[str], shown: int = 12) -> str:
    """At most ``shown`` items, comma-separated, then how many more."""
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def data_change_rows(changes: dict | None, shown: int = 12) -> dict | None:
    """The data changes as the index page lists them: per table, added / removed / changed (fields)."""
    if not changes:
        return None
    tables = [
        {
            "table": t.table,
            "added": listing(t.added, shown),
            "removed": listing(t.removed, shown),
            "changed": listing([f"{key} ({','.join(fields)})" for key, fields in t.changed], shown),
        }
        for t in changes["tables"]
    ]
    return {"before": changes["before"], "after": changes["after"], "tables": tables}
