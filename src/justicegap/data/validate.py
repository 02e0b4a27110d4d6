"""Check the dataset against its schema and against the rules of procedure.

Every problem is reported, one line each, as ``path:line: column: message``. Field-level rules
(types, vocabularies, patterns, required, unique) come from ``datapackage.json`` and are checked
with pandera; rules that span rows or tables (keys, references, cut-off, procedural order,
outcomes consistent with events) are checked here.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from .. import paths
from ..vocab import ORDER_LABEL
from .csvio import CsvError, RawTable, read_csv
from .schema import Package, Resource, load_package

# Procedural order: each event may not come before the one before it (first occurrence each).
ORDER = ["first_warrant", "in_custody", "confirmation_decision", "trial_opening", "trial_judgment", "appeal_judgment"]
# Which event a recorded stage outcome requires.
REQUIRES = {
    ("confirmation", "confirmed"): "confirmation_decision",
    ("confirmation", "not_confirmed"): "confirmation_decision",
    ("confirmation", "withdrawn"): ("charges_withdrawn", "warrant_withdrawn"),
    ("trial", "convicted"): "trial_judgment",
    ("trial", "acquitted"): "trial_judgment",
    ("trial", "not_entered"): "trial_judgment",
    ("trial", "withdrawn"): "charges_withdrawn",
    ("trial", "vacated"): "charges_vacated",
    ("trial", "terminated"): "proceedings_terminated",
    ("appeal", "upheld"): "appeal_judgment",
    ("appeal", "reversed"): "appeal_judgment",
}


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.column}: {self.message}"


class ValidationFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def display_path(path: Path) -> str:
    path = Path(path).resolve()
    try:
        return str(path.relative_to(paths.ROOT))
    except ValueError:
        return str(path)


@dataclasses.dataclass
class Table:
    resource: Resource
    raw: RawTable
    frame: pd.DataFrame  # strings, "" for blank; extra column _line

    def line(self, idx) -> int:
        return int(self.frame.at[idx, "_line"])


def read_tables(data_dir: Path, package: Package, problems: list[Problem]) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for res in package.resources.values():
        path = Path(data_dir) / res.path
        shown = display_path(path)
        if not path.exists():
            problems.append(Problem(shown, 1, "(file)", "file is missing"))
            continue
        try:
            raw = read_csv(path)
        except CsvError as exc:
            problems.append(Problem(shown, exc.line, exc.column, exc.message))
            continue
        expected = res.field_names
        missing = [c for c in expected if c not in raw.header]
        extra = [c for c in raw.header if c not in expected]
        dupes = sorted({c for c in raw.header if raw.header.count(c) > 1})
        if missing or extra or dupes:
            parts = []
            if missing:
                parts.append("missing column(s) " + ", ".join(missing))
            if extra:
                parts.append("unknown column(s) " + ", ".join(extra))
            if dupes:
                parts.append("repeated column(s) " + ", ".join(dupes))
            problems.append(Problem(shown, 1, "(header)", "; ".join(parts) + "; expected: " + ",".join(expected)))
            continue
        width = len(raw.header)
        rows = []
        for cells, line in zip(raw.rows, raw.lines):
            if len(cells) != width:
                message = f"has {len(cells)} cells, the header has {width}"
                if any("\n" in c for c in cells):
                    message += (
                        "; a quote opened on this line closes only on a later line (a cell edited in a spreadsheet?)"
                    )
                problems.append(Problem(shown, line, "(row)", message))
                cells = (cells + [""] * width)[:width]
            rows.append(cells)
        frame = pd.DataFrame(rows, columns=raw.header, dtype=object)
        frame = frame[expected]
        frame["_line"] = raw.lines
        tables[res.name] = Table(res, raw, frame)
    return tables


def _field_schema(res: Resource):
    import pandera.pandas as pa

    columns = {}
    for fd in res.fields:
        checks = []
        if fd.enum:
            checks.append(pa.Check.isin(list(fd.enum), error="must be one of: " + ", ".join(fd.enum)))
        if fd.pattern:
            checks.append(pa.Check.str_matches(fd.pattern, error=_pattern_hint(fd.pattern)))
        if fd.type == "date":
            checks.append(pa.Check(_is_date, error="must be a real date written YYYY-MM-DD"))
        elif fd.type == "integer":
            checks.append(pa.Check(lambda s: s.str.fullmatch(r"-?\d+"), error="must be a whole number"))
        elif fd.type == "number":
            checks.append(
                pa.Check(
                    lambda s: pd.to_numeric(s, errors="coerce").notna(),
                    error="must be a number (use . for decimals, no thousands separator)",
                )
            )
        if fd.minimum is not None:
            checks.append(
                pa.Check(
                    lambda s, m=fd.minimum: pd.to_numeric(s, errors="coerce").fillna(m) >= m,
                    error=f"must be at least {fd.minimum:g}",
                )
            )
        columns[fd.name] = pa.Column(None, checks=checks, nullable=not fd.required, unique=fd.unique, required=True)
    return pa.DataFrameSchema(columns)


def _is_date(s: pd.Series) -> pd.Series:
    shape = s.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    parsed = pd.to_datetime(s.where(shape), format="%Y-%m-%d", errors="coerce")
    return shape & parsed.notna()


def _pattern_hint(pattern: str) -> str:
    hints = {
        r"^[a-z0-9]+(-[a-z0-9]+)*$": "must be lowercase letters, digits and single hyphens",
        r"^[a-z0-9][a-z0-9.-]*$": "must be lowercase letters, digits, '.' and '-'",
        r"^[a-z0-9_]+$": "must be lowercase letters, digits and '_'",
        r"^https?://\S+$": "must be a web address starting http:// or https://",
    }
    return hints.get(pattern, f"must match the pattern {pattern}")


def check_fields(table: Table, problems: list[Problem]) -> None:
    import pandera.errors as pe

    frame = table.frame[table.resource.field_names].replace("", None)
    shown = display_path(table.raw.path)
    try:
        _field_schema(table.resource).validate(frame, lazy=True)
    except pe.SchemaErrors as exc:
        fc = exc.failure_cases
        for _, row in fc.iterrows():
            column = row["column"]
            idx = row["index"]
            check = str(row["check"])
            value = row["failure_case"]
            if pd.isna(idx):
                continue
            line = table.line(int(idx))
            if check == "not_nullable":
                message = "is required but empty"
            elif check == "field_uniqueness":
                message = f"{value!r} appears more than once; it must be unique"
            else:
                message = f"{value!r} {check}" if not check.startswith("<") else f"{value!r} is invalid"
            problems.append(Problem(shown, line, str(column), message))


def check_keys(tables: dict[str, Table], problems: list[Problem]) -> None:
    for table in tables.values():
        res = table.resource
        shown = display_path(table.raw.path)
        pk = list(res.primary_key)
        if len(pk) > 1:
            dup = table.frame.duplicated(pk, keep="first")
            for idx in table.frame.index[dup]:
                key = ", ".join(f"{c}={table.frame.at[idx, c]}" for c in pk)
                first = table.frame[(table.frame[pk] == table.frame.loc[idx, pk]).all(axis=1)]["_line"].min()
                problems.append(
                    Problem(shown, table.line(idx), pk[-1], f"duplicate row ({key}); first given on line {first}")
                )
        for column, target, target_col in res.foreign_keys:
            if target not in tables:
                continue
            known = set(tables[target].frame[target_col])
            values = table.frame[column]
            bad = (values != "") & ~values.isin(known)
            for idx in table.frame.index[bad]:
                problems.append(
                    Problem(shown, table.line(idx), column, f"{values[idx]!r} is not a {target_col} in {target}.csv")
                )


def check_dates(tables: dict[str, Table], cutoff, problems: list[Problem]) -> None:
    cut = cutoff.isoformat()
    for table in tables.values():
        shown = display_path(table.raw.path)
        for fd in table.resource.fields:
            if fd.type != "date" or fd.name == "accessed":
                continue
            col = table.frame[fd.name]
            late = col.str.fullmatch(r"\d{4}-\d{2}-\d{2}") & (col > cut)
            for idx in table.frame.index[late]:
                problems.append(
                    Problem(
                        shown,
                        table.line(idx),
                        fd.name,
                        f"{col[idx]} is after the data cut-off {cut} (datapackage.json)",
                    )
                )


def check_procedure(tables: dict[str, Table], problems: list[Problem]) -> None:
    if "events" not in tables:
        return
    ev = tables["events"].frame
    shown = display_path(tables["events"].raw.path)
    ok = ev["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False)
    ev = ev[ok].copy()
    ev["stage"] = ev["event"].replace({"arrest_warrant": "first_warrant", "summons": "first_warrant"})
    ev = ev[ev["stage"].isin(ORDER)]
    first = ev.sort_values(["person_id", "stage", "date", "_line"]).drop_duplicates(
        ["person_id", "stage"], keep="first"
    )
    rank = {s: i for i, s in enumerate(ORDER)}
    first = first.assign(rank=first["stage"].map(rank)).sort_values(["person_id", "rank"])
    for pid, group in first.groupby("person_id", sort=False):
        latest_date, latest_stage = None, None
        for _, row in group.iterrows():
            if latest_date is not None and row["date"] < latest_date:
                problems.append(
                    Problem(
                        shown,
                        int(row["_line"]),
                        "date",
                        f"{row['event']} on {row['date']} comes before the {ORDER_LABEL[latest_stage]} "
                        f"on {latest_date} for {pid}; procedural order is warrant, custody, confirmation, "
                        "trial opening, trial judgment, appeal",
                    )
                )
            else:
                latest_date, latest_stage = row["date"], row["stage"]

    if "charges" not in tables:
        return
    ch = tables["charges"].frame
    shown_ch = display_path(tables["charges"].raw.path)
    have = set(zip(tables["events"].frame["person_id"], tables["events"].frame["event"]))
    for (stage, outcome), needed in REQUIRES.items():
        needed = (needed,) if isinstance(needed, str) else needed
        rows = ch[
            (ch[stage] == outcome)
            & ~pd.Series([any((p, n) in have for n in needed) for p in ch["person_id"]], index=ch.index, dtype=bool)
        ]
        for idx in rows.index:
            problems.append(
                Problem(
                    shown_ch,
                    int(ch.at[idx, "_line"]),
                    stage,
                    f"{outcome} needs a {' or '.join(needed)} event for {ch.at[idx, 'person_id']} in events.csv",
                )
            )
    verdict = ch["trial"].isin(["convicted", "acquitted", "not_entered"])
    for idx in ch.index[verdict & (ch["confirmation"] != "confirmed")]:
        problems.append(
            Problem(
                shown_ch,
                int(ch.at[idx, "_line"]),
                "trial",
                f"{ch.at[idx, 'trial']} at trial needs a confirmed charge, "
                f"but confirmation is {ch.at[idx, 'confirmation']!r}",
            )
        )
    decided = ch["appeal"].isin(["upheld", "reversed"]) | ((ch["appeal"] == "pending") & ~ch["trial"].isin(["pending"]))
    for idx in ch.index[decided & ~verdict]:
        problems.append(
            Problem(
                shown_ch,
                int(ch.at[idx, "_line"]),
                "appeal",
                f"appeal {ch.at[idx, 'appeal']} needs a conviction or acquittal at trial, "
                f"but trial is {ch.at[idx, 'trial']!r}",
            )
        )
    unconfirmed = ch["confirmation"].isin(["not_confirmed", "withdrawn", "not_reached"])
    for idx in ch.index[unconfirmed & ~ch["trial"].isin(["not_reached"])]:
        problems.append(
            Problem(
                shown_ch,
                int(ch.at[idx, "_line"]),
                "trial",
                f"trial must be not_reached when confirmation is "
                f"{ch.at[idx, 'confirmation']!r}, not {ch.at[idx, 'trial']!r}",
            )
        )


PLACEHOLDER_CRIMES = ("unverified", "unverified_sgbc", "unverified_other")
# which count rows a published total is compared with
TOTAL_ROWS = {
    "dcc": ("counts in the document containing the charges", lambda ch: ch["origin"] == "dcc"),
    "confirmed": ("counts confirmed", lambda ch: ch["confirmation"] == "confirmed"),
    "convicted": ("counts convicted at trial", lambda ch: ch["trial"] == "convicted"),
}


def check_coverage(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Every person sought has charge rows, or a gaps row saying why not."""
    if not {"persons", "events", "charges", "gaps"} <= set(tables):
        return
    ev, ch, gaps = tables["events"].frame, tables["charges"].frame, tables["gaps"].frame
    sought = set(ev.loc[ev["event"].isin(["arrest_warrant", "summons"]), "person_id"])
    explained = set(gaps.loc[gaps["table"] == "charges", "person_id"])
    charged = set(ch["person_id"])  # once, not once per person: the check stays linear in the rows
    persons = tables["persons"]
    shown = display_path(persons.raw.path)
    for idx, pid in persons.frame["person_id"].items():
        if pid in sought and pid not in charged and pid not in explained:
            problems.append(
                Problem(
                    shown,
                    persons.line(idx),
                    "person_id",
                    f"{pid} has a warrant or summons but no row in charges.csv, and no gaps.csv row (table charges) "
                    "saying why; add the crimes of the warrant, or the gap",
                )
            )


def check_count_totals(tables: dict[str, Table], problems: list[Problem]) -> None:
    """The number of count rows agrees with the Court's published totals (count_totals.csv)."""
    if not {"count_totals", "charges"} <= set(tables):
        return
    totals, ch = tables["count_totals"], tables["charges"].frame
    shown = display_path(totals.raw.path)
    by_person = {pid: g for pid, g in ch.groupby("person_id")}
    published = {
        (r["person_id"], r["document"]): int(r["counts"])
        for _, r in totals.frame.iterrows()
        if str(r["counts"]).isdigit()
    }
    for idx, r in totals.frame.iterrows():
        pid, doc = r["person_id"], r["document"]
        if not str(r["counts"]).isdigit():
            continue
        want = int(r["counts"])
        rows = by_person.get(pid, ch.iloc[0:0])
        if doc == "warrant":
            pairs = len(rows[rows["origin"] == "warrant"].drop_duplicates(["crime", "qualification"]))
            if pairs > want:
                problems.append(
                    Problem(
                        shown,
                        totals.line(idx),
                        "counts",
                        f"{pid}: the warrant has {want} counts but charges.csv lists {pairs} distinct crimes for it",
                    )
                )
            continue
        what, select = TOTAL_ROWS[doc]
        have = int(select(rows).sum())
        if have == want:
            continue
        message = f"{pid}: the Court published {want} {what}, charges.csv has {have}"
        if doc == "confirmed" and published.get((pid, "dcc"), want) > want and have > want:
            message += (
                f"; the decision confirmed part of the {published[(pid, 'dcc')]} counts charged, so the rows "
                "not confirmed must say not_confirmed (or withdrawn)"
            )
        elif doc == "dcc" and have > want:
            message += (
                "; one row per count as the Court numbered it (a partial outcome inside a count goes in that row)"
            )
        problems.append(Problem(shown, totals.line(idx), "counts", message))


def check_sentences(tables: dict[str, Table], problems: list[Problem]) -> None:
    """A sentence whose every conviction was reversed on appeal needs a vacated row."""
    if not {"sentences", "charges"} <= set(tables):
        return
    sent, ch = tables["sentences"], tables["charges"].frame
    shown = display_path(sent.raw.path)
    convicted = ch[ch["trial"] == "convicted"]
    for pid, rows in sent.frame.groupby("person_id"):
        mine = convicted[convicted["person_id"] == pid]
        if mine.empty or not (mine["appeal"] == "reversed").all():
            continue
        if (rows["decision"] == "vacated").any():
            continue
        last = rows.sort_values("date").index[-1]
        problems.append(
            Problem(
                shown,
                sent.line(last),
                "decision",
                f"{pid}: every conviction was reversed on appeal, but the sentence is still in force; "
                "add a row with decision vacated dated on the appeal judgment",
            )
        )
    for idx, r in sent.frame[sent.frame["decision"] == "vacated"].iterrows():
        if r["imprisonment_months"] != "":
            problems.append(
                Problem(
                    shown,
                    sent.line(idx),
                    "imprisonment_months",
                    "a vacated sentence leaves nothing in force: leave the months blank",
                )
            )


def check_crime_outcomes(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Pairs typed in crime_outcomes.csv name a real crime and agree with verified count rows."""
    if not {"crime_outcomes", "charges"} <= set(tables):
        return
    co, ch = tables["crime_outcomes"], tables["charges"].frame
    shown = display_path(co.raw.path)
    order = {
        "confirmation": ["not_reached", "pending", "withdrawn", "not_confirmed", "confirmed"],
        "trial": [
            "not_reached",
            "pending",
            "terminated",
            "withdrawn",
            "vacated",
            "not_entered",
            "acquitted",
            "convicted",
        ],
        "appeal": ["not_reached", "pending", "not_appealed", "reversed", "upheld"],
    }
    verified = ch[~ch["crime"].isin(PLACEHOLDER_CRIMES)]
    for idx, r in co.frame.iterrows():
        if r["crime"] in PLACEHOLDER_CRIMES:
            problems.append(
                Problem(
                    shown,
                    co.line(idx),
                    "crime",
                    f"{r['crime']!r} is a placeholder; a pair in crime_outcomes.csv names its crime",
                )
            )
            continue
        rows = verified[
            (verified["person_id"] == r["person_id"])
            & (verified["crime"] == r["crime"])
            & (verified["qualification"] == r["qualification"])
        ]
        if rows.empty:
            continue
        for stage, ranks in order.items():
            best = max(rows[stage], key=lambda v: ranks.index(v) if v in ranks else -1)
            if best != r[stage]:
                problems.append(
                    Problem(
                        shown,
                        co.line(idx),
                        stage,
                        f"{r['person_id']}: {r['crime']} ({r['qualification']}) is {r[stage]!r} here but "
                        f"{best!r} in its count rows in charges.csv (lines "
                        f"{', '.join(map(str, rows['_line']))}); the counts decide, or correct them",
                    )
                )


def check_reparations(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Amounts have a currency; orders concern convicted people; victims rows name a known case."""
    if "reparations" in tables:
        rep = tables["reparations"]
        shown = display_path(rep.raw.path)
        convicted = set()
        if "charges" in tables:
            ch = tables["charges"].frame
            convicted = set(ch.loc[ch["trial"] == "convicted", "person_id"])
        for idx, r in rep.frame.iterrows():
            if (r["amount"] != "" or r["per_victim_amount"] != "") and r["currency"] == "":
                problems.append(
                    Problem(shown, rep.line(idx), "currency", "an amount needs its currency (EUR, USD, ...)")
                )
            if (
                r["decision"] in ("principles", "order", "amount_set", "addendum", "plan_approved")
                and r["person_id"] not in convicted
            ):
                problems.append(
                    Problem(
                        shown,
                        rep.line(idx),
                        "decision",
                        f"{r['person_id']} has no conviction in charges.csv: reparations can be ordered "
                        "only against a convicted person (use proceedings_ended or tfv_assistance)",
                    )
                )
    if {"victims", "persons"} <= set(tables):
        vic = tables["victims"]
        shown = display_path(vic.raw.path)
        known = set(tables["persons"].frame["case_id"]) - {""}
        for idx, r in vic.frame.iterrows():
            if r["case_id"] not in known:
                problems.append(
                    Problem(shown, vic.line(idx), "case_id", f"{r['case_id']!r} is not a case_id in persons.csv")
                )


def _fields_key(table: Table, package_bytes: bytes) -> str:
    """What one table's field checks depend on: its bytes, the schema, this package's code and the
    lock (pandera's version)."""
    from ..hashing import digest, sha256_file, tree_digest

    return digest(
        table.raw.path.read_bytes(),
        package_bytes,
        tree_digest(Path(__file__).parent, "*.py"),
        sha256_file(paths.ROOT / "requirements.lock"),
    )


def check_fields_cached(tables: dict[str, Table], data_dir: Path, cache: Path | None, problems: list) -> list[Path]:
    """:func:`check_fields` on every table, skipping a table whose exact bytes already passed these
    exact checks (a marker in ``cache``). Returns the markers of the tables that passed now, for
    :func:`validate` to write once the whole dataset is valid (invalid data writes nothing). Only a
    pass is remembered, so a problem is always found afresh, with its line."""
    package_bytes = (Path(data_dir) / "datapackage.json").read_bytes()
    passed = []
    for table in tables.values():
        marker = cache / _fields_key(table, package_bytes) if cache is not None else None
        if marker is not None and marker.exists():
            continue
        before = len(problems)
        check_fields(table, problems)
        if marker is not None and len(problems) == before:
            passed.append(marker)
    return passed


def validate(data_dir: Path | None = None, field_cache: Path | None = None) -> list[Problem]:
    """Return every problem found in the dataset (empty list: valid). ``field_cache``: a folder
    where tables that passed their field checks are remembered (:func:`check_fields_cached`)."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    problems: list[Problem] = []
    try:
        package = load_package(data_dir)
    except FileNotFoundError:
        return [Problem(display_path(Path(data_dir) / "datapackage.json"), 1, "(file)", "file is missing")]
    except ValueError as exc:
        return [
            Problem(
                display_path(Path(data_dir) / "datapackage.json"),
                getattr(exc, "lineno", 1),
                "(file)",
                f"is not valid JSON: {exc}",
            )
        ]
    tables = read_tables(data_dir, package, problems)
    passed = check_fields_cached(tables, data_dir, field_cache, problems)
    check_keys(tables, problems)
    check_dates(tables, package.cutoff, problems)
    check_procedure(tables, problems)
    check_coverage(tables, problems)
    check_count_totals(tables, problems)
    check_sentences(tables, problems)
    check_crime_outcomes(tables, problems)
    check_reparations(tables, problems)
    if not problems:  # the checks across tables always run, so only a valid dataset is remembered
        for marker in passed:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.message))
