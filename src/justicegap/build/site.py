"""The pages of a version around the rendered notebooks: index, navigation, the versions list.

The HTML lives in ``templates/site/`` (Jinja2, autoescaped); this module only gathers what the
templates show. Page titles and navigation labels come from ``report.yml`` (see
:func:`justicegap.build.config.expand`).
"""

from __future__ import annotations

import csv
import json
import os
from functools import lru_cache
from pathlib import Path

from .. import paths
from .config import Run
from .manifest import MANIFEST
from .render import fill, footer_html, header_html

SITE_TEMPLATES = paths.TEMPLATES / "site"


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(SITE_TEMPLATES)),
        autoescape=True,
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
    )


def render_template(name: str, **values) -> str:
    return _env().get_template(name).render(**values)


def person_names(data_dir: Path) -> dict[str, str]:
    """person_id -> name; a person with a core and an Article 70 case has two pages: say which."""
    with open(Path(data_dir) / "persons.csv", newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    return {
        row["person_id"].strip(): row["name"].strip()
        + (" (Article 70 case)" if (row.get("case_type") or "").strip() == "article_70" else "")
        for row in rows
    }


def navigation(runs: list[Run]) -> list[tuple[str, str]]:
    return (
        [("Report home", "index.html")]
        + [(r.nav, f"{r.name}.html") for r in runs if r.kind == "chapter"]
        + [("Cases", "index.html#cases"), ("PDF", "report.pdf"), ("Data", "data/")]
    )


def header(version: str, cutoff: str, as_of: str, commit: str, runs: list[Run]) -> str:
    return header_html(version, cutoff, as_of, commit, navigation(runs))


def page(body: str, page_header: str, version: str, name: str, with_code: bool) -> str:
    """A rendered notebook page with its header and footer (links to the other edition)."""
    other, label = (
        (f"{name}.html", "Reader edition") if with_code else (f"{name}.code.html", "Reviewer edition (with code)")
    )
    return fill(body, page_header, footer_html(version, other, label))


def _md_inline(text: str) -> str:
    """Findings are markdown with escaped values; render their small inline subset."""
    import markdown_it

    return markdown_it.MarkdownIt("commonmark", {"html": False}).renderInline(text)


def key_findings(findings: dict[str, list[str]], runs: list[Run]) -> list[str]:
    """The chapters' findings in report order, each once (two SGBC scopes can state the same fact)."""
    out: list[str] = []
    for run in runs:
        if run.kind != "chapter":
            continue
        for text in findings.get(run.name, []):
            item = _md_inline(text)
            if item not in out:
                out.append(item)
    return out


def summary(findings: dict[str, list[str]], runs: list[Run]) -> str:
    return render_template("summary.html.j2", findings=key_findings(findings, runs))


def changelog_entry(changelog: Path, data_version: str) -> str | None:
    """The data changelog's section for ``data_version`` (its ``## <version>`` heading to the next
    ``## ``), as HTML without the heading; None if the file or the section is missing. Shown under
    "What changed" when no earlier version was built in the reports folder: what the data
    release itself changed is then the only comparison there is."""
    import markdown_it

    path = Path(changelog)
    if not path.exists():
        return None
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            if inside:
                break
            inside = line[3:].split()[:1] == [data_version]
            continue
        if inside:
            lines.append(line)
    text = "\n".join(lines).strip()
    return markdown_it.MarkdownIt("commonmark", {"html": False}).render(text) if text else None


def sources_accessed(data_dir: Path) -> tuple[str, str] | None:
    """The first and last day the recorded sources were retrieved (``accessed`` in sources.csv),
    or None without any: the window a reader needs to judge how current the facts are."""
    with open(Path(data_dir) / "sources.csv", newline="", encoding="utf-8-sig") as fh:
        days = sorted(d for d in ((row.get("accessed") or "").strip() for row in csv.DictReader(fh)) if d)
    return (days[0], days[-1]) if days else None


def index_body(
    *,
    title: str,
    version: str,
    cutoff: str,
    as_of: str,
    commit: str,
    findings: dict,
    runs: list[Run],
    changes: list[dict],
    previous: str | None,
    names: dict[str, str],
    data_changes: dict | None,
    accessed: tuple[str, str] | None = None,
    changelog: bool = False,
    data_version: str = "",
    changelog_entry: str | None = None,
    for_pdf: bool = False,
) -> str:
    return render_template(
        "index_body.html.j2",
        for_pdf=for_pdf,
        data_version=data_version,
        changelog_entry=changelog_entry,
        accessed=accessed,
        changelog=changelog,
        title=title,
        version=version,
        cutoff=cutoff,
        as_of=as_of,
        commit=commit,
        summary=summary(findings, runs),
        changes=changes,
        previous=previous,
        data_changes=data_changes,
        chapters=[{"name": r.name, "title": r.title} for r in runs if r.kind == "chapter"],
        cases=[
            {"name": r.name, "label": names.get(r.parameters.get("person_id"), str(r.parameters.get("person_id")))}
            for r in runs
            if r.kind == "case"
        ],
    )


def index_page(title: str, page_header: str, body: str, version: str) -> str:
    from . import fonts

    css = fonts.face_css() + (paths.TEMPLATES / "justicegap" / "report.css").read_text()
    return render_template(
        "index.html.j2",
        title=title,
        css=css,
        header=page_header,
        body=body,
        footer=footer_html(version, None, ""),
    )


def write_versions_index(reports_dir: Path) -> None:
    """``reports/index.html``: every published version in this folder."""
    versions = []
    for d in sorted(reports_dir.iterdir(), reverse=True):
        m = d / MANIFEST
        if d.is_dir() and not d.is_symlink() and m.exists():
            info = json.loads(m.read_text())
            versions.append({"name": d.name, "cutoff": info["data"]["cutoff"], "commit": info["git"]["commit"]})
    doc = render_template("versions.html.j2", versions=versions)
    tmp = reports_dir / f".index-{os.getpid()}.html"
    tmp.write_text(doc, encoding="utf-8")
    os.replace(tmp, reports_dir / "index.html")
