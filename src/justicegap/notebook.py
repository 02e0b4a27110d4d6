"""Helpers the notebooks call to show and record results.

Everything a notebook shows a reader goes through here, so that: numbers in prose are
interpolated from code (never typed), text from the data is HTML-escaped, every table and figure
carries a caption with its n and as-of date and is saved beside the report (CSV / PNG), and
headline figures land in ``metrics.json`` for the report index and the changelog between versions.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd

from . import paths
from .figures import style

_METRICS: dict[str, dict] = {}
_FINDINGS: list[str] = []
_LAST: list[str] = [""]  # the last prose shown (helpers return None so cells print nothing extra)


def _out() -> Path:
    return paths.out_dir()


def _esc(value) -> str:
    if isinstance(value, float):
        value = f"{value:,.1f}" if not value.is_integer() else f"{int(value):,}"
    elif isinstance(value, int):
        value = f"{value:,}"
    text = html.escape(str(value), quote=False)
    return re.sub(r"([\\`*_{}\[\]#|])", r"\\\1", text)


def _display(obj) -> None:
    from IPython.display import display

    display(obj)


def prose(template: str, **values) -> None:
    """Show a paragraph of markdown; ``{name}`` placeholders are filled from ``values``, escaped."""
    from IPython.display import Markdown

    text = template.format(**{k: _esc(v) for k, v in values.items()})
    _display(Markdown(text))
    _LAST[0] = text


def metric(key: str, value, label: str, unit: str = "", note: str = "") -> None:
    """Record a headline figure (written to metrics.json)."""
    if hasattr(value, "item"):
        value = value.item()
    _METRICS[key] = {"value": value, "label": label, "unit": unit, "note": note}
    (_out() / "metrics.json").write_text(
        json.dumps(_METRICS, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


def finding(template: str, **values) -> None:
    """A headline finding for the report index (also shown in the notebook), numbers from code."""
    prose(template, **values)
    text = _LAST[0]
    _FINDINGS.append(text)
    (_out() / "findings.json").write_text(json.dumps(_FINDINGS, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def table(
    frame: pd.DataFrame,
    name: str,
    caption: str,
    labels: dict[str, str] | None = None,
    max_rows: int | None = None,
    source_links: tuple[str, ...] = (),
    full: pd.DataFrame | None = None,
) -> None:
    """Show a table with human column labels and a caption; save the full table as CSV.

    Columns named in ``source_links`` (after relabelling) hold source ids and become links to the
    page's source list (``#src-<id>``). Every other cell is HTML-escaped. ``full``, if given, is
    what the CSV holds when the table shown is a summary of it (see :func:`collapse_rows`)."""
    out = _out() / "tables"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.csv"
    shown = frame.rename(columns=labels or {})
    (shown if full is None else full.rename(columns=labels or {})).to_csv(
        path, index=False, date_format="%Y-%m-%d", lineterminator="\n"
    )
    view = shown if max_rows is None else shown.head(max_rows)
    cells = view.astype(object).where(view.notna(), "")
    for col in cells.columns:
        if col in source_links:
            cells[col] = cells[col].map(
                lambda v: f'<a href="#src-{html.escape(str(v))}">{html.escape(str(v))}</a>' if v else ""
            )
        else:
            cells[col] = cells[col].map(_cell)
    body = cells.to_html(index=False, escape=False, classes="jg-table", border=0)
    body = re.sub(r'<table[^>]*class="[^"]*jg-table[^"]*"[^>]*>', '<table class="jg-table">', body)
    body = body.replace('<tr style="text-align: right;">', "<tr>")
    more = f" Showing {max_rows} of {len(frame)} rows." if max_rows and len(frame) > max_rows else ""
    cap = (
        f'<p class="jg-caption">{html.escape(caption)}{html.escape(more)} '
        f'Full table: <a href="tables/{html.escape(name)}.csv">{html.escape(name)}.csv</a>.</p>'
    )
    from IPython.display import HTML

    _display(HTML(body + cap))


def collapse_rows(frame: pd.DataFrame, column: str = "rows", ids: str | None = None) -> pd.DataFrame:
    """Identical rows shown once, with how many there are in ``column``, in order of first appearance.

    Used where the data holds many rows that differ only in what is not yet known (e.g. 42
    convicted counts whose crime is not verified): the reader sees one line "x 42" instead of 42.
    ``ids`` names a column of integers (e.g. charge numbers) that is not compared but listed per
    group as ranges, e.g. "3-15, 18"."""
    keys = [c for c in frame.columns if c != ids]
    filled = frame.astype(object).where(frame.notna(), "")
    grouped = filled.groupby(keys, sort=False, dropna=False)
    out = grouped.size().rename(column).reset_index()
    if ids is not None:
        out.insert(0, ids, grouped[ids].agg(lambda v: _ranges(sorted(int(x) for x in v))).values)
    return out


def _ranges(numbers: list[int]) -> str:
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(parts)


def _cell(value) -> str:
    if isinstance(value, pd.Timestamp):
        value = value.strftime("%Y-%m-%d")
    elif isinstance(value, float):
        value = f"{value:,.1f}"
    return html.escape(str(value))


def figure(fig, name: str, alt: str) -> None:
    """Save a figure as PNG beside the report and show exactly those bytes in the notebook."""
    import matplotlib.pyplot as plt
    from IPython.display import Image

    path = style.save(fig, _out() / "figures" / f"{name}.png")
    plt.close(fig)
    _display(
        Image(data=path.read_bytes(), format="png", alt=alt)
        if _image_takes_alt()
        else Image(data=path.read_bytes(), format="png")
    )


def _image_takes_alt() -> bool:
    import inspect

    from IPython.display import Image

    return "alt" in inspect.signature(Image.__init__).parameters


def reset() -> None:
    """Forget recorded metrics and findings (tests)."""
    _METRICS.clear()
    _FINDINGS.clear()
