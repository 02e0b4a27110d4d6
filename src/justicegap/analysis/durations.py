"""How long proceedings take, stage by stage, with competing exits.

Every stage interval starts at one procedural event and ends in one of several ways: it reaches
the next stage, or it ends without it in a named way (the accused died, the charges were not
confirmed, withdrawn or vacated, the proceedings were terminated), or it is still running on
``as_of`` (censored there). Ending another way is a *competing exit*, not censoring: treating it as
censoring (as a Kaplan-Meier median would) describes a world in which no case ends early. So each
interval is summarised by the cumulative incidence of each way it can end (the Aalen-Johansen
estimator, from lifelines), and Kaplan-Meier medians are given only where an interval has a
single way to end.

The clocks (one rule per stage, applied to everyone):

* ``warrant_to_custody``: from the first **arrest warrant** to arrival in the Court's custody.
  Summonses have their own clock, ``summons_to_appearance``. Time at large ends at custody, at a
  death, or at the withdrawal of the warrant or termination of the proceedings.
* A death, withdrawal or termination dated before an interval starts removes the person from it
  (a person who died before their warrant was issued is never "at large").
* Someone who absconds (sought again after appearing, :func:`stages.sought_again`) leaves court
  time on the day the new warrant was issued: a competing exit of its own (``absconded``), since a
  case whose accused is at large is not still running, though it has not ended either.
* An estimate is given only as far as the interval is followed (:func:`followed_until`): while at
  least :data:`MIN_AT_RISK` people are still in it, or, before any case was censored, however few.
* **One rule per ending** (:data:`TRIAL_ENDS`): a trial ends with a verdict (a trial judgment,
  including an acquittal on a no-case-to-answer motion) or without one (charges vacated on a
  no-case-to-answer motion, charges withdrawn, proceedings terminated, death); every one of them
  ends the trial stage, wherever it occurs, and none is "still running".
* ``custody_to_final``: from arrival in custody (or first appearance under a summons) to the final
  judgment: the appeal judgment, or the trial judgment where no appeal was brought.

Nothing here reads the clock.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .. import dates
from .stages import (
    as_timestamp,
    charge_outcomes,
    final_judgment_dates,
    first_dates,
    national_custody,
    persons_as_of,
    sought_again,
    went_to_appeal,
)

EXITS = {
    "reached": "Reached the next stage",
    "final_conviction": "Final judgment: conviction",
    "final_acquittal": "Final judgment: acquittal",
    "not_confirmed": "No charge confirmed",
    "withdrawn": "Charges or warrant withdrawn",
    "vacated": "Charges vacated (no case to answer)",
    "terminated": "Proceedings terminated or case inadmissible",
    "died": "Died",
    "discontinued": "Appeals discontinued",
    "absconded": "At large again (sought after appearing; case not ended)",
    "censored": "Still running on the as-of date",
}
# How a trial can end: every one of these closes the trial stage.
TRIAL_ENDS = {
    "trial_judgment": "reached",
    "charges_vacated": "vacated",
    "charges_withdrawn": "withdrawn",
    "proceedings_terminated": "terminated",
    "case_inadmissible": "terminated",
    "warrant_withdrawn": "withdrawn",
    "death": "died",
}
# Events that end the proceedings, and the exit each one is (death first when two coincide).
ENDINGS = {
    "death": "died",
    "charges_withdrawn": "withdrawn",
    "warrant_withdrawn": "withdrawn",
    "charges_vacated": "vacated",
    "proceedings_terminated": "terminated",
    "case_inadmissible": "terminated",
}
INTERVALS = {
    "warrant_to_custody": ("Arrest warrant to custody", "first_arrest_warrant", "in_custody"),
    "summons_to_appearance": ("Summons to first appearance", "summons", "in_custody"),
    "custody_to_confirmation": (
        "Custody or appearance to charges confirmed (a decision confirming none is an exit)",
        "in_custody",
        "confirmation_decision",
    ),
    "confirmation_to_trial": ("Confirmation to trial opening", "confirmation_decision", "trial_opening"),
    "trial_to_judgment": ("Trial opening to trial judgment", "trial_opening", "trial_judgment"),
    "judgment_to_appeal": ("Trial judgment to appeal judgment", "trial_judgment", "appeal_judgment"),
    "custody_to_final": ("Custody or appearance to final judgment", "in_custody", "final_judgment"),
}
REACHED = ("reached", "final_conviction", "final_acquittal")
TRIAL_STAGES = ("trial_to_judgment", "judgment_to_appeal")  # the stages whose observations are trials
SMALL = 5  # a median or estimate from this many observed endings or fewer is flagged and named
MIN_AT_RISK = 5  # beyond the time fewer than this are still followed, no share is estimated


def _dates(persons, events, charges, as_of, situations):
    cut = as_timestamp(as_of)
    people = persons_as_of(persons, events, cut, situations)
    ev = events[events["date"] <= cut]
    d = first_dates(events, cut).reindex(people["person_id"]).copy()
    aw = ev[ev["event"] == "arrest_warrant"].groupby("person_id")["date"].min()
    d["first_arrest_warrant"] = d.index.map(aw)
    # a summons clock only for people first summoned; an arrest warrant clock only for people whose
    # first process was an arrest warrant (a later warrant replacing a summons is "sought again")
    first_is_summons = d["summons"].notna() & (d["arrest_warrant"].isna() | (d["summons"] <= d["arrest_warrant"]))
    d["summons"] = d["summons"].where(first_is_summons)
    d["first_arrest_warrant"] = d["first_arrest_warrant"].where(~first_is_summons)
    outcomes = charge_outcomes(charges, events, persons, cut, situations)
    confirmed = set(outcomes.loc[outcomes["confirmed"], "person_id"])
    decided = outcomes[outcomes["confirmation"].isin(["confirmed", "not_confirmed"])]
    none_confirmed = set(decided["person_id"]) - confirmed
    d["confirmation_declined"] = d["confirmation_decision"].where(d.index.isin(list(none_confirmed)))
    appealed = went_to_appeal(outcomes, d)  # discontinued appeals (Katanga, Al Hassan) entered the stage too
    # when the judgment became final: one rule, shared with the reparations chapter
    d["final_judgment"] = final_judgment_dates(outcomes, events, cut).reindex(d.index)
    d["sought_again"] = d.index.map(sought_again(events, cut))
    d["confirmed"] = d.index.isin(list(confirmed))
    d["final_conviction"] = d.index.isin(list(set(outcomes.loc[outcomes["final"], "person_id"])))
    d["appealed"] = d.index.isin(list(appealed))
    return cut, people, d


def _ending(row: pd.Series, after: pd.Timestamp, kinds: dict[str, str]) -> tuple[pd.Timestamp, str] | None:
    """The earliest of the given ending events on or after ``after``: (date, exit)."""
    best = None
    for event, kind in kinds.items():
        when = row.get(event)
        if pd.notna(when) and when >= after and (best is None or when < best[0]):
            best = (when, kind)
    return best


def intervals(
    persons: pd.DataFrame, events: pd.DataFrame, charges: pd.DataFrame, as_of, situations: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per person and interval they entered: start, end, days, ``exit`` (a key of
    :data:`EXITS`), ``observed`` (the interval reached the next stage) and ``trial_group`` (people
    tried together share one: same situation and same trial opening day)."""
    cut, people, d = _dates(persons, events, charges, as_of, situations)
    info = people.set_index("person_id")
    rows = []
    for key, (label, start_col, end_col) in INTERVALS.items():
        for pid, r in d.iterrows():
            start = r[start_col]
            if pd.isna(start):
                continue
            if key == "confirmation_to_trial" and not (r["confirmed"] and pd.notna(r["in_custody"])):
                continue  # court time only: charges confirmed in absentia (Kony) do not start a trial clock
            if key == "judgment_to_appeal" and not r["appealed"]:
                continue
            # removed from the interval by a death or an end that predates its start
            before = [r[e] for e in ENDINGS if pd.notna(r[e]) and r[e] < start]
            if before:
                continue
            end_event = r[end_col]
            endings = dict(ENDINGS)
            if key == "custody_to_confirmation":
                endings["confirmation_declined"] = "not_confirmed"  # (it is the next stage too)
            if key == "custody_to_final":
                endings["confirmation_declined"] = "not_confirmed"
            if key == "trial_to_judgment":
                endings = {k: v for k, v in TRIAL_ENDS.items() if k != "trial_judgment"}
            if key == "judgment_to_appeal":
                endings["appeal_discontinued"] = "discontinued"
            other = _ending(r, start, endings)
            absconded = r["sought_again"] if pd.notna(r["sought_again"]) and r["sought_again"] > start else pd.NaT
            candidates = []
            if pd.notna(end_event) and end_event >= start:
                candidates.append((end_event, 0, "reached"))
            if other is not None:
                candidates.append((other[0], 1, other[1]))
            if pd.notna(absconded):
                candidates.append((absconded, 2, "absconded"))
            if key == "custody_to_confirmation" and pd.notna(r["confirmation_declined"]):
                # the decision came, but closed the case: an exit of its own
                candidates = [c for c in candidates if c[2] != "reached"] + [
                    (r["confirmation_declined"], 0, "not_confirmed")
                ]
            if candidates:
                end, _, exit_ = min(candidates)
            else:
                end, exit_ = cut, "censored"
            if key == "custody_to_final" and exit_ == "reached":
                exit_ = "final_conviction" if r["final_conviction"] else "final_acquittal"
            rows.append(
                {
                    "person_id": pid,
                    "name": info.at[pid, "name"],
                    "situation": info.at[pid, "situation"],
                    "case_type": info.at[pid, "case_type"],
                    "interval": key,
                    "label": label,
                    "start": start,
                    "end": end,
                    "days": int((end - start).days),
                    "exit": exit_,
                    "observed": exit_ in REACHED,
                    "trial_group": f"{info.at[pid, 'situation']}:{r['trial_opening'].date().isoformat()}"
                    if pd.notna(r["trial_opening"])
                    else pid,
                }
            )
    cols = [
        "person_id",
        "name",
        "situation",
        "case_type",
        "interval",
        "label",
        "start",
        "end",
        "days",
        "exit",
        "observed",
        "trial_group",
    ]
    return pd.DataFrame(rows, columns=cols)


def _codes(sub: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Durations and exit codes for lifelines (0 = censored).

    lifelines' Aalen-Johansen fitter breaks ties between endings of different kinds at the same
    time by random jitter. Here they are separated deterministically instead, by a millionth of a
    day per kind, in the order of :data:`EXITS`, and a case censored that day leaves after them
    (it was at risk): with d1 endings of one kind and d2 of another at
    time t among n at risk, the estimate then adds S(t-)·d1/n and S(t-)·d2/n, exactly the tied
    Aalen-Johansen step, and the result does not depend on a random draw."""
    kinds = [k for k in EXITS if k != "censored" and (sub["exit"] == k).any()]
    code = {k: i + 1 for i, k in enumerate(kinds)}
    events = sub["exit"].map(code).fillna(0).astype(int).to_numpy()
    durations = sub["days"].to_numpy(dtype=float).copy()
    frame = pd.DataFrame({"t": durations, "e": events})
    observed = frame[frame["e"] > 0]
    mixed = observed.groupby("t")["e"].nunique()
    for t in mixed.index[mixed > 1]:
        at = (frame["t"] == t) & (frame["e"] > 0)
        durations[at.to_numpy()] = t + frame.loc[at, "e"].to_numpy() * 1e-6
    # a case censored on the day of an ending was still at risk then: it leaves after the endings
    tied_censored = (frame["e"] == 0) & frame["t"].isin(set(observed["t"]))
    durations[tied_censored.to_numpy()] += 1e-3
    return durations, events, kinds


def at_risk(sub: pd.DataFrame, days: float) -> int:
    """People still in the interval (not yet ended or censored) ``days`` after it opened."""
    return int((sub["days"] >= days).sum())


def reached_within(sub: pd.DataFrame, events: pd.DataFrame, years: float) -> list[str]:
    """Who reached a final judgment within ``years`` of the interval opening, in order of time:
    the name, "(acquitted)" for a final acquittal, and ", who admitted guilt" where the person
    admitted guilt (Al Mahdi's plea is the only quick final judgment in the data, so a reader must
    know it was not a contested trial)."""
    pleaded = set(events.loc[events["event"] == "admission_of_guilt", "person_id"])
    done = sub[sub["exit"].isin(REACHED) & (sub["days"] <= years * 365.25)].sort_values(["days", "person_id"])
    return [
        name
        + (" (acquitted)" if exit_ == "final_acquittal" else "")
        + (", who admitted guilt" if pid in pleaded else "")
        for pid, name, exit_ in zip(done["person_id"], done["name"], done["exit"])
    ]


def followed_until(sub: pd.DataFrame, min_at_risk: int = MIN_AT_RISK) -> float:
    """The last day (since the interval opened) at which its estimates are given: while at least
    :data:`MIN_AT_RISK` people are still in the interval, and in any case up to the first day a case
    was censored (until then every case's ending is known, so the shares are exact counts).
    Infinite when no case was censored, or when ``min_at_risk`` is 0 (no limit)."""
    censored = sub.loc[sub["exit"] == "censored", "days"]
    if censored.empty or min_at_risk <= 0:
        return float("inf")
    ordered = sorted(sub["days"], reverse=True)
    last = float(ordered[min_at_risk - 1]) if len(ordered) >= min_at_risk else float("-inf")
    return max(last, float(censored.min()))


def last_estimated(sub: pd.DataFrame, min_at_risk: int = MIN_AT_RISK) -> float:
    """The last day at which the shares of an interval are given: :func:`followed_until`, or the
    longest duration when that is unbounded. The figures annotate their curves at this day and the
    tables carry a row for it, so that the number in a panel is one the table states."""
    if sub.empty:
        return float("nan")
    return min(followed_until(sub, min_at_risk), float(sub["days"].max()))


def cumulative_incidence(
    table: pd.DataFrame,
    interval: str,
    horizons_years=(1, 2, 5, 8, 10),
    min_at_risk: int = MIN_AT_RISK,
    at_limit: bool = False,
) -> pd.DataFrame:
    """Aalen-Johansen cumulative incidence of each way an interval ends, at each horizon.

    One row per exit kind and horizon: ``share`` (probability of having ended that way by then),
    95% ``ci_low``/``ci_high``, plus ``n`` (people in the interval), ``events`` (endings of that
    kind), ``small`` (events ≤ :data:`SMALL`), ``at_risk`` (people still in the interval at the
    horizon) and ``followed`` (False beyond :func:`followed_until`: share and interval are then
    left empty, not extrapolated). With ``at_limit``, each kind also has a row at
    :func:`last_estimated` (``years`` rounded to 0.1, ``last`` True), in order among the horizons,
    unless a horizon falls on that day."""
    from lifelines import AalenJohansenFitter

    sub = table[table["interval"] == interval]
    durations, codes, kinds = _codes(sub)
    limit = followed_until(sub, min_at_risk)
    times = [(h, h * 365.25, False) for h in horizons_years]
    last = last_estimated(sub, min_at_risk)
    if at_limit and last == last and all(abs(t - last) > 0.5 for _, t, _ in times):
        times = sorted([*times, (round(last / 365.25, 1), last, True)], key=lambda x: x[1])
    rows = []
    warnings.filterwarnings("ignore", module="lifelines")
    for i, kind in enumerate(kinds, 1):
        fitter = AalenJohansenFitter(calculate_variance=True, seed=0)
        fitter.fit(durations, codes, event_of_interest=i)
        cif = fitter.cumulative_density_.iloc[:, 0]
        ci = fitter.confidence_interval_
        for h, t, is_last in times:
            at = cif.index[cif.index <= t]
            share = float(cif.loc[at[-1]]) if len(at) else 0.0
            lo = hi = float("nan")
            if len(at):
                band = ci.loc[at[-1]].astype(float)
                if band.notna().all():
                    lo, hi = float(band.min()), float(band.max())
            followed = t <= limit
            if not followed:
                share = lo = hi = float("nan")
            rows.append(
                {
                    "interval": interval,
                    "exit": kind,
                    "label": EXITS[kind],
                    "years": h,
                    "share": share,
                    "ci_low": lo,
                    "ci_high": hi,
                    "n": len(sub),
                    "events": int((codes == i).sum()),
                    "small": int((codes == i).sum()) <= SMALL,
                    "at_risk": at_risk(sub, t),
                    "followed": followed,
                    "last": is_last,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "interval",
            "exit",
            "label",
            "years",
            "share",
            "ci_low",
            "ci_high",
            "n",
            "events",
            "small",
            "at_risk",
            "followed",
            "last",
        ],
    )


def incidence_curves(table: pd.DataFrame, interval: str, min_at_risk: int = MIN_AT_RISK) -> dict[str, pd.DataFrame]:
    """The cumulative incidence curve of each exit kind (for figures): days, share, ci_low, ci_high,
    each stopped at :func:`followed_until`."""
    from lifelines import AalenJohansenFitter

    sub = table[table["interval"] == interval]
    durations, codes, kinds = _codes(sub)
    limit = followed_until(sub, min_at_risk)
    out = {}
    warnings.filterwarnings("ignore", module="lifelines")
    for i, kind in enumerate(kinds, 1):
        fitter = AalenJohansenFitter(calculate_variance=True, seed=0).fit(durations, codes, event_of_interest=i)
        curve = fitter.cumulative_density_.iloc[:, 0].rename("share").to_frame()
        band = fitter.confidence_interval_.astype(float)
        curve["ci_low"] = band.min(axis=1)
        curve["ci_high"] = band.max(axis=1)
        curve = curve.reset_index().rename(columns={curve.index.name or "index": "days"})
        out[kind] = curve[curve["days"] <= limit].reset_index(drop=True)
    return out


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per interval: people and trials, how each ended, and a Kaplan-Meier median only where the
    interval has a single way to end (else "competing exits: see cumulative incidence").

    ``median_note`` says "not reached" where fewer than half have reached the next stage, and
    names the people where the median rests on :data:`SMALL` or fewer observations."""
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    rows = []
    for key, (label, _, _) in INTERVALS.items():
        sub = table[table["interval"] == key]
        ends = sub["exit"].value_counts()
        other = [k for k in EXITS if k not in (*REACHED, "censored", "absconded") and ends.get(k, 0)]
        competing = other + (["absconded"] if ends.get("absconded", 0) else [])
        row = {
            "interval": key,
            "label": label,
            "persons": len(sub),
            # joint trials counted once, where the stage is a trial's: before it there is no trial
            "trials": sub["trial_group"].nunique() if key in TRIAL_STAGES else None,
            "reached": int(sum(ends.get(k, 0) for k in REACHED)),
            "ended_otherwise": int(sum(ends.get(k, 0) for k in other)),
            "at_large_again": int(ends.get("absconded", 0)),
            "still_running": int(ends.get("censored", 0)),
            "median_days": None,
            "ci_low": None,
            "ci_high": None,
            "median_note": "",
        }
        if competing:
            row["median_note"] = (
                "competing exits (" + ", ".join(EXITS[k].lower() for k in competing) + "): see cumulative incidence"
            )
        elif len(sub) and sub["observed"].any() and sub.loc[sub["observed"], "exit"].nunique() == 1:
            kmf = KaplanMeierFitter().fit(sub["days"], event_observed=sub["observed"])
            med = _finite(kmf.median_survival_time_)
            ci = median_survival_times(kmf.confidence_interval_)
            row["median_days"], row["ci_low"] = med, _finite(ci.iloc[0, 0])
            row["ci_high"] = _finite(ci.iloc[0, 1])
            notes = []
            if med is None:
                notes.append("median not reached")
            if row["ci_high"] is None:
                notes.append("upper bound not reached")
            if int(sub["observed"].sum()) <= SMALL:
                notes.append("small n: " + "; ".join(sorted(sub.loc[sub["observed"], "name"])))
            row["median_note"] = ", ".join(notes)
        rows.append(row)
    return pd.DataFrame(rows)


def trial_lengths(table: pd.DataFrame) -> pd.DataFrame:
    """Trial opening to its end, one row per trial (joint trials once): the trial's people, its
    opening, how and when it ended (the last accused's ending), and its length in days."""
    sub = table[table["interval"] == "trial_to_judgment"]
    rows = []
    for group, g in sub.groupby("trial_group", sort=True):
        last = g.sort_values(["end", "person_id"]).iloc[-1]
        rows.append(
            {
                "trial": group,
                "persons": len(g),
                "names": "; ".join(sorted(g["name"])),
                "start": g["start"].min(),
                "end": last["end"],
                "days": int((last["end"] - g["start"].min()).days),
                "exit": last["exit"],
                "ended": bool(last["exit"] not in ("censored", "absconded")),
            }
        )
    return pd.DataFrame(rows, columns=["trial", "persons", "names", "start", "end", "days", "exit", "ended"])


def _finite(value) -> float | None:
    value = float(value)
    return None if value == float("inf") or value != value else value


def time_at_large(status: pd.DataFrame, events: pd.DataFrame, as_of) -> pd.DataFrame:
    """People at large on ``as_of`` (:func:`status.at_large`, the one list every page uses), with
    the day the current search began: their first warrant or summons, or, for someone sought
    again after appearing, the warrant that replaced the summons or followed the release."""
    cut = as_timestamp(as_of)
    again = sought_again(events, cut)
    large = status[status["at_large"]].copy()
    large["start"] = large["person_id"].map(again).fillna(large["first_warrant"])
    large["since"] = np.where(
        large["person_id"].isin(again.index), "warrant after an earlier appearance", "first warrant or summons"
    )
    large["days"] = (cut - large["start"]).dt.days.astype(int)
    # of which held by a state (arrested by national authorities and later released or escaped,
    # as Harun in Sudan 2019-2023): still not before the Court, but not a fugitive then either
    # (each spell counted within the current search; one still open ends on as_of)
    spells = national_custody(events, cut)
    held, precision = [], []
    for pid, start in zip(large["person_id"], large["start"]):
        mine = spells[spells["person_id"] == pid]
        days = [max(0, (e - max(s, start)).days) for s, e in zip(mine["start"], mine["end"].fillna(cut))]
        held.append(int(sum(days)))
        # as exact as the coarsest of the dates of the spells it counts (Harun's escape: a month)
        counted = mine.iloc[[i for i, d in enumerate(days) if d > 0]]
        precision.append(dates.coarsest(*counted["start_precision"], *counted["end_precision"]))
    large["held_by_state_days"] = held
    large["held_by_state_precision"] = precision
    return large.sort_values(["days", "person_id"], ascending=[False, True]).reset_index(drop=True)


def longest_waits(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n longest court-time intervals (reached or still running; time at large excluded)."""
    court = table[~table["interval"].isin(["warrant_to_custody", "summons_to_appearance"])]
    return (
        court.sort_values(["days", "person_id", "interval"], ascending=[False, True, True])
        .head(n)
        .reset_index(drop=True)
    )


def detention(
    persons: pd.DataFrame, events: pd.DataFrame, charges: pd.DataFrame, as_of, situations: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The whole of detention, per person detained by the Court.

    ``icc_days``: from arrival in ICC custody on an arrest warrant to the first release (interim
    or final), death, or ``as_of`` (still detained). It includes time after the trial judgment
    (an accused held until acquitted on appeal) and time serving a sentence until release;
    ``before_final_days`` stops at the final judgment. ``national_days``: from arrest by national
    authorities on the Court's warrant to surrender, where a source gives it (shown separately),
    counted from the warrant where the national arrest came before it (``national_from_warrant``).
    People who appeared under a summons and were never detained are left out."""
    cut, people, d = _dates(persons, events, charges, as_of, situations)
    spells = national_custody(events, cut)
    spells = spells[spells["closed_by"] == "in_custody"]
    surrendered = {
        (p, e): (s, q) for p, s, q, e in zip(*(spells[c] for c in ("person_id", "start", "start_precision", "end")))
    }
    rows = []
    for pid, r in d.iterrows():
        arrival = r["in_custody"]
        if pd.isna(arrival) or pd.notna(r["summons"]):
            continue
        ends = {"released": r["released"], "died": r["death"]}
        ends = {k: v for k, v in ends.items() if pd.notna(v) and v >= arrival}
        how, end = min(ends.items(), key=lambda kv: (kv[1], kv[0])) if ends else ("still detained", cut)
        final = r["final_judgment"]
        before_final = (
            (min(final, end) - arrival).days if pd.notna(final) and final >= arrival else (end - arrival).days
        )
        # the national custody that ended in this surrender, if a source dates its start
        nat, nat_precision = surrendered.get((pid, arrival), (pd.NaT, "day"))
        # national custody on the Court's warrant counts from the warrant at the earliest: before
        # it (Gbagbo, held in Côte d'Ivoire from April 2011, warrant of 23 November 2011) the person
        # was held on national grounds, which is not time spent on the Court's case
        warrant = r["first_arrest_warrant"]
        held_before_warrant = pd.notna(nat) and pd.notna(warrant) and nat < warrant
        nat_from = warrant if held_before_warrant else nat
        national = int((arrival - nat_from).days) if pd.notna(nat_from) and nat_from <= arrival else None
        rows.append(
            {
                "person_id": pid,
                "start": arrival,
                "end": end,
                "ended_by": how,
                "icc_days": int((end - arrival).days),
                "before_final_days": int(before_final),
                "national_arrest": nat if national is not None else pd.NaT,
                "national_arrest_precision": nat_precision if national is not None else "day",
                "national_days": national,
                "national_from_warrant": bool(held_before_warrant and national is not None),
                "still_detained": how == "still detained",
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "person_id",
            "start",
            "end",
            "ended_by",
            "icc_days",
            "before_final_days",
            "national_arrest",
            "national_arrest_precision",
            "national_days",
            "national_from_warrant",
            "still_detained",
        ],
    )
    out = out.merge(people[["person_id", "name", "situation", "case_type"]], on="person_id")
    return out.sort_values(["icc_days", "person_id"], ascending=[False, True]).reset_index(drop=True)


def crimes_to_warrant(persons: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """How long before the Court acted: from the end of the period of the crimes charged to the
    first warrant or summons, where the period is recorded (with its precision). ``later_charges``
    marks a period that ends after the first warrant (it comes from charges added later, so the
    interval does not measure the wait); ``imprecise`` a period end known only to the month or year."""
    cols = ["person_id", "crimes_to", "crimes_to_precision"]
    frame = status[["person_id", "name", "situation", "case_type", "first_warrant"]].merge(
        persons[cols], on="person_id"
    )
    frame = frame[frame["crimes_to"].notna()]
    frame = frame.assign(days=(frame["first_warrant"] - frame["crimes_to"]).dt.days)
    # a period that ends after the first warrant comes from charges added later: not this clock
    frame = frame.assign(
        later_charges=frame["days"] < 0, imprecise=frame["crimes_to_precision"].isin(["month", "year"])
    )
    return frame.sort_values(["days", "person_id"], ascending=[False, True]).reset_index(drop=True)


def sealed_to_public(events: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """Warrants issued under seal: from the first warrant or summons to the day it was made public."""
    frame = status[status["public_from"] > status["first_warrant"]]
    frame = frame.assign(days=(frame["public_from"] - frame["first_warrant"]).dt.days)
    cols = ["person_id", "name", "situation", "case_type", "first_warrant", "public_from", "days"]
    return frame[cols].sort_values(["days", "person_id"], ascending=[False, True]).reset_index(drop=True)


# Old names, kept for callers outside the report (the benchmark).
km_summary = summary
detention_before_judgment = detention
