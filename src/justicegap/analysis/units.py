"""Counting units: the count (charge), the person–crime pair, and the person.

A *count* is a row of ``charges.csv``: one count as the Court numbered it (or, before
confirmation, one crime of a warrant). Where the count list was not public, rows were built from
published totals and their crime is a placeholder (``unverified``, or ``unverified_sgbc`` where a
source counts it among the sexual and gender-based crimes): such rows are exact in number and
outcome but not in crime, and are never pooled with named crimes in a by-crime comparison.

A *person–crime pair* is one person × crime × legal qualification, whose outcome is the furthest
stage any count of that pair reached. It is how gender-justice groups report ("acquitted of
rape, sexual slavery and forced marriage") and it does not depend on how the Prosecutor drafted
the counts. Pairs come from two places, one source of truth each: pairs that verified count rows
determine are derived from them; pairs whose counts are placeholders come from
``crime_outcomes.csv`` (from judgment summaries and press releases). Where a person has
``crime_outcomes`` rows, their placeholder counts are covered by them; placeholder counts of
people without such rows stay as one ``unverified`` group per person and outcome.
"""

from __future__ import annotations

import pandas as pd

from .stages import OUTCOMES, as_timestamp, charge_outcomes

PLACEHOLDERS = ("unverified", "unverified_sgbc", "unverified_other")
UNITS = {
    "charge": "charges (counts)",
    "crime": "person–crime pairs",
    "person": "people",
}
_RANK = {k: i for i, k in enumerate(OUTCOMES)}


def is_verified(frame: pd.DataFrame) -> pd.Series:
    return ~frame["crime"].isin(PLACEHOLDERS)


def verified(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[is_verified(frame)]


def placeholders(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[~is_verified(frame)]


def pair_outcomes(
    charges: pd.DataFrame,
    crime_outcomes: pd.DataFrame,
    events: pd.DataFrame,
    persons: pd.DataFrame,
    as_of,
    situations: tuple[str, ...] = (),
    counts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per person–crime pair known on ``as_of``, with its stage outcomes as they stood then.

    Columns: those of :func:`stages.charge_outcomes` for the pair (the furthest count's), plus
    ``n_counts`` (counts behind the pair; 0 for pairs typed in crime_outcomes.csv), ``basis``
    (``counts``, ``judgment summary`` or ``placeholder counts``) and ``verified``. ``counts`` may
    pass charge outcomes already computed for ``as_of``."""
    cut = as_timestamp(as_of)
    if counts is None:
        counts = charge_outcomes(charges, events, persons, cut, situations)
    counts = counts.assign(qualification=counts["qualification"].fillna(""))
    ver = verified(counts).assign(_rank=lambda f: f["outcome"].map(_RANK))
    keys = ["person_id", "crime", "qualification"]
    ver = ver.sort_values([*keys, "_rank", "charge_no"])
    derived = ver.groupby(keys, sort=True).tail(1).set_index(keys)
    derived["n_counts"] = ver.groupby(keys).size()
    modes = ver.groupby(keys)["mode_of_liability"].agg(lambda s: "; ".join(sorted({m for m in s.dropna() if m})))
    derived["mode_of_liability"] = modes
    derived = derived.reset_index().drop(columns="_rank").assign(basis="counts")

    typed = charge_outcomes(crime_outcomes.assign(charge_no=0), events, persons, cut, situations)
    if len(typed):
        known = set(map(tuple, derived[keys].to_numpy()))
        typed = typed[[tuple(r) not in known for r in typed[keys].to_numpy()]]
    typed = typed.assign(n_counts=0, basis="judgment summary")

    covered = set(crime_outcomes["person_id"])
    rest = placeholders(counts)
    rest = rest[~rest["person_id"].isin(covered)]
    if len(rest):
        group_keys = ["person_id", "crime", "qualification", "outcome"]
        sizes = rest.groupby(group_keys).size().rename("n_counts")
        rest = rest.drop_duplicates(group_keys).set_index(group_keys).join(sizes).reset_index()
    rest = rest.assign(basis="placeholder counts")
    if "n_counts" not in rest:
        rest["n_counts"] = 0

    parts = [p for p in (derived, typed, rest) if len(p)]
    if not parts:
        return derived.assign(verified=pd.Series(dtype=bool))
    out = pd.concat(parts, ignore_index=True, sort=False)
    out["verified"] = is_verified(out)
    out = out.drop(columns=[c for c in ("charge_no", "count") if c in out])
    return out.sort_values(["person_id", "crime", "qualification", "outcome"]).reset_index(drop=True)
