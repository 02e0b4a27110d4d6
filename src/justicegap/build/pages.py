"""Pages of the report that are not notebooks: the data dictionary."""

from __future__ import annotations

import html
from pathlib import Path

from .. import paths

DICTIONARY_PAGE = "data_dictionary.html"


def data_dictionary_html(data_dir: Path, header: str, footer: str) -> str:
    """The data dictionary (what docs/DATA_DICTIONARY.md holds, for the data this report was built
    from) as a page of the report, with the report's header, styles and footer."""
    import markdown_it

    from ..data.dictionary import render

    text = render(data_dir).replace(
        "Generated from `data/datapackage.json` by `make dictionary`; do not edit by hand.",
        "Generated from this report's `data/datapackage.json`, which describes the CSV files in `data/`.",
    )
    body = markdown_it.MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    body = body.replace("<table>", '<table class="jg-table jg-dictionary">')
    css = (paths.TEMPLATES / "justicegap" / "report.css").read_text()
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape('Data dictionary')}</title><style>{css}</style></head><body>"
        f"{header}<main>{body}</main>{footer}</body></html>"
    )


def write_data_dictionary(stage: Path, data_dir: Path, header: str, footer: str) -> Path:
    path = Path(stage) / DICTIONARY_PAGE
    path.write_text(data_dictionary_html(data_dir, header, footer), encoding="utf-8")
    return path
