"""One status per person on an ``as_of`` date, from one function.

Every page that states where a person stands (the overview, the at-large counts, the durations
chapter, the case pages, the person-level funnel) reads :func:`person_status`. The statuses are
mutually exclusive and checked in a fixed order of precedence, so that each person gets exactly
one:

1. a verdict: convicted (final / appeal pending), acquitted on appeal, acquitted at trial
   (final / the Prosecutor's appeal pending);
2. a death: before the warrant was issued, with the proceedings ended, or reported without a
   formal end (the warrant is then formally outstanding but the person is not a fugitive);
3. an end without verdict, by its kind: charges vacated at trial (no case to answer), charges or
   warrant withdrawn, no charge confirmed, proceedings terminated or the case inadmissible;
4. still in proceedings: sought again after having appeared (at large), on trial, charges
   confirmed and awaiting trial, appeared and awaiting confirmation, charges confirmed in the
   person's absence (at large);
5. not before the Court: held by a state that has not surrendered them, or at large.

Nothing here reads the clock.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .stages import (
    as_timestamp,
    charge_outcomes,
    first_dates,
    national_custody,
    persons_as_of,
    public_from,
    sought_again,
)

# key: (label, group). Groups gather statuses for counts that several pages share.
STATUSES: dict[str, tuple[str, str]] = {
    "convicted_final": ("Convicted; conviction final", "convicted"),
    "convicted_appeal_pending": ("Convicted at trial; appeal pending", "convicted"),
    "acquitted_on_appeal": ("Acquitted on appeal (conviction reversed)", "acquitted"),
    "acquitted_appeal_pending": ("Acquitted at trial; appeal pending", "acquitted"),
    "acquitted": ("Acquitted at trial", "acquitted"),
    "died_before_warrant": ("Died before the warrant was issued", "died"),
    "died": ("Died; proceedings ended", "died"),
    "reported_dead": ("Reported dead; proceedings not formally ended", "died"),
    "vacated": ("Charges vacated at trial (no case to answer)", "ended"),
    "withdrawn": ("Charges or warrant withdrawn", "ended"),
    "not_confirmed": ("No charge confirmed; proceedings closed", "ended"),
    "terminated": ("Proceedings terminated or case inadmissible", "ended"),
    "on_trial": ("On trial", "in_proceedings"),
    "awaiting_trial": ("Charges confirmed; awaiting trial", "in_proceedings"),
    "awaiting_confirmation": ("Before the Court; awaiting the confirmation decision", "in_proceedings"),
    "confirmed_at_large": ("Charges confirmed in absentia; at large", "at_large"),
    "held_by_state": ("Held by a state that has not surrendered them", "held_by_state"),
    "at_large": ("At large (warrant outstanding)", "at_large"),
}
# Statuses of people who died before any verdict (not a loss: no verdict was possible).
DIED = tuple(key for key, (_, group) in STATUSES.items() if group == "died")
# Statuses of people not before the Court: their pending charges can move only if they are brought
# to The Hague (someone reported dead has no formal end yet, but will not be).
NOT_BEFORE_COURT = ("at_large", "confirmed_at_large", "held_by_state", "reported_dead")
GROUPS = {
    "convicted": "Convicted",
    "acquitted": "Acquitted",
    "died": "Died",
    "ended": "Proceedings ended without a verdict",
    "in_proceedings": "Before the Court, proceedings under way",
    "at_large": "At large",
    "held_by_state": "Held by a state, not surrendered",
}


def label(status: str) -> str:
    return STATUSES[status][0]


def person_status(
    persons: pd.DataFrame, events: pd.DataFrame, charges: pd.DataFrame, as_of, situations: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per person publicly sought on ``as_of``, with ``status`` (a key of :data:`STATUSES`),
    ``status_label``, ``group``, ``at_large`` (bool), ``first_warrant``, ``public_from``, the
    stage booleans of their charges and ``ended_on`` (the day proceedings ended, if they did)."""
    cut = as_timestamp(as_of)
    people = persons_as_of(persons, events, cut, situations).reset_index(drop=True)
    d = first_dates(events, cut).reindex(people["person_id"]).reset_index(drop=True)
    out = charge_outcomes(charges, events, persons, cut, situations)
    pid = people["person_id"]

    def per_person(mask: pd.Series) -> np.ndarray:
        hit = set(out.loc[mask, "person_id"])
        return pid.isin(hit).to_numpy()

    oc = out["outcome"]
    final = per_person(oc == "conviction_final")
    conv_pending = per_person(oc == "pending_appeal")
    reversed_ = per_person(oc == "reversed_on_appeal")
    acq_pending = per_person((out["trial"] == "acquitted") & (out["appeal"] == "pending"))
    acquitted = per_person(out["trial"] == "acquitted")
    confirmed = per_person(out["confirmed"])
    decided_conf = per_person(out["confirmation"] == "not_confirmed")
    undecided_conf = per_person(out["confirmation"] == "pending")
    no_charge_confirmed = decided_conf & ~confirmed & ~undecided_conf & d["confirmation_decision"].notna().to_numpy()

    death = d["death"]
    first = d["first_warrant"]
    died_before = (death.notna() & first.notna() & (death < first)).to_numpy()
    ended_formally = d[["proceedings_terminated", "warrant_withdrawn", "case_inadmissible", "charges_withdrawn"]]
    ended_formally = ended_formally.notna().any(axis=1).to_numpy()
    resought = pid.isin(sought_again(events, cut).index).to_numpy()
    appeared = d["in_custody"].notna().to_numpy() & ~resought
    spells = national_custody(events, cut)
    held = (pid.isin(spells.loc[spells["end"].isna(), "person_id"]) & d["in_custody"].isna()).to_numpy()
    withdrawn = d[["charges_withdrawn", "warrant_withdrawn"]].notna().any(axis=1).to_numpy()
    terminated = d[["proceedings_terminated", "case_inadmissible"]].notna().any(axis=1).to_numpy()

    conditions = {
        "convicted_final": final,
        "convicted_appeal_pending": conv_pending,
        "acquitted_on_appeal": reversed_,
        "acquitted_appeal_pending": acq_pending,
        "acquitted": acquitted,
        "died_before_warrant": died_before,
        "died": death.notna().to_numpy() & ended_formally,
        "reported_dead": death.notna().to_numpy(),
        "vacated": d["charges_vacated"].notna().to_numpy(),
        "withdrawn": withdrawn,
        "not_confirmed": no_charge_confirmed,
        "terminated": terminated,
        "at_large": resought,  # sought again after appearing (Banda): checked before the stages
        "on_trial": d["trial_opening"].notna().to_numpy(),
        "awaiting_trial": confirmed & appeared,
        "confirmed_at_large": confirmed & ~appeared,
        "awaiting_confirmation": appeared,
        "held_by_state": held,
    }
    status = np.select(list(conditions.values()), list(conditions.keys()), default="at_large")
    p = people.copy()
    p["status"] = status
    p["status_label"] = p["status"].map(label)
    p["group"] = p["status"].map(lambda s: STATUSES[s][1])
    p["at_large"] = p["group"] == "at_large"
    p["first_warrant"] = first.to_numpy()
    p["public_from"] = p["person_id"].map(public_from(events))
    ends = d[
        ["proceedings_terminated", "warrant_withdrawn", "case_inadmissible", "charges_withdrawn", "charges_vacated"]
    ].min(axis=1)
    ends = ends.where(~pd.Series(no_charge_confirmed), ends.fillna(d["confirmation_decision"]))
    p["ended_on"] = ends.to_numpy()
    stage_cols = ["charged", "confirmed", "tried", "convicted", "final"]
    best = out.groupby("person_id")[stage_cols].any()
    for col in stage_cols:
        p[col] = p["person_id"].map(best[col]).eq(True)
    return p


def counts(status: pd.DataFrame) -> dict[str, int]:
    """Number of person-case records per status (every status present, zeros included)."""
    got = status["status"].value_counts()
    return {key: int(got.get(key, 0)) for key in STATUSES}


def at_large(status: pd.DataFrame) -> pd.DataFrame:
    """The people at large: never before the Court, sought again after appearing, or confirmed in
    absentia. Those held by a state that refuses to surrender them are not among them."""
    return status[status["at_large"]]


def court_counts(persons: pd.DataFrame, events: pd.DataFrame, as_of) -> dict[str, int]:
    """The figures of the Court's own fact sheet ("The Court today") computed from the data.

    ``arrest_warrants``: individuals with a public arrest warrant on ``as_of`` (a person with two
    cases once; someone first summoned and later sought by a warrant counts here too);
    ``implemented``: of those, people brought into custody on an arrest warrant (not on a summons);
    ``summonses``: individuals summoned to appear. Used to check the data against the Court's count."""
    cut = as_timestamp(as_of)
    public = public_from(events)
    known = set(public.index[public.notna() & (public <= cut)])
    ev = events[events["date"] <= cut]
    same = persons.set_index("person_id")["same_person_as"].fillna("")

    def individuals(ids) -> set[str]:
        return {same.get(i, "") or i for i in ids}

    warrants = set(ev.loc[ev["event"] == "arrest_warrant", "person_id"]) & known
    summoned = set(ev.loc[ev["event"] == "summons", "person_id"]) & known
    custody = set(ev.loc[ev["event"] == "in_custody", "person_id"])
    return {
        "arrest_warrants": len(individuals(warrants)),
        "implemented": len(individuals((warrants & custody) - summoned)),
        "summonses": len(individuals(summoned)),
    }
