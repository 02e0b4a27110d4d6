"""The headline SGBC comparison recomputed under the alternatives a reviewer will ask about."""

from __future__ import annotations

import pandas as pd

from . import funnel as fn
from .sgbc import compare, persons_funnel


def _trial(frame: pd.DataFrame, unit: str) -> tuple[fn.Rate, fn.Rate]:
    t = compare(frame, unit).query("stage == 'trial'").set_index("group")["rate"]
    return t["SGBC"], t["Other crimes"]


def _persons(frame: pd.DataFrame) -> tuple[fn.Rate, fn.Rate]:
    """Per person: convicted of at least one SGBC (other) charge, of those tried on one."""
    known = frame[frame["sgbc_known"]]
    out = []
    for is_sgbc in (True, False):
        rows = known[known["sgbc"] == is_sgbc]
        people = fn.per_person(rows)
        out.append(fn.Rate(int(people["convicted"].sum()), int(people["tried"].sum())))
    return out[0], out[1]


def table(pairs: dict[str, pd.DataFrame], counts: dict[str, pd.DataFrame], lead: str, exclude: str) -> pd.DataFrame:
    """One row per variant: the SGBC and the other-crimes conviction rate at trial, and the gap.

    ``pairs`` / ``counts``: person–crime pairs and counts per scope, marked by ``mark_sgbc``;
    ``lead``: the headline scope; ``exclude``: the person_id of the largest single contributor."""
    variants = []
    p, c = pairs[lead], counts[lead]
    variants.append(("Headline: person–crime pairs, verified crimes, " + lead + " scope", *_trial(p, "crime")))
    variants.append(("Unit: counts (counts whose SGBC status is known)", *_trial(c, "charge")))
    variants.append(("Unit: people (convicted of at least one, of those tried on one)", *_persons(p)))
    widened = p.assign(sgbc=p["sgbc"] | ~p["sgbc_known"], sgbc_known=True)
    variants.append(("Every count whose crime is not verified counted as SGBC", *_trial(widened, "crime")))
    narrowed = p.assign(sgbc=p["sgbc"] & p["sgbc_known"], sgbc_known=True)
    variants.append(("Every count whose crime is not verified counted as another crime", *_trial(narrowed, "crime")))
    wide_counts = c.assign(sgbc=c["sgbc"] | ~c["sgbc_known"], sgbc_known=True)
    variants.append(("Counts: every count whose crime is not verified counted as SGBC", *_trial(wide_counts, "charge")))
    narrow_counts = c.assign(sgbc=c["sgbc"] & c["sgbc_known"], sgbc_known=True)
    variants.append(
        ("Counts: every count whose crime is not verified counted as another crime", *_trial(narrow_counts, "charge"))
    )
    as_acquittals = c.assign(trial=c["trial"].replace("not_entered", "acquitted"))
    variants.append(
        ("Counts: counts with no conviction entered treated as acquittals", *_trial(as_acquittals, "charge"))
    )
    name = p.loc[p["person_id"] == exclude, "name"]
    label = name.iloc[0] if len(name) else exclude
    variants.append((f"Without {label}", *_trial(p[p["person_id"] != exclude], "crime")))
    other = "broad" if lead == "narrow" else "narrow"
    variants.append((f"{other.capitalize()} scope", *_trial(pairs[other], "crime")))
    rows = []
    for label, sg, ot in variants:
        gap = None if sg.value is None or ot.value is None else round(100 * (sg.value - ot.value))
        rows.append(
            {
                "variant": label,
                "sgbc": str(sg),
                "other": str(ot),
                "gap_points": gap,
                "sgbc_rate": sg.value,
                "other_rate": ot.value,
            }
        )
    return pd.DataFrame(rows)


def sgbc_persons(pairs: pd.DataFrame) -> dict[str, int]:
    """The people funnel for SGBC (for the appendix' second table)."""
    return persons_funnel(pairs)


def trial_groups(events: pd.DataFrame, persons: pd.DataFrame) -> pd.Series:
    """The trial each person was tried in: people tried together (same situation, same opening day)
    share one, so that a joint trial (Katanga and Ngudjolo) counts once. Indexed by person_id."""
    opening = events[events["event"] == "trial_opening"].groupby("person_id")["date"].min()
    situation = persons.set_index("person_id")["situation"]
    return pd.Series({pid: f"{situation.get(pid, '')}:{day.date().isoformat()}" for pid, day in opening.items()})


def _gap(frame: pd.DataFrame) -> float | None:
    known = frame[frame["sgbc_known"] & frame["trial"].isin(["convicted", "acquitted"])]
    rates = []
    for is_sgbc in (True, False):
        rows = known[known["sgbc"] == is_sgbc]
        if rows.empty:
            return None
        rates.append((rows["trial"] == "convicted").mean())
    return 100 * (rates[0] - rates[1])


def leave_one_trial_out(pairs: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """The SGBC-minus-other gap at trial (percentage points) with each trial left out in turn."""
    tried = pairs[pairs["trial"].isin(["convicted", "acquitted"])]
    frame = tried.assign(trial_group=tried["person_id"].map(groups))
    rows = []
    for group, members in frame.groupby("trial_group"):
        rest = frame[frame["trial_group"] != group]
        rows.append({"trial": group, "names": "; ".join(sorted(members["name"].unique())), "gap_points": _gap(rest)})
    return pd.DataFrame(rows, columns=["trial", "names", "gap_points"])


def bootstrap_gap(pairs: pd.DataFrame, groups: pd.Series, draws: int = 2000, seed: int = 0) -> dict:
    """A 95% interval for the SGBC-minus-other gap at trial that respects clustering: whole trials are
    resampled with replacement (a fixed seed, so the bytes do not change between builds)."""
    import numpy as np

    tried = pairs[pairs["trial"].isin(["convicted", "acquitted"]) & pairs["sgbc_known"]]
    frame = tried.assign(trial_group=tried["person_id"].map(groups)).dropna(subset=["trial_group"])
    ids = sorted(frame["trial_group"].unique())
    if not ids:
        return {"gap": None, "low": None, "high": None, "trials": 0, "draws": 0}
    # per trial: convictions and decisions, SGBC and other; a draw adds up the trials it picked
    sums = np.array(
        [
            [
                ((g["sgbc"]) & (g["trial"] == "convicted")).sum(),
                g["sgbc"].sum(),
                ((~g["sgbc"]) & (g["trial"] == "convicted")).sum(),
                (~g["sgbc"]).sum(),
            ]
            for g in (frame[frame["trial_group"] == i] for i in ids)
        ],
        dtype=float,
    )
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(ids), size=(draws, len(ids)))
    totals = sums[picks].sum(axis=1)
    ok = (totals[:, 1] > 0) & (totals[:, 3] > 0)
    gaps = list(100 * (totals[ok, 0] / totals[ok, 1] - totals[ok, 2] / totals[ok, 3]))
    low, high = (float(np.percentile(gaps, 2.5)), float(np.percentile(gaps, 97.5))) if gaps else (None, None)
    return {"gap": _gap(frame), "low": low, "high": high, "trials": len(ids), "draws": len(gaps)}
