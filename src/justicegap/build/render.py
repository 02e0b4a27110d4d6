"""Render executed notebooks to HTML (reader and reviewer editions) and the whole report to PDF."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from .. import paths

HEADER_MARK = "<!--JG:HEADER-->"
FOOTER_MARK = "<!--JG:FOOTER-->"


_FOCUSABLE = re.compile(r'(<div class="[^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*"[^>]*)>')


def _exporter_class():
    """nbconvert's HTMLExporter without its closing BeautifulSoup pass.

    That pass re-parses the whole page to give images without alt text a placeholder and to make
    input and output areas focusable (``tabindex="0"``). Our template gives every image its alt
    text, and the tabindex is added here by pattern; the pass was about a tenth of all HTML
    rendering. ``tests/test_presentation.py`` checks the pages equal what the pass would produce."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class Exporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            self.register_filter(
                "highlight_code", self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            )
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources),
            )
            body, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return focusable(body), resources

    return Exporter


def focusable(body: str) -> str:
    """``tabindex="0"`` on every input wrapper and output area (keyboard users can reach them)."""
    return _FOCUSABLE.sub(r'\1 tabindex="0">', body)


def _exporter(with_code: bool):
    exporter = _exporter_class()(template_name="justicegap", extra_template_basedirs=[str(paths.TEMPLATES)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    return exporter


_EXPORTERS: dict[bool, object] = {}


def import_weasyprint():
    """``import weasyprint``, without the library searches that cost it half its import time.

    WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject through cffi, trying several names
    for each; cffi answers a name it cannot open at once with ``ctypes.util.find_library``, which
    on Linux runs ``ldconfig -p`` and then gcc and ld as subprocesses: 22 searches, about 0.2 s
    of every build (measured). Every library also has its Linux soname (``libpango-1.0.so.0``...)
    among the names, which the dynamic loader opens directly, so the searches are skipped during
    the import and the same files are loaded. If that fails (a machine whose libraries only a
    search finds), the import is done again the ordinary way."""
    import sys

    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        weasyprint = None
    finally:
        ctypes.util.find_library = search
    if weasyprint is None:
        import weasyprint
    return weasyprint


def preload() -> None:
    """Import what rendering and typesetting need and make both editions' exporters, in the build's
    main process before it forks its workers: they inherit it all instead of each importing
    nbconvert and WeasyPrint again (~1.5 s a process), and the main process has WeasyPrint for the
    cover. Nothing here typesets yet (no fonts are loaded before the fork)."""
    import_weasyprint()

    for with_code in (False, True):
        _EXPORTERS.get(with_code) or _EXPORTERS.setdefault(with_code, _exporter(with_code))


def render_notebook(executed: Path, title: str, with_code: bool) -> str:
    """HTML body of one executed notebook, with header/footer placeholders."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = title
    # Tags that mark cells to hide from readers entirely (even their outputs).
    nb.cells = [c for c in nb.cells if "remove" not in c.metadata.get("tags", [])]
    if not with_code:
        nb.cells = [
            c
            for c in nb.cells
            if not (c.cell_type == "code" and {"parameters", "injected-parameters"} & set(c.metadata.get("tags", [])))
        ]
    exporter = _EXPORTERS.get(with_code) or _EXPORTERS.setdefault(with_code, _exporter(with_code))
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def fill(page: str, header: str, footer: str) -> str:
    return page.replace(HEADER_MARK, header, 1).replace(FOOTER_MARK, footer, 1)


def header_html(
    version: str, cutoff: str, as_of: str, commit: str, nav: list[tuple[str, str]], prefix: str = ""
) -> str:
    links = " ".join(f'<a href="{html.escape(prefix + href)}">{html.escape(label)}</a>' for label, href in nav)
    return (
        f'<header class="jg-header"><strong>The justice gap</strong> · '
        f'<span class="jg-meta">report {html.escape(version)} · data cut-off {html.escape(cutoff)}'
        f" · as of {html.escape(as_of)} · commit {html.escape(commit)}</span></header>"
        f'<nav class="jg-nav">{links}</nav>'
    )


def footer_html(version: str, other_edition: str | None, other_label: str) -> str:
    other = f' · <a href="{html.escape(other_edition)}">{html.escape(other_label)}</a>' if other_edition else ""
    return (
        f'<footer class="jg-footer">Report {html.escape(version)}. Every figure is computed by the '
        f'code in <code>src/justicegap</code> from the data snapshot in <a href="data/">data/</a>; '
        f"sources are listed per row.{other}<br>"
        f'<span class="jg-data-links">The data: <a href="data_dictionary.html">data dictionary</a> (every column '
        f'defined) · <a href="data/datapackage.json">datapackage.json</a> (the schema) · the CSV behind each '
        f"table is linked under it.</span></footer>"
    )


_MAIN = re.compile(r"<main>(.*)</main>", re.S)
_ANCHOR = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)


def main_content(page: str) -> str:
    m = _MAIN.search(page)
    return m.group(1) if m else page


def _pdf_doc(title: str, body: str) -> str:
    css = (paths.TEMPLATES / "justicegap" / "report.css").read_text()
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}"
        f"</title><style>{css}{PRINT_CSS}</style></head><body>{body}</body></html>"
    )


def _render_pdf(doc: str, out: Path) -> Path:
    """Typeset ``doc`` into ``out``. No base URL: relative links stay relative to the published
    version (``tables/...``), never ``file:///<checkout>``; images are embedded as data URIs and
    fonts come from fontconfig, which the build points at the project's fonts only."""
    HTML = import_weasyprint().HTML

    from . import fonts

    fonts.pin_subsetter()  # the embedded font subsets come from the lock, not the machine
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    HTML(string=doc, base_url=None).write_pdf(tmp)
    os.replace(tmp, out)
    return out


def relink(page: str, name: str) -> str:
    """Point a page's table links at its run's folder in the published version."""
    return page.replace('href="tables/', f'href="tables/{name}/')


_ID = re.compile(r'\bid="([^"]+)"')
_FRAGMENT = re.compile(r'href="#([^"]+)"')


def scope_ids(body: str, anchor: str) -> str:
    """Prefix every id and in-page link with the page's anchor: the parts of the PDF are joined
    into one document, where two case pages' ``#src-...`` anchors would otherwise collide."""
    body = _ID.sub(lambda m: f'id="{anchor}--{m.group(1)}"', body)
    return _FRAGMENT.sub(lambda m: f'href="#{anchor}--{m.group(1)}"', body)


def part_document(anchor: str, page_title: str, page: str) -> str:
    """The HTML WeasyPrint typesets for one page of the report (its main content only)."""
    return part_documents(anchor, page_title, page)[0]


_CELL = re.compile(r'<div id="[^"]*" class="jp-Cell\b')


def part_documents(anchor: str, page_title: str, page: str) -> tuple[str, list[str]]:
    """The page's part as one document (what its cache key covers) and as the documents it is
    typeset from: one per second-level section, the page's opening going with its first section.

    A chapter runs to a dozen pages and an edit usually moves the numbers of one section, so each
    section is typeset and cached on its own (:func:`typeset_part`), starting on a new page of
    the PDF (unless it is prose only). The split is at the notebook's cells (a section starts at
    the cell that holds its ``<h2>``), so every piece is whole HTML. A page with one section, or
    with an in-page link from one section to another (WeasyPrint keeps only links whose target
    is in the same document), is typeset whole."""
    body = scope_ids(main_content(page), anchor)
    body = re.sub(r'data-print-width="(\d+)"', r'style="width: \1%"', body)
    body = _ANCHOR.sub("", body)  # heading anchors ("¶") are for the screen
    # nb.table marks where a long identifier may break with <wbr>. WeasyPrint makes each one an
    # element with a box and a ::before zero-width space (some 5,800 in the report: a third of
    # the PDF's typesetting time), and still broke inside words ("ap|peals") rather than there.
    # The zero-width space itself is the same break opportunity, as text.
    body = body.replace("<wbr>", "\u200b")
    whole = _pdf_doc(page_title, f'<section class="chapter" id="{anchor}">{body}</section>')
    sections = _sections(body)
    if len(sections) < 2:
        return whole, [whole]
    pieces = [_pdf_doc(page_title, f'<section class="chapter" id="{anchor}">{sections[0]}</section>')]
    pieces += [_pdf_doc(page_title, f'<section class="chapter-part">{s}</section>') for s in sections[1:]]
    return whole, pieces


def _sections(body: str) -> list[str]:
    """``body`` cut before each cell that holds an ``<h2>`` but the first; a section of prose only
    (no table or figure, such as the closing "Limitations") runs on after the one before it rather
    than taking a page of its own; one piece if a link would cross a cut."""
    starts = [m.start() for m in _CELL.finditer(body)] + [len(body)]
    cuts = [a for a, b in zip(starts, starts[1:]) if "<h2" in body[a:b]][1:]
    sections: list[str] = []
    for section in (body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)])):
        if sections and "<table" not in section and "<img" not in section:
            sections[-1] += section
        else:
            sections.append(section)
    home = {i: n for n, s in enumerate(sections) for i in _ID.findall(s)}
    for n, s in enumerate(sections):
        if any(home.get(target, n) != n for target in _FRAGMENT.findall(s)):
            return [body]
    return sections


def typeset_part(doc: str | tuple[str, list[str]], cache, key_of, key: str | None = None) -> tuple[Path, int]:
    """The PDF of one part, from the cache or typeset now, and how many documents were typeset.

    ``doc`` is a document or :func:`part_documents`' pair; ``key_of`` gives a document's cache
    key. The part is cached under ``key`` (default: its whole document's); on a miss, each of
    its pieces comes from the cache or is typeset, and the pieces are joined (named destinations
    carried over)."""
    whole, pieces = (doc, [doc]) if isinstance(doc, str) else doc
    key = key or key_of(whole)
    hit = cache.get(key)
    if hit is not None:
        return hit, 0
    path = cache.path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    if len(pieces) == 1:
        return _render_pdf(whole, path), 1
    import pikepdf

    typeset, joined, headings = 0, pikepdf.new(), []
    for piece in pieces:
        piece_key = key_of(piece)
        piece_path = cache.get(piece_key)
        if piece_path is None:
            piece_path, typeset = _render_pdf(piece, cache.path(piece_key)), typeset + 1
        with pikepdf.open(piece_path) as src:
            headings += [(d, title, len(joined.pages) + page, top) for d, title, page, top in _headings(src)]
            joined.add_pages_from(src)
    with joined.open_outline() as outline:  # the pieces' bookmarks (WeasyPrint's, one per h2)
        outline.root.clear()  # what the page copy carried over, if anything: rebuilt in order here
        _add_headings(outline.root, headings)
    return _save(joined, path), typeset


def _save(pdf, out: Path) -> Path:
    """Write a pikepdf document atomically, with the same bytes for the same content."""
    import pikepdf

    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    pdf.save(tmp, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    os.replace(tmp, out)
    return out


def _headings(pdf) -> list[tuple[int, str, int, float | None]]:
    """The bookmarks of a PDF as (depth, title, page index, height on the page), in order; depth
    1 is the top."""
    out: list[tuple[int, str, int, float | None]] = []

    def walk(items, depth):
        for item in items:
            dest = item.destination
            if dest is not None and not isinstance(dest, (str, bytes)) and len(dest):
                top = float(dest[3]) if len(dest) > 3 and str(dest[1]) == "/XYZ" else None
                out.append((depth, str(item.title), pdf.pages.index(dest[0]), top))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 1)
    return out


def _part_bookmarks(headings: list) -> list:
    """A part's bookmarks under its title: its sections (h2) with their parts (h3); a part of one
    section (a case page, whose h2 is the person's name) lists that section's parts instead."""
    if sum(1 for h in headings if h[0] == 1) == 1 and any(h[0] == 2 for h in headings):
        return [(d - 1, *rest) for d, *rest in headings if d >= 2]
    return headings


def _add_headings(root: list, headings: list, offset: int = 0) -> None:
    """Append (depth, title, page, height) bookmarks under ``root``, each nested under the last
    one of the depth above it, opening at its heading's height on the page."""
    import pikepdf

    parents: list[list] = [root]
    for depth, title, page, top in headings:
        del parents[depth:]
        if top is None:
            item = pikepdf.OutlineItem(title, offset + page)
        else:
            item = pikepdf.OutlineItem(title, offset + page, pikepdf.PageLocation.XYZ, top=top)
        parents[min(depth, len(parents)) - 1].append(item)
        parents.append(item.children)


def _typeset_cached(doc: str, cache: tuple | None, work_dir: Path, name: str) -> Path:
    """``doc`` typeset, from ``cache`` = (:class:`.cache.ContentCache`, render key base, fonts
    digest; see :meth:`.execute.RenderSettings.pdf_cache`) when it holds it; without a cache,
    typeset into ``work_dir``."""
    if cache is None:
        return _render_pdf(doc, work_dir / f"{name}.pdf")
    from .cache import pdf_part_key

    store, base, fonts = cache
    path, _ = typeset_part(doc, store, lambda d: pdf_part_key(base, name + d, fonts))
    return path


def write_pdf(
    parts: list[tuple[str, Path]],
    index_body: str,
    title: str,
    version: str,
    out: Path,
    work_dir: Path,
    cache: tuple | None = None,
    anchors: list[str] | None = None,
) -> None:
    """One PDF of the whole report: cover, contents with page numbers, then every page.

    Each page was typeset on its own (in parallel, and cached by content, so a rebuild
    re-typesets only the pages that changed; see :func:`typeset_part`); here the parts are joined
    (pikepdf: qpdf does in a tenth of a second what took pypdf three), given bookmarks and the
    running footer. ``parts`` holds (title, PDF) pairs. The footer is two overlays: the page
    numbers ("Page i of n", the same for every version with these page counts, so cached) and a
    one-page label with the report's title and version, drawn on every page. The contents page
    is cached too; only the cover and the label are typeset for every version. Named
    destinations (the in-page links, scoped per part by :func:`scope_ids`) are carried over.

    ``anchors`` (the run name of each part, as its HTML page is named) makes the links between
    pages links within the PDF: a link to ``<anchor>.html`` goes to the first page of that part,
    ``<anchor>.html#x`` to ``x`` in it; each part's first page is a named destination."""
    import pikepdf

    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    sources = [pikepdf.open(p) for _, p in parts]
    counts = [len(src.pages) for src in sources]
    sections = [_part_bookmarks(_headings(src)) for src in sources]
    cover = pikepdf.open(
        _render_pdf(
            _pdf_doc(
                title,
                f'<section class="cover"><h1>{html.escape(title)}</h1>'
                f"<p>Report {html.escape(version)}</p>{index_body}</section>",
            ),
            work_dir / "_cover.pdf",
        )
    )
    n_cover = len(cover.pages)
    toc_pages = 1
    for _ in range(3):  # the contents' own length shifts the numbers; settle it
        start, rows = n_cover + toc_pages + 1, []
        for i, ((page_title, _), n) in enumerate(zip(parts, counts)):
            entry = html.escape(page_title)
            if anchors:  # made a link to the part's first page by _link_parts
                entry = f"<a href='{html.escape(anchors[i])}.html'>{entry}</a>"
            rows.append(f"<tr><td>{entry}</td><td class='num'>{start}</td></tr>")
            start += n
        toc_doc = _pdf_doc("Contents", "<h1>Contents</h1><table class='jg-toc'>" + "".join(rows) + "</table>")
        toc = pikepdf.open(_typeset_cached(toc_doc, cache, work_dir, "_toc"))
        if len(toc.pages) == toc_pages:
            break
        toc_pages = len(toc.pages)
    doc = pikepdf.new()
    for src in (cover, toc, *sources):
        doc.add_pages_from(src)
    total = len(doc.pages)
    numbers = pikepdf.open(
        _typeset_cached(
            _folio_doc(total, "", "Page ' counter(page) ' of ' counter(pages) '"), cache, work_dir, "_numbers"
        )
    )
    label = pikepdf.open(_render_pdf(_folio_doc(1, _css_string(f"{title} · {version}"), ""), work_dir / "_label.pdf"))
    label_form = doc.copy_foreign(label.pages[0].as_form_xobject())
    for i, (page, number) in enumerate(zip(doc.pages, numbers.pages), start=1):
        # a name per page: the pages of one part share one resources dictionary
        _stamp(doc, page, {f"/JGPage{i}": doc.copy_foreign(number.as_form_xobject()), "/JGLabel": label_form})
    if anchors:
        _link_parts(doc, anchors, [n_cover + toc_pages + sum(counts[:i]) for i in range(len(counts))])
    with doc.open_outline() as outline:
        outline.root.clear()  # the parts' own bookmarks, carried over with their pages: rebuilt below
        outline.root.append(pikepdf.OutlineItem("Contents", n_cover))
        position = n_cover + toc_pages
        for (page_title, _), n, heads in zip(parts, counts, sections):
            item = pikepdf.OutlineItem(page_title, position)
            _add_headings(item.children, heads, offset=position)  # its sections and their parts
            outline.root.append(item)
            position += n
    doc.docinfo["/Title"] = title
    doc.docinfo["/Subject"] = f"Report {version}"
    _save(doc, out)
    for stale in work_dir.glob("_*.pdf"):
        stale.unlink(missing_ok=True)


_PAGE_LINK = re.compile(r"^([A-Za-z0-9_-]+)\.html(?:#(.+))?$")


def _link_parts(doc, anchors: list[str], starts: list[int]) -> None:
    """Turn the links to another page of the report (``<anchor>.html``, ``<anchor>.html#x``) into
    links inside the joined PDF, and name each part's first page after its anchor. Links to the
    reviewer edition (``.code.html``), tables and the web stay as they are."""
    import pikepdf

    if "/Names" not in doc.Root:
        doc.Root.Names = pikepdf.Dictionary()
    if "/Dests" not in doc.Root.Names:
        doc.Root.Names.Dests = pikepdf.NameTree.new(doc).obj
    dests = pikepdf.NameTree(doc.Root.Names.Dests)
    for anchor, start in zip(anchors, starts):
        dests[anchor] = pikepdf.Array([doc.pages[start].obj, pikepdf.Name.XYZ, None, None, None])
    known = set(anchors)
    for page in doc.pages:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            if action is None or action.get("/S") != pikepdf.Name.URI:
                continue
            m = _PAGE_LINK.match(str(action.URI))
            if m is None or m.group(1) not in known:
                continue
            inner = f"{m.group(1)}--{m.group(2)}" if m.group(2) else None
            del annot["/A"]
            annot.Dest = pikepdf.String(inner if inner is not None and inner in dests else m.group(1))


def _stamp(doc, page, forms: dict) -> None:
    """Draw each form XObject (an A4 overlay, like the page) over ``page``, under fixed resource
    names: pikepdf's own ``add_overlay`` names them at random, which would change the bytes of
    every build. The page's own drawing is wrapped in q/Q so its graphics state cannot leak."""
    import pikepdf

    page.contents_add(doc.make_stream(b"q\n"), prepend=True)
    draw = b"Q\n"
    for name, form in forms.items():
        page.add_resource(form, pikepdf.Name.XObject, name)
        draw += b"q " + name.encode() + b" Do Q\n"
    page.contents_add(doc.make_stream(draw))


def _css_string(text: str) -> str:
    """``text`` as the inside of a single-quoted CSS string that is safe inside <style>."""
    return "".join(c if c.isalnum() or c in " .,:;·-_()" else f"\\{ord(c):x} " for c in text)


def _folio_doc(n_pages: int, left: str, right: str) -> str:
    """``n_pages`` blank A4 pages carrying only a running footer: ``left`` and ``right`` are the
    insides of CSS ``content`` strings (so ``right`` may close the string to use page counters).

    The parts are typeset separately (so they can be cached), so none of them knows where it will
    start; these overlays are stamped onto the joined document so the footers match the contents."""
    rules = []
    if left:
        rules.append(f"@bottom-left {{ content: '{left}'; font: 7pt sans-serif; color: #555; }}")
    if right:
        rules.append(f"@bottom-right {{ content: '{right}'; font: 7pt sans-serif; color: #555; }}")
    css = (
        f"@page {{ size: A4; margin: 18mm 15mm; {' '.join(rules)} }}"
        "div { page-break-after: always; height: 1px; } div:last-child { page-break-after: auto; }"
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css}</style></head><body>"
        + "<div></div>" * n_pages
        + "</body></html>"
    )


# The PDF's own rules (WeasyPrint). The print rules shared with a browser's print (tables at
# 7.5 pt, rows and captions kept whole, header rows repeated, no heading anchors) are in
# report.css under @media print, which WeasyPrint applies too.
PRINT_CSS = """
@page { size: A4; margin: 18mm 15mm; }
section.chapter, section.toc { page-break-before: always; }
table.jg-toc { width: 100%; } table.jg-toc td.num { text-align: right; }
table.jg-toc a { color: inherit; text-decoration: none; }
img { max-width: 100%; }
table { page-break-inside: auto; font-size: 7.5pt; }
table.jg-table, .jp-RenderedHTMLCommon table.jg-table { table-layout: fixed; width: 100%; font-size: 7.5pt; }
table.jg-table th { overflow-wrap: normal; word-break: normal; hyphens: manual; }
table.jg-table td { overflow-wrap: break-word; }
h1, h4 { bookmark-level: none; }
h2 { bookmark-level: 1; }  /* a part's sections (and h3 their parts); write_pdf puts them under */
h3 { bookmark-level: 2; }  /* the part's own bookmark, which is its title */
"""
