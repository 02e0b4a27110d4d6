"""Sexual and gender-based crimes (SGBC): scope from the taxonomy in data, outcomes compared."""

from __future__ import annotations

import pandas as pd

from ..vocab import SCOPE_LABELS  # noqa: F401 (re-exported)
from .funnel import per_person

SCOPES = {"narrow": ("sexual",), "broad": ("sexual", "gender_based")}


def sgbc_crimes(crimes: pd.DataFrame, scope: str) -> set[str]:
    if scope not in SCOPES:
        raise ValueError(f"sgbc_scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    return set(crimes.loc[crimes["sgbc"].isin(SCOPES[scope]), "crime"])


def mark_sgbc(outcomes: pd.DataFrame, crimes: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Add a boolean ``sgbc`` column to charge outcomes for the given scope."""
    return outcomes.assign(sgbc=outcomes["crime"].isin(sgbc_crimes(crimes, scope)))


def sgbc_vs_other(outcomes: pd.DataFrame, unit: str = "charge") -> pd.DataFrame:
    """Funnel counts for SGBC and other charges side by side (needs the ``sgbc`` column)."""
    from .funnel import funnel_counts

    labelled = outcomes.assign(group=outcomes["sgbc"].map({True: "SGBC", False: "Other crimes"}))
    return funnel_counts(labelled, unit=unit, by="group")


def persons_funnel(outcomes: pd.DataFrame) -> dict[str, int]:
    """Persons charged with at least one SGBC count, and how far their SGBC charges got."""
    sg = outcomes[outcomes["sgbc"]]
    people = per_person(sg)
    return {
        "charged": int(len(people)),
        "confirmed": int(people["confirmed"].sum()),
        "tried": int(people["tried"].sum()),
        "convicted": int(people["convicted"].sum()),
        "final": int(people["final"].sum()),
    }


def losses(outcomes: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """SGBC charges acquitted at trial or reversed on appeal, with the stage and date."""
    sg = outcomes[outcomes["sgbc"] & outcomes["outcome"].isin(["acquitted", "reversed_on_appeal"])]
    dates = events.groupby(["person_id", "event"])["date"].min()
    rows = []
    for _, r in sg.iterrows():
        stage = "appeal" if r["outcome"] == "reversed_on_appeal" else "trial"
        event = "appeal_judgment" if stage == "appeal" else "trial_judgment"
        rows.append(
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "situation": r["situation"],
                "count": r["count"],
                "crime": r["crime"],
                "qualification": r["qualification"],
                "stage": stage,
                "date": dates.get((r["person_id"], event), pd.NaT),
            }
        )
    cols = ["person_id", "name", "situation", "count", "crime", "qualification", "stage", "date"]
    return pd.DataFrame(rows, columns=cols).sort_values(["date", "person_id", "count"]).reset_index(drop=True)
