"""Merge staged research tables into a copy of data/ and validate it (or, with --apply, into data/).

Usage, from the project root:
    .venv/bin/python docs/research/2026-12-02/check_staged.py <batch> [<batch> ...]
    .venv/bin/python docs/research/2026-12-02/check_staged.py --apply <batch> [<batch> ...]

Semantics are those of BRIEF.md: person tables are replaced per person listed in owned.txt,
victims per case in owned_cases.txt, sources and comparators are upserted, gaps_general.csv is
appended.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PERSON_TABLES = ("persons", "events", "charges", "sentences", "count_totals", "crime_outcomes", "reparations", "gaps")
UPSERT = {"sources": ("source_id",), "comparators": ("tribunal", "metric")}


def read(path: Path) -> tuple[list[str], list[dict]]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), [dict(r) for r in reader]


def write(path: Path, header: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([(r.get(h) or "").strip() for h in header])
    path.write_text(out.getvalue(), encoding="utf-8")


def lines(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")}


def merge(batch: str, data: Path) -> list[str]:
    folder = HERE / batch
    notes = []
    if not folder.is_dir():
        raise SystemExit(f"no staged folder {folder}")
    owned = lines(folder / "owned.txt")
    owned_cases = lines(folder / "owned_cases.txt")
    for table in PERSON_TABLES:
        staged = folder / f"{table}.csv"
        header, rows = read(data / f"{table}.csv")
        if not staged.exists():
            if owned and table in ("persons", "events", "charges"):
                notes.append(f"{batch}: no staged {table}.csv; the owned persons keep their rows")
            continue
        s_header, s_rows = read(staged)
        if s_header != header:
            notes.append(f"{batch}/{table}.csv: header differs from data/{table}.csv: {s_header} vs {header}")
        stray = {r.get("person_id", "") for r in s_rows} - owned - ({""} if table == "gaps" else set())
        if stray:
            notes.append(f"{batch}/{table}.csv: rows for persons not in owned.txt: {sorted(stray)}")
        kept = [r for r in rows if r.get("person_id", "") not in owned]
        merged = kept + [r for r in s_rows if r.get("person_id", "") in owned]
        key = ("person_id",) if table == "persons" else None
        if table != "gaps":
            merged.sort(key=lambda r: tuple(_sort_key(r, header, key)))
        write(data / f"{table}.csv", header, merged)
    staged = folder / "victims.csv"
    if staged.exists():
        header, rows = read(data / "victims.csv")
        _, s_rows = read(staged)
        kept = [r for r in rows if r["case_id"] not in owned_cases]
        merged = sorted(kept + [r for r in s_rows if r["case_id"] in owned_cases],
                        key=lambda r: (r["case_id"], r["stage"], r["date"]))
        write(data / "victims.csv", header, merged)
    for table, key in UPSERT.items():
        staged = folder / f"{table}.csv"
        if not staged.exists():
            continue
        header, rows = read(data / f"{table}.csv")
        _, s_rows = read(staged)
        index = {tuple(r[k] for k in key): r for r in rows}
        for r in s_rows:
            index[tuple(r[k] for k in key)] = r
        write(data / f"{table}.csv", header, sorted(index.values(), key=lambda r: tuple(r[k] for k in key)))
    staged = folder / "gaps_general.csv"
    if staged.exists():
        header, rows = read(data / "gaps.csv")
        _, s_rows = read(staged)
        write(data / "gaps.csv", header, rows + s_rows)
    return notes


def _sort_key(row: dict, header: list[str], key):
    if key:
        return [row.get(k, "") for k in key]
    out = [row.get("person_id", "")]
    for col in ("charge_no", "date", "event", "decision", "document", "crime", "qualification"):
        if col in header:
            value = row.get(col, "")
            out.append(f"{int(value):06d}" if col == "charge_no" and value.isdigit() else value)
    return out


def set_cutoff(data: Path, cutoff: str = "2026-06-30") -> None:
    import json

    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    if package["cutoff"] != cutoff:
        package["cutoff"] = cutoff
        path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    apply = "--apply" in argv
    batches = [a for a in argv if not a.startswith("--")]
    if not batches:
        print(__doc__)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from justicegap.data.validate import validate

    if apply:
        target = ROOT / "data"
        set_cutoff(target)
        notes = [n for b in batches for n in merge(b, target)]
        problems = validate(target)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "data"
            shutil.copytree(ROOT / "data", target)
            set_cutoff(target)
            notes = [n for b in batches for n in merge(b, target)]
            problems = validate(target)
    for n in notes:
        print("note:", n)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) after merging {', '.join(batches)}" + (" into data/" if apply else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
