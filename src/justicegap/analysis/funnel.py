"""The charge-to-conviction funnel: how far charges (or persons) got, and where they were lost."""

from __future__ import annotations

import dataclasses

import pandas as pd

from .stages import OUTCOMES, STAGES

SMALL_N = 10  # a rate over fewer cases than this is flagged, not shown as a bare percentage


@dataclasses.dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int
    small_n: int = SMALL_N

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def is_small(self) -> bool:
        return self.denominator < self.small_n

    def __str__(self) -> str:
        if not self.denominator:
            return "n/a (0 cases)"
        text = f"{self.numerator} of {self.denominator}"
        if self.is_small:
            return text + " (small n)"
        return f"{text} ({100 * self.value:.0f}%)"

    def as_dict(self) -> dict:
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if self.value is None else round(self.value, 4),
            "small_n": self.is_small,
        }


def per_person(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Collapse charge outcomes to one row per person: a stage is reached if any charge reached it.

    The person's ``outcome`` is that of their charge that got furthest (conviction final beats
    appeal pending beats reversed beats acquitted ...)."""
    if outcomes.empty:
        cols = ["person_id", "name", "situation", "case_type", *STAGES, "outcome"]
        return pd.DataFrame(columns=cols)
    order = {k: i for i, k in enumerate(OUTCOMES)}
    ranked = outcomes.assign(_rank=outcomes["outcome"].map(order))
    best = ranked.sort_values(["person_id", "_rank"]).groupby("person_id").tail(1)
    stages = outcomes.groupby("person_id")[list(STAGES)].any()
    out = best[["person_id", "name", "situation", "case_type", "outcome"]].set_index("person_id")
    return stages.join(out).reset_index()[["person_id", "name", "situation", "case_type", *STAGES, "outcome"]]


def funnel_counts(outcomes: pd.DataFrame, unit: str = "charge", by: str | None = None) -> pd.DataFrame:
    """Counts at each stage of the funnel, per charge or per person, optionally by a column."""
    frame = outcomes if unit == "charge" else per_person(outcomes)
    if unit not in ("charge", "person"):
        raise ValueError(f"unit must be 'charge' or 'person', not {unit!r}")
    if by is None:
        row = frame[list(STAGES)].sum().astype(int)
        return row.to_frame().T.reset_index(drop=True)
    grouped = frame.groupby(by, sort=True)[list(STAGES)].sum().astype(int)
    return grouped.reset_index()


def loss_counts(outcomes: pd.DataFrame, unit: str = "charge", by: str | None = None) -> pd.DataFrame:
    """Where charges (or persons) ended up: counts per outcome category, in funnel order."""
    frame = outcomes if unit == "charge" else per_person(outcomes)
    cats = pd.Categorical(frame["outcome"], categories=list(OUTCOMES))
    if by is None:
        return pd.Series(cats).value_counts(sort=False).rename("n").to_frame().T.reset_index(drop=True)
    table = pd.crosstab(frame[by], cats, dropna=False)
    table = table.reindex(columns=list(OUTCOMES), fill_value=0)
    table.columns.name = None
    return table.reset_index()


def conviction_rate(outcomes: pd.DataFrame, unit: str = "charge") -> Rate:
    """Convicted at trial over those decided at trial (convicted or acquitted), not over all charges.

    Counts proven but not entered because of cumulative charging are left out of both."""
    frame = outcomes if unit == "charge" else per_person(outcomes)
    decided = frame["convicted"] | (frame["outcome"].isin(["acquitted", "reversed_on_appeal"]) & frame["tried"])
    if unit == "charge":
        decided = frame["trial"].isin(["convicted", "acquitted"])
    return Rate(int(frame["convicted"].sum()), int(decided.sum()))


def confirmation_rate(outcomes: pd.DataFrame, unit: str = "charge") -> Rate:
    """Confirmed over those on which a confirmation decision was taken (confirmed or not)."""
    frame = outcomes if unit == "charge" else per_person(outcomes)
    decided = (
        frame["confirmed"] | (frame["confirmation"] == "not_confirmed")
        if unit == "charge"
        else frame["confirmed"] | (frame["outcome"] == "not_confirmed")
    )
    return Rate(int(frame["confirmed"].sum()), int(decided.sum()))


def final_rate(outcomes: pd.DataFrame, unit: str = "charge") -> Rate:
    """Convictions final after appeal over convictions at trial whose appeal is decided or waived."""
    frame = outcomes if unit == "charge" else per_person(outcomes)
    decided = frame["convicted"] & (frame["outcome"] != "pending_appeal")
    return Rate(int(frame["final"].sum()), int(decided.sum()))


def charged_to_final(outcomes: pd.DataFrame, unit: str = "charge") -> Rate:
    frame = outcomes if unit == "charge" else per_person(outcomes)
    return Rate(int(frame["final"].sum()), int(frame["charged"].sum()))
