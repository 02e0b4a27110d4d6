"""The validated dataset as typed pandas frames, recording which parts a notebook reads.

The build re-executes a notebook only when something it read changed. A notebook that uses
``ds.charges`` depends on the whole charges table; a case profile that uses
``ds.for_person("al-hassan")`` depends only on that person's rows (and the sources they cite),
so correcting one date re-runs only the notebooks that can show it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from .. import paths
from ..hashing import digest, sha256_file
from .schema import Package, load_package

TABLES = (
    "persons",
    "events",
    "charges",
    "sentences",
    "crimes",
    "comparators",
    "count_totals",
    "crime_outcomes",
    "reparations",
    "victims",
    "sources",
    "gaps",
)
PERSON_TABLES = ("persons", "events", "charges", "sentences", "count_totals", "crime_outcomes", "reparations")
READS_FILE = "_reads.json"


def _read_frame(path: Path, resource) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skipinitialspace=False)
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame.apply(lambda s: s.str.strip())
    for fd in resource.fields:
        if fd.type == "date":
            frame[fd.name] = pd.to_datetime(frame[fd.name].replace("", None), format="%Y-%m-%d")
        elif fd.type == "integer":
            frame[fd.name] = pd.to_numeric(frame[fd.name].replace("", None)).astype("Int64")
        elif fd.type == "number":
            frame[fd.name] = pd.to_numeric(frame[fd.name].replace("", None)).astype(float)
    return frame


class Dataset:
    """Lazily loaded tables. Accessing a table records a dependency for the build's cache."""

    def __init__(self, data_dir: Path, package: Package, record_to: Path | None = None):
        self.data_dir = Path(data_dir)
        self.package = package
        self._frames: dict[str, pd.DataFrame] = {}
        self._record_to = record_to
        self.reads: set[str] = set()

    @property
    def cutoff(self):
        return self.package.cutoff

    @property
    def version(self) -> str:
        return self.package.version

    def _note(self, key: str) -> None:
        if key in self.reads:
            return
        self.reads.add(key)
        if self._record_to is not None:
            self._record_to.write_text(json.dumps(sorted(self.reads), indent=0) + "\n")

    def _frame(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            res = self.package.resources[name]
            self._frames[name] = _read_frame(self.data_dir / res.path, res)
        return self._frames[name]

    def table(self, name: str) -> pd.DataFrame:
        self._note(name)
        return self._frame(name)

    persons = property(lambda self: self.table("persons"))
    events = property(lambda self: self.table("events"))
    charges = property(lambda self: self.table("charges"))
    sentences = property(lambda self: self.table("sentences"))
    crimes = property(lambda self: self.table("crimes"))
    comparators = property(lambda self: self.table("comparators"))
    count_totals = property(lambda self: self.table("count_totals"))
    crime_outcomes = property(lambda self: self.table("crime_outcomes"))
    reparations = property(lambda self: self.table("reparations"))
    victims = property(lambda self: self.table("victims"))
    sources = property(lambda self: self.table("sources"))
    gaps = property(lambda self: self.table("gaps"))

    def for_person(self, person_id: str) -> Dataset:
        """A dataset restricted to one person's rows (and the sources they cite, and the crimes)."""
        self._note(f"person={person_id}")
        self._note("crimes")
        sub = Dataset(self.data_dir, self.package)
        for name in PERSON_TABLES:
            frame = self._frame(name)
            sub._frames[name] = frame[frame["person_id"] == person_id].reset_index(drop=True)
        gaps = self._frame("gaps")
        sub._frames["gaps"] = gaps[gaps["person_id"] == person_id].reset_index(drop=True)
        victims = self._frame("victims")
        case_ids = set(sub._frames["persons"]["case_id"]) - {""}
        sub._frames["victims"] = victims[victims["case_id"].isin(case_ids)].reset_index(drop=True)
        # The case's other accused and their events: whether a victims figure of the case was made
        # at a trial this person was not part of (Kosgey beside Ruto and Sang) or at none (Kenyatta).
        persons = self._frame("persons")
        mates = persons.loc[persons["case_id"].isin(case_ids), "person_id"]
        events = self._frame("events")
        sub.case_events = events[events["person_id"].isin(set(mates))].reset_index(drop=True)
        cited = set()
        for name in (*PERSON_TABLES, "victims"):
            frame = sub._frames[name]
            for col in ("source_id", "alt_source_id", "crimes_period_source_id"):
                if col in frame:
                    cited.update(frame[col].dropna())
        sources = self._frame("sources")
        sub._frames["sources"] = sources[sources["source_id"].isin(cited)].reset_index(drop=True)
        sub._frames["crimes"] = self._frame("crimes")
        sub._frames["comparators"] = self._frame("comparators").iloc[0:0]
        return sub


def load_dataset(data_dir: Path | None = None) -> Dataset:
    """Open the dataset (``$JUSTICEGAP_DATA_DIR`` or ``data/``). Run ``make validate`` first."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    record_to = None
    if os.environ.get(paths.ENV_OUT_DIR):
        record_to = paths.out_dir() / READS_FILE
    return Dataset(data_dir, load_package(data_dir), record_to=record_to)


# --- digests used by the build's cache -------------------------------------------------------


def dependency_digest(data_dir: Path, key: str, _cache: dict | None = None) -> str:
    """Digest of the part of the data a recorded read depends on.

    ``_cache`` (a dict the caller keeps for one build) holds the tables already read, so that the
    digests of many case pages read each file once. The rows are read as text (with the reader
    validation uses: cells stripped, blank lines skipped), not as pandas frames, which took about
    a tenth of a second per build."""
    from .csvio import read_csv

    data_dir = Path(data_dir)
    frames = _cache if _cache is not None else {}
    if "package" not in frames:
        frames["package"] = load_package(data_dir)
    package = frames["package"]
    if key in package.resources:
        return sha256_file(data_dir / package.resources[key].path)

    def read(name: str) -> tuple[list[str], list[list[str]]]:
        if name not in frames:
            raw = read_csv(data_dir / package.resources[name].path)
            frames[name] = (raw.header, raw.rows)
        return frames[name]

    def chunk(header: list[str], rows: list[list[str]]) -> bytes:
        return json.dumps([header, rows], ensure_ascii=False).encode()

    def values(header: list[str], rows: list[list[str]], column: str) -> list[str]:
        """The column's cell in each row ("" where the column or the cell is missing)."""
        if column not in header:
            return ["" for _ in rows]
        i = header.index(column)
        return [row[i] if i < len(row) else "" for row in rows]

    if key.startswith("person="):
        person_id = key.split("=", 1)[1]
        chunks, cited, case_ids = [], set(), set()
        for name in PERSON_TABLES + ("gaps", "victims"):
            header, all_rows = read(name)
            if name == "victims":
                keep = [v in case_ids - {""} for v in values(header, all_rows, "case_id")]
            else:
                keep = [v == person_id for v in values(header, all_rows, "person_id")]
            rows = [r for r, k in zip(all_rows, keep) if k]
            if name == "persons":
                case_ids = set(values(header, rows, "case_id"))
                mates = {
                    p
                    for p, c in zip(values(header, all_rows, "person_id"), values(header, all_rows, "case_id"))
                    if c in case_ids - {""}
                } | {person_id}
            if name == "events":  # the case's other accused too (Dataset.for_person's case_events)
                rows = [r for r, p in zip(all_rows, values(header, all_rows, "person_id")) if p in mates]
            chunks.append(chunk(header, rows))
            for col in ("source_id", "alt_source_id", "crimes_period_source_id"):
                cited.update(v for v in values(header, rows, col) if v)
        header, all_rows = read("sources")
        keep = [v in cited for v in values(header, all_rows, "source_id")]
        chunks.append(chunk(header, [r for r, k in zip(all_rows, keep) if k]))
        return digest(*chunks)
    raise KeyError(f"unknown dependency key {key!r}")
