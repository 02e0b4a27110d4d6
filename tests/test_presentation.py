"""How the report shows things: tables that fit, dates at their precision, links, figures that fit,
the PDF's tables. Small hand-made inputs with hand-computed expectations."""

import re
import types

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from justicegap import dates  # noqa: E402
from justicegap import notebook as nb  # noqa: E402
from justicegap.figures import charts, style  # noqa: E402

NBSP = "\u00a0"


@pytest.fixture
def shown(monkeypatch, tmp_path):
    """What nb.* displays, as HTML strings (and the output folder for the CSVs)."""
    monkeypatch.setenv("JUSTICEGAP_OUT_DIR", str(tmp_path))
    out = []
    monkeypatch.setattr(nb, "_display", lambda obj: out.append(obj))
    monkeypatch.setattr(nb, "_CONTEXT", [None])
    return types.SimpleNamespace(items=out, dir=tmp_path, html=lambda: out[-1].data)


def events(*rows):
    return pd.DataFrame(
        [{"person_id": p, "event": e, "date": pd.Timestamp(d), "date_precision": q} for p, e, d, q in rows]
    )


# --- dates ---------------------------------------------------------------------------------


def test_format_date_at_each_precision():
    assert dates.format_date(pd.Timestamp("2014-10-07"), "day") == f"7{NBSP}Oct{NBSP}2014"
    assert dates.format_date(pd.Timestamp("2014-10-01"), "month") == f"Oct{NBSP}2014"
    assert dates.format_date("2023-01-01", "year") == "2023"
    assert dates.format_date(pd.NaT, "month") == "" and dates.format_date(None) == ""
    with pytest.raises(ValueError, match="unknown date precision"):
        dates.format_date("2023-01-01", "week")


def test_coarsest_on_scalars_and_series():
    assert dates.coarsest("day", "month") == "month"
    assert dates.coarsest("year", "month", "day") == "year"
    assert dates.coarsest("day", None) == "day"
    a = pd.Series(["day", "month", "day"])
    b = pd.Series(["day", "day", "year"])
    assert dates.coarsest(a, b).tolist() == ["day", "month", "year"]
    assert dates.coarsest(a, "day").tolist() == ["day", "month", "day"]


def test_years_of_a_duration_in_days():
    assert dates.years(1084) == 3.0  # 1084 / 365.25 = 2.968
    assert dates.years(1084, 2) == 2.97
    assert dates.years(92, 2) == 0.25  # 0.2519
    assert dates.years(730.5) == 2.0
    assert dates.years(None) is None
    assert dates.years(float("nan")) is None
    assert dates.years(pd.NaT) is None


def test_attach_precision_looks_up_the_event_the_date_came_from():
    ev = events(
        ("p1", "arrest_warrant", "2014-10-01", "month"),
        ("p1", "in_custody", "2015-03-02", "day"),
        ("p2", "arrest_warrant", "2023-01-01", "year"),
        ("p2", "death", "2023-01-01", "month"),  # same day, another precision: the coarsest wins
        ("p3", "summons", "2011-03-08", "day"),
    )
    frame = pd.DataFrame(
        {
            "person_id": ["p1", "p2", "p3", "p1"],
            "start": pd.to_datetime(["2014-10-01", "2023-01-01", "2011-03-08", "2015-03-02"]),
            "end": pd.to_datetime(["2015-03-02", "2025-12-31", None, "2025-12-31"]),  # as_of: exact
        }
    )
    out = dates.attach_precision(frame, ev, ["start", "end"])
    assert out["start_precision"].tolist() == ["month", "year", "day", "day"]
    assert out["end_precision"].tolist() == ["day", "day", "day", "day"]
    only_warrants = dates.attach_precision(frame, ev, "start", event_types=("death",))
    assert only_warrants["start_precision"].tolist() == ["day", "month", "day", "day"]
    spans = dates.interval_precision(frame.assign(days=[152, 1095, 0, 3957]), ev, durations=("days", "years"))
    assert spans["days_precision"].tolist() == ["month", "year", "day", "day"]
    assert spans["years_precision"].tolist() == spans["days_precision"].tolist()
    assert list(dates.select(spans, ["person_id", "start", "days"]).columns) == [
        "person_id",
        "start",
        "days",
        "start_precision",
        "days_precision",
    ]


# --- tables --------------------------------------------------------------------------------


def cells(html_text, tag="td"):
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html_text)]


def test_table_shows_dates_at_their_precision_and_flags_approximate_durations(shown):
    frame = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "start": pd.to_datetime(["2014-10-01", "2023-01-01", "2019-09-30"]),
            "start_precision": ["month", "year", "day"],
            "years": [11.2, 3.0, 6.3],
            "years_precision": ["month", "year", "day"],
        }
    )
    nb.table(frame, "t", "Caption.", labels={"start": "From", "years": "Years"})
    html_text = shown.html()
    assert cells(html_text, "th") == ["name", "From", "Years"]  # the precision columns are not shown
    assert cells(html_text) == [
        "A",
        f"Oct{NBSP}2014",
        f"≈{NBSP}11.2",
        "B",
        "2023",
        f"≈{NBSP}3.0",
        "C",
        f"30{NBSP}Sep{NBSP}2019",
        "6.3",
    ]
    assert "2014-10-01" not in html_text and "2023-01-01" not in html_text
    assert dates.APPROX_NOTE in html_text
    # the CSV keeps the ISO dates and their precision
    assert (shown.dir / "tables" / "t.csv").read_text().splitlines() == [
        "name,From,From precision,Years,Years precision",
        "A,2014-10-01,month,11.2,month",
        "B,2023-01-01,year,3.0,year",
        "C,2019-09-30,day,6.3,day",
    ]


def test_table_precision_argument_and_iso_strings(shown):
    frame = pd.DataFrame({"date": ["2014-10-01", "2016-03-21"], "p": ["month", "day"], "y": ["2020-01-01", ""]})
    nb.table(frame, "t", "C.", precision={"date": "p", "y": "year"})
    assert cells(shown.html()) == [f"Oct{NBSP}2014", "2020", f"21{NBSP}Mar{NBSP}2016", ""]


def test_numbers_booleans_and_whole_floats(shown):
    frame = pd.DataFrame({"whole": [161.0, 3.0], "part": [2.5, 3.0], "count": [12000, 7], "flag": [True, False]})
    nb.table(frame, "t", "C.")
    assert cells(shown.html()) == ["161", "2.5", "12,000", "yes", "3", "3.0", "7", "no"]
    assert nb.plain_labels(
        pd.Series(["", "Accused convicted"]),
        pd.Series(["total_trial_days", "accused_convicted"]),
        pd.Series(["days", ""]),
    ).tolist() == ["Total trial days (days)", "Accused convicted"]


def test_person_links_only_to_people_with_a_case_page(shown):
    ev = events(
        ("par", "arrest_warrant", "2018-03-27", "day"),
        ("par", "confirmation_decision", "2019-09-30", "day"),
        ("fug", "arrest_warrant", "2009-03-04", "day"),
        ("late", "confirmation_decision", "2026-05-01", "day"),  # after as_of: no page yet
    )
    nb.use(types.SimpleNamespace(ds=types.SimpleNamespace(events=ev), as_of=pd.Timestamp("2025-12-31")))
    frame = pd.DataFrame({"person_id": ["par", "fug", "late"], "name": ["Papa", "Foxtrot", "Late"], "n": [1, 2, 3]})
    nb.table(frame, "t", "C.", labels={"name": "Person"}, person_links="Person")
    html_text = shown.html()
    assert cells(html_text, "th") == ["Person", "n"]  # person_id is not shown
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', html_text.split("<p")[0]) == [
        ("04__case_profile__person_id_par.html", "Papa")
    ]
    assert "Foxtrot" in html_text and "Late" in html_text
    assert (shown.dir / "tables" / "t.csv").read_text().splitlines()[0] == "person_id,Person,n"


def test_person_links_need_the_context_and_a_person_id(shown):
    with pytest.raises(RuntimeError, match="context"):
        nb.table(pd.DataFrame({"person_id": ["a"], "name": ["A"]}), "t", "C.", person_links="name")
    nb.use(types.SimpleNamespace(ds=types.SimpleNamespace(events=events()), as_of=pd.Timestamp("2025-12-31")))
    with pytest.raises(ValueError, match="person_id"):
        nb.table(pd.DataFrame({"name": ["A"]}), "t", "C.", person_links="name")


def test_a_crosstab_has_no_empty_corner_column(shown):
    long = pd.DataFrame({"situation": ["Mali", "Mali", "Kenya"], "status": ["at large", "on trial", "at large"]})
    crosstab = long.pivot_table(index="situation", columns="status", aggfunc="size", fill_value=0).reset_index()
    assert crosstab.columns.name == "status"
    nb.table(crosstab, "t", "C.")
    assert cells(shown.html(), "th") == ["situation", "at large", "on trial"]
    assert cells(shown.html()) == ["Kenya", "1", "0", "Mali", "1", "1"]


def test_a_wide_table_is_split_into_parts_that_fit_each_repeating_the_key_column(shown):
    headers = [f"Outcome{i} (cumulative) {'x' * 3}" for i in range(12)]
    frame = pd.DataFrame(
        {"Situation": ["Central African Republic", "Mali"], **{h: [i, 2 * i] for i, h in enumerate(headers)}}
    )
    nb.table(frame, "wide", "C.")
    html_text = shown.html()
    tables = re.findall(r"<table.*?</table>", html_text, re.S)
    assert len(tables) >= 2
    seen = []
    for t in tables:
        heads = cells(t, "th")
        assert heads[0] == "Situation"
        seen += heads[1:]
        widths = [nb._Column(h, [nb._Cell(c) for c in cells_of(t, k)]).min_em() for k, h in enumerate(heads)]
        assert sum(widths) <= nb.TABLE_EM, heads
    assert seen == headers  # every column once, in order
    assert f"Shown in {len(tables)} parts" in html_text
    # the CSV is the whole table
    assert (shown.dir / "tables" / "wide.csv").read_text().splitlines()[0].count(",") == 12


def cells_of(table_html, k):
    rows = re.findall(r"<tr>(.*?)</tr>", table_html.split("<tbody>")[1])
    return [cells(r)[k] for r in rows]


def test_a_table_that_fits_is_not_split(shown):
    nb.table(pd.DataFrame({"a": [1], "b": [2], "c": ["word " * 30]}), "t", "C.")
    assert shown.html().count("<table") == 1 and "parts" not in shown.html()


def test_transpose_and_abbreviations(shown):
    frame = pd.DataFrame(
        {
            "Qualification": ["Crime against humanity", "War crime"],
            "Not confirmed": [18, 17],
            "Conviction final": [11, 25],
        }
    )
    nb.table(frame, "t", "C.", transpose="Where it ended", abbreviations={"Crime against humanity": "CAH"})
    html_text = shown.html()
    assert cells(html_text, "th") == ["Where it ended", "CAH", "War crime", "Not confirmed", "Conviction final"]
    assert cells(html_text) == ["18", "17", "11", "25"]
    assert '<abbr title="Crime against humanity">CAH</abbr>' in html_text
    assert "Abbreviations: CAH = Crime against humanity." in html_text
    assert (shown.dir / "tables" / "t.csv").read_text().splitlines()[
        0
    ] == "Qualification,Not confirmed,Conviction final"


def test_long_identifiers_may_break_after_separators_but_words_do_not(shown):
    frame = pd.DataFrame({"source_id": ["icc-pr-2021-07-09-abd-al-rahman-confirmation"], "note": ["Confirmation"]})
    nb.table(frame, "t", "C.", source_links=("source_id",))
    html_text = shown.html()
    assert '<a href="#src-icc-pr-2021-07-09-abd-al-rahman-confirmation">icc-<wbr>pr-<wbr>2021-' in html_text
    assert "<td>Confirmation</td>" in html_text


def test_column_widths_never_narrower_than_the_longest_header_word():
    frame = pd.DataFrame({"No.": ["1"], "Qualification": ["CAH"], "Note": ["word " * 40]})
    widths = nb.column_widths(frame)
    assert sum(widths) == 100 and len(widths) == 3
    for share, col in zip(widths, frame.columns):
        need = nb.text_em(max(col.split(), key=len), bold=True)
        assert share / 100 * nb.TABLE_EM >= need, col
    # the prose column takes what is left
    assert widths[2] == max(widths)


# --- figures -------------------------------------------------------------------------------


def test_a_legend_that_leaves_the_canvas_is_an_error_naming_the_figure(tmp_path):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2], [1, 2], label="an entry long enough to pass the right edge")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    with pytest.raises(style.FigureDoesNotFit, match=r"figure outcomes_by_x: its legend .* right"):
        style.save(fig, tmp_path / "x.png", name="outcomes_by_x")
    assert not (tmp_path / "x.png").exists()
    plt.close(fig)


def test_a_title_that_leaves_the_canvas_is_an_error(tmp_path):
    fig, ax = plt.subplots(figsize=(4, 3))
    fig.suptitle("A title placed above the top edge", y=1.15)
    with pytest.raises(style.FigureDoesNotFit, match=r"figure t: its title 'A title placed.*top"):
        style.save(fig, tmp_path / "t.png")
    plt.close(fig)


def test_outcome_bars_with_every_outcome_fit_and_describe_themselves(tmp_path):
    from justicegap.analysis.stages import OUTCOMES

    few = pd.DataFrame({"q": ["A", "B"], **{k: [1 + i, 2] for i, k in enumerate(OUTCOMES)}})
    fig = charts.outcome_bars(few, "q", "Two groups, twelve outcomes", "n = 40 charges · as of 2025-12-31", "charges")
    style.save(fig, tmp_path / "few.png")  # does not raise: the legend's 12 entries are inside
    assert fig.get_figheight() >= 0.2 * len(OUTCOMES)
    assert style.describe(fig) == "Two groups, twelve outcomes. n = 40 charges · as of 2025-12-31."
    plt.close(fig)


def test_a_saved_figure_is_the_png_savefig_writes_drawn_once(tmp_path, monkeypatch):
    """style.save checks the figure on the drawing it saves (at savefig.dpi, not the screen's),
    and its bytes are those of ``fig.savefig`` with the same metadata."""
    events = pd.DataFrame(
        {
            "event": ["arrest_warrant", "surrender", "trial_opening"],
            "date": pd.to_datetime(["2018-03-27", "2018-03-31", "2020-07-14"]),
            "date_precision": ["day", "month", "day"],
        }
    )
    fig = charts.timeline(events, "2024-06-26", "Three steps", "n = 3 events · as of 2024-06-26", {})
    draws = []
    real_draw = type(fig.canvas).draw
    monkeypatch.setattr(type(fig.canvas), "draw", lambda canvas: (draws.append(canvas.figure.dpi), real_draw(canvas)))
    style.save(fig, tmp_path / "once.png")
    assert draws == [plt.rcParams["savefig.dpi"]] and fig.dpi == plt.rcParams["figure.dpi"]
    monkeypatch.undo()
    fig.savefig(tmp_path / "savefig.png", format="png", metadata={"Software": None})
    assert (tmp_path / "once.png").read_bytes() == (tmp_path / "savefig.png").read_bytes()
    plt.close(fig)


def test_figure_alt_text_is_the_figures_title_and_caption(shown):
    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 4])
    style.finish(fig, "Most people are at large", "n = 7 person-case records · as of 2025-12-31")
    nb.figure(fig, "status", "Bar chart of people by status")
    image = shown.items[-1]
    assert image.alt == (
        "Bar chart of people by status: Most people are at large. n = 7 person-case records · as of 2025-12-31."
    )
    assert (shown.dir / "figures" / "status.png").exists()


def test_figure_without_any_description_is_refused(shown):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="figure bare: no title"):
        nb.figure(fig, "bare")
    plt.close(fig)


def test_rendered_image_carries_its_alt_text_not_the_placeholder(tmp_path):
    import base64

    import nbformat

    from justicegap.build.render import render_notebook

    png = base64.b64encode(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
        )
    ).decode()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": png, "text/plain": "img"},
            metadata={"image/png": {"alt": "Funnel: 9 of 15 <final>"}},
        )
    ]
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title"), cell])
    path = tmp_path / "n.ipynb"
    nbformat.write(book, path)
    page = render_notebook(path, "t", with_code=False)
    assert 'alt="Funnel: 9 of 15 &lt;final&gt;"' in page
    assert "No description has been provided" not in page


def test_fast_exporter_gives_the_page_nbconvert_would(tmp_path):
    """Our exporter skips nbconvert's closing BeautifulSoup pass and the template skips bleach on
    highlighted code. On a notebook with markdown, code with characters HTML must escape, a table
    and a text output, both editions equal stock nbconvert's page (up to the parser's
    re-serialisation), tabindex on every input and output area included."""
    import nbformat
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from justicegap import paths
    from justicegap.build.render import render_notebook

    code = nbformat.v4.new_code_cell('x = "<b>&amp;</b>"  # a < b & c\nprint(x)')
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="<b>&amp;</b>\n"),
        nbformat.v4.new_output("display_data", data={"text/html": "<table><tr><td>1 &lt; 2</td></tr></table>"}),
    ]
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title & <i>x</i>"), code])
    book.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    path = tmp_path / "n.ipynb"
    nbformat.write(book, path)
    for with_code in (False, True):
        stock = HTMLExporter(template_name="justicegap", extra_template_basedirs=[str(paths.TEMPLATES)])
        stock.exclude_input = not with_code
        stock.exclude_input_prompt = stock.exclude_output_prompt = True
        stock.embed_images = True
        nb = nbformat.read(path, as_version=4)
        nb.metadata["title"] = "t"
        expected, _ = stock.from_notebook_node(nb, resources={"metadata": {"name": "t"}})
        page = render_notebook(path, "t", with_code=with_code)
        assert str(BeautifulSoup(page, features="html.parser")) == expected
        # the markdown cell's input wrapper, the two outputs, and with code the code cell's input
        assert page.count('tabindex="0"') == expected.count('tabindex="0"') == (4 if with_code else 3)
        assert "&lt;b&gt;" in page  # the code and the stream are escaped without bleach


def test_one_exporter_per_edition_renders_every_page_and_a_reused_one_renders_the_same(tmp_path, monkeypatch):
    """Each edition's exporter is made once per process (render.preload makes both before the
    workers fork) and a reused exporter gives the bytes a fresh one gives."""
    import nbformat

    from justicegap.build import render

    books = []
    for i, lexer in enumerate(("ipython3", "python")):
        code = nbformat.v4.new_code_cell(f"x = {i}  # <{i}>")
        code.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"{i}\n")]
        book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# Page {i}"), code])
        book.metadata["language_info"] = {"name": "python", "pygments_lexer": lexer}
        books.append(tmp_path / f"n{i}.ipynb")
        nbformat.write(book, books[-1])
    monkeypatch.setattr(render, "_EXPORTERS", {})
    fresh = {}
    for path in books:
        for with_code in (False, True):
            render._EXPORTERS.clear()
            fresh[path, with_code] = render.render_notebook(path, "t", with_code)
    made = []
    real = render._exporter
    monkeypatch.setattr(render, "_exporter", lambda with_code: (made.append(with_code), real(with_code))[1])
    render._EXPORTERS.clear()
    render.preload()
    for path in books * 2:
        for with_code in (False, True):
            assert render.render_notebook(path, "t", with_code) == fresh[path, with_code]
    assert made == [False, True]


# --- PDF -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_long_table_rows_stay_whole_headers_repeat_and_no_anchor_glyph(shown, tmp_path):
    """A 120-row table whose rows are several lines tall is typeset over several pages: every
    row's first and last line are on the same page, every page of it starts with the header
    row, no header word is broken, and the heading's anchor "¶" is not printed."""
    from pypdf import PdfReader

    from justicegap.build.render import _render_pdf, part_document, write_pdf

    n = 120
    frame = pd.DataFrame(
        {
            "Row": [f"R{i:03d}" for i in range(n)],
            "Qualification": ["Crime against humanity"] * n,
            "Note": [
                f"first{i:03d} " + "several words of a note " * (3 + (i * 7) % 40) + f"last{i:03d}" for i in range(n)
            ],
        }
    )
    nb.table(frame, "long", "A long table.")
    page = f'<main><h2 id="Charges">Charges<a class="anchor-link" href="#Charges">¶</a></h2>{shown.html()}</main>'
    out = tmp_path / "long.pdf"
    part = _render_pdf(part_document("p", "Long table", page), tmp_path / "part.pdf")
    write_pdf([("Long table", part)], "", "Report", "v1", out, work_dir=tmp_path / "work")
    texts = [p.extract_text() for p in PdfReader(out).pages]
    body = [t for t in texts if "first" in t]
    assert len(body) >= 3  # the table spans pages
    seen = []
    for text in body:
        firsts = set(re.findall(r"first(\d{3})", text))
        lasts = set(re.findall(r"last(\d{3})", text))
        assert firsts == lasts, f"a row split across a page break: {sorted(firsts ^ lasts)}"
        assert re.search(r"Row\s+Qualification\s+Note", text), "header row not repeated"
        seen += sorted(firsts)
    assert seen == [f"{i:03d}" for i in range(n)]
    assert all("¶" not in t for t in texts)


@pytest.mark.slow
def test_joined_pdf_numbers_every_page_keeps_links_and_is_the_same_bytes_every_time(tmp_path):
    """Three parts (one of them two pages long, whose pages share one resources dictionary) are
    joined: every page carries exactly one "Page i of n" and the title · version label, every
    in-page link still leads to its target, the bookmarks point at each part's first page, and
    the file is byte-identical whether its contents page and page numbers were typeset now or
    came from the cache, and whatever folder it was built in."""
    import hashlib

    import pikepdf
    from pypdf import PdfReader

    from justicegap.build.cache import ContentCache
    from justicegap.build.render import _render_pdf, part_document, write_pdf

    def part(anchor, title, pages):
        body = "".join(
            f'<h2 id="s{i}">Section {i}</h2><p><a href="#s{i}">back to section {i}</a></p>'
            + ("<p>filler</p>" * 60 if i < pages - 1 else "")
            for i in range(pages)
        )
        return _render_pdf(part_document(anchor, title, f"<main>{body}</main>"), tmp_path / f"{anchor}.pdf")

    parts = [("One", part("one", "One", 1)), ("Two", part("two", "Two", 2)), ("Three", part("three", "Three", 1))]
    digests = []
    for i, cached in enumerate((True, True, False)):  # typeset and stored, from the cache, no cache
        out = tmp_path / f"report{i}.pdf"
        cache = (ContentCache(tmp_path / "cache", ".pdf"), "base", "fonts") if cached else None
        write_pdf(parts, "<p>summary</p>", "Report", "v1", out, work_dir=tmp_path / f"work{i}", cache=cache)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert len(set(digests)) == 1
    texts = [p.extract_text() for p in PdfReader(out).pages]
    n = len(texts)
    sizes = [len(PdfReader(path).pages) for _, path in parts]
    assert sizes[1] >= 2  # the part whose pages share one resources dictionary
    front = n - sum(sizes)  # the cover and the contents
    assert front == 2 and texts[1].lstrip().startswith("Contents")
    for i, text in enumerate(texts, start=1):
        assert re.findall(r"Page \d+ of \d+", text) == [f"Page {i} of {n}"], i
        assert "Report · v1" in text
    pdf = pikepdf.open(out)
    names = set(pikepdf.NameTree(pdf.Root.Names.Dests).keys())
    links = [str(a.Dest) for page in pdf.pages for a in page.get("/Annots", []) if "/Dest" in a]
    assert len(links) == 4 and set(links) <= names and "two--s1" in names
    with pdf.open_outline() as outline:
        assert [(o.title, pdf.pages.index(o.destination[0])) for o in outline.root] == [
            ("Contents", 1),
            ("One", 2),
            ("Two", 3),
            ("Three", 3 + sizes[1]),
        ]
        # a part with two sections or more has a bookmark for each, on the page of its heading
        two = list(outline.root)[2]
        marks = [(c.title, pdf.pages.index(c.destination[0])) for c in two.children]
        assert [t for t, _ in marks] == ["Section 0", "Section 1"] and marks[0][1] == 3
        assert texts[marks[1][1]].lstrip().startswith("Section 1") or "\nSection 1" in texts[marks[1][1]]
        one, three = list(outline.root)[1], list(outline.root)[3]
        assert [c.title for c in one.children] == [c.title for c in three.children] == ["Section 0"]
        assert not list(list(outline.root)[0].children)  # the contents


def test_the_contents_page_links_to_each_part(tmp_path):
    import pikepdf

    from justicegap.build.render import _render_pdf, part_document, write_pdf

    parts = [
        (title, _render_pdf(part_document(a, title, f"<main><h1>{title}</h1></main>"), tmp_path / f"{a}.pdf"))
        for a, title in (("one", "One"), ("two", "Two"))
    ]
    out = tmp_path / "r.pdf"
    write_pdf(parts, "<p>s</p>", "R", "v", out, work_dir=tmp_path / "w", anchors=["one", "two"])
    pdf = pikepdf.open(out)
    contents = [str(a.Dest) for a in pdf.pages[1].get("/Annots", []) if "/Dest" in a]
    assert contents == ["one", "two"]
    dests = pikepdf.NameTree(pdf.Root.Names.Dests)
    assert [pdf.pages.index(dests[a][0]) for a in contents] == [2, 3]


def test_column_widths_give_headers_room_and_the_rest_to_long_text():
    from justicegap.notebook import column_widths, text_em

    # widths in em of the report font (DejaVu Sans advances): bold "No." 1.904, bold "Note" 2.68
    assert round(text_em("No.", bold=True), 3) == 1.904 and round(text_em("Note", bold=True), 3) == 2.68
    frame = pd.DataFrame({"No.": ["1", "2", "3", "4"], "Note": ["word " * 20] * 4})
    # No.: its header 1.904 + 1 of padding = 2.904, all it wants; Note: at least its header 2.68 + 1,
    # and it wants its text on one line, capped at 36 + 1. The 66 em hold both: 2.904 and 37 of
    # 39.904 are 7.3% and 92.7%, rounded down to 7 and 92, the 1 left over to the widest
    assert column_widths(frame) == [7, 93]
    # an identifier breaks after its hyphens: "Source" needs its longest piece ("identifier-",
    # 4.849 + 1) and wants 36 + 1; "n" the minimum 1 + 1: 2 and 37 of 39 are 5.1% and 94.9%
    ids = pd.DataFrame({"n": ["1"], "Source": ["a-very-long-source-identifier-2025-07-24-x" * 2]})
    assert column_widths(ids) == [5, 95]


def test_column_widths_round_a_column_up_to_its_minimum_never_down():
    from justicegap.notebook import TABLE_EM, _Column, _plain, column_widths, text_em

    frame = pd.DataFrame(
        {
            "No.": ["1"] * 4,
            "Count": ["1"] * 4,
            "Trial": ["convicted"] * 4,
            "Appeal": ["not appealed"] * 4,
            "Note": ["word " * 20] * 4,
            "Source": ["courtroommail-2024-06-26-al-hassan-verdict"] * 4,
        }
    )
    # "Trial" can be no narrower than "convicted" (4.857 em) + 1 of padding = 5.857 em and wants
    # no more; the six minimums (31.1 em) fit the 66 em, the wants (79.2) do not, so the columns
    # that want more share what is left and "Trial" keeps its 5.857 em: 8.87% of the table.
    # Rounded down that is 8% = 5.28 em, too narrow for the word ("convicte|d" in the PDF).
    assert round(text_em("convicted"), 3) == 4.857
    widths = column_widths(frame)
    assert widths[2] == 9 and sum(widths) == 100
    for share, c in zip(widths, frame.columns):
        col = _Column(c, [_plain(v) for v in frame[c]])
        assert share / 100 * TABLE_EM >= col.min_em(), c


def test_when_minimums_rounded_up_pass_100_no_column_gives_a_whole_point_of_its_minimum():
    from justicegap.notebook import TABLE_EM, _Column, _plain, column_widths

    # Ongwen's charge table: ten columns whose minimums (65.3 em) just fit the 66 em, so each
    # rounded up to a whole percentage sums to over 100. All the excess used to come off the
    # widest column, "Confirmation" (8.3 em: 12.6%), left at 10% (6.6 em): its header ran into
    # the next one in the PDF.
    cells = {
        "No.": "22-61", "Crime": "gender-based", "Qualification": "verified", "Article": "8(2)(e)(vii)",
        "Confirmation": "confirmed", "Trial": "convicted", "Appeal": "appealed", "Where it ended": "(cumulative",
        "Source": "trailblazing", "Charges": "40",
    }  # fmt: skip
    columns = [_Column(h, [_plain(v)]) for h, v in cells.items()]
    minimum = [c.min_em() for c in columns]
    assert 65 < sum(minimum) <= TABLE_EM
    assert sum(-(-100 * m // TABLE_EM) for m in minimum) > 100  # the ceilings overshoot
    widths = column_widths(columns)
    assert sum(widths) == 100
    for share, m, h in zip(widths, minimum, cells):
        assert share > 100 * m / TABLE_EM - 1, h  # short of its minimum by under a point, if at all
    assert widths[list(cells).index("Confirmation")] == 13


def _cells(*cells: str) -> str:
    """A page's main content as nbconvert's lab template writes it: one div per cell."""
    return (
        "<main>"
        + "".join(
            f'<div id="cell-id=c{i}" class="jp-Cell jp-MarkdownCell jp-Notebook-cell">{c}</div>'
            for i, c in enumerate(cells)
        )
        + "</main>"
    )


def test_a_chapter_is_cut_into_one_document_per_section_at_its_cells():
    from justicegap.build.render import part_documents

    page = _cells(
        "<h1>Chapter</h1><p>Opening.</p>",
        '<h2 id="a">A</h2><p>Alpha.</p>',
        "<table><tr><td>Alpha's table.</td></tr></table>",
        '<h2 id="b">B</h2><table><tr><td>Beta.</td></tr></table>',
        '<h2 id="c">C</h2><img alt="Gamma\'s chart" src="data:,"><p><a href="#c">Gamma</a></p>',
        '<h2 id="d">D</h2><p>Delta, prose only.</p>',
    )
    whole, pieces = part_documents("p", "P", page)
    assert len(pieces) == 3
    texts = [re.sub(r"<style>.*?</style>", "", d, flags=re.S) for d in pieces]
    # the opening goes with the first section, which carries the part's anchor
    assert "Opening." in texts[0] and "Alpha's table." in texts[0] and 'id="p"' in texts[0]
    assert "Beta." in texts[1] and "Alpha" not in texts[1] and "Gamma" not in texts[1]
    assert "Gamma" in texts[2] and 'href="#p--c"' in texts[2]
    # a section of prose only (no table, no figure) runs on after the one before it
    assert "Delta, prose only." in texts[2]
    assert all(t.count("<html") == 1 and t.count("jp-Cell ") == t.count("</div>") for t in texts)
    # the whole document (what the part's cache key covers) holds every cell, in order
    assert re.findall(r"<h[12][^>]*>(\w+)<", whole) == ["Chapter", "A", "B", "C", "D"]
    # one section, or a link from one section into another: typeset whole
    assert len(part_documents("p", "P", _cells("<h1>T</h1>", "<h2>A</h2><table></table>"))[1]) == 1
    crossing = page.replace("<p>Alpha.</p>", '<p><a href="#b">see B</a></p>')
    assert part_documents("p", "P", crossing)[1] == [part_documents("p", "P", crossing)[0]]


@pytest.mark.slow
def test_an_edit_retypesets_only_its_section_and_the_part_has_the_same_bytes(tmp_path, monkeypatch):
    """Three sections typeset on their own and joined; an edit to one section typesets that
    section only, and the joined part is byte for byte what a build from an empty cache makes."""
    import pikepdf
    from pypdf import PdfReader

    from justicegap.build import render
    from justicegap.build.cache import ContentCache, pdf_part_key

    typeset = []
    real = render._render_pdf
    monkeypatch.setattr(render, "_render_pdf", lambda doc, out: typeset.append(out) or real(doc, out))

    def page(beta: str) -> str:
        return _cells(
            "<h1>Chapter</h1>",
            "<h2>A</h2><table><tr><td>Alpha.</td></tr></table>",
            f"<h2>B</h2><table><tr><td>{beta}</td></tr></table>",
            '<h2 id="c">C</h2><table><tr><td id="t">Gamma.</td></tr></table><p><a href="#t">to Gamma</a></p>',
        )

    def key_of(doc):
        return pdf_part_key("base", doc, "fonts")

    def build(cache_dir, beta):
        typeset.clear()
        path, n = render.typeset_part(
            render.part_documents("p", "P", page(beta)), ContentCache(cache_dir, ".pdf"), key_of
        )
        assert n == len(typeset)
        return path

    first = build(tmp_path / "cache", "Beta.")
    assert len(typeset) == 3
    pdf = pikepdf.open(first)
    assert len(pdf.pages) == 3  # each section on its own page
    assert [str(a.Dest) for pg in pdf.pages for a in pg.get("/Annots", [])] == ["p--t"]
    target = pikepdf.NameTree(pdf.Root.Names.Dests)["p--t"]  # the link's target, on the third page
    target = target.D if isinstance(target, pikepdf.Dictionary) else target
    assert pdf.pages.index(target[0]) == 2
    assert build(tmp_path / "cache", "Beta.") == first and typeset == []  # the whole part is cached
    edited = build(tmp_path / "cache", "Beta, edited.")
    assert len(typeset) == 1 and "Beta, edited." in PdfReader(edited).pages[1].extract_text()
    fresh = build(tmp_path / "fresh", "Beta, edited.")
    assert len(typeset) == 3 and fresh.read_bytes() == edited.read_bytes()


def test_pdf_tables_are_laid_out_at_their_column_widths_inside_the_lab_wrappers():
    """The screen CSS sets ``table-layout: auto`` under ``.jp-RenderedHTMLCommon``; the PDF must
    still use the fixed widths nb.table computed (auto layout measures every cell, slowly, and
    picks other widths)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from justicegap.build.render import part_document

    # the first column's word is wider than its 10%: automatic layout would widen the column
    table = (
        '<table class="jg-table"><colgroup><col data-print-width="10"><col data-print-width="90">'
        "</colgroup><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr>"
        "<td>Unbreakablewordwiderthanitscolumn</td><td>short</td></tr></tbody></table>"
    )
    page = f'<main><div class="jp-RenderedHTMLCommon jp-OutputArea-output">{table}</div></main>'
    doc = HTML(string=part_document("t", "T", page)).render()

    def walk(box):
        yield box
        for child in getattr(box, "children", []) or []:
            yield from walk(child)

    cells = [b for b in walk(doc.pages[0]._page_box) if isinstance(b, boxes.TableCellBox)]
    widths = [c.border_width() for c in cells[:2]]
    assert widths[0] / sum(widths) == pytest.approx(0.1, abs=0.005)


def test_pdf_breaks_long_identifiers_where_nb_table_marks_them_and_nowhere_else():
    """A source identifier in a narrow column wraps at the marks nb.table put in it (after its
    hyphens), never inside a word: 'al-hassan-|appeals', not 'al-hassan-ap|peals'."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from justicegap.build.render import part_document

    words = ["miragenews-", "2024-", "12-", "17-", "al-", "hassan-", "appeals-", "dropped"]
    ends = {len("".join(words[: i + 1])) for i in range(len(words))}

    def walk(box):
        yield box
        for child in getattr(box, "children", []) or []:
            yield from walk(child)

    for width in (16, 30):  # a source link, as nb.table writes it, in a column this wide (%)
        table = (
            f'<table class="jg-table"><colgroup><col data-print-width="{width}">'
            f'<col data-print-width="{100 - width}"></colgroup><thead><tr><th>Source</th><th>B</th></tr>'
            f'</thead><tbody><tr><td><a href="#src-x">{"<wbr>".join(words)}</a></td><td>short</td></tr>'
            "</tbody></table>"
        )
        page = f'<main><div class="jp-RenderedHTMLCommon jp-OutputArea-output">{table}</div></main>'
        doc = HTML(string=part_document("t", "T", page)).render()
        cell = [b for b in walk(doc.pages[0]._page_box) if isinstance(b, boxes.TableCellBox)][2]
        lines = [
            "".join(t.text for t in walk(line) if isinstance(t, boxes.TextBox)).replace("\u200b", "")
            for line in walk(cell)
            if isinstance(line, boxes.LineBox)
        ]
        assert "".join(lines) == "".join(words) and len(lines) > 1  # it wraps, and loses nothing
        at = 0
        for line in lines:
            at += len(line)
            assert at in ends, f"{width}%: broke inside a word: {lines}"


def test_pdf_font_subsets_do_not_depend_on_the_machines_harfbuzz(tmp_path, monkeypatch):
    """WeasyPrint subsets fonts with the machine's libharfbuzz-subset when it finds one, else with
    fontTools; the build pins its own (uharfbuzz), so the bytes are the same either way."""
    from weasyprint.pdf import fonts as weasy_fonts

    from justicegap.build import fonts
    from justicegap.build.render import _render_pdf, part_document

    fonts.use_only_project_fonts(tmp_path / "fonts")
    doc = part_document("t", "T", "<main><h1>Title</h1><p>Body <b>bold</b> <i>it</i> <code>code</code></p></main>")
    found = _render_pdf(doc, tmp_path / "found.pdf").read_bytes()
    monkeypatch.setattr(weasy_fonts, "harfbuzz_subset", None)  # a machine without the library
    missing = _render_pdf(doc, tmp_path / "missing.pdf").read_bytes()
    assert found == missing

    import pikepdf

    full = (fonts.source_dir() / "DejaVuSans.ttf").stat().st_size
    with pikepdf.open(tmp_path / "found.pdf") as pdf:
        sizes = [
            len(font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes())
            for font in pdf.pages[0].Resources.Font.values()
        ]
    assert len(sizes) == 4 and max(sizes) < full / 10  # four faces, each a small subset


_LOADED_LIBS = """
import re, sys
libs = sorted({m.group(1) for m in re.finditer(r"/(lib(?:pango|pangoft2|harfbuzz|fontconfig|gobject)[^/\\s]*)$",
               open("/proc/self/maps").read(), re.M)})
print(" ".join(libs))
"""


def _python(code: str) -> str:
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()


def test_weasyprint_imported_without_library_searches_loads_the_same_libraries():
    """import_weasyprint skips ctypes' find_library (subprocesses) and opens each library by its
    soname: the process ends up with exactly the libraries a plain import loads, and find_library
    is itself again afterwards."""
    plain = _python("import weasyprint" + _LOADED_LIBS)
    ours = _python(
        "import ctypes.util\nsearch = ctypes.util.find_library\n"
        "from justicegap.build.render import import_weasyprint\nimport_weasyprint()\n"
        "assert ctypes.util.find_library is search\n" + _LOADED_LIBS
    )
    assert ours == plain
    loaded = plain.split()
    assert any(lib.startswith("libpango-1.0.so.0") for lib in loaded), loaded
    assert any(lib.startswith("libgobject-2.0.so.0") for lib in loaded), loaded


def test_weasyprint_import_falls_back_to_library_searches_when_a_direct_open_fails():
    """A machine whose libraries only a search finds: the first import fails, the second (with
    find_library) succeeds, and WeasyPrint works."""
    out = _python(
        "import sys\n"
        "class Fail:\n"
        "    hits = 0\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'weasyprint.text.ffi' and not Fail.hits:\n"
        "            Fail.hits += 1\n"
        "            raise OSError('cannot load library pango')\n"
        "sys.meta_path.insert(0, Fail())\n"
        "from justicegap.build.render import import_weasyprint\n"
        "w = import_weasyprint()\n"
        "print(Fail.hits, len(w.HTML(string='<p>x</p>').render().pages))\n"
    )
    assert out == "1 1"


def test_bookmarks_of_a_part_list_its_sections_or_the_parts_of_its_one_section():
    from justicegap.build.render import _part_bookmarks

    chapter = [(1, "People", 0, 700.0), (2, "Who left where", 1, 400.0), (1, "Limitations", 3, 200.0)]
    assert _part_bookmarks(chapter) == chapter
    case = [(1, "Al Hassan", 0, 760.0), (2, "Timeline", 0, 500.0), (2, "Sources", 4, 790.0)]
    assert _part_bookmarks(case) == [(1, "Timeline", 0, 500.0), (1, "Sources", 4, 790.0)]
    assert _part_bookmarks([(1, "Only", 0, None)]) == [(1, "Only", 0, None)]
