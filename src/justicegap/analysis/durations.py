"""How long proceedings take, stage by stage, with pending cases censored at ``as_of``.

An interval starts at one procedural event and ends at the next. Where the next event has not
happened by ``as_of`` the interval is *censored* at ``as_of`` (still running); where the
proceedings ended another way first (death, withdrawal, charges vacated) it is censored at that
date. Kaplan-Meier estimates (lifelines) use both observed and censored intervals.
"""

from __future__ import annotations

import pandas as pd

from .stages import as_timestamp, charge_outcomes, first_dates, persons_as_of, sought_again

INTERVALS = {
    "warrant_to_custody": ("Warrant or summons to custody or first appearance", "first_warrant", "in_custody"),
    "custody_to_confirmation": ("Custody to confirmation decision", "in_custody", "confirmation_decision"),
    "confirmation_to_trial": ("Confirmation to trial opening", "confirmation_decision", "trial_opening"),
    "trial_to_judgment": ("Trial opening to trial judgment", "trial_opening", "trial_judgment"),
    "judgment_to_appeal": ("Trial judgment to appeal judgment", "trial_judgment", "appeal_judgment"),
    "custody_to_final": ("Custody to final judgment", "in_custody", "final_judgment"),
}
# Events that end a case without closing the stage it is in: the interval is censored there.
STOPPERS = ["ended", "charges_withdrawn", "charges_vacated", "death", "confirmation_declined"]


def intervals(
    persons: pd.DataFrame, events: pd.DataFrame, charges: pd.DataFrame, as_of, situations: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per person and interval they entered: start, end, days, observed, how it ended."""
    cut = as_timestamp(as_of)
    people = persons_as_of(persons, events, cut, situations)
    d = first_dates(events, cut).reindex(people["person_id"])
    outcomes = charge_outcomes(charges, events, persons, cut, situations)
    confirmed = set(outcomes.loc[outcomes["confirmed"], "person_id"])
    appealed = set(
        outcomes.loc[outcomes["tried"] & outcomes["appeal"].isin(["upheld", "reversed", "pending"]), "person_id"]
    )
    waived = set(outcomes.loc[outcomes["tried"] & (outcomes["appeal"] == "not_appealed"), "person_id"]) - appealed
    d = d.copy()
    d["confirmation_declined"] = declined_dates(outcomes, d)
    final = pd.Series(pd.NaT, index=d.index, dtype="datetime64[ns]")
    final = final.mask(d.index.isin(list(appealed)), d["appeal_judgment"])
    final = final.mask(d.index.isin(list(waived)), d["trial_judgment"])
    d["final_judgment"] = final
    stop = d[STOPPERS].min(axis=1)

    rows = []
    info = people.set_index("person_id")
    for key, (label, start_col, end_col) in INTERVALS.items():
        start = d[start_col]
        eligible = start.notna()
        if key == "confirmation_to_trial":
            eligible &= d.index.isin(list(confirmed))
        if key == "judgment_to_appeal":
            eligible &= d.index.isin(list(appealed))
        for pid in d.index[eligible]:
            s, e, halt = start[pid], d.at[pid, end_col], stop[pid]
            if pd.notna(e):
                end, observed, how = e, True, "observed"
            elif pd.notna(halt) and halt >= s:
                end, observed, how = halt, False, "proceedings ended first"
            else:
                end, observed, how = cut, False, "still pending at as_of"
            rows.append(
                {
                    "person_id": pid,
                    "name": info.at[pid, "name"],
                    "situation": info.at[pid, "situation"],
                    "case_type": info.at[pid, "case_type"],
                    "interval": key,
                    "label": label,
                    "start": s,
                    "end": end,
                    "days": int((end - s).days),
                    "observed": observed,
                    "end_reason": how,
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
        "observed",
        "end_reason",
    ]
    return pd.DataFrame(rows, columns=cols)


def declined_dates(outcomes: pd.DataFrame, d: pd.DataFrame) -> pd.Series:
    """Date proceedings ended because no charge was confirmed (NaT where some charge was)."""
    by_person = outcomes.groupby("person_id")
    none_confirmed = by_person["confirmed"].sum() == 0
    any_declined = by_person["confirmation"].agg(lambda s: (s == "not_confirmed").any())
    declined = set(none_confirmed.index[none_confirmed & any_declined])
    return d["confirmation_decision"].where(d.index.isin(list(declined)))


def km_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Kaplan-Meier median duration (days) with its 95% confidence interval, per interval."""
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    rows = []
    for key, (label, _, _) in INTERVALS.items():
        sub = table[table["interval"] == key]
        row = {
            "interval": key,
            "label": label,
            "n": len(sub),
            "observed": int(sub["observed"].sum()),
            "censored": int((~sub["observed"]).sum()),
            "median_days": None,
            "ci_low": None,
            "ci_high": None,
        }
        if len(sub) and sub["observed"].any():
            kmf = KaplanMeierFitter().fit(sub["days"], event_observed=sub["observed"])
            med = kmf.median_survival_time_
            ci = median_survival_times(kmf.confidence_interval_)
            row["median_days"] = _finite(med)
            row["ci_low"] = _finite(ci.iloc[0, 0])
            row["ci_high"] = _finite(ci.iloc[0, 1])
        rows.append(row)
    return pd.DataFrame(rows)


def km_curve(table: pd.DataFrame, interval: str) -> pd.DataFrame:
    """The Kaplan-Meier curve (share of cases still waiting) for one interval."""
    from lifelines import KaplanMeierFitter

    sub = table[table["interval"] == interval]
    if sub.empty:
        return pd.DataFrame(columns=["days", "still_waiting", "ci_low", "ci_high"])
    kmf = KaplanMeierFitter().fit(sub["days"], event_observed=sub["observed"])
    curve = kmf.survival_function_.join(kmf.confidence_interval_)
    curve.columns = ["still_waiting", "ci_low", "ci_high"]
    return curve.reset_index().rename(columns={"timeline": "days"})


def _finite(value) -> float | None:
    value = float(value)
    return None if value == float("inf") or value != value else value


def time_at_large(table: pd.DataFrame, events: pd.DataFrame, as_of) -> pd.DataFrame:
    """People still sought on ``as_of``, with the day the current search began.

    ``table`` is the output of :func:`intervals`. Two kinds of people are at large: those never
    brought before the Court (their warrant-to-custody interval is still running; the search began
    with the first warrant or summons) and those sought again after appearing (a later warrant
    replaced a summons, see :func:`stages.sought_again`; the search began with that warrant)."""
    cut = as_timestamp(as_of)
    never = table[(table["interval"] == "warrant_to_custody") & (table["end_reason"] == "still pending at as_of")]
    never = never.assign(since="first warrant or summons")
    again = sought_again(events, cut)
    base = table.drop_duplicates("person_id").set_index("person_id")
    stopped = set(table.loc[table["end_reason"] == "proceedings ended first", "person_id"])
    rows = [
        {
            **{c: base.at[pid, c] for c in ("name", "situation", "case_type")},
            "person_id": pid,
            "interval": "sought_again",
            "label": "Sought again after appearing",
            "start": start,
            "end": cut,
            "days": int((cut - start).days),
            "observed": False,
            "end_reason": "still pending at as_of",
            "since": "warrant replacing an earlier summons or release",
        }
        for pid, start in again.items()
        if pid in base.index and pid not in stopped
    ]
    out = pd.concat([never, pd.DataFrame(rows, columns=[*never.columns])], ignore_index=True) if rows else never
    return out.sort_values(["days", "person_id"], ascending=[False, True]).reset_index(drop=True)


def longest_waits(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n longest intervals (observed or still running), longest first."""
    return (
        table.sort_values(["days", "person_id", "interval"], ascending=[False, True, True])
        .head(n)
        .reset_index(drop=True)
    )


def detention_before_judgment(
    persons: pd.DataFrame,
    events: pd.DataFrame,
    charges: pd.DataFrame,
    as_of,
    situations: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Days from custody to the trial judgment, or to release/end/``as_of`` if earlier.

    People who only appeared under a summons were never detained and are left out."""
    cut = as_timestamp(as_of)
    people = persons_as_of(persons, events, cut, situations)
    d = first_dates(events, cut).reindex(people["person_id"])
    d["confirmation_declined"] = declined_dates(charge_outcomes(charges, events, persons, cut, situations), d)
    summoned = d["summons"].notna() & ~(d["arrest_warrant"].notna() & (d["arrest_warrant"] <= d["in_custody"]))
    rows = []
    for pid, r in d[d["in_custody"].notna() & ~summoned].iterrows():
        candidates = {
            "trial judgment": r["trial_judgment"],
            "released": r["released"],
            "proceedings ended": r["ended"],
            "charges withdrawn": r["charges_withdrawn"],
            "charges vacated": r["charges_vacated"],
            "charges not confirmed": r["confirmation_declined"],
            "death": r["death"],
        }
        candidates = {k: v for k, v in candidates.items() if pd.notna(v) and v >= r["in_custody"]}
        if candidates:
            how, end = min(candidates.items(), key=lambda kv: (kv[1], kv[0]))
        else:
            how, end = "still detained at as_of", cut
        rows.append(
            {
                "person_id": pid,
                "start": r["in_custody"],
                "end": end,
                "ended_by": how,
                "days": int((end - r["in_custody"]).days),
            }
        )
    out = pd.DataFrame(rows, columns=["person_id", "start", "end", "ended_by", "days"])
    out = out.merge(people[["person_id", "name", "situation", "case_type"]], on="person_id")
    return out.sort_values(["days", "person_id"], ascending=[False, True]).reset_index(drop=True)
