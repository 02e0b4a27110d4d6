"""The report's chart types: funnel, outcome bars, timeline, survival curves."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..analysis.stages import OUTCOMES, STAGE_LABELS, STAGES
from . import style


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


def outcome_bars(table: pd.DataFrame, by: str, title: str, caption: str, unit_label: str):
    """Stacked horizontal bars: for each group, how its charges ended (outcome colours)."""
    style.apply()
    cats = [c for c in OUTCOMES if c in table.columns and table[c].sum() > 0]
    # tall enough for one bar per group and for the legend's entries beside them
    height = max(2.8, 0.42 * len(table) + 1.6, 0.2 * len(cats) + 1.8)
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
    # beside the bars, in funnel order; finish() makes the figure tall enough for all entries
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, borderaxespad=0)
    style.finish(fig, title, caption)
    return fig


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
