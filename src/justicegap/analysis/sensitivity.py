"""The headline SGBC comparison recomputed under the alternatives a reviewer will ask about."""

from __future__ import annotations

import pandas as pd

from .. import dates
from . import funnel as fn
from . import units
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
    # pairs of people with counts whose crime is not verified come partly from judgment summaries,
    # which name some crimes and not others: keep only people whose every count is verified
    partial = set(units.placeholders(c)["person_id"])
    variants.append(
        (
            "Only people whose every count has a verified crime (no pairs from judgment summaries)",
            *_trial(p[~p["person_id"].isin(partial)], "crime"),
        )
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


def judgment_groups(events: pd.DataFrame, persons: pd.DataFrame) -> pd.Series:
    """The trial judgment each person was judged in: people judged together (same situation, same
    judgment day) share one, so that the five accused of Bemba et al. count once; people tried
    together but judged apart (Katanga and Ngudjolo, severed in November 2012) are two. The key is
    "<situation>:<judgment day>". People with no trial judgment are not in it. Indexed by person_id."""
    judged = events[events["event"] == "trial_judgment"].groupby("person_id")["date"].min()
    situation = persons.set_index("person_id")["situation"]
    return pd.Series(
        {pid: f"{situation.get(pid, '')}:{day.date().isoformat()}" for pid, day in judged.items()}, dtype=object
    )


def judged_apart(events: pd.DataFrame, persons: pd.DataFrame) -> list[str]:
    """People tried together (one :func:`trial_groups` key) but judged on different days (several
    :func:`judgment_groups` keys), one entry per such trial: "Germain Katanga (judged 7 Mar 2014) and
    Mathieu Ngudjolo Chui (judged 18 Dec 2012)", in the order the trials opened."""
    tried, judged = trial_groups(events, persons), judgment_groups(events, persons)
    name = persons.set_index("person_id")["name"]
    out = []
    for _, members in sorted(
        tried[tried.index.isin(judged.index)].groupby(tried).groups.items(),
        key=lambda kv: (kv[0].split(":")[-1], kv[0]),
    ):
        if judged[list(members)].nunique() < 2:
            continue
        people = sorted(members, key=lambda pid: (judged[pid].split(":")[-1], name.get(pid, pid)))
        parts = [f"{name.get(pid, pid)} (judged {dates.format_date(judged[pid].split(':')[-1])})" for pid in people]
        out.append(", ".join(parts[:-1]) + " and " + parts[-1])
    return out


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


def _decided_by_trial(pairs: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """The pairs decided at trial whose SGBC status is known, each with its trial (``trial_group``);
    pairs of people in no trial are left out."""
    tried = pairs[pairs["trial"].isin(["convicted", "acquitted"]) & pairs["sgbc_known"]]
    return tried.assign(trial_group=tried["person_id"].map(groups)).dropna(subset=["trial_group"])


def bootstrap_gap(pairs: pd.DataFrame, groups: pd.Series, draws: int = 2000, seed: int = 0) -> dict:
    """A 95% interval for the SGBC-minus-other gap at trial that respects clustering: whole trials are
    resampled with replacement (a fixed seed, so the bytes do not change between builds)."""
    import numpy as np

    frame = _decided_by_trial(pairs, groups)
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


def _compared(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pairs a within-judgment comparison uses, and those it leaves out: in a judgment that
    decided an SGBC pair, only the accused who had one, so that SGBC and other crimes are compared
    on the same people (Yekatom, judged beside Ngaïssona, had no SGBC charge: his other crimes are
    not Ngaïssona's comparison). A judgment with no SGBC pair keeps everyone (it compares nothing)."""
    with_sgbc = frame[frame["sgbc"]].groupby("trial_group")["person_id"].agg(set)
    keep = [(g not in with_sgbc.index) or (p in with_sgbc[g]) for g, p in zip(frame["trial_group"], frame["person_id"])]
    keep = pd.Series(keep, index=frame.index, dtype=bool)
    return frame[keep], frame[~keep]


def per_trial(pairs: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """One row per trial (joint trials once): the people tried, SGBC and other-crimes pairs convicted
    and decided, and ``diff_points`` (SGBC conviction rate minus the other-crimes rate; None when the
    trial decided only one kind, NaN in the frame). The sign-flip test, the pooled within-trial rates and the per-trial
    table of the appendix all come from this one frame."""
    frame, apart = _compared(_decided_by_trial(pairs, groups))
    rows = []
    # in the order of the keys' days (the judgment day for judgment_groups)
    for trial, g in sorted(frame.groupby("trial_group"), key=lambda kv: (kv[0].split(":")[-1], kv[0])):
        sg, ot = g[g["sgbc"]], g[~g["sgbc"]]
        gone = apart[apart["trial_group"] == trial]
        row = {
            "trial": trial,
            "names": "; ".join(sorted(g["name"].unique())),
            "left_out": "; ".join(sorted(gone["name"].unique())),
            "left_out_pairs": len(gone),
            "persons": int(g["person_id"].nunique()),
            "sgbc_convicted": int((sg["trial"] == "convicted").sum()),
            "sgbc_decided": len(sg),
            "sgbc_persons": int(sg["person_id"].nunique()),
            "other_convicted": int((ot["trial"] == "convicted").sum()),
            "other_decided": len(ot),
            "other_persons": int(ot["person_id"].nunique()),
            "diff_points": None,
        }
        if len(sg) and len(ot):
            row["diff_points"] = 100 * (row["sgbc_convicted"] / len(sg) - row["other_convicted"] / len(ot))
        rows.append(row)
    cols = [
        "trial",
        "names",
        "left_out",
        "left_out_pairs",
        "persons",
        "sgbc_convicted",
        "sgbc_decided",
        "sgbc_persons",
        "other_convicted",
        "other_decided",
        "other_persons",
        "diff_points",
    ]
    return pd.DataFrame(rows, columns=cols)


TEST_NAME = "a sign-flip test on the mean of the per-judgment differences"


def sign_flip_p(diffs: list[float]) -> float | None:
    """Two-sided exact p of the mean of ``diffs`` under sign flips: the share of the 2**k ways of
    flipping the signs whose mean is at least as far from zero as the observed one."""
    import itertools

    k = len(diffs)
    if not k:
        return None
    mean = sum(diffs) / k
    extreme = sum(
        abs(sum(s * d for s, d in zip(signs, diffs)) / k) >= abs(mean) - 1e-9
        for signs in itertools.product((1, -1), repeat=k)
    )
    return extreme / 2**k


def trial_sign_test(pairs: pd.DataFrame, groups: pd.Series) -> dict:
    """Does the gap hold trial by trial? Each trial that decided both SGBC and other pairs gives
    one within-trial difference (:func:`per_trial`); trials that decided only one kind say nothing
    about the contrast and are left out. The test (:data:`TEST_NAME`) flips the sign of each
    trial's difference in every one of the 2**k ways (exact, no random draws) and counts how often
    the mean difference is at least as far from zero as observed: a two-sided p-value in which
    each trial is one observation, however many pairs it decided (pairs of one trial rest on the
    same findings, so they are not independent).

    Returns ``contrasts`` (k), ``same_direction`` (trials whose difference has the sign of the
    mean), ``ties``, ``worse``, ``better``, ``mean_points`` and ``p`` (None when no trial has a
    contrast)."""
    diffs = [d for d in per_trial(pairs, groups)["diff_points"] if d is not None and not pd.isna(d)]
    k = len(diffs)
    if not k:
        return {"contrasts": 0, "same_direction": 0, "ties": 0, "worse": 0, "better": 0, "mean_points": None, "p": None}
    mean = sum(diffs) / k
    same = sum(1 for d in diffs if (d < 0) == (mean < 0) and d != 0)
    ties = sum(1 for d in diffs if d == 0)
    worse = sum(1 for d in diffs if d < 0)
    return {
        "contrasts": k,
        "same_direction": same,
        "ties": ties,
        "worse": worse,
        "better": k - worse - ties,
        "mean_points": mean,
        "p": sign_flip_p(diffs),
    }


def within_trials(pairs: pd.DataFrame, groups: pd.Series) -> dict:
    """SGBC and other pairs pooled over only the trials that decided both (the trials of
    :func:`trial_sign_test`), so that the other-crimes rate comes from the same judgments: a trial
    with no SGBC charge decided (Lubanga's, Al Mahdi's) is left out. Also how many trials decided
    only one kind, the pooled gap over the trials that decided both (``gap_points``), and the
    joint trials among them (``joint``: their names)."""
    trials = per_trial(pairs, groups)
    both = trials[(trials["sgbc_decided"] > 0) & (trials["other_decided"] > 0)]
    frame, _ = _compared(_decided_by_trial(pairs, groups))
    inside = frame[frame["trial_group"].isin(set(both["trial"]))]
    out = {
        "trials": len(both),
        "trials_all": len(trials),
        "other_only": int((trials["sgbc_decided"] == 0).sum()),
    }
    for label, rows in (("sgbc", inside[inside["sgbc"]]), ("other", inside[~inside["sgbc"]])):
        out[label] = {
            "convicted": int((rows["trial"] == "convicted").sum()),
            "decided": len(rows),
            "persons": int(rows["person_id"].nunique()),
        }
    s, o = out["sgbc"], out["other"]
    out["gap_points"] = (
        100 * (s["convicted"] / s["decided"] - o["convicted"] / o["decided"]) if s["decided"] and o["decided"] else None
    )
    out["joint"] = [n for n, k in zip(both["names"], both["persons"]) if k > 1]
    return out


def within_trial_sentence(summary: dict, within: dict) -> str:
    """The trial-by-trial comparison in words (it leads the SGBC finding; the pooled rates follow)."""
    k = summary.get("contrasts") or 0
    if not k:
        return ""
    p = summary["p"]
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.2f}"
    better = summary.get("better", 0)
    text = (
        f"Judgment by judgment: of the {k} trial judgments that decided both SGBC and other charges, SGBC fared "
        f"worse in {summary.get('worse', 0)}, alike in {summary['ties']} and better in "
        f"{'none' if better == 0 else better}; {TEST_NAME} (each judgment counted once) gives {shown}"
    )
    differ = summary.get("worse", 0) + better
    floor = 2 / 2**differ if differ else 1.0  # the smallest p the test can give with these trials
    if floor >= 0.05:
        text += (
            f": with only {differ} judgment{'' if differ == 1 else 's'} that differ, no p-value below "
            f"{floor:.2f} is possible, so the test cannot decide either way."
        )
    else:
        text += " (not significant)." if p >= 0.05 else "."

    def rate(d: dict) -> str:
        pct = f"{round(100 * d['convicted'] / d['decided'])}%" if d["decided"] else "n/a"
        return f"{d['convicted']} of {d['decided']} ({pct}; {d['persons']} people)"

    text += (
        f" Pooled over those {within['trials']} judgments, {rate(within['sgbc'])} SGBC person–crime pairs ended in a "
        f"conviction, against {rate(within['other'])} pairs for other crimes."
    )
    return text


def gap_summary(pairs: pd.DataFrame, groups: pd.Series) -> dict:
    """Everything the report says about the SGBC-minus-other gap at trial, from one function (the
    SGBC chapter and the appendix both print it): the gap, the trial-resampling interval, the
    leave-one-trial-out range with the trial that moves it most, the trial sign test, and
    ``robust``: True only if the gap keeps its sign whichever trial is left out, the interval
    excludes zero and p < 0.05."""
    boot = bootstrap_gap(pairs, groups)
    loo = leave_one_trial_out(pairs, groups).dropna(subset=["gap_points"])
    perm = trial_sign_test(pairs, groups)
    within = within_trials(pairs, groups)
    by_judgment = per_trial(pairs, groups)
    gap = boot["gap"]
    out = {
        "gap": gap,
        "low": boot["low"],
        "high": boot["high"],
        "trials": boot["trials"],
        "draws": boot["draws"],
        "p": perm["p"],
        "contrasts": perm["contrasts"],
        "same_direction": perm["same_direction"],
        "ties": perm["ties"],
        "worse": perm["worse"],
        "better": perm["better"],
        "trials_within": within["trials"],
        "differ_names": [
            n
            for n, d in zip(by_judgment["names"], by_judgment["diff_points"])
            if d is not None and not pd.isna(d) and d != 0
        ],
        "gap_within": within["gap_points"],
        "loo_min": None,
        "loo_max": None,
        "loo_names": None,
        "robust": False,
    }
    if gap is None or loo.empty:
        return out
    # the trial whose removal moves the gap furthest towards zero (or across it)
    toward = loo.assign(shift=(loo["gap_points"] - gap) * (1 if gap < 0 else -1)).sort_values(
        ["shift", "trial"], ascending=[False, True]
    )
    out.update(
        loo_min=float(loo["gap_points"].min()),
        loo_max=float(loo["gap_points"].max()),
        loo_names=toward["names"].iloc[0],
        loo_at=float(toward["gap_points"].iloc[0]),
        # judgments whose removal gives the same gap, as shown (rounded): named too, so no one judgment
        # looks as if it alone carried the gap (Katanga -22.2, Al Hassan -22.3)
        loo_also=[
            n
            for n, v in zip(toward["names"].iloc[1:], toward["gap_points"].iloc[1:])
            if round(v) == round(float(toward["gap_points"].iloc[0]))
        ],
    )
    same_sign = (loo["gap_points"] < 0).all() if gap < 0 else (loo["gap_points"] > 0).all()
    excludes_zero = boot["low"] is not None and (boot["high"] < 0 if gap < 0 else boot["low"] > 0)
    out.update(same_sign=bool(same_sign), excludes_zero=bool(excludes_zero))
    out["robust"] = bool(same_sign and excludes_zero and perm["p"] is not None and perm["p"] < 0.05)
    return out


MIN_DIFFERING = 10  # fewer judgments that differ than this, and a resampled interval is flagged unreliable


def gap_sentence(summary: dict, sign_test: bool = True, interval: bool = True) -> str:
    """The gap and how much weight it bears, in words, from :func:`gap_summary`; without the sign
    test when the sentence that leads already gave it (:func:`within_trial_sentence`); without the
    resampled interval (``interval=False``) where it would be read as a test. With fewer than
    :data:`MIN_DIFFERING` judgments that differ, the interval is shown with a warning: a percentile
    interval over so few clusters is not reliable."""
    if summary["gap"] is None:
        return ""
    g = int(round(summary["gap"]))
    text = f" Over all {summary['trials']} trial judgments the gap is {g} percentage points"
    k_within, g_within = summary.get("trials_within"), summary.get("gap_within")
    if g_within is not None and k_within and k_within != summary["trials"]:
        text += f" ({int(round(g_within))} over the {k_within} that decided both)"
    differ = (summary.get("worse") or 0) + (summary.get("better") or 0)
    if summary["low"] is not None and interval:
        text += (
            f"; resampling whole judgments ({summary['trials']} of them) gives a 95% interval of "
            f"{int(round(summary['low']))} to {int(round(summary['high']))}"
        )
        if summary.get("contrasts") and differ < MIN_DIFFERING:
            text += (
                f", not to be relied on: only {differ} judgment{'' if differ == 1 else 's'} differ, too few "
                "for a resampled interval to mean much"
            )
    if summary["loo_names"]:
        text += (
            f"; leaving out one judgment at a time it ranges from {int(round(summary['loo_min']))} to "
            f"{int(round(summary['loo_max']))} (without "
            + " or without ".join(
                n.replace("; ", " and ") for n in [summary["loo_names"], *summary.get("loo_also", [])]
            )
            + ": "
            f"{int(round(summary['loo_at']))})"
        )
    if summary.get("contrasts") and sign_test:
        p, k = summary["p"], summary["contrasts"]
        which = f"All {k}" if k == summary["trials"] else f"Only {k} of the {summary['trials']}"
        side = "worse" if summary["gap"] < 0 else "better"
        alike = f" and in {summary['ties']} the two fared alike" if summary.get("ties") else ""
        shown = "p < 0.001" if p < 0.001 else f"p = {p:.2f}"
        text += (
            f". {which} judgments decided both SGBC and other charges; in {summary['same_direction']} of them SGBC "
            f"fared {side}{alike}, and {TEST_NAME} (each judgment counted once) gives {shown}"
        )
    text += "."
    near = None
    if summary["low"] is not None and interval:
        near = abs(summary["high"]) if summary["gap"] < 0 else abs(summary["low"])
    if summary["robust"] and near is not None and near < 5:
        k = int(round(near))
        text += (
            " The direction of the gap holds under each of these checks, but the interval reaches within "
            f"{k} point{'' if k == 1 else 's'} of zero: with {summary['trials']} judgments its size is uncertain."
        )
    elif summary["robust"]:
        text += " The direction of the gap holds under each of these checks."
    else:
        text += (
            " The gap is fragile: "
            + _checks(summary, differ, interval)
            + (", so it should be read as a pattern in these judgments, not as an established difference.")
        )
    return text


def _checks(summary: dict, differ: int, interval: bool) -> str:
    """Which of the checks the gap passes and which it fails, by name (the gap is not robust)."""
    held, failed = [], []
    if summary.get("loo_names"):
        (held if summary.get("same_sign") else failed).append(
            "it keeps its sign whichever judgment is left out"
            if summary.get("same_sign")
            else "it changes sign when one judgment is left out"
        )
    if summary.get("contrasts"):
        p = summary["p"]
        floor = 2 / 2**differ if differ else 1.0
        if p >= 0.05:
            failed.append(
                f"the sign-flip test cannot tell it from chance with only {differ} judgment"
                f"{'' if differ == 1 else 's'} that differ"
                if floor >= 0.05
                else f"the sign-flip test does not reject equal rates (p = {p:.2f})"
            )
        else:
            held.append(f"the sign-flip test rejects equal rates (p = {p:.2f})")
    if interval and summary.get("low") is not None and differ >= MIN_DIFFERING:  # else flagged unreliable
        (held if summary.get("excludes_zero") else failed).append(
            "the resampled interval excludes zero"
            if summary.get("excludes_zero")
            else "the resampled interval reaches zero"
        )
    if held and failed:
        return ", ".join(held) + ", but " + " and ".join(failed)
    return " and ".join(failed or held)
