"""Helpers the notebooks call to show and record results.

Everything a notebook shows a reader goes through here, so that: numbers in prose are
interpolated from code (never typed), text from the data is HTML-escaped, every table and figure
carries a caption with its n and as-of date and is saved beside the report (CSV / PNG), and
headline figures land in ``metrics.json`` for the report index and the changelog between versions.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import math
import re
from pathlib import Path

import numpy as np
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


# --- tables ---------------------------------------------------------------------------------
#
# A table must fit, without a horizontal scroll box, in the 60rem column of a page at 1280 px
# and in the 180 mm text width of an A4 page (both about 68 em of the table's font). nb.table
# measures each column's narrowest possible width (its longest header word, its longest
# unbreakable cell token) with the report font's metrics and, when the columns cannot fit side by
# side, shows the table in parts that each repeat the first ``key`` columns. Headers break only
# between words; long identifiers get break opportunities after their hyphens.

TABLE_EM = 66.0  # usable width of a table in em of its font (68 em, less a margin for rounding)
CELL_PAD_EM = 1.0  # horizontal padding and border of a cell, in em (screen; the print is less)
_BREAK = "\x00"  # where a long token may break (becomes <wbr>)
_LONG_TOKEN = 18  # tokens longer than this get break opportunities after - _ / ; , . :
CASE_PAGE = "04__case_profile__person_id_{}.html"


def case_page(person_id: str) -> str:
    """File name of a person's case page (the build names runs ``<n>__<notebook>__<key>_<value>``)."""
    return CASE_PAGE.format(person_id)


def case_page_ids(events: pd.DataFrame, as_of) -> set[str]:
    """People who have a case page: those whose case reached a confirmation decision by ``as_of``.

    The same rule as the build's (``publish.build``: ``first_dates(...)["confirmation_decision"]``)."""
    from .analysis.stages import first_dates

    firsts = first_dates(events, as_of)
    return set(firsts.index[firsts["confirmation_decision"].notna()])


_CONTEXT: list = [None]


def use(ctx) -> None:
    """Remember the notebook's analysis context (``context.setup`` calls this), for person links."""
    _CONTEXT[0] = ctx


def _pages_known() -> set[str]:
    ctx = _CONTEXT[0]
    if ctx is None:
        raise RuntimeError("nb.table(person_links=...) needs the analysis context: call context.setup() first")
    return case_page_ids(ctx.ds.events, ctx.as_of)


def table(
    frame: pd.DataFrame,
    name: str,
    caption: str,
    labels: dict[str, str] | None = None,
    max_rows: int | None = None,
    source_links: tuple[str, ...] = (),
    full: pd.DataFrame | None = None,
    person_links: str | None = None,
    abbreviations: dict[str, str] | None = None,
    transpose: bool | str = False,
    key: int = 1,
    precision: dict[str, str] | None = None,
    hide: tuple[str, ...] = (),
    drop_empty: bool = True,
) -> None:
    """Show a table with human column labels and a caption; save the full table as CSV.

    - ``labels`` renames columns (data name -> label shown and written to the CSV).
    - ``source_links``: columns (data name or label) of source ids; they link to the page's source
      list (``#src-<id>``). Every other cell is HTML-escaped.
    - ``full``, if given, is what the CSV holds when the table shown summarises it (see
      :func:`collapse_rows`).
    - Dates: a column ``X`` with a sibling ``X_precision`` (or ``precision={"X": "X_prec"}``, or a
      constant ``precision={"X": "year"}``) is shown at that precision ("7 Oct 2014", "Oct 2014",
      "2014"); a numeric column with a precision sibling (a duration) is shown "≈ 3.2" where the
      precision is not ``day``, with a note. The precision columns are not shown; the CSV keeps
      the ISO date and its precision. See :mod:`justicegap.dates`.
    - ``person_links``: a column (data name or label) of names that link to each person's case
      page, for the people who have one; the frame needs a ``person_id`` column (not shown; kept in
      the CSV).
    - ``abbreviations``: label -> short header; the short form is shown (with the full one as its
      tooltip) and a legend under the table spells each out.
    - ``transpose``: show rows as columns (the first column's values become the headers); a string
      names the new first column. The CSV keeps the frame's own layout.
    - ``key``: how many leading columns every part repeats when the table is too wide to show at
      once and is split into parts. ``hide``: more columns not shown (still in the CSV).
    - ``drop_empty``: columns with no value in any row shown are left out (the caption names
      them; the CSV keeps them).
    """
    from . import dates

    labels = dict(labels or {})
    frame = frame.copy()
    frame.columns.name = None
    full = None if full is None else full.copy()
    label = lambda c: labels.get(c, c)  # noqa: E731
    by_label = {label(c): c for c in frame.columns}
    resolve = lambda c: c if c in frame.columns else by_label.get(c, c)  # noqa: E731

    # precision siblings: column -> precision column (constants become columns)
    prec: dict[str, str] = {}
    for col in frame.columns:
        if dates.precision_column(col) in frame.columns:
            prec[col] = dates.precision_column(col)
    for col, spec in (precision or {}).items():
        col = resolve(col)
        if spec in dates.PRECISIONS:
            frame[dates.precision_column(col)] = spec
            if full is not None:
                full[dates.precision_column(col)] = spec
            spec = dates.precision_column(col)
        prec[col] = spec
    for col, pcol in prec.items():
        labels.setdefault(pcol, f"{label(col)} precision")
    hidden = set(prec.values()) | {resolve(c) for c in hide}
    link_col = resolve(person_links) if person_links else None
    if link_col is not None:
        if "person_id" not in frame.columns:
            raise ValueError(f"table {name}: person_links needs a person_id column in the frame")
        if link_col != "person_id":
            hidden.add("person_id")
    sources = {resolve(c) for c in source_links}

    out = _out() / "tables"
    out.mkdir(parents=True, exist_ok=True)
    csv = frame if full is None else full
    order = [c for c in csv.columns if c not in prec.values()]
    for col, pcol in prec.items():  # each precision column right after its date
        if col in order and pcol in csv.columns:
            order.insert(order.index(col) + 1, pcol)
    order += [c for c in csv.columns if c not in order]
    csv = csv[order].rename(columns=labels)
    csv.to_csv(out / f"{name}.csv", index=False, date_format="%Y-%m-%d", lineterminator="\n")

    view = frame if max_rows is None else frame.head(max_rows)
    pages = _pages_known() if link_col is not None else set()
    columns, approx, empty = [], False, []
    for col in view.columns:
        if col in hidden:
            continue
        if drop_empty and len(view) and not view[col].map(_present).any():
            empty.append(label(col))
            continue
        values = view[col]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        if col in prec:
            p = view[prec[col]]
            if numeric:
                fmt = _number_format(values)
                texts = [fmt(v) for v in values]
                flags = [bool(t) and dates.is_approximate(q) for t, q in zip(texts, p)]
                approx |= any(flags)
                cells = [(f"{dates.APPROX}\u00a0{t}" if f else t) for t, f in zip(texts, flags)]
                columns.append(_Column(label(col), [_plain(c) for c in cells], numeric=True))
            else:
                cells = [dates.format_date(v, q) for v, q in zip(values, p)]
                columns.append(_Column(label(col), [_plain(c) for c in cells]))
        elif col == link_col:
            ids = view["person_id"].tolist()
            cells = [
                _Cell(str(v), href=case_page(pid) if pid in pages else None) if _present(v) else _Cell("")
                for v, pid in zip(values, ids)
            ]
            columns.append(_Column(label(col), cells))
        elif col in sources:
            cells = [_Cell(str(v), href=f"#src-{v}") if _present(v) else _Cell("") for v in values]
            columns.append(_Column(label(col), cells))
        else:
            fmt = _cell_format(values)
            columns.append(_Column(label(col), [_plain(fmt(v)) for v in values], numeric=numeric))
    if transpose:
        columns = _transposed(columns, transpose if isinstance(transpose, str) else "")
        key = 1
    short, used = dict(abbreviations or {}), []
    for c in columns:
        if c.header in short:
            used.append((short[c.header], c.header))
            c.title, c.header = c.header, short[c.header]
    parts = _split(columns, key)
    body = "".join(_table_html(part, stub=bool(transpose)) for part in parts)
    notes = []
    if max_rows and len(frame) > max_rows:
        notes.append(f"Showing {max_rows} of {len(frame)} rows.")
    if empty:
        notes.append(f"Not shown, empty in every row: {', '.join(empty)}.")
    if len(parts) > 1:
        notes.append(
            f"Shown in {len(parts)} parts to fit the page, each repeating the first "
            f"{'column' if key == 1 else f'{key} columns'}."
        )
    if used:
        notes.append("Abbreviations: " + "; ".join(f"{s} = {f}" for s, f in used) + ".")
    if approx:
        notes.append(dates.APPROX_NOTE)
    cap = (
        f'<p class="jg-caption">{html.escape(caption)}'
        + "".join(f" {html.escape(n)}" for n in notes)
        + f' Full table: <a href="tables/{html.escape(name)}.csv">{html.escape(name)}.csv</a>.</p>'
    )
    from IPython.display import HTML

    _display(HTML(f'<div class="jg-table-block">{body}{cap}</div>'))


class _Cell:
    __slots__ = ("text", "href")

    def __init__(self, text: str, href: str | None = None):
        self.text, self.href = text, href

    def tokens(self) -> list[str]:
        """The pieces the cell's text cannot break inside (words; long identifiers in parts)."""
        return [t for t in re.split(r"[ \t\r\n\x00]+", _breakable(self.text)) if t]

    def html(self) -> str:
        inner = html.escape(_breakable(self.text), quote=False).replace(_BREAK, "<wbr>")
        if re.fullmatch(r"[^\s]*[-/][^\s]*", self.text) and len(self.text) <= _LONG_TOKEN:
            inner = f'<span class="jg-nw">{inner}</span>'  # a short identifier (a case number) stays whole
        if self.href:
            return f'<a href="{html.escape(self.href)}">{inner}</a>'
        return inner


def _plain(text: str) -> _Cell:
    return _Cell(text)


class _Column:
    def __init__(self, header: str, cells: list[_Cell], numeric: bool = False, title: str | None = None):
        self.header, self.cells, self.numeric, self.title = str(header), cells, numeric, title

    def min_em(self) -> float:
        """Narrowest width the column can take without breaking a word, in em."""
        words = [w for w in re.split(r"\s+", self.header) if w]
        head = max((text_em(w, bold=True) for w in words), default=0.0)
        body = max((text_em(t) for c in self.cells for t in c.tokens()), default=0.0)
        return max(head, body, 1.0) + CELL_PAD_EM

    def want_em(self) -> float:
        """Width the column would like (its typical cell on one line; prose capped), in em."""
        lengths = sorted(text_em(c.text) for c in self.cells) or [0.0]
        typical = lengths[int(0.75 * (len(lengths) - 1))]
        return max(min(typical, 36.0), self.min_em() - CELL_PAD_EM) + CELL_PAD_EM


def _transposed(columns: list[_Column], corner: str) -> list[_Column]:
    first, rest = columns[0], columns[1:]
    out = [_Column(corner or first.header, [_Cell(c.header) for c in rest])]
    for i, head in enumerate(first.cells):
        out.append(_Column(head.text, [c.cells[i] for c in rest], numeric=all(c.numeric for c in rest)))
    return out


def _split(columns: list[_Column], key: int = 1) -> list[list[_Column]]:
    """Columns in parts that each fit :data:`TABLE_EM`, every part starting with the ``key`` columns."""
    if sum(c.min_em() for c in columns) <= TABLE_EM or len(columns) <= key + 1:
        return [columns]
    head, rest = columns[:key], columns[key:]
    base = sum(c.min_em() for c in head)
    parts, current, width = [], [], base
    for col in rest:
        if current and width + col.min_em() > TABLE_EM:
            parts.append(head + current)
            current, width = [], base
        current.append(col)
        width += col.min_em()
    parts.append(head + current)
    # balance: the last part should not be a lone column when the parts could share more evenly
    n = len(parts)
    per = -(-len(rest) // n)
    balanced = [head + rest[i : i + per] for i in range(0, len(rest), per)]
    if len(balanced) == n and all(sum(c.min_em() for c in p) <= TABLE_EM for p in balanced):
        return balanced
    return parts


def _table_html(columns: list[_Column], stub: bool = False) -> str:
    widths = column_widths(columns)
    cols = "".join(f'<col data-print-width="{w}">' for w in widths)
    head = "".join(
        ('<th scope="col" class="num">' if c.numeric else '<th scope="col">')
        + (f'<abbr title="{html.escape(c.title)}">{html.escape(c.header)}</abbr>' if c.title else html.escape(c.header))
        + "</th>"
        for c in columns
    )
    rows = []
    for i in range(len(columns[0].cells) if columns else 0):
        cells = []
        for j, c in enumerate(columns):
            tag = "th" if (stub and j == 0) else "td"
            attrs = ' scope="row"' if tag == "th" else ""
            attrs += ' class="num"' if c.numeric else ""
            cells.append(f"<{tag}{attrs}>{c.cells[i].html()}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="jg-table"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def column_widths(columns) -> list[int]:
    """Percentage width of each column for the PDF (whole numbers summing to 100).

    The PDF lays tables out with fixed column widths (measuring every cell, the automatic layout,
    is slow in WeasyPrint for long notes). ``columns`` is a list of the table's columns (or a
    DataFrame). Each column first gets its minimum (its longest header word and its longest
    unbreakable cell token, so no word is broken); what is left of :data:`TABLE_EM` goes to the
    columns that want more (their typical cell on one line, prose capped at 36 em), in proportion
    to how much more they want."""
    if isinstance(columns, pd.DataFrame):
        frame = columns
        columns = []
        for c in frame.columns:
            fmt = _cell_format(frame[c])
            columns.append(_Column(str(c), [_plain(fmt(v)) for v in frame[c]]))
    if not columns:
        return []
    minimum = [c.min_em() for c in columns]
    desired = [max(c.want_em(), m) for c, m in zip(columns, minimum)]
    room = max(TABLE_EM, sum(minimum)) - sum(minimum)
    excess = [d - m for d, m in zip(desired, minimum)]
    scale = min(1.0, room / sum(excess)) if room > 0 and sum(excess) else 0.0
    widths = [m + e * scale for m, e in zip(minimum, excess)]
    total = sum(widths)
    # whole percentages, never below a column's minimum (rounded up: rounding down could take
    # the last letters' room and break a word)
    exact = [100 * m / max(TABLE_EM, sum(minimum)) for m in minimum]
    floor = [math.ceil(e) for e in exact]
    shares = [max(1, int(100 * w // total), f) for w, f in zip(widths, floor)]
    over = sum(shares) - 100
    if over <= 0:
        shares[widths.index(max(widths))] -= over  # the rounding remainder to the widest
    # Over 100 (the minimums rounded up took more than there is): a point at a time from the
    # column with the most room above its exact minimum, so that first the columns above their
    # minimum give way, then those whose rounding up gave them the most (each short of its
    # minimum by under a point, which the cell padding absorbs). Not, as before, all of it from
    # the widest column: Ongwen's "Confirmation" header lost 2.6 points and ran into "Trial".
    for _ in range(max(over, 0)):
        i = max(range(len(shares)), key=lambda i: (shares[i] - exact[i], -i))
        shares[i] -= 1
    return shares


@functools.lru_cache(maxsize=8192)
def text_em(text: str, bold: bool = False) -> float:
    """Width of ``text`` on one line in the report font (DejaVu Sans), in em: the sum of its
    glyphs' advances (what a browser and WeasyPrint lay out, within a few hundredths)."""
    return sum(_advance(ch, bold) for ch in text)


@functools.lru_cache(maxsize=4096)
def _advance(ch: str, bold: bool) -> float:
    from matplotlib import ft2font

    font = _font(bold)
    try:
        glyph = font.load_char(ord(ch), flags=ft2font.LoadFlags.NO_HINTING)
    except (RuntimeError, ValueError):
        return 0.6
    return glyph.linearHoriAdvance / 65536 / 10


@functools.lru_cache(maxsize=2)
def _font(bold: bool):
    from matplotlib import font_manager, ft2font

    path = font_manager.findfont(
        font_manager.FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal"), fallback_to_default=True
    )
    font = ft2font.FT2Font(path)
    font.set_size(10, 72)  # 10 px per em
    return font


def _breakable(text: str) -> str:
    """Long identifiers (source ids, field lists) may break after their separators."""
    return re.sub(
        rf"\S{{{_LONG_TOKEN + 1},}}",
        lambda m: re.sub(r"([-_/;,.:])(?=\S)", r"\1" + _BREAK, m.group(0)),
        text.replace(_BREAK, ""),
    )


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


def plain_labels(labels: pd.Series, names: pd.Series, units: pd.Series | None = None) -> pd.Series:
    """Labels for a reader: ``labels`` where filled, else the field name in words
    ("accused_convicted" -> "Accused convicted"), with the unit in brackets where there is one."""
    words = names.fillna("").astype(str).str.replace("_", " ").str.strip()
    words = words.str[:1].str.upper() + words.str[1:]
    given = labels.fillna("").astype(str).str.strip()
    out = given.where(given != "", words)
    if units is not None:
        unit = units.fillna("").astype(str).str.strip()
        out = out.where(unit == "", out + " (" + unit + ")")
    return out


def _present(value) -> bool:
    return not (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and pd.isna(value))
        or value == ""
    )


def _number_format(column: pd.Series):
    """How a numeric column's values are shown: integers with thousands separators; a column of
    whole numbers held as floats (e.g. 161.0) as integers; other floats with one decimal."""
    whole = pd.to_numeric(pd.Series(column), errors="coerce").dropna()
    integral = whole.empty or bool((whole % 1 == 0).all())

    def fmt(value) -> str:
        if not _present(value):
            return ""
        if isinstance(value, (bool, np.bool_)):
            return "yes" if value else "no"
        if isinstance(value, (int, np.integer)) or (integral and float(value).is_integer()):
            return f"{int(value):,}"
        return f"{float(value):,.1f}"

    return fmt


def _cell_format(column: pd.Series):
    """How a column's values are shown (not yet escaped): dates at day precision (a date of the
    data at a coarser precision needs its ``_precision`` column), yes/no, numbers as
    :func:`_number_format`, everything else as text."""
    from . import dates

    number = _number_format(column) if pd.api.types.is_numeric_dtype(column) else None

    def fmt(value) -> str:
        if not _present(value):
            return ""
        if isinstance(value, (pd.Timestamp, dt.date)):
            return dates.format_date(value, "day")
        if isinstance(value, (bool, np.bool_)):
            return "yes" if value else "no"
        if isinstance(value, (int, float, np.integer, np.floating)):
            return (number or _number_format(pd.Series([value])))(value)
        return str(value)

    return fmt


def _cell(value) -> str:
    return _cell_format(pd.Series([value]))(value)


def figure(fig, name: str, alt: str | None = None) -> None:
    """Save a figure as PNG beside the report and show exactly those bytes in the notebook.

    The figure must fit its canvas (:func:`figures.style.check_fits`: a title, legend or label
    that leaves it stops the notebook, and the build, with the figure's name). Its alt text is the
    figure's own title and caption (set by :func:`figures.style.finish`), after ``alt`` if given
    (say what kind of chart it is, e.g. "Stacked bars of charge outcomes by situation")."""
    import matplotlib.pyplot as plt
    from IPython.display import Image

    from .figures import cache

    drawn = isinstance(fig, cache.Drawn)  # from the figure cache: the bytes this would save
    described = fig.described if drawn else style.describe(fig)
    text = ": ".join(p.rstrip(".") for p in (alt, described) if p and p.strip())
    if not text.strip():
        raise ValueError(f"figure {name}: no title, caption or alt text to describe it (use style.finish)")
    path = _out() / "figures" / f"{name}.png"
    if drawn:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fig.png)
    else:
        style.save(fig, path, name=name)
        plt.close(fig)
        cache.store(fig, path.read_bytes(), described)
    _display(Image(data=path.read_bytes(), format="png", alt=text + "."))


def reset() -> None:
    """Forget recorded metrics and findings (tests)."""
    _METRICS.clear()
    _FINDINGS.clear()
    _HEADLINE.clear()
