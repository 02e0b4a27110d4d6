"""Pages of the report that are not notebooks: the data dictionary."""

from __future__ import annotations

from pathlib import Path

DICTIONARY_PAGE = "data_dictionary.html"


def data_dictionary_body(data_dir: Path) -> str:
    """The data dictionary (what docs/DATA_DICTIONARY.md holds, for the data this report was built
    from) as the HTML body of a page of the report."""
    import markdown_it

    from ..data.dictionary import render

    text = render(data_dir).replace(
        "Generated from `data/datapackage.json` by `make dictionary`; do not edit by hand.",
        "Generated from this report's `data/datapackage.json`, which describes the CSV files in `data/`.",
    )
    body = markdown_it.MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    return body.replace("<table>", '<table class="jg-table jg-dictionary">')


def write_data_dictionary(stage: Path, data_dir: Path, page_header: str, version: str) -> Path:
    """``data_dictionary.html`` in the version folder, with the report's header, styles and footer."""
    from . import site

    path = Path(stage) / DICTIONARY_PAGE
    page = site.index_page("Data dictionary", page_header, data_dictionary_body(data_dir), version)
    path.write_text(page, encoding="utf-8")
    return path
