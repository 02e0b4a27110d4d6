"""Render executed notebooks to HTML (reader and reviewer editions) and the whole report to PDF."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .. import paths

HEADER_MARK = "<!--JG:HEADER-->"
FOOTER_MARK = "<!--JG:FOOTER-->"


def _exporter(with_code: bool):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="justicegap", extra_template_basedirs=[str(paths.TEMPLATES)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    return exporter


_EXPORTERS: dict[bool, object] = {}


def render_notebook(executed: Path, title: str, with_code: bool) -> str:
    """HTML body of one executed notebook, with header/footer placeholders."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = title
    # Tags that mark cells to hide from readers entirely (even their outputs).
    nb.cells = [c for c in nb.cells if "remove" not in c.metadata.get("tags", [])]
    if not with_code:
        nb.cells = [c for c in nb.cells
                    if not (c.cell_type == "code" and {"parameters", "injected-parameters"}
                            & set(c.metadata.get("tags", [])))]
    exporter = _EXPORTERS.setdefault(with_code, _exporter(with_code))
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def fill(page: str, header: str, footer: str) -> str:
    return page.replace(HEADER_MARK, header, 1).replace(FOOTER_MARK, footer, 1)


def header_html(version: str, cutoff: str, as_of: str, commit: str, nav: list[tuple[str, str]],
                prefix: str = "") -> str:
    links = " ".join(f'<a href="{html.escape(prefix + href)}">{html.escape(label)}</a>'
                     for label, href in nav)
    return (f'<header class="jg-header"><strong>The justice gap</strong> · '
            f'<span class="jg-meta">report {html.escape(version)} · data cut-off {html.escape(cutoff)}'
            f' · as of {html.escape(as_of)} · commit {html.escape(commit)}</span></header>'
            f'<nav class="jg-nav">{links}</nav>')


def footer_html(version: str, other_edition: str | None, other_label: str) -> str:
    other = (f' · <a href="{html.escape(other_edition)}">{html.escape(other_label)}</a>'
             if other_edition else "")
    return (f'<footer class="jg-footer">Report {html.escape(version)}. Every figure is computed by the '
            f'code in <code>src/justicegap</code> from the data snapshot in <a href="data/">data/</a>; '
            f'sources are listed per row.{other}</footer>')


_MAIN = re.compile(r"<main>(.*)</main>", re.S)


def main_content(page: str) -> str:
    m = _MAIN.search(page)
    return m.group(1) if m else page


def write_pdf(pages: list[tuple[str, str, str]], index_body: str, title: str, version: str,
              out: Path) -> None:
    """One PDF of the whole report: cover, table of contents, then each page in order.

    ``pages`` holds (anchor, title, reader-edition HTML) tuples."""
    from weasyprint import HTML

    css_path = paths.TEMPLATES / "justicegap" / "report.css"
    toc = "".join(f'<li><a href="#{a}">{html.escape(t)}</a></li>' for a, t, _ in pages)
    parts = [f'<section class="cover"><h1>{html.escape(title)}</h1><p>Report {html.escape(version)}</p>'
             f'{index_body}</section>',
             f'<section class="toc"><h1>Contents</h1><ol>{toc}</ol></section>']
    for anchor, _, page in pages:
        body = main_content(page)
        body = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{anchor}-{m.group(1)}"', body)
        body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{anchor}-{m.group(1)}"', body)
        parts.append(f'<section class="chapter" id="{anchor}">{body}</section>')
    doc = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}"
           f"</title><style>{css_path.read_text()}{PRINT_CSS}</style></head><body>"
           + "".join(parts) + "</body></html>")
    HTML(string=doc, base_url=str(out.parent)).write_pdf(out, metadata={"title": title} and None)


PRINT_CSS = """
@page { size: A4; margin: 18mm 15mm; @bottom-center { content: counter(page); font-size: 8pt; } }
section.chapter, section.toc { page-break-before: always; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
img { max-width: 100%; }
table { page-break-inside: auto; }
.jp-InputArea { display: none; }
h1 { bookmark-level: 1; } h2 { bookmark-level: 2; } h3 { bookmark-level: none; }
"""
