"""The charge-to-conviction funnel: how far charges (or persons) got, and where they were lost."""

from __future__ import annotations

import dataclasses

import pandas as pd

from .stages import OUTCOMES, STAGES

SMALL_N = 10  # a rate over fewer cases than this is flagged, not shown as a bare percentage


TOP_SHARE = 0.25  # one person supplying more than this share of a charge-weighted figure is named


@dataclasses.dataclass(frozen=True)
class Rate:
    """A share with its numerator, denominator and, for charge-weighted rates, the people behind it.

    ``persons`` is the number of people whose charges make up the denominator; ``top`` the person
    supplying the largest part of the numerator (name, their numerator, their denominator) when
    that part exceeds :data:`TOP_SHARE` of it."""

    numerator: int
    denominator: int
    small_n: int = SMALL_N
    persons: int | None = None
    top: tuple[str, int, int] | None = None
    top_miss: tuple[str, int] | None = None  # the person supplying most of the misses, if > TOP_SHARE
    # the same rate without the named person who supplies most of the denominator: (name, num, den)
    without: tuple[str, int, int] | None = None

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

    @property
    def percent(self) -> str:
        """The share as "64%", or a plain statement where it must not be read as a percentage."""
        if not self.denominator:
            return "n/a"
        return "small n" if self.is_small else f"{100 * self.value:.0f}%"

    def describe(self, unit: str = "charges") -> str:
        """ "27 of 42 charges (64%), 6 people; Ongwen supplies 20 of the 27" """
        text = str(self).replace(f"of {self.denominator}", f"of {self.denominator} {unit}", 1)
        if self.persons is not None:
            text += f", {self.persons} {'person' if self.persons == 1 else 'people'}"
        if self.top is not None:
            name, num, den = self.top
            text += f"; {name} alone supplies {num} of the {self.numerator}"
        if self.top_miss is not None:
            name, miss = self.top_miss
            text += f"; {name} alone supplies {miss} of the {self.denominator - self.numerator} not counted"
        return text

    def as_dict(self) -> dict:
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if self.value is None else round(self.value, 4),
            "small_n": self.is_small,
            "persons": self.persons,
            "top_person": None
            if self.top is None
            else {"name": self.top[0], "numerator": self.top[1], "denominator": self.top[2]},
        }


def rate_over(frame: pd.DataFrame, hit: pd.Series, decided: pd.Series) -> Rate:
    """Rate of ``hit`` among ``decided`` rows, with the people behind it and the largest contributor."""
    sub = frame[decided]
    num = hit[decided]
    persons = int(sub["person_id"].nunique()) if "person_id" in sub else None
    top = None
    if len(sub) and int(num.sum()) and "person_id" in sub:
        per = pd.DataFrame({"pid": sub["person_id"], "hit": num.astype(int)}).groupby("pid")["hit"].agg(["sum", "size"])
        best = per.sort_values(["sum", "size"], ascending=False).iloc[0]
        if best["sum"] > TOP_SHARE * int(num.sum()) and persons and persons > 1:
            pid = per.sort_values(["sum", "size"], ascending=False).index[0]
            name = sub.loc[sub["person_id"] == pid, "name"].iloc[0] if "name" in sub else pid
            top = (str(name), int(best["sum"]), int(best["size"]))
    top_pid = pid if top is not None else None
    top_miss = None
    miss_pid = None
    misses = int(decided.sum()) - int(num.sum())
    if misses and "person_id" in sub and persons and persons > 1:
        per = (
            pd.DataFrame({"pid": sub["person_id"], "miss": (~num.astype(bool)).astype(int)})
            .groupby("pid")["miss"]
            .sum()
        )
        pid, worst = per.sort_values(ascending=False).index[0], int(per.max())
        if worst > TOP_SHARE * misses:
            name = sub.loc[sub["person_id"] == pid, "name"].iloc[0] if "name" in sub else pid
            top_miss = (str(name), worst)
            miss_pid = pid
    without = None
    named = [p for p in (top_pid, miss_pid) if p is not None]
    if named:
        rows = sub["person_id"].value_counts()
        heavy = max(named, key=lambda p: (int(rows.get(p, 0)), str(p)))
        keep = sub["person_id"] != heavy
        name = sub.loc[~keep, "name"].iloc[0] if "name" in sub else heavy
        without = (str(name), int(num[keep].sum()), int(keep.sum()))
    return Rate(int(num.sum()), int(decided.sum()), persons=persons, top=top, top_miss=top_miss, without=without)


def _rows(outcomes: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The rows a figure counts: charges or person–crime pairs as given, or one row per person."""
    if unit in ("charge", "crime"):
        return outcomes
    if unit == "person":
        return per_person(outcomes)
    raise ValueError(f"unit must be 'charge', 'crime' or 'person', not {unit!r}")


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
    frame = _rows(outcomes, unit)
    if by is None:
        row = frame[list(STAGES)].sum().astype(int)
        return row.to_frame().T.reset_index(drop=True)
    grouped = frame.groupby(by, sort=True)[list(STAGES)].sum().astype(int)
    return grouped.reset_index()


def loss_counts(outcomes: pd.DataFrame, unit: str = "charge", by: str | None = None) -> pd.DataFrame:
    """Where charges (or persons) ended up: counts per outcome category, in funnel order."""
    frame = _rows(outcomes, unit)
    cats = pd.Categorical(frame["outcome"], categories=list(OUTCOMES))
    if by is None:
        return pd.Series(cats).value_counts(sort=False).rename("n").to_frame().T.reset_index(drop=True)
    table = pd.crosstab(frame[by], cats, dropna=False)
    table = table.reindex(columns=list(OUTCOMES), fill_value=0)
    table.columns.name = None
    return table.reset_index()


def conviction_rate(outcomes: pd.DataFrame, unit: str = "charge") -> Rate:
    """Convicted at trial over those decided at trial (convicted or acquitted), not over all charges.

    Counts proven but not entered because of cumulative charging are left out of both. Per
    person: convicted of at least one charge, over the people whose trial reached a judgment."""
    frame = _rows(outcomes, unit)
    if unit != "person":
        decided = frame["trial"].isin(["convicted", "acquitted"])
    else:
        decided = frame["tried"]
    return rate_over(frame, frame["convicted"], decided)


def confirmation_rate(outcomes: pd.DataFrame, unit: str = "charge") -> Rate:
    """Confirmed over those on which a confirmation decision was taken (confirmed or not)."""
    frame = _rows(outcomes, unit)
    decided = (
        frame["confirmed"] | (frame["confirmation"] == "not_confirmed")
        if unit != "person"
        else frame["confirmed"] | (frame["outcome"] == "not_confirmed")
    )
    return rate_over(frame, frame["confirmed"], decided)


def final_rate(outcomes: pd.DataFrame, unit: str = "charge") -> Rate:
    """Convictions upheld on appeal (or not appealed) over convictions whose appeal is decided or
    waived: the appeal-stage rate. Convictions still under appeal are in neither."""
    frame = _rows(outcomes, unit)
    decided = frame["convicted"] & (frame["outcome"] != "pending_appeal")
    return rate_over(frame, frame["final"], decided)


CONCLUDED = (
    "terminated_before_confirmation",
    "not_confirmed",
    "withdrawn",
    "vacated",
    "terminated",
    "acquitted",
    "not_entered",
    "reversed_on_appeal",
    "conviction_final",
)


ENDED_BY_TERMINATION = ("terminated_before_confirmation", "terminated")


PENDING = ("pending_confirmation", "pending_trial", "pending_appeal")


def still_running(outcomes: pd.DataFrame) -> pd.Series:
    """Per row: whether the person's proceedings are still running on the as-of date, because one
    of their charges is pending at some stage or under appeal (an acquittal the Prosecutor
    appealed is not final either: Ngaïssona's, Yekatom's)."""
    running = outcomes["outcome"].isin(PENDING) | (outcomes["appeal"] == "pending")
    people = set(outcomes.loc[running, "person_id"])
    return outcomes["person_id"].isin(people)


def concluded_to_final(outcomes: pd.DataFrame, unit: str = "charge", died=()) -> Rate:
    """Final convictions over the charges (or people) of the cases that have concluded: a share of
    everything only over what can no longer change. A case still running (:func:`still_running`)
    is in neither, not even its counts not confirmed, which would add its losses and none of its
    wins; so are the charges of a person in ``died`` (person ids) whose proceedings were
    terminated: a death is not a loss (no verdict was possible), as in the person-level funnel
    (Jerbo's counts)."""
    running = still_running(outcomes)
    frame = _rows(outcomes[~running], unit)
    by_death = frame["person_id"].isin(set(died)) & frame["outcome"].isin(ENDED_BY_TERMINATION)
    return rate_over(frame, frame["final"], frame["outcome"].isin(CONCLUDED) & ~by_death)


# --- the person-level funnel -------------------------------------------------------------------

PERSON_STEPS = {
    "sought": "Publicly sought (warrant or summons)",
    "confirmed": "At least one charge confirmed",
    "tried": "Trial reached a judgment",
    "convicted": "Convicted of at least one charge at trial",
    "final": "At least one conviction final",
}
# How someone leaves the funnel between one step and the next, by their status (status.py).
EXITS = {
    "died": "Died (not a loss: no verdict was possible)",
    "withdrawn": "Charges or warrant withdrawn",
    "not_confirmed": "No charge confirmed",
    "vacated": "Charges vacated (no case to answer)",
    "terminated": "Proceedings terminated, case inadmissible",
    "acquitted": "Acquitted of every charge at trial",
    "reversed": "Every conviction reversed on appeal",
    "pending_at_large": "Still pending: at large",
    "pending_held": "Still pending: held by a state, not surrendered",
    "pending_in_court": "Still pending: before the Court",
}
LOSSES = ("withdrawn", "not_confirmed", "vacated", "terminated", "acquitted", "reversed")
_EXIT_OF_STATUS = {
    "died_before_warrant": "died",
    "died": "died",
    "reported_dead": "died",
    "withdrawn": "withdrawn",
    "not_confirmed": "not_confirmed",
    "vacated": "vacated",
    "terminated": "terminated",
    "acquitted": "acquitted",
    "acquitted_appeal_pending": "acquitted",
    "acquitted_on_appeal": "reversed",
    "convicted_appeal_pending": "pending_in_court",
    "on_trial": "pending_in_court",
    "awaiting_trial": "pending_in_court",
    "awaiting_confirmation": "pending_in_court",
    "confirmed_at_large": "pending_at_large",
    "at_large": "pending_at_large",
    "held_by_state": "pending_held",
}

# Where the people still before the Court stand (the statuses whose exit is ``pending_in_court``),
# furthest along first, as the People finding words it.
IN_COURT = {
    "convicted_appeal_pending": "convicted at trial, appeal pending",
    "on_trial": "on trial",
    "awaiting_trial": "charges confirmed, awaiting trial",
    "awaiting_confirmation": "awaiting the confirmation decision",
}


def in_court(status: pd.DataFrame) -> list[tuple[int, str]]:
    """People still before the Court, by where they stand: (people, wording) in the order of
    :data:`IN_COURT`, leaving out where nobody stands. ``status`` as for :func:`person_funnel`."""
    counts = status["status"].value_counts()
    return [(int(counts[k]), text) for k, text in IN_COURT.items() if counts.get(k, 0)]


def person_funnel(status: pd.DataFrame) -> pd.DataFrame:
    """People at each step of the funnel, and how those who did not reach the next step left it.

    ``status`` is :func:`status.person_status` (one row per person-case record; pass core cases
    only for the report's lead figure). Returns one row per step with ``n`` (people reaching it),
    one column per key of :data:`EXITS` (people who reached this step but not the next, by how
    they left) and ``next`` (people reaching the next step). For every step
    ``n == next + sum(exits)``."""
    steps = list(PERSON_STEPS)
    reached = {"sought": pd.Series(True, index=status.index)}
    for step in steps[1:]:
        reached[step] = status[step].astype(bool)
    # a later step implies the earlier ones (a conviction implies a confirmation)
    for i in range(len(steps) - 2, -1, -1):
        reached[steps[i]] = reached[steps[i]] | reached[steps[i + 1]]
    exit_of = status["status"].map(_EXIT_OF_STATUS)
    rows = []
    for i, step in enumerate(steps):
        here = reached[step]
        nxt = reached[steps[i + 1]] if i + 1 < len(steps) else pd.Series(False, index=status.index)
        left = here & ~nxt
        row = {"step": step, "label": PERSON_STEPS[step], "n": int(here.sum())}
        for key in EXITS:
            row[key] = int((left & (exit_of == key)).sum()) if i + 1 < len(steps) else 0
        unexplained = left & ~exit_of.isin(list(EXITS))
        if i + 1 < len(steps) and unexplained.any():
            names = ", ".join(status.loc[unexplained, "person_id"])
            raise ValueError(f"no exit known for the status of {names} after step {step!r}")
        row["next"] = int(nxt.sum()) if i + 1 < len(steps) else None
        rows.append(row)
    return pd.DataFrame(rows)


def person_exits(status: pd.DataFrame) -> pd.DataFrame:
    """Who left the funnel where: person_id, name, step reached, exit key and label."""
    funnel_steps = list(PERSON_STEPS)
    out = []
    for _, r in status.iterrows():
        reached = [s for s in funnel_steps[1:] if bool(r[s])]
        last = reached[-1] if reached else "sought"
        if last == "final":
            continue
        key = _EXIT_OF_STATUS.get(r["status"])
        out.append(
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "step": last,
                "exit": key,
                "exit_label": EXITS.get(key, ""),
            }
        )
    return pd.DataFrame(out, columns=["person_id", "name", "step", "exit", "exit_label"])


COHORT_STARTS = (2002, 2008, 2013, 2018, 2023)


def cohort_of(year: int, starts: tuple[int, ...] = COHORT_STARTS) -> str:
    """The cohort label of a year of first warrant: "2002-2007", ..., "2023-" for the last."""
    label = ""
    for i, start in enumerate(starts):
        if year >= start:
            end = starts[i + 1] - 1 if i + 1 < len(starts) else None
            label = f"{start}–{end}" if end else f"{start}–"
    return label or f"before {starts[0]}"


def cohorts(status: pd.DataFrame, starts: tuple[int, ...] = COHORT_STARTS) -> pd.DataFrame:
    """People by cohort (year of their first warrant or summons) and where they stand: a share of
    all people is only read within a cohort, whose members have had the same time to move."""
    from .status import GROUPS

    years = status["first_warrant"].dt.year
    frame = status.assign(cohort=years.map(lambda y: cohort_of(int(y), starts)))
    table = pd.crosstab(frame["cohort"], frame["group"]).reindex(columns=list(GROUPS), fill_value=0)
    order = [cohort_of(s, starts) for s in starts]
    table = table.reindex([c for c in order if c in table.index])
    table.columns.name = None
    table.insert(0, "people", table.sum(axis=1))
    return table.reset_index()
