"""The one place that decides how charts look.

Colours are the Okabe-Ito palette (safe for the common forms of colour blindness). Each outcome
keeps its colour in every chart: convicted blue, acquitted vermillion, not confirmed orange,
withdrawn/vacated purple, terminated grey, pending light blue.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

OUTCOME_COLOURS = {
    "conviction_final": OKABE_ITO["blue"],
    "pending_appeal": "#6AA6D6",
    "acquitted": OKABE_ITO["vermillion"],
    "not_entered": "#E8A07A",
    "reversed_on_appeal": "#8C2D04",
    "not_confirmed": OKABE_ITO["orange"],
    "withdrawn": OKABE_ITO["purple"],
    "vacated": "#E0B0D0",
    "terminated": OKABE_ITO["grey"],
    "terminated_before_confirmation": "#C8C8C8",
    "pending_trial": OKABE_ITO["sky"],
    "pending_confirmation": "#B9DDF1",
}
GROUP_COLOURS = {"SGBC": OKABE_ITO["vermillion"], "Other crimes": OKABE_ITO["blue"]}

RC = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "svg.hashsalt": "justicegap",
    "path.simplify": True,
}


def apply() -> None:
    """Use the project style for every figure that follows."""
    plt.rcParams.update(RC)


def caption(n: int | str, as_of, unit: str = "", extra: str = "") -> str:
    """The caption line every chart carries: its n, its unit and its as-of date."""
    as_of = getattr(as_of, "isoformat", lambda: str(as_of))()
    parts = [f"n = {n}{(' ' + unit) if unit else ''}", f"as of {as_of[:10]}"]
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def finish(fig, title: str, caption_text: str) -> None:
    """Title (which states the finding) across the figure's width; the caption under the axes."""
    import textwrap

    wrapped = "\n".join(textwrap.wrap(title, 80))
    lines = wrapped.count("\n") + 1
    fig.suptitle(wrapped, x=0.01, ha="left", fontsize=11.5, fontweight="bold")
    fig.text(0.01, 0.005, caption_text, fontsize=8.5, color="#444444", ha="left", va="bottom")
    height = fig.get_figheight()
    top = 1 - (0.32 * lines + 0.1) / height
    fig.tight_layout(rect=(0, 0.05, 1, top))


def save(fig, path: Path) -> Path:
    """Save a PNG with no timestamps or software metadata, so the bytes are reproducible."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", metadata={"Software": None})
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
