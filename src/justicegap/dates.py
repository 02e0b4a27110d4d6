"""Dates at the precision the data records them, and durations that say when they are approximate.

The convention (for the analysis and the notebooks)
---------------------------------------------------
The data stores every date as an ISO day. When a source gives only the month or the year, the
date is the 1st of that month or year and a sibling column says so: ``events.csv`` has
``date`` + ``date_precision``, ``reparations.csv`` and ``victims.csv`` the same, ``persons.csv``
has ``crimes_from`` + ``crimes_from_precision`` and ``crimes_to`` + ``crimes_to_precision``.
Precision is one of :data:`PRECISIONS`: ``day``, ``month`` or ``year``.

1. **A date column travels with its precision.** A frame that holds a date column ``X`` derived
   from the data also holds ``X_precision`` (``day`` | ``month`` | ``year``). Where the analysis
   computes a date from the events (e.g. "first warrant" = the earliest warrant or summons),
   :func:`attach_precision` looks the precision up from the events the date came from.
2. **nb.table shows it.** :func:`justicegap.notebook.table` shows ``X`` as "12 Oct 2014",
   "Oct 2014" or "2014" following ``X_precision`` (:func:`format_date`), does not show the
   precision column, and writes both to the table's CSV (the ISO date and its precision).
3. **A duration computed from an imprecise date is flagged.** Give a duration column ``D`` a
   sibling ``D_precision`` = :func:`coarsest` of its two ends' precisions. nb.table then prints
   "≈ 3.2" for every value whose precision is not ``day`` and explains the sign under the table;
   the CSV keeps the number and its precision.
4. **Prose.** Use :func:`format_date` for a date written into a sentence, with its precision.

Dates that are not from the data (the as-of date, the cut-off) are exact: precision ``day``.
A date with no matching event in :func:`attach_precision` is taken as exact too.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

PRECISIONS = ("day", "month", "year")  # finest first
SUFFIX = "_precision"
APPROX = "≈"  # printed before a duration computed from a date known only to the month or year
APPROX_NOTE = "≈: computed from a date known only to the month or year, so approximate."
DAYS_PER_YEAR = 365.25  # a duration in days is shown in years of this length
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NBSP = "\u00a0"  # "12 Oct 2014" never breaks across lines


def years(days, digits: int = 1) -> float | None:
    """A duration in days as years (of :data:`DAYS_PER_YEAR` days), rounded to ``digits``; None
    for a missing duration."""
    return None if days is None or pd.isna(days) else round(float(days) / DAYS_PER_YEAR, digits)


def precision_column(column: str) -> str:
    """The name of the column holding the precision of ``column``."""
    return f"{column}{SUFFIX}"


def _rank(precision) -> int:
    if precision is None or (isinstance(precision, float) and pd.isna(precision)) or precision == "":
        return 0
    if precision not in PRECISIONS:
        raise ValueError(f"unknown date precision {precision!r}; expected one of {', '.join(PRECISIONS)}")
    return PRECISIONS.index(precision)


def format_date(value, precision: str | None = "day") -> str:
    """``value`` (a date, timestamp or ISO string) at ``precision``: "7 Oct 2014", "Oct 2014", "2014".

    Missing values give "". Month names are fixed English abbreviations (no locale)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)) or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return ""
        value = value.date()
    rank = _rank(precision)
    if rank == 2:
        return f"{value.year}"
    if rank == 1:
        return f"{_MONTHS[value.month - 1]}{_NBSP}{value.year}"
    return f"{value.day}{_NBSP}{_MONTHS[value.month - 1]}{_NBSP}{value.year}"


def coarsest(*precisions):
    """The coarsest of several precisions; works on scalars or element-wise on Series.

    ``coarsest("day", "month") == "month"``. Missing values count as ``day`` (exact)."""
    if any(isinstance(p, pd.Series) for p in precisions):
        index = next(p.index for p in precisions if isinstance(p, pd.Series))
        frame = pd.DataFrame(
            {i: (p if isinstance(p, pd.Series) else pd.Series(p, index=index)) for i, p in enumerate(precisions)}
        )
        ranks = frame.apply(lambda col: col.map(_rank)).max(axis=1)
        return ranks.map(lambda r: PRECISIONS[r])
    return PRECISIONS[max((_rank(p) for p in precisions), default=0)]


def is_approximate(precision) -> bool:
    """True when a date or a duration rests on a month- or year-precision date."""
    return _rank(precision) > 0


def attach_precision(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    columns,
    person: str = "person_id",
    event_types=None,
) -> pd.DataFrame:
    """A copy of ``frame`` with ``<column>_precision`` beside each date column in ``columns``.

    The precision is that of the person's event on that date (``events`` has ``person_id``,
    ``event``, ``date`` and ``date_precision``), restricted to ``event_types`` if given (for
    example ``("arrest_warrant", "summons")`` for a first-warrant date). If several of the
    person's events fall on that date the coarsest precision is used; a date that matches no
    event (the as-of date, a missing date) counts as exact (``day``).

    >>> people = attach_precision(people, ds.events, "first_warrant", event_types=("arrest_warrant", "summons"))
    """
    columns = [columns] if isinstance(columns, str) else list(columns)
    ev = events
    if event_types is not None:
        ev = ev[ev["event"].isin(list(event_types))]
    ranks = ev.assign(_rank=ev["date_precision"].map(_rank)).groupby(["person_id", "date"])["_rank"].max()
    out = frame.copy()
    for col in columns:
        dates = pd.to_datetime(out[col])
        keys = list(zip(out[person], dates))
        found = [ranks.get(k, 0) if pd.notna(k[1]) else 0 for k in keys]
        out[precision_column(col)] = [PRECISIONS[int(r)] for r in found]
    return out


def duration_precision(frame: pd.DataFrame, start: str, end: str) -> pd.Series:
    """The precision of a duration from column ``start`` to column ``end`` (their coarsest)."""
    get = lambda c: frame[precision_column(c)] if precision_column(c) in frame else "day"  # noqa: E731
    result = coarsest(get(start), get(end))
    return result if isinstance(result, pd.Series) else pd.Series(result, index=frame.index)


def interval_precision(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    start: str = "start",
    end: str | None = "end",
    durations=("days",),
    person: str = "person_id",
) -> pd.DataFrame:
    """A copy of ``frame`` (one row per person and interval) with the precision of ``start``,
    ``end`` and of each duration column in ``durations`` (the coarsest of its two ends).

    A date that already has its precision column (``crimes_to`` beside ``crimes_to_precision``
    from persons.csv) keeps it; the others are looked up with :func:`attach_precision`.
    ``end=None``: the interval runs to the as-of date (exact).

    >>> longest = interval_precision(longest, ds.events, durations=("days", "years"))
    """
    ends = [c for c in (start, end) if c is not None]
    missing = [c for c in ends if precision_column(c) not in frame.columns]
    out = attach_precision(frame, events, missing, person=person) if missing else frame.copy()
    both = coarsest(*[out[precision_column(c)] for c in ends])
    for col in [durations] if isinstance(durations, str) else durations:
        out[precision_column(col)] = both
    return out


def select(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """``frame[columns]`` plus the precision column of each of them that ``frame`` has, so that
    selecting the columns to show does not drop their precision:

    >>> nb.table(dates.select(longest, ["person_id", "name", "start", "end", "years"]), ...)
    """
    columns = list(columns)
    extra = [precision_column(c) for c in columns if precision_column(c) in frame.columns]
    return frame[columns + [c for c in extra if c not in columns]]
