"""Sentences imposed, how they changed, and how they relate to the counts convicted."""

from __future__ import annotations

import pandas as pd

from .stages import as_timestamp, charge_outcomes


def sentence_table(
    sentences: pd.DataFrame,
    charges: pd.DataFrame,
    events: pd.DataFrame,
    persons: pd.DataFrame,
    as_of,
    situations: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Per sentenced person: first sentence, latest sentence on ``as_of``, counts convicted."""
    cut = as_timestamp(as_of)
    known = sentences[sentences["date"] <= cut].sort_values(["person_id", "date", "decision"])
    outcomes = charge_outcomes(charges, events, persons, cut, situations)
    known = known[known["person_id"].isin(outcomes["person_id"].unique())]
    counts = outcomes.groupby("person_id")["convicted"].sum()
    rows = []
    for pid, group in known.groupby("person_id", sort=True):
        first, last = group.iloc[0], group.iloc[-1]
        n = int(counts.get(pid, 0))
        months = last["imprisonment_months"]
        rows.append(
            {
                "person_id": pid,
                "name": outcomes.loc[outcomes["person_id"] == pid, "name"].iloc[0],
                "first_decision": first["date"],
                "first_months": first["imprisonment_months"],
                "latest_decision": last["decision"],
                "latest_date": last["date"],
                "latest_months": months,
                "changed": bool(len(group) > 1 and first["imprisonment_months"] != months),
                "counts_convicted": n,
                "months_per_count": (float(months) / n) if n and pd.notna(months) else None,
            }
        )
    cols = [
        "person_id",
        "name",
        "first_decision",
        "first_months",
        "latest_decision",
        "latest_date",
        "latest_months",
        "changed",
        "counts_convicted",
        "months_per_count",
    ]
    return pd.DataFrame(rows, columns=cols)
