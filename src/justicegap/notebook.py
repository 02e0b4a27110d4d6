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
_HEADLINE: dict[str, dict] = {}
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


def headline(key: str, value, label: str, n=None) -> None:
    """Record a headline figure under a stable key of :data:`justicegap.headline.KEYS`
    (written to headline.json; the build gathers them into metrics.json -> headline)."""
    from .headline import KEYS

    if key not in KEYS:
        raise KeyError(f"{key!r} is not a headline key; add it with its definition to src/justicegap/headline.py")
    if hasattr(value, "item"):
        value = value.item()
    _HEADLINE[key] = {"value": value, "label": label, "n": None if n is None else int(n)}
    (_out() / "headline.json").write_text(
        json.dumps(_HEADLINE, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
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
    widths = "".join(f'<col data-print-width="{w}">' for w in column_widths(view))
    body = re.sub(
        r'<table[^>]*class="[^"]*jg-table[^"]*"[^>]*>', f'<table class="jg-table"><colgroup>{widths}</colgroup>', body
    )
    body = body.replace('<tr style="text-align: right;">', "<tr>")
    more = f" Showing {max_rows} of {len(frame)} rows." if max_rows and len(frame) > max_rows else ""
    cap = (
        f'<p class="jg-caption">{html.escape(caption)}{html.escape(more)} '
        f'Full table: <a href="tables/{html.escape(name)}.csv">{html.escape(name)}.csv</a>.</p>'
    )
    from IPython.display import HTML

    _display(HTML(body + cap))


def column_widths(frame: pd.DataFrame, budget: int = 105) -> list[int]:
    """Percentage width of each column for the PDF (whole numbers summing to 100).

    The PDF lays tables out with fixed column widths: measuring every cell's minimum width (the
    automatic layout) is slow in WeasyPrint for long notes. Widths are in characters of a line of
    about ``budget``. Each column first gets room for its header's longest word (plus 2 for bold
    and padding, at most 10: longer header words are hyphenated) and for its typical cell (75th
    percentile) up to 12 characters plus one, so short values such as dates do not break; what is left
    goes to the longer columns in proportion to how much more they hold, prose capped at 60
    characters and identifiers without spaces at 20 (they may break anywhere)."""
    if frame.shape[1] == 0:
        return []
    minimum, desired = [], []
    for col in frame.columns:
        texts = frame[col].astype(object).where(frame[col].notna(), "").astype(str)
        header = min(max((len(w) for w in str(col).split()), default=0) + 2, 10)
        typical = float(texts.str.len().quantile(0.75)) if len(texts) else 0.0
        prose = bool(len(texts)) and texts.str.contains(" ").mean() >= 0.5
        want = max(min(typical, 60 if prose else 20), header, 3)
        minimum.append(max(header, 3, min(want, 12) + 1))  # + 1: digits and capitals are wider than average
        desired.append(max(want, minimum[-1]))
    room = budget - sum(minimum)
    excess = [d - m for d, m in zip(desired, minimum)]
    scale = min(1.0, room / sum(excess)) if room > 0 and sum(excess) else 0.0
    widths = [m + e * scale for m, e in zip(minimum, excess)]
    total = sum(widths)
    shares = [int(100 * w // total) for w in widths]
    shares[widths.index(max(widths))] += 100 - sum(shares)  # rounding remainder to the widest
    return shares


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
    _HEADLINE.clear()
