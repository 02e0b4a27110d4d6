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
    "pending_appeal": OKABE_ITO["green"],
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


class FigureDoesNotFit(ValueError):
    """A title, legend or label of a figure leaves its canvas (or covers another one)."""


def _wrap(text: str, width_in: float, fontsize: float, bold: bool = False) -> str:
    """``text`` wrapped to lines that fit ``width_in`` inches at ``fontsize`` points."""
    import textwrap

    per_char = fontsize * (0.66 if bold else 0.6) / 72  # DejaVu Sans: average advance in inches
    return "\n".join(textwrap.wrap(text, max(20, int(width_in / per_char)))) or text


def finish(fig, title: str, caption_text: str) -> None:
    """Title (which states the finding) across the figure's width; the caption under the axes.

    The figure is then sized for its content: title and caption keep their height in inches,
    the axes take what is left, and if a legend or labels need more room than the figure has,
    the figure grows (taller) until everything is inside the canvas. The title and caption are
    kept on the figure (``describe``) for its alt text."""
    fig._jg_title, fig._jg_caption = title, caption_text
    width = fig.get_figwidth()
    wrapped = _wrap(title, width - 0.2, 11.5, bold=True)
    caption_wrapped = _wrap(caption_text, width - 0.2, 8.5)
    fig.suptitle(wrapped, x=0.01, y=1.0, ha="left", va="top", fontsize=11.5, fontweight="bold")
    fig.text(0.01, 0.005, caption_wrapped, fontsize=8.5, color="#444444", ha="left", va="bottom")
    caption_in = 0.16 * (caption_wrapped.count("\n") + 1) + 0.08
    for _ in range(4):
        height = fig.get_figheight()
        fig._suptitle.set_y(1 - 0.04 / height)
        # tight_layout makes room for the suptitle itself; the caption (a figure text) it ignores
        fig.tight_layout(rect=(0, caption_in / height, 1, 1))
        need = _vertical_excess(fig)
        if need <= 0:
            break
        fig.set_figheight(round(height + need + 0.1, 2))


def _texts(fig, renderer):
    """(what it is, its window box) for every text a reader must see: titles, caption, legends,
    axis and tick labels, annotations."""
    out = []
    if fig._suptitle is not None and fig._suptitle.get_text().strip():
        out.append((_label("title", fig._suptitle), fig._suptitle.get_window_extent(renderer)))
    for t in fig.texts:
        if t.get_visible() and t.get_text().strip():
            out.append((_label("caption", t), t.get_window_extent(renderer)))
    for lg in fig.legends:
        out.append((_label("legend", lg), lg.get_window_extent(renderer)))
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for t in (ax.title, ax._left_title, ax._right_title):
            if t.get_visible() and t.get_text().strip():
                out.append((_label("title", t), t.get_window_extent(renderer)))
        if ax.get_legend() is not None and ax.get_legend().get_visible():
            out.append((_label("legend", ax.get_legend()), ax.get_legend().get_window_extent(renderer)))
        for axis, which in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            bb = axis.get_tightbbox(renderer)
            if bb is not None and axis.get_visible():
                out.append((f"{which} axis labels", bb))
        for t in ax.texts:
            if t.get_visible() and t.get_text().strip():
                out.append((_label("text", t), t.get_window_extent(renderer)))
    return out


def _label(what: str, artist) -> str:
    if what == "legend":
        entries = [t.get_text() for t in artist.get_texts()]
        return f"legend ({len(entries)} entries: {', '.join(entries[:3])}{', ...' if len(entries) > 3 else ''})"
    text = " ".join(artist.get_text().split())
    return f"{what} {text[:50]!r}"


def _vertical_excess(fig) -> float:
    """Inches by which the figure's text passes its top or bottom edge (0 if none). Measured
    from a layout pass that paints nothing (legends and ticks placed, no pixels drawn)."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    h = fig.bbox.height
    worst = 0.0
    for _, bb in _texts(fig, renderer):
        worst = max(worst, bb.y1 - h, -bb.y0)
    return worst / fig.dpi


def check_fits(fig, name: str, tolerance_px: float = 1.0) -> None:
    """Raise :class:`FigureDoesNotFit` (naming the figure) if a title, legend, axis or tick label
    or annotation leaves the canvas, or if a legend covers the title or the caption."""
    fig.canvas.draw()
    _check_boxes(fig, fig.canvas.get_renderer(), name, tolerance_px)


def _check_boxes(fig, renderer, name: str, tolerance_px: float) -> None:
    """:func:`check_fits` on a figure just drawn by ``renderer`` (at the figure's current dpi)."""
    w, h = fig.bbox.width, fig.bbox.height
    boxes = _texts(fig, renderer)
    for what, bb in boxes:
        outside = {"left": -bb.x0, "right": bb.x1 - w, "bottom": -bb.y0, "top": bb.y1 - h}
        side, by = max(outside.items(), key=lambda kv: kv[1])
        if by > tolerance_px:
            raise FigureDoesNotFit(f"figure {name}: its {what} leaves the canvas at the {side} by {by:.0f} px")
    legends = [(what, bb) for what, bb in boxes if what.startswith("legend")]
    framing = [(what, bb) for what, bb in boxes if what.startswith(("title", "caption"))]
    for lwhat, lbb in legends:
        for what, bb in framing:
            if lbb.overlaps(bb):
                raise FigureDoesNotFit(f"figure {name}: its {lwhat} covers its {what}")


def describe(fig) -> str:
    """A figure's own title and caption, as one line of text (its alt text)."""
    title = getattr(fig, "_jg_title", None)
    if title is None:
        parts = [fig._suptitle.get_text() if fig._suptitle is not None else ""]
        parts += [ax.get_title() for ax in fig.axes]
        title = " ".join(p for p in parts if p.strip())
    caption = getattr(fig, "_jg_caption", "")
    text = ". ".join(" ".join(p.split()).rstrip(".") for p in (title, caption) if p and p.strip())
    return text + "." if text else ""


def save(fig, path: Path, name: str | None = None) -> Path:
    """Check the figure fits its canvas, then save a PNG with no timestamps or software metadata,
    so the bytes are reproducible. ``name`` (default: the file's stem) names it in errors.

    The figure is drawn once, at the saving resolution (``savefig.dpi``): the check reads that
    drawing and the PNG is its pixels, the bytes ``fig.savefig`` would write (a test holds them
    equal). The tolerance of :func:`check_fits` is a pixel at the figure's own dpi."""
    import matplotlib.image

    path = Path(path)
    screen_dpi = fig.dpi
    dpi = plt.rcParams["savefig.dpi"]
    dpi = screen_dpi if dpi == "figure" else float(dpi)
    fig.dpi = dpi
    try:
        fig.canvas.draw()
        _check_boxes(fig, fig.canvas.get_renderer(), name or path.stem, 1.0 * dpi / screen_dpi)
        path.parent.mkdir(parents=True, exist_ok=True)
        matplotlib.image.imsave(
            path, fig.canvas.buffer_rgba(), format="png", origin="upper", dpi=dpi, metadata={"Software": None}
        )
    finally:
        fig.dpi = screen_dpi
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
