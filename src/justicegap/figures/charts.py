"""The report's chart types: funnel, outcome bars, timeline, survival curves."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd

from ..analysis.stages import OUTCOMES, STAGE_LABELS, STAGES
from . import style
from .cache import remembered


@remembered
def funnel(counts: dict[str, int], title: str, caption: str, unit_label: str):
    """Horizontal bars, one per stage, each labelled with its count."""
    style.apply()
    fig, ax = plt.subplots(figsize=(8, 3.6))
    labels = [STAGE_LABELS[s] for s in STAGES]
    values = [int(counts.get(s, 0)) for s in STAGES]
    y = np.arange(len(STAGES))[::-1]
    ax.barh(y, values, color=style.OKABE_ITO["blue"], height=0.6)
    top = max(values) if values and max(values) else 1
    for yi, v in zip(y, values):
        ax.text(v + top * 0.01, yi, f"{v}", va="center", fontsize=9)
    ax.set_yticks(y, labels)
    ax.set_xlabel(f"Number of {unit_label}")
    ax.set_xlim(0, top * 1.12)
    ax.grid(axis="y", visible=False)
    style.finish(fig, title, caption)
    return fig


@remembered
def outcome_bars(table: pd.DataFrame, by: str, title: str, caption: str, unit_label: str):
    """Stacked horizontal bars: for each group, how its charges ended (outcome colours)."""
    style.apply()
    cats = [c for c in OUTCOMES if c in table.columns and table[c].sum() > 0]
    # tall enough for one bar per group, plus the legend underneath (two columns), so that the
    # bars keep the full width of the page
    bars = max(1.6, 0.42 * len(table))
    legend_in = 0.19 * -(-len(cats) // 2) + 0.2
    height = bars + 1.9 + legend_in
    fig, ax = plt.subplots(figsize=(8.5, height))
    left = np.zeros(len(table))
    y = np.arange(len(table))[::-1]
    for c in cats:
        vals = table[c].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=style.OUTCOME_COLOURS[c], label=OUTCOMES[c], height=0.65)
        left += vals
    ax.set_yticks(y, table[by].astype(str))
    ax.set_xlabel(f"Number of {unit_label}")
    ax.grid(axis="y", visible=False)
    # under the axis label, in funnel order (the offset is in inches, whatever the bars' height)
    ax.legend(loc="upper center", bbox_to_anchor=(0.4, -0.62 / bars), ncol=2, fontsize=7.5, borderaxespad=0)
    style.finish(fig, title, caption)
    return fig


@remembered
def survival(curves: dict[str, pd.DataFrame], title: str, caption: str):
    """Kaplan-Meier curves: share of cases still waiting for the next stage, by days elapsed."""
    style.apply()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    palette = [style.OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky")]
    for (label, curve), colour in zip(curves.items(), palette):
        if curve.empty:
            continue
        years = curve["days"] / 365.25
        ax.step(years, curve["still_waiting"], where="post", color=colour, label=label)
        ax.fill_between(years, curve["ci_low"], curve["ci_high"], step="post", color=colour, alpha=0.12)
    ax.set_xlabel("Years since the stage began")
    ax.set_ylabel("Share still waiting")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=8)
    style.finish(fig, title, caption)
    return fig


@remembered
def timeline(events: pd.DataFrame, as_of, title: str, caption: str, labels: dict[str, str]):
    """One person's procedural steps on a time axis."""
    style.apply()
    ev = events.sort_values(["date", "event"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8.5, max(2.6, 0.32 * len(ev) + 1.2)))
    if ev.empty:
        ax.text(0.5, 0.5, "No dated events", ha="center", va="center", transform=ax.transAxes)
    else:
        y = np.arange(len(ev))[::-1]
        precision = ev["date_precision"] if "date_precision" in ev else pd.Series("day", index=ev.index)
        rough = precision.isin(["month", "year"]).to_numpy()
        ax.scatter(ev["date"][~rough], y[~rough], color=style.OKABE_ITO["blue"], zorder=3, s=28)
        if rough.any():  # a date known only to the month or year: hollow, and said so
            ax.scatter(
                ev["date"][rough],
                y[rough],
                facecolors="white",
                edgecolors=style.OKABE_ITO["blue"],
                zorder=3,
                s=28,
                label="date known only to the month or year",
            )
            ax.legend(loc="lower right", fontsize=8)
        ax.hlines(y, ev["date"].min(), ev["date"], color="#DDDDDD", linewidth=0.8)
        ax.set_yticks(y, [labels.get(e, e) for e in ev["event"]])
        ax.axvline(pd.Timestamp(as_of), color=style.OKABE_ITO["grey"], linestyle="--", linewidth=1)
        ax.text(
            pd.Timestamp(as_of),
            1.0,
            " as of",
            fontsize=8,
            color="#555555",
            va="bottom",
            transform=ax.get_xaxis_transform(),
        )
        ax.set_xlabel("Date")
    ax.grid(axis="y", visible=False)
    style.finish(fig, title, caption)
    return fig


EXIT_COLOURS = {
    "died": "#D9D9D9",
    "withdrawn": style.OKABE_ITO["purple"],
    "not_confirmed": style.OKABE_ITO["orange"],
    "vacated": "#E0B0D0",
    "terminated": "#555555",
    "acquitted": style.OKABE_ITO["vermillion"],
    "reversed": "#8C2D04",
    "pending_at_large": "#B9DDF1",
    "pending_held": style.OKABE_ITO["yellow"],
    "pending_in_court": style.OKABE_ITO["sky"],
}
# patterns on top of the colours, so that neighbouring light segments stay apart in greyscale too
EXIT_HATCHES = {"died": "..", "pending_at_large": "//", "pending_held": "xx"}


@remembered
def person_funnel(table: pd.DataFrame, exits: dict[str, str], title: str, caption: str):
    """One bar per step of the person-level funnel: those who went on (blue), then those who left
    at that step, by how they left. ``table`` is :func:`analysis.funnel.person_funnel`."""
    style.apply()
    fig, ax = plt.subplots(figsize=(8.5, 4.6))
    y = np.arange(len(table))[::-1]
    top = max(int(table["n"].max()), 1)
    cont = table["next"].fillna(table["n"]).astype(float).to_numpy()
    ax.barh(y, cont, color=style.OKABE_ITO["blue"], height=0.62, label="Went on to the next step")
    left = cont.copy()
    used = [k for k in exits if k in table and table[k].sum() > 0]
    for key in used:
        vals = table[key].to_numpy(dtype=float)
        ax.barh(
            y,
            vals,
            left=left,
            color=EXIT_COLOURS.get(key, "#777777"),
            height=0.62,
            label=exits[key],
            hatch=EXIT_HATCHES.get(key),
            edgecolor="#444444" if key in EXIT_HATCHES else None,
            linewidth=0,
        )
        left += vals
    for yi, n in zip(y, table["n"]):
        ax.text(n + top * 0.01, yi, str(int(n)), va="center", fontsize=9, fontweight="bold")
    ax.set_yticks(y, table["label"])
    ax.set_xlabel("Number of people")
    ax.set_xlim(0, top * 1.08)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.24), ncol=2, fontsize=7.5)
    style.finish(fig, title, caption)
    return fig


@remembered
def rate_bars(rows: pd.DataFrame, title: str, caption: str, groups=("SGBC", "Other crimes")):
    """Conditional stage rates side by side for two groups, each bar labelled "k of n"; a thin
    whisker shows how far the rate could move if every unverified row belonged to the group.

    ``rows``: :func:`analysis.sgbc.compare` (columns stage, label, group, rate, if_all)."""
    style.apply()
    stages = list(dict.fromkeys(rows["stage"]))
    fig, ax = plt.subplots(figsize=(8.5, 4.4))
    x = np.arange(len(stages))
    width = 0.38
    for i, group in enumerate(groups):
        sub = rows[rows["group"] == group].set_index("stage")
        vals, labels, lo, hi = [], [], [], []
        for s in stages:
            rate, wide = sub.loc[s, "rate"], sub.loc[s, "if_all"]
            v = rate.value or 0.0
            w = wide.value if wide.value is not None else v
            vals.append(v)
            labels.append(f"{rate.numerator}/{rate.denominator}")
            lo.append(max(0.0, v - min(v, w)))
            hi.append(max(0.0, max(v, w) - v))
        pos = x + (i - 0.5) * width
        ax.bar(pos, vals, width=width, color=style.GROUP_COLOURS.get(group, "#777777"), label=group)
        ax.errorbar(pos, vals, yerr=[lo, hi], fmt="none", ecolor="#333333", elinewidth=0.8, capsize=3)
        for p, v, lab in zip(pos, vals, labels):
            ax.text(p, v + 0.02, lab, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(
        x, [rows.loc[rows["stage"] == s, "label"].iloc[0].replace(", of ", ",\nof ") for s in stages], fontsize=8
    )
    ax.set_ylabel("Share")
    ax.set_ylim(0, 1.3)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.legend(loc="upper center", ncol=2, fontsize=8)
    style.finish(fig, title, caption)
    return fig


INCIDENCE_COLOURS = {
    "reached": style.OKABE_ITO["blue"],
    "final_conviction": style.OKABE_ITO["blue"],
    "final_acquittal": style.OKABE_ITO["vermillion"],
    "not_confirmed": style.OKABE_ITO["orange"],
    "withdrawn": style.OKABE_ITO["purple"],
    "vacated": "#E0B0D0",
    "terminated": style.OKABE_ITO["grey"],
    "died": "#555555",
}


@remembered
def incidence(
    curves: dict[str, pd.DataFrame], labels: dict[str, str], title: str, caption: str, until_days: float | None = None
):
    """Cumulative incidence of each way a stage can end, one small panel per ending (with its 95%
    band), all on the same axes so that the panels compare; overlapping bands on one plot could
    not be read. Panels follow the order of ``curves``; endings that never happen are left out.
    Each panel is annotated with its share at ``until_days`` (the day its table's last row gives,
    :func:`..analysis.durations.last_estimated`), else at the curve's last point."""
    style.apply()
    shown = [(k, c) for k, c in curves.items() if not c.empty]
    n = max(len(shown), 1)
    cols = min(3, n)
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(8.5, 1.2 + 2.2 * rows), sharex=True, sharey=True, squeeze=False)
    xmax = max([float(c["days"].max()) / 365.25 for _, c in shown] or [1.0])
    for ax, (kind, curve) in zip(axes.flat, shown):
        yrs = curve["days"] / 365.25
        colour = INCIDENCE_COLOURS.get(kind, "#777777")
        # each curve starts at 0 on day 0 and is carried to the right edge of the panel
        xs = pd.concat([pd.Series([0.0]), yrs, pd.Series([xmax])], ignore_index=True)
        ys = pd.concat([pd.Series([0.0]), curve["share"], curve["share"].iloc[-1:]], ignore_index=True)
        lo = pd.concat(
            [
                pd.Series([0.0]),
                curve["ci_low"].fillna(curve["share"]),
                curve["ci_low"].fillna(curve["share"]).iloc[-1:],
            ],
            ignore_index=True,
        )
        hi = pd.concat(
            [
                pd.Series([0.0]),
                curve["ci_high"].fillna(curve["share"]),
                curve["ci_high"].fillna(curve["share"]).iloc[-1:],
            ],
            ignore_index=True,
        )
        ax.fill_between(xs, lo, hi, step="post", color=colour, alpha=0.25, linewidth=0)
        ax.step(xs, ys, where="post", color=colour, linewidth=1.6)
        ax.set_title(labels.get(kind, kind), fontsize=8.5, loc="left", wrap=True)
        ax.text(
            0.98,
            0.92,
            f"{curve['share'].iloc[-1]:.0%} by "
            f"{(until_days / 365.25 if until_days is not None else yrs.iloc[-1]):.1f} years",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8.5,
            fontweight="bold",
            color=colour,
        )
        ax.set_ylim(0, 1.02)
        ax.set_xlim(0, xmax)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    for ax in list(axes.flat)[len(shown) :]:
        ax.set_visible(False)
    for c in range(cols):  # the lowest panel of each column carries the x axis
        lowest = max((r for r in range(rows) if axes[r, c].get_visible()), default=None)
        if lowest is not None:
            axes[lowest, c].tick_params(labelbottom=True)
            axes[lowest, c].set_xlabel("Years since the stage began", fontsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("Cumulative share", fontsize=8)
    style.finish(fig, title, caption)
    return fig


@remembered
def reparations_timeline(
    decisions: pd.DataFrame, finals: pd.Series, labels: dict[str, str], as_of, title: str, caption: str
):
    """One line per convicted person, from the day the conviction became final to the as-of date,
    with each reparations decision marked by its kind."""
    style.apply()
    people = list(finals.sort_values().index)
    fig, ax = plt.subplots(figsize=(8.5, max(2.8, 0.5 * len(people) + 1.8)))
    markers = {
        "principles": "o",
        "order": "D",
        "amount_set": "s",
        "appeal_judgment": "^",
        "addendum": "v",
        "plan_approved": "P",
        "other": "x",
    }
    colours = {
        "principles": style.OKABE_ITO["sky"],
        "order": style.OKABE_ITO["blue"],
        "amount_set": style.OKABE_ITO["green"],
        "appeal_judgment": style.OKABE_ITO["orange"],
        "addendum": style.OKABE_ITO["purple"],
        "plan_approved": style.OKABE_ITO["vermillion"],
        "other": style.OKABE_ITO["grey"],
    }
    y = {pid: i for i, pid in enumerate(people[::-1])}
    end = pd.Timestamp(as_of)
    for pid in people:
        ax.hlines(y[pid], finals[pid], end, color="#CCCCCC", linewidth=1.2)
        ax.scatter([finals[pid]], [y[pid]], marker="|", s=140, color="black")
    seen = set()
    for _, r in decisions[decisions["person_id"].isin(people)].iterrows():
        kind = r["decision"] if r["decision"] in markers else "other"
        ax.scatter(
            [r["date"]],
            [y[r["person_id"]]],
            marker=markers[kind],
            color=colours[kind],
            s=40,
            zorder=3,
            label=labels.get(kind, kind) if kind not in seen else None,
        )
        seen.add(kind)
    ax.scatter([], [], marker="|", s=140, color="black", label="Conviction final")
    ax.set_yticks(list(y.values()), [labels.get(p, p) for p in y])
    ax.set_xlabel("Date")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.2), ncol=2, fontsize=7.5)
    style.finish(fig, title, caption)
    return fig
