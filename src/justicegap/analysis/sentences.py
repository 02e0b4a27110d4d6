"""Sentences imposed, and the sentence in force on ``as_of`` after appeals, re-sentencing, review
and vacatur.

The Court imposes a joint sentence per person and case, so sentences are compared per person,
never per count. A sentence that fell away because every conviction it punished was reversed on
appeal is recorded in ``sentences.csv`` as a ``vacated`` decision: nothing is then in force.
"""

from __future__ import annotations

import pandas as pd

from .stages import as_timestamp, persons_as_of


def sentence_table(
    sentences: pd.DataFrame,
    charges: pd.DataFrame,
    events: pd.DataFrame,
    persons: pd.DataFrame,
    as_of,
    situations: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Per sentenced person-case record: the first sentence (at trial, or on a guilty plea), the
    latest decision on ``as_of`` and the sentence in force then (``in_force_months``: blank when
    vacated). ``charges`` is accepted for compatibility and not used."""
    cut = as_timestamp(as_of)
    people = persons_as_of(persons, events, cut, situations)
    known = sentences[(sentences["date"] <= cut) & sentences["person_id"].isin(people["person_id"])]
    known = known.sort_values(["person_id", "date", "decision"])
    names = people.set_index("person_id")["name"]
    kinds = people.set_index("person_id")["case_type"]
    rows = []
    for pid, group in known.groupby("person_id", sort=True):
        first, last = group.iloc[0], group.iloc[-1]
        vacated = last["decision"] == "vacated"
        in_force = None if vacated else last["imprisonment_months"]
        rows.append(
            {
                "person_id": pid,
                "name": names[pid],
                "case_type": kinds[pid],
                "first_decision": first["date"],
                "first_months": first["imprisonment_months"],
                "latest_decision": last["decision"],
                "latest_date": last["date"],
                "in_force_months": in_force,
                "vacated": bool(vacated),
                "changed": bool(len(group) > 1 and (vacated or first["imprisonment_months"] != in_force)),
            }
        )
    cols = [
        "person_id",
        "name",
        "case_type",
        "first_decision",
        "first_months",
        "latest_decision",
        "latest_date",
        "in_force_months",
        "vacated",
        "changed",
    ]
    out = pd.DataFrame(rows, columns=cols)
    out["first_months"] = out["first_months"].astype("Int64")
    out["in_force_months"] = (
        pd.array(out["in_force_months"].tolist(), dtype="Int64") if len(out) else out["in_force_months"].astype("Int64")
    )
    return out


def medians(table: pd.DataFrame, case_type: str = "core", under_appeal=()) -> dict:
    """Median sentences for one case type, each with what it includes.

    ``at_trial``: the first sentence of every person sentenced (including those later reduced,
    increased or vacated); ``in_force``: the sentences in force on as-of (vacated ones excluded);
    ``final``: those in force whose person is not in ``under_appeal`` (person_ids whose conviction
    is still under appeal, from the status)."""
    sub = table[table["case_type"] == case_type]
    first = sub["first_months"].dropna().astype(float)
    in_force = sub[sub["in_force_months"].notna()]
    now = in_force["in_force_months"].astype(float)
    settled = in_force.loc[~in_force["person_id"].isin(set(under_appeal)), "in_force_months"].astype(float)
    return {
        "final_months": float(settled.median()) if len(settled) else None,
        "final_n": int(len(settled)),
        "under_appeal_n": int(len(now) - len(settled)),
        "at_trial_months": float(first.median()) if len(first) else None,
        "at_trial_n": int(len(first)),
        "in_force_months": float(now.median()) if len(now) else None,
        "in_force_n": int(len(now)),
        "vacated_n": int(sub["vacated"].sum()),
        "longest_months": float(first.max()) if len(first) else None,
    }
