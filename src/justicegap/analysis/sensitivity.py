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
