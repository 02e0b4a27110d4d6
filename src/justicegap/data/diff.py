"""What changed in the data between two snapshots (e.g. the previous report's ``data/`` and now).

Rows are matched on each table's primary key from ``datapackage.json``. Where the key includes a
value that analysts edit (an event's date is part of the events key), a row whose key changed
only in its last field is reported as *changed* rather than as one row removed and one added,
provided the match is unambiguous. Tables without a key (gaps) are compared as sets of rows.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from pathlib import Path

from .schema import load_package


@dataclasses.dataclass
class TableDiff:
    table: str
    added: list[str] = dataclasses.field(default_factory=list)
    removed: list[str] = dataclasses.field(default_factory=list)
    changed: list[tuple[str, list[str]]] = dataclasses.field(default_factory=list)  # (row key, fields)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return [], []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
        return [f.strip() for f in reader.fieldnames or []], rows


def _label(key: tuple[str, ...]) -> str:
    return "/".join(key)


def _fields_differing(a: dict, b: dict) -> list[str]:
    return [f for f in sorted(set(a) | set(b)) if a.get(f) != b.get(f)]


def diff_table(name: str, key: tuple[str, ...], old: list[dict], new: list[dict]) -> TableDiff:
    out = TableDiff(name)
    if not key:
        as_tuple = lambda rows: Counter(tuple(sorted(r.items())) for r in rows)  # noqa: E731
        before, after = as_tuple(old), as_tuple(new)
        out.removed = [f"{n} row(s)" for n in [sum((before - after).values())] if n]
        out.added = [f"{n} row(s)" for n in [sum((after - before).values())] if n]
        return out
    index = lambda rows: {tuple(r.get(k, "") for k in key): r for r in rows}  # noqa: E731
    before, after = index(old), index(new)
    gone = {k: before[k] for k in before.keys() - after.keys()}
    came = {k: after[k] for k in after.keys() - before.keys()}
    if len(key) > 1:  # pair rows whose key differs only in the last field (e.g. an event's date)
        stem = lambda rows: Counter(k[:-1] for k in rows)  # noqa: E731
        gone_stems, came_stems = stem(gone), stem(came)
        for k_old in sorted(gone):
            if gone_stems[k_old[:-1]] != 1 or came_stems[k_old[:-1]] != 1:
                continue
            k_new = next(k for k in came if k[:-1] == k_old[:-1])
            out.changed.append((_label(k_old[:-1]), _fields_differing(gone[k_old], came[k_new])))
            del gone[k_old], came[k_new]
    for k in sorted(before.keys() & after.keys()):
        fields = _fields_differing(before[k], after[k])
        if fields:
            out.changed.append((_label(k), fields))
    out.changed.sort()
    out.removed = [_label(k) for k in sorted(gone)]
    out.added = [_label(k) for k in sorted(came)]
    return out


def diff_data(old_dir: Path, new_dir: Path) -> list[TableDiff]:
    """One entry per table of the new package that differs from the old snapshot, in package order."""
    package = load_package(new_dir)
    diffs = []
    for name, resource in package.resources.items():
        old_path, new_path = Path(old_dir) / resource.path, Path(new_dir) / resource.path
        if old_path.exists() and new_path.exists() and old_path.read_bytes() == new_path.read_bytes():
            continue  # the same bytes are the same rows
        _, old = _rows(old_path)
        _, new = _rows(new_path)
        d = diff_table(name, resource.primary_key, old, new)
        if d:
            diffs.append(d)
    return diffs
