"""What came after the verdict: reparations decisions, awards, and the victims for whom none can come.

At the ICC, reparations can be ordered only against a convicted person, once the conviction is
final, through the Trust Fund for Victims. Amounts stay in their own currency (nothing is
converted or summed across currencies); an award is what a decision ordered, never what was paid
or the harm assessed. Everything respects ``as_of``: a decision dated after it does not exist yet.
"""

from __future__ import annotations

import pandas as pd

from ..vocab import VICTIM_STAGES, label
from .stages import as_timestamp, charge_outcomes, final_judgment_dates, first_dates

# A reparations order: the order itself, or an amended order (Lubanga's first order is the one the
# Appeals Chamber issued with its judgment of 3 March 2015; the 2012 decision set principles).
ORDERS = ("order", "addendum")
AMOUNT_DECISIONS = ("order", "amount_set", "addendum")
DECISION_LABELS = {
    "principles": "Reparations principles",
    "order": "Reparations order",
    "amount_set": "Amount of liability set",
    "appeal_judgment": "Appeal judgment on reparations",
    "addendum": "Addendum or amended order",
    "plan_approved": "Implementation plan approved",
    "proceedings_ended": "Reparations proceedings ended",
    "tfv_assistance": "Trust Fund assistance programme instead",
    "other": "Other decision",
}
ENDED_WITHOUT_CONVICTION = {
    "acquitted",
    "acquitted_on_appeal",
    "not_confirmed",
    "withdrawn",
    "vacated",
    "died",
    "terminated",
    "died_before_warrant",
    "reported_dead",
}


def known(reparations: pd.DataFrame, as_of) -> pd.DataFrame:
    """Reparations decisions taken on or before ``as_of``."""
    return reparations[reparations["date"] <= as_timestamp(as_of)].sort_values(["person_id", "date", "decision"])


def final_conviction_dates(charges, events, persons, as_of, situations=()) -> pd.Series:
    """The day each person's conviction became final (the appeal judgment that upheld it, the
    discontinuance of the appeals, or the trial judgment where no appeal was brought), by the one
    rule of :func:`stages.final_judgment_dates`. Only people with a final conviction on ``as_of``."""
    out = charge_outcomes(charges, events, persons, as_of, situations)
    people = out.loc[out["final"], "person_id"].unique()
    dates = final_judgment_dates(out, events, as_of).reindex(people)
    return pd.Series(dates.to_numpy(), index=people, dtype="datetime64[ns]", name="final_on")


def timeline(reparations, charges, events, persons, as_of, situations=()) -> pd.DataFrame:
    """Per person convicted at trial of core crimes: when the conviction became final, the first
    reparations order (or principles), the first decision setting an amount, and the days between
    (``days_to_order`` is negative where the order came before the appeal judgment; ``days_from_trial``
    counts from the conviction at trial). ``order_after_final`` is the first order or amended
    order (addendum) dated on or after the day the conviction became final: the same as
    ``first_order`` unless that came before the appeal judgment (Lubanga's Trial Chamber decision of
    2012, amended by the Appeals Chamber in 2015), a reading the chapter gives beside the first.
    ``stage`` says where the person stands: awaiting a final conviction, awaiting an order, order
    issued, amount set."""
    cut = as_timestamp(as_of)
    out = charge_outcomes(charges, events, persons, cut, situations)
    core = out[out["case_type"] == "core"]
    convicted = core[core["convicted"]].drop_duplicates("person_id")[["person_id", "name", "situation"]]
    reversed_all = (
        core[core["convicted"]].groupby("person_id")["outcome"].agg(lambda s: (s == "reversed_on_appeal").all())
    )
    ev = events[events["date"] <= cut]
    judged = ev[ev["event"] == "trial_judgment"].groupby("person_id")["date"].min()
    final = final_conviction_dates(charges, events, persons, cut, situations)
    rep = known(reparations, cut)
    rows = []
    for _, p in convicted.iterrows():
        mine = rep[rep["person_id"] == p["person_id"]]
        first = mine[mine["decision"].isin(ORDERS)]["date"].min()
        f = final.get(p["person_id"], pd.NaT)
        later = mine[mine["decision"].isin(ORDERS) & (mine["date"] >= f)]["date"].min() if pd.notna(f) else pd.NaT
        principles = mine[mine["decision"] == "principles"]["date"].min()
        # the amount in force: the latest decision setting it (an amount reversed on appeal and set
        # again, as for Ntaganda, counts from the decision that set it again)
        amount = mine[mine["decision"].isin(AMOUNT_DECISIONS) & mine["amount"].notna()]["date"].max()
        tj = judged.get(p["person_id"], pd.NaT)
        if bool(reversed_all.get(p["person_id"], False)):
            stage = "conviction reversed: no order can come"
        elif pd.isna(f):
            stage = "awaiting a final conviction"
        elif pd.isna(first):
            stage = "awaiting a reparations order"
        elif pd.isna(amount):
            stage = "order issued, amount not yet set"
        else:
            stage = "amount set"
        rows.append(
            {
                **p.to_dict(),
                "trial_judgment": tj,
                "final_on": f,
                "principles_on": principles,
                "first_order": first,
                "amount_set_on": amount,
                "days_from_trial": None if pd.isna(tj) or pd.isna(first) else int((first - tj).days),
                "days_to_order": None if pd.isna(f) or pd.isna(first) else int((first - f).days),
                "order_after_final": later,
                "days_to_order_after_final": None if pd.isna(later) else int((later - f).days),
                "days_to_amount": None if pd.isna(f) or pd.isna(amount) else int((amount - f).days),
                "days_waiting": int((cut - f).days) if pd.notna(f) and pd.isna(first) else None,
                "stage": stage,
            }
        )
    cols = [
        "person_id",
        "name",
        "situation",
        "trial_judgment",
        "final_on",
        "principles_on",
        "first_order",
        "amount_set_on",
        "days_from_trial",
        "days_to_order",
        "order_after_final",
        "days_to_order_after_final",
        "days_to_amount",
        "days_waiting",
        "stage",
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(["final_on", "person_id"]).reset_index(drop=True)


def awards(reparations: pd.DataFrame, as_of) -> pd.DataFrame:
    """The award in force per person on ``as_of``: the latest decision that set an amount (an order,
    a decision on the amount, an addendum), in its own currency, with the per-victim amount, the
    beneficiaries the decision counts, the kinds and whether the Trust Fund complements it."""
    rep = known(reparations, as_of)
    rows = []
    for pid, mine in rep.groupby("person_id"):
        setting = mine[mine["decision"].isin(AMOUNT_DECISIONS) & mine["amount"].notna()]
        if setting.empty:
            continue
        last = setting.iloc[-1]
        kinds = sorted({k.strip() for v in mine["kind"].dropna() for k in v.split(";") if k.strip()})
        per_victim = setting["per_victim_amount"].dropna()
        benef = setting["beneficiaries"].dropna()
        rows.append(
            {
                "person_id": pid,
                "amount": float(last["amount"]),
                "currency": last["currency"],
                "set_on": last["date"],
                "decision": last["decision"],
                "per_victim_amount": float(per_victim.iloc[-1]) if len(per_victim) else None,
                "beneficiaries": int(benef.iloc[-1]) if len(benef) else None,
                "beneficiaries_basis": setting.loc[benef.index[-1], "beneficiaries_basis"] if len(benef) else "",
                "kinds": "; ".join(kinds),
                "tfv_complement": "yes" if (mine["tfv_complement"] == "yes").any() else "",
                "sgbc_beneficiaries": _latest(mine["sgbc_beneficiaries"]),
                "appealed": bool(((mine["decision"] == "appeal_judgment") & (mine["date"] >= last["date"])).any()),
                "source_id": last["source_id"],
            }
        )
    cols = [
        "person_id",
        "amount",
        "currency",
        "set_on",
        "decision",
        "per_victim_amount",
        "beneficiaries",
        "beneficiaries_basis",
        "kinds",
        "tfv_complement",
        "sgbc_beneficiaries",
        "appealed",
        "source_id",
    ]
    return pd.DataFrame(rows, columns=cols)


def _latest(values: pd.Series) -> str:
    """The last stated value (decisions sorted by date): a later decision overrides an earlier one."""
    stated = values.dropna()
    stated = stated[stated != ""]
    return str(stated.iloc[-1]) if len(stated) else ""


def totals_by_currency(award_table: pd.DataFrame) -> pd.DataFrame:
    """Awards summed within each currency only (never across currencies): cases, total, largest."""
    if award_table.empty:
        return pd.DataFrame(columns=["currency", "cases", "total", "largest"])
    g = award_table.groupby("currency")["amount"]
    return pd.DataFrame({"cases": g.size(), "total": g.sum(), "largest": g.max()}).reset_index()


CONVICTED = {"convicted_final", "convicted_appeal_pending"}


def possibility(status: str) -> str:
    """Whether a reparations order can come in a person's case, from their status (one of
    :data:`justicegap.analysis.status.STATUSES`): ``"possible"`` (convicted, finally or under
    appeal; the Court may order reparations before the appeal is decided), ``"none"`` (the
    proceedings ended without a conviction that stands) or ``"open"``."""
    if status in CONVICTED:
        return "possible"
    if status in ENDED_WITHOUT_CONVICTION:
        return "none"
    return "open"


def case_page_sentence(status: str, as_of_text: str) -> str:
    """The sentence a case page shows when no reparations decision is on record."""
    return {
        "possible": f"No reparations decision on record as of {as_of_text}.",
        "none": "No conviction stands, so no reparations order can be made.",
        "open": f"No conviction as of {as_of_text}; reparations can be ordered only after a conviction.",
    }[possibility(status)]


NO_TRIAL_OPENED = "Before a Trial Chamber (no trial opened)"


NOT_TRIED = "Trial of the co-accused (this accused was not tried)"


def victim_stage_label(stage: str, trial_opened: bool, co_accused_tried: bool = False) -> str:
    """The stage of a victims figure in words. A trial-stage figure of a case in which no trial had
    opened (Kenyatta's) says so instead of "Trial"; on the page of an accused who was not tried
    while the co-accused were (Kosgey beside Ruto and Sang), it says whose trial it was. One
    function for the reparations chapter and the case pages."""
    if stage == "trial" and not trial_opened:
        return NOT_TRIED if co_accused_tried else NO_TRIAL_OPENED
    return label(VICTIM_STAGES, stage)


def participating_victims(
    victims: pd.DataFrame, persons: pd.DataFrame, status: pd.DataFrame, as_of, events: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per case with a published figure: the latest number of victims authorised to participate on
    ``as_of`` (trial stage if any, else the latest stage), and whether the case can lead to a
    reparations order (some accused in it convicted, finally or under appeal) or cannot (every
    accused acquitted, or the proceedings ended without a conviction), or is still open.

    A trial-stage figure belongs to the accused who were at trial when it was published: people of
    the case with a charge confirmed (``status["confirmed"]``) whose proceedings had not ended
    before the figure's date (with ``events``), so a co-accused whose charges were not confirmed
    or were withdrawn earlier (Kosgey, Ali, Muthaura) is not named beside it. With ``events``, it
    also belongs to a co-accused of another case tried jointly with them (same situation, same
    trial opening, opened by the figure's date: Ngudjolo beside Katanga), and ``stage_label`` says
    "before a Trial Chamber (no trial opened)" where no accused of the figure had a trial opening
    by ``as_of`` (Kenyatta)."""
    cut = as_timestamp(as_of)
    v = victims[victims["date"] <= cut].copy()
    if v.empty:
        return pd.DataFrame(
            columns=[
                "case_id",
                "names",
                "person_ids",
                "victims",
                "stage",
                "stage_label",
                "date",
                "date_precision",
                "outcome",
                "source_id",
            ]
        )
    v["trial_first"] = (v["stage"] != "trial").astype(int)
    v = (
        v.sort_values(["case_id", "trial_first", "date"])
        .groupby("case_id")
        .apply(lambda g: g[g["trial_first"] == g["trial_first"].min()].iloc[-1], include_groups=False)
        .reset_index()
    )
    st = status.merge(persons[["person_id", "case_id"]], on="person_id", how="left", suffixes=("", "_p"))
    case_col = "case_id" if "case_id" in st else "case_id_p"
    ended = None
    opened = pd.Series(dtype="datetime64[ns]")
    if events is not None:  # the accused left the case: a death or end, or charges withdrawn
        fd = first_dates(events, cut)
        ended = fd[["ended", "charges_withdrawn", "warrant_withdrawn"]].min(axis=1)
        opened = fd["trial_opening"].dropna()
    situation = persons.set_index("person_id")["situation"] if "situation" in persons else pd.Series(dtype=object)
    joint = {pid: (situation.get(pid), day) for pid, day in opened.items()}  # a joint trial shares both
    rows = []
    for _, r in v.iterrows():
        mine = st[st[case_col] == r["case_id"]]
        if r["stage"] == "trial" and joint:
            groups = {joint[p] for p in mine["person_id"] if p in joint and joint[p][1] <= r["date"]}
            co = [p for p, g in joint.items() if g in groups and p not in set(mine["person_id"])]
            mine = pd.concat([mine, st[st["person_id"].isin(co)]])
        if r["stage"] == "trial" and "confirmed" in mine:
            at_trial = mine[mine["confirmed"].astype(bool)]
            if ended is not None:
                gone = at_trial["person_id"].map(ended)
                at_trial = at_trial[~(gone.notna() & (gone < r["date"]))]
            mine = at_trial if len(at_trial) else mine
        statuses = set(mine["status"])
        if statuses & CONVICTED:
            outcome = "conviction: reparations possible"
        elif statuses and statuses <= ENDED_WITHOUT_CONVICTION:
            outcome = "no conviction: no order can come"
        else:
            outcome = "still open"
        rows.append(
            {
                "case_id": r["case_id"],
                "names": "; ".join(sorted(mine["name"])),
                "person_ids": ";".join(sorted(mine["person_id"])),
                "victims": int(r["victims"]),
                "stage": r["stage"],
                "stage_label": victim_stage_label(
                    r["stage"], events is None or bool(mine["person_id"].isin(opened.index).any())
                ),
                "date": r["date"],
                "date_precision": r["date_precision"],
                "outcome": outcome,
                "source_id": r["source_id"],
            }
        )
    return pd.DataFrame(rows).sort_values(["outcome", "case_id"]).reset_index(drop=True)
