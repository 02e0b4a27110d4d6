"""Sexual and gender-based crimes (SGBC): scope from the taxonomy in data, outcomes compared.

Placeholder rows are never pooled with named crimes. Each row gets ``sgbc_known``: whether its
SGBC status is known for the scope. A row whose crime is ``unverified`` is unknown in both
scopes; ``unverified_sgbc`` (a source counts it among the sexual and gender-based crimes, but not
which) is SGBC in the broad scope and unknown in the narrow one (it may be forced marriage);
``unverified_other`` (a source establishes it is not SGBC) is known not to be SGBC in both.
Comparisons are computed on rows whose status is known and give the bounds the unknown rows
allow: all of them SGBC, or none.
"""

from __future__ import annotations

import pandas as pd

from ..vocab import SCOPE_LABELS  # noqa: F401 (re-exported)
from . import funnel as fn
from .funnel import per_person
from .stages import appeal_shown
from .units import PLACEHOLDERS

SCOPES = {"narrow": ("sexual",), "broad": ("sexual", "gender_based")}
GROUPS = ("SGBC", "Other crimes")


def sgbc_crimes(crimes: pd.DataFrame, scope: str) -> set[str]:
    """Named crimes in the scope (placeholders excluded)."""
    if scope not in SCOPES:
        raise ValueError(f"sgbc_scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    named = crimes[~crimes["crime"].isin(PLACEHOLDERS)]
    return set(named.loc[named["sgbc"].isin(SCOPES[scope]), "crime"])


def mark_sgbc(outcomes: pd.DataFrame, crimes: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Add ``sgbc`` (bool) and ``sgbc_known`` (bool) for the given scope."""
    named = outcomes["crime"].isin(sgbc_crimes(crimes, scope))
    vague = outcomes["crime"] == "unverified_sgbc"
    not_sexual = outcomes["crime"] == "unverified_other"  # known not to be SGBC, crime not verified
    known = ~outcomes["crime"].isin(PLACEHOLDERS) | (vague & (scope == "broad")) | not_sexual
    return outcomes.assign(sgbc=named | (vague & (scope == "broad")), sgbc_known=known)


def group_of(outcomes: pd.DataFrame) -> pd.Series:
    """'SGBC', 'Other crimes' or 'Not verified' per row (needs :func:`mark_sgbc`)."""
    return pd.Series(
        pd.Categorical(
            outcomes["sgbc"].map({True: "SGBC", False: "Other crimes"}).where(outcomes["sgbc_known"], "Not verified"),
            categories=[*GROUPS, "Not verified"],
        ),
        index=outcomes.index,
    )


STAGE_RATES = {
    "confirmation": ("Confirmed, of those decided at confirmation", fn.confirmation_rate),
    "trial": ("Convicted, of those decided at trial", fn.conviction_rate),
    "appeal": (
        "Upheld, not appealed or appeals discontinued, of convictions whose appeal stage has closed",
        fn.final_rate,
    ),
}


def compare(outcomes: pd.DataFrame, unit: str = "charge") -> pd.DataFrame:
    """Stage rates for SGBC and other crimes, with the bounds the unknown rows allow.

    ``unit`` is ``charge`` (rows are counts) or ``crime`` (rows are person–crime pairs). One row
    per group and stage: the rate on rows whose SGBC status is known, and the rate if every
    unknown row were in the group (``if_all``) or in the other group (``if_none``: the known rate
    itself, for this group). The number of unknown rows decided at the stage is ``unknown``."""
    rows = []
    known = outcomes[outcomes["sgbc_known"]]
    unknown = outcomes[~outcomes["sgbc_known"]]
    for stage, (label, rate_fn) in STAGE_RATES.items():
        for group in GROUPS:
            is_group = group == "SGBC"
            mine = known[known["sgbc"] == is_group]
            base = rate_fn(mine)
            widened = rate_fn(pd.concat([mine, unknown])) if len(unknown) else base
            extra = rate_fn(unknown) if len(unknown) else fn.Rate(0, 0)
            rows.append(
                {
                    "stage": stage,
                    "label": label,
                    "group": group,
                    "unit": unit,
                    "rate": base,
                    "if_all": widened,
                    "unknown": extra.denominator,
                    "numerator": base.numerator,
                    "denominator": base.denominator,
                    "persons": base.persons,
                }
            )
    return pd.DataFrame(rows)


def persons_funnel(outcomes: pd.DataFrame) -> dict[str, int]:
    """Persons charged with at least one SGBC row (known SGBC), and how far those rows got."""
    sg = outcomes[outcomes["sgbc"] & outcomes.get("sgbc_known", True)]
    people = per_person(sg)
    return {
        "charged": int(len(people)),
        "confirmed": int(people["confirmed"].sum()),
        "tried": int(people["tried"].sum()),
        "convicted": int(people["convicted"].sum()),
        "final": int(people["final"].sum()),
    }


def persons_funnel_bounds(outcomes: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The person funnel on known SGBC rows, and if every unknown row were SGBC: (known, at most)."""
    low = persons_funnel(outcomes)
    widened = outcomes.assign(sgbc=outcomes["sgbc"] | ~outcomes["sgbc_known"], sgbc_known=True)
    high = persons_funnel(widened)
    return {k: (low[k], high[k]) for k in low}


def up_to(bounds: dict[str, tuple[int, int]], stage: str) -> str:
    """What a headline adds after a person count from :func:`persons_funnel_bounds`: nothing when
    the bound is exact, else how many there could be if every person–crime pair whose crime is
    not verified were SGBC (the table shows the same as "26 (≤ 27)"). Pairs, not counts: the
    placeholder counts of a person whose crimes a judgment summary names are covered by it."""
    low, high = bounds[stage]
    return "" if low == high else f" (up to {high} if every person–crime pair whose crime is not verified were SGBC)"


def same_judgment(pairs: pd.DataFrame, events: pd.DataFrame, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """For every person whose SGBC charges reached a trial judgment: the SGBC outcome beside the
    outcome for their other crimes in the same judgment, with the modes of liability.

    ``pairs`` are person–crime pairs (or counts) marked by :func:`mark_sgbc`; rows whose SGBC
    status is unknown are not used. ``sgbc_outcome`` / ``other_outcome``: ``convicted`` (of at least
    one), ``acquitted`` (of every one decided), ``not_entered`` (none convicted, none acquitted) or
    ``none charged``. ``pattern`` names the combination. With ``counts`` (the count rows), the list
    of other crimes convicted says how many convicted counts have no verified crime."""
    known = pairs[pairs["sgbc_known"]]
    vague = pairs[~pairs["sgbc_known"] & pairs["tried"]]
    tried_sgbc = known[known["sgbc"] & known["tried"]]
    dates = events[events["event"] == "trial_judgment"].groupby("person_id")["date"].min()
    rows = []
    for pid, mine in known[known["person_id"].isin(set(tried_sgbc["person_id"]))].groupby("person_id"):
        sg, other = mine[mine["sgbc"] & mine["tried"]], mine[~mine["sgbc"] & mine["tried"]]
        sgo, oto = _verdict(sg), _verdict(other)
        unverified = vague[vague["person_id"] == pid]
        if oto != "convicted" and (unverified["trial"] == "convicted").any():
            oto = "convicted_unverified"  # convicted on counts whose crime (SGBC or not) is not public
        if counts is not None:
            # the count rows say how many convicted counts have no verified crime, whether or not a
            # judgment summary supplied some crimes for them (unverified and unverified_other alike)
            mine_counts = counts[(counts["person_id"] == pid) & (counts["trial"] == "convicted")]
            n_hidden = int(mine_counts["crime"].isin(PLACEHOLDERS).sum())
        else:
            hidden = unverified[unverified["trial"] == "convicted"]
            n_hidden = int(hidden["n_counts"].sum()) if "n_counts" in hidden else len(hidden)
        other_named = _crimes(other[other["trial"] == "convicted"])
        if n_hidden:  # the list of other crimes is then a lower bound: say what it leaves out
            more = f"{n_hidden} convicted count{' has' if n_hidden == 1 else 's have'} no verified crime"
            other_named = f"{other_named} (at least; {more})" if other_named else f"({more})"
        rows.append(
            {
                "person_id": pid,
                "name": mine["name"].iloc[0],
                "situation": mine["situation"].iloc[0],
                "judgment": dates.get(pid, pd.NaT),
                "sgbc_outcome": sgo,
                "sgbc_convicted": _crimes(sg[sg["trial"] == "convicted"]),
                "sgbc_acquitted": _crimes(sg[sg["trial"] != "convicted"]),
                "sgbc_modes": _modes(sg),
                "other_outcome": oto,
                "other_convicted": other_named,
                "other_modes": _modes(other[other["trial"] == "convicted"]),
                "pattern": _pattern(sgo, oto),
                "sgbc_final": bool(sg["final"].any()),
            }
        )
    cols = [
        "person_id",
        "name",
        "situation",
        "judgment",
        "sgbc_outcome",
        "sgbc_convicted",
        "sgbc_acquitted",
        "sgbc_modes",
        "other_outcome",
        "other_convicted",
        "other_modes",
        "pattern",
        "sgbc_final",
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(["judgment", "person_id"]).reset_index(drop=True)


PATTERNS = {
    "convicted_both": "Convicted of SGBC and of other crimes",
    "acquitted_sgbc_convicted_other": "Convicted of no SGBC charge (acquitted, or no conviction entered), convicted of "
    "other crimes",
    "acquitted_all": "Acquitted of SGBC and of every other crime",
    "convicted_sgbc_only": "Convicted of SGBC, of no other crime",
    "acquitted_sgbc_convicted_unverified": "Acquitted of every named SGBC charge, convicted on counts whose crime "
    "is not public",
    "convicted_sgbc_other_unverified": "Convicted of SGBC; other convictions on counts whose crime is not public",
    "other": "Other combination",
}


def _verdict(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "none charged"
    if (rows["trial"] == "convicted").any():
        return "convicted"
    if (rows["trial"] == "acquitted").any():
        return "acquitted"
    return "not_entered"


def _pattern(sgbc_outcome: str, other_outcome: str) -> str:
    if sgbc_outcome == "convicted":
        if other_outcome == "convicted_unverified":
            return "convicted_sgbc_other_unverified"
        return "convicted_both" if other_outcome == "convicted" else "convicted_sgbc_only"
    if sgbc_outcome == "acquitted":
        if other_outcome == "convicted":
            return "acquitted_sgbc_convicted_other"
        if other_outcome == "convicted_unverified":
            return "acquitted_sgbc_convicted_unverified"
        if other_outcome in ("acquitted", "none charged"):
            return "acquitted_all"
    return "other"


def _crimes(rows: pd.DataFrame) -> str:
    short = {"crime_against_humanity": "CAH", "war_crime": "WC", "genocide": "genocide", "": "qualification not stated"}
    items = sorted(
        {
            f"{c.replace('_', ' ')} ({short.get(q or '', q)})"
            for c, q in zip(rows["crime"], rows["qualification"].fillna(""))
        }
    )
    return "; ".join(items)


def _modes(rows: pd.DataFrame) -> str:
    from .liability import mode_text

    return mode_text(rows)


def losses(outcomes: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Known SGBC rows lost at any stage (not confirmed, withdrawn, vacated, acquitted, no conviction
    entered at trial, reversed), with the stage and the date of the decision."""
    lost_at = {
        "not_confirmed": ("confirmation", "confirmation_decision"),
        "withdrawn": ("withdrawal", "charges_withdrawn"),
        "vacated": ("trial (vacated)", "charges_vacated"),
        "acquitted": ("trial", "trial_judgment"),
        "not_entered": ("trial (no conviction entered)", "trial_judgment"),
        "reversed_on_appeal": ("appeal", "appeal_judgment"),
    }
    known = outcomes[outcomes["sgbc"] & outcomes.get("sgbc_known", True)]
    sg = known[known["outcome"].isin(lost_at)]
    dates = events.groupby(["person_id", "event"])["date"].min()
    rows = []
    for _, r in sg.iterrows():
        stage, event = lost_at[r["outcome"]]
        when = dates.get((r["person_id"], event), pd.NaT)
        if r["outcome"] == "withdrawn" and pd.isna(when):
            when = dates.get((r["person_id"], "warrant_withdrawn"), pd.NaT)
        rows.append(
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "situation": r["situation"],
                "count": r.get("count"),
                "crime": r["crime"],
                "qualification": r["qualification"],
                "stage": stage,
                "date": when,
            }
        )
    cols = ["person_id", "name", "situation", "count", "crime", "qualification", "stage", "date"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["date", "person_id", "crime", "qualification"]).reset_index(drop=True)


TRAJECTORY_STAGES = ("confirmation", "trial", "appeal")


def trajectories(
    pairs: pd.DataFrame, charges: pd.DataFrame, events: pd.DataFrame, status: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per person charged with (known) SGBC: what happened to their SGBC charges at each
    stage, with dates, and where SGBC was recharacterised (Regulation 55) or only partly upheld.

    ``pairs`` are marked rows (counts or person–crime pairs); ``charges`` the count rows (for
    Regulation 55 and partial outcomes); ``status`` (analysis.status.person_status), if given, says
    when charges still pending belong to someone reported dead or held by a state."""
    known = pairs[pairs["sgbc"] & pairs["sgbc_known"]]
    d = events.groupby(["person_id", "event"])["date"].min()
    rows = []
    for pid, mine in known.groupby("person_id"):
        mine_counts = charges[(charges["person_id"] == pid) & charges["crime"].isin(set(mine["crime"]))]
        origin = "warrant" if (mine.get("origin", pd.Series(["dcc"])) == "warrant").all() else "charges"
        conf = mine["confirmation"].value_counts()
        trial = mine["trial"].value_counts()
        # appeals brought and then discontinued (Katanga, Al Hassan) are not "not appealed"
        appeal = appeal_shown(mine, events).value_counts()
        discontinued = d.get((pid, "appeal_discontinued"), pd.NaT)
        reg55 = "; ".join(sorted({t for t in mine_counts["regulation_55"].fillna("") if t}))
        partial = "; ".join(sorted({p for p in mine_counts.get("partial", pd.Series(dtype=str)).fillna("") if p}))
        rows.append(
            {
                "person_id": pid,
                "name": mine["name"].iloc[0],
                "first_warrant": pd.Series([d.get((pid, e), pd.NaT) for e in ("arrest_warrant", "summons")]).min(),
                "charged_in": origin,
                "sgbc_charged": _crimes(mine),
                "n": len(mine),
                "confirmation": _tally(conf),
                "confirmation_date": d.get((pid, "confirmation_decision"), pd.NaT),
                "trial": _tally(trial),
                "trial_date": d.get((pid, "trial_judgment"), d.get((pid, "charges_vacated"), pd.NaT)),
                "appeal": _tally(appeal),
                "appeal_date": d.get((pid, "appeal_judgment"), discontinued),
                "recharacterised": reg55,
                "partial": partial,
                "where_lost": _where_lost(mine, None if status is None else _status_of(status, pid)),
            }
        )
    cols = [
        "person_id",
        "name",
        "first_warrant",
        "charged_in",
        "sgbc_charged",
        "n",
        "confirmation",
        "confirmation_date",
        "trial",
        "trial_date",
        "appeal",
        "appeal_date",
        "recharacterised",
        "partial",
        "where_lost",
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(["first_warrant", "person_id"]).reset_index(drop=True)


def _tally(counts: pd.Series) -> str:
    drop = {"not_reached", "pending"} if len(counts) > 1 else set()
    parts = [f"{k.replace('_', ' ')} {int(v)}" for k, v in counts.items() if k not in drop]
    return ", ".join(parts) if parts else ", ".join(f"{k.replace('_', ' ')} {int(v)}" for k, v in counts.items())


def _status_of(status: pd.DataFrame, pid: str) -> str | None:
    hit = status.loc[status["person_id"] == pid, "status"]
    return hit.iloc[0] if len(hit) else None


def _where_lost(rows: pd.DataFrame, person_status: str | None = None) -> str:
    names = {
        "not_confirmed": "not confirmed",
        "withdrawn": "withdrawn",
        "vacated": "vacated",
        "terminated": "ended (proceedings terminated)",
        "terminated_before_confirmation": "ended before confirmation",
        "acquitted": "acquitted at trial",
        "reversed_on_appeal": "reversed on appeal",
    }
    lost = [names[o] for o in names if (rows["outcome"] == o).any()]
    if lost:
        return "; ".join(lost)
    if rows["final"].any():
        return "not lost: conviction final"
    if (rows["outcome"] == "pending_appeal").any():
        return "not lost: convicted, appeal pending"
    if person_status in ("reported_dead", "died"):
        return "still pending; the accused is reported dead"
    if person_status == "held_by_state":
        return "still pending; the accused is held by a state that has not surrendered them"
    return "still pending"
