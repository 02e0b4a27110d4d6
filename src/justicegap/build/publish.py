"""The whole build: validate, execute, render, assemble a version, publish it atomically."""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from .. import paths
from .config import ReportConfig, Run, expand, load_config
from .execute import Cache, Result, execute_all, sha256_bytes, tree_digest
from .render import fill, footer_html, header_html, render_notebook, write_pdf

DATA_SNAPSHOT = "data"
TIMINGS = "timings.json"
KEY_PACKAGES = (
    "pandas",
    "numpy",
    "matplotlib",
    "lifelines",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "jupytext",
    "pandera",
    "weasyprint",
)


def git_info() -> tuple[str, bool]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"], cwd=paths.ROOT, capture_output=True, text=True
            ).stdout.strip()
        )
        return commit, dirty
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown", False


def _commit_epoch() -> str:
    try:
        return (
            subprocess.run(
                ["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
            or "0"
        )
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "0"


def input_digests(data_dir: Path, config: ReportConfig) -> dict[str, str]:
    """sha256 of every input the report is made from."""
    out = {}
    for path in sorted(Path(data_dir).glob("*")):
        if path.is_file():
            out[f"data/{path.name}"] = sha256_bytes(path.read_bytes())
    for path in sorted(config.notebook_dir.glob("*.py")):
        out[f"notebooks/{path.name}"] = sha256_bytes(path.read_bytes())
    out["src/"] = tree_digest(paths.SRC, "**/*")
    out[config.path.name] = sha256_bytes(config.path.read_bytes())
    if paths.LOCK_FILE.exists():
        out["requirements.lock"] = sha256_bytes(paths.LOCK_FILE.read_bytes())
    return out


def report_version(data_version: str, digests: dict[str, str]) -> str:
    h = hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:10]
    return f"{data_version}-{h}"


class BuildFailed(Exception):
    pass


def build(
    data_dir: Path | None = None,
    reports_dir: Path | None = None,
    config_path: Path | None = None,
    workers: int | None = None,
    echo=print,
) -> int:
    """Build the report. Returns the exit status (0 ok / up to date, 1 failure)."""
    t_start = time.perf_counter()
    data_dir = Path(data_dir or paths.data_dir()).resolve()
    reports_dir = Path(reports_dir or paths.reports_dir()).resolve()
    config_path = Path(config_path or paths.REPORT_CONFIG)
    reports_dir.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(reports_dir)
    if not os.environ.get("SOURCE_DATE_EPOCH"):  # embedded timestamps (PDF fonts) follow the commit
        os.environ["SOURCE_DATE_EPOCH"] = _commit_epoch()

    from ..data.schema import load_package

    package = load_package(data_dir)
    config = load_config(config_path)
    digests = input_digests(data_dir, config)
    version = report_version(package.version, digests)
    target = reports_dir / version
    if (target / "manifest.json").exists():
        _point_latest(reports_dir, version)
        _write_versions_index(reports_dir)
        echo(f"Up to date: reports/{version} already built from these inputs ({time.perf_counter() - t_start:.1f} s).")
        return 0

    echo(f"Validating {data_dir.name}/ ...")
    from ..data.validate import validate

    problems = validate(data_dir)
    if problems:
        for p in problems:
            echo(str(p))
        echo(f"{len(problems)} problem(s) in the data; nothing was built. Fix them and run make report.")
        return 1

    from ..analysis.stages import first_dates
    from ..data.dataset import load_dataset

    ds = load_dataset(data_dir)
    as_of = config.defaults.get("as_of") or package.cutoff.isoformat()
    firsts = first_dates(ds.events, as_of)
    confirmed = sorted(firsts.index[firsts["confirmation_decision"].notna()])
    runs = expand(config, _profile_order(confirmed))

    tmp = reports_dir / f".tmp-{version}-{os.getpid()}"
    scratch, stage = tmp / "work", tmp / version
    stage.mkdir(parents=True)
    try:
        echo(f"Executing {len(runs)} notebook runs (up to {workers or os.cpu_count()} at a time):")
        cache = Cache(reports_dir / ".cache", data_dir)
        results = execute_all(runs, cache, scratch, workers=workers, echo=echo)
        failed = [r for r in results if r.status == "failed"]
        if failed:
            failed_dir = reports_dir / "_failed"
            failed_dir.mkdir(exist_ok=True)
            for r in failed:
                kept = r.out_dir / "executed.ipynb"
                if kept.exists():
                    shutil.copy2(kept, failed_dir / f"{r.run.name}.ipynb")
                echo(f"FAILED {r.run.name}: {r.error}")
                kept_at = (failed_dir / f"{r.run.name}.ipynb").relative_to(reports_dir.parent)
                echo(f"  executed notebook kept at {kept_at}")
            echo(
                f"{len(failed)} notebook(s) failed; nothing was published "
                f"(reports/latest still points at the last good version)."
            )
            return 1
        t_render = time.perf_counter()
        previous = _latest_version(reports_dir)
        manifest = assemble(
            stage, version, package, digests, runs, results, data_dir, config, as_of, previous, reports_dir
        )
        render_seconds = time.perf_counter() - t_render
        _write_timings(stage, results, render_seconds)
        _write_manifest(stage, manifest)
        if target.exists():  # appeared meanwhile (another build); never overwrite it
            echo(f"reports/{version} already exists; leaving it untouched.")
        else:
            os.rename(stage, target)
        _point_latest(reports_dir, version)
        _write_versions_index(reports_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    executed = sum(r.status == "executed" for r in results)
    echo(
        f"Published reports/{version} ({executed} executed, {len(results) - executed} cached, "
        f"{time.perf_counter() - t_start:.1f} s total). Open reports/latest/index.html"
    )
    return 0


def _remove_abandoned(reports_dir: Path) -> None:
    """Delete the temporary folders of builds that were killed (their process is gone)."""
    for tmp in reports_dir.glob(".tmp-*"):
        try:
            pid = int(tmp.name.rsplit("-", 1)[1])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(tmp, ignore_errors=True)
        except (ValueError, IndexError, PermissionError):
            continue


def _profile_order(confirmed: list[str]) -> list[str]:
    """Case profiles in report order: Al Hassan first (the case that started the project)."""
    first = [p for p in confirmed if p == "al-hassan"]
    return first + [p for p in confirmed if p != "al-hassan"]


def _latest_version(reports_dir: Path) -> str | None:
    link = reports_dir / "latest"
    if link.is_symlink() and (reports_dir / os.readlink(link) / "manifest.json").exists():
        return os.readlink(link)
    return None


def _point_latest(reports_dir: Path, version: str) -> None:
    link = reports_dir / "latest"
    if link.is_symlink() and os.readlink(link) == version:
        return
    tmp = reports_dir / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(version, tmp)
    os.replace(tmp, link)


def _flatten_metrics(metrics: dict) -> dict[str, dict]:
    flat = {}
    for run_name, entries in metrics.items():
        for key, entry in entries.items():
            flat[f"{run_name}/{key}"] = entry
    return flat


def _changes(current: dict, previous_dir: Path | None) -> list[dict]:
    if previous_dir is None or not (previous_dir / "metrics.json").exists():
        return []
    before = _flatten_metrics(json.loads((previous_dir / "metrics.json").read_text()))
    after = _flatten_metrics(current)
    rows = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, {}).get("value"), after.get(key, {}).get("value")
        if old != new:
            label = (after.get(key) or before.get(key))["label"]
            rows.append({"metric": key, "label": label, "before": old, "after": new})
    return rows


def _data_changes(previous_dir: Path | None, data_dir: Path, data_version: str) -> dict | None:
    """Row-level differences between the previous report's data snapshot and the data now."""
    if previous_dir is None or not (previous_dir / DATA_SNAPSHOT / "datapackage.json").exists():
        return None
    from justicegap.data.diff import diff_data
    from justicegap.data.schema import load_package

    before = load_package(previous_dir / DATA_SNAPSHOT).version
    return {"before": before, "after": data_version, "tables": diff_data(previous_dir / DATA_SNAPSHOT, data_dir)}


def _data_changes_html(data_changes: dict | None, shown: int = 12) -> str:
    if not data_changes:
        return ""
    before, after, tables = data_changes["before"], data_changes["after"], data_changes["tables"]
    version = (
        f"Data version {html.escape(before)} → <strong>{html.escape(after)}</strong> "
        f"(see <a href='data/CHANGELOG.md'>the data changelog</a>)."
        if before != after
        else f"Data version {html.escape(after)} (unchanged)."
    )
    if not tables:
        return f"<p>{version} No row of the data changed.</p>"

    def listing(items: list[str]) -> str:
        more = f" and {len(items) - shown} more" if len(items) > shown else ""
        return html.escape(", ".join(items[:shown])) + more

    rows = "".join(
        f"<tr><td>{html.escape(t.table)}</td><td>{listing(t.added)}</td><td>{listing(t.removed)}</td>"
        f"<td>{listing([f'{key} ({chr(44).join(fields)})' for key, fields in t.changed])}</td></tr>"
        for t in tables
    )
    return (
        f"<p>{version} Rows that differ from the previous version's data, by table and row key:</p>"
        f"<table class='jg-table jg-datadiff'><tr><th>Table</th><th>Added</th><th>Removed</th>"
        f"<th>Changed (fields)</th></tr>{rows}</table>"
    )


def assemble(
    stage: Path,
    version: str,
    package,
    digests: dict,
    runs: list[Run],
    results: list[Result],
    data_dir: Path,
    config,
    as_of: str,
    previous: str | None,
    reports_dir: Path,
) -> dict:
    commit, dirty = git_info()
    cutoff = package.cutoff.isoformat()
    names = _person_names(data_dir)
    (stage / "notebooks").mkdir()
    # data snapshot
    shutil.copytree(data_dir, stage / DATA_SNAPSHOT, ignore=shutil.ignore_patterns("staging", "*.md~", ".*"))
    metrics, findings, pages = {}, {}, []
    for r in results:
        name = r.run.name
        shutil.copy2(r.out_dir / "executed.ipynb", stage / "notebooks" / f"{name}.ipynb")
        for kind in ("figures", "tables"):
            src = r.out_dir / kind
            if src.exists():
                dst = stage / kind / name
                shutil.copytree(src, dst)
        if (r.out_dir / "metrics.json").exists():
            metrics[name] = json.loads((r.out_dir / "metrics.json").read_text())
        if (r.out_dir / "findings.json").exists():
            findings[name] = json.loads((r.out_dir / "findings.json").read_text())
    chapters = [r for r in results if r.run.kind == "chapter"]
    cases = [r for r in results if r.run.kind == "case"]
    nav = (
        [("Report home", "index.html")]
        + [(_short_title(r.run), f"{r.run.name}.html") for r in chapters]
        + [("Cases", "index.html#cases"), ("PDF", "report.pdf"), ("Data", "data/")]
    )
    header = header_html(version, cutoff, as_of, commit + (" (dirty)" if dirty else ""), nav)
    for r in results:
        name = r.run.name
        title = _page_title(r.run, names)
        executed = stage / "notebooks" / f"{name}.ipynb"
        for with_code, suffix, other, other_label in (
            (False, ".html", f"{name}.code.html", "Reviewer edition (with code)"),
            (True, ".code.html", f"{name}.html", "Reader edition"),
        ):
            page = _cached_render(reports_dir / ".cache" / "html", executed, title, with_code)
            page = _relink(page, name)
            page = fill(page, header, footer_html(version, other, other_label))
            (stage / f"{name}{suffix}").write_text(page, encoding="utf-8")
            if not with_code:
                pages.append((name, title, page))
    (stage / "metrics.json").write_text(
        json.dumps(metrics, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    changes = _changes(metrics, reports_dir / previous if previous else None)
    data_changes = _data_changes(reports_dir / previous if previous else None, data_dir, package.version)
    index_body = _index_body(
        config.title, version, cutoff, as_of, commit, findings, chapters, cases, changes, previous, names, data_changes
    )
    index = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(config.title)}</title><style>"
        f"{(paths.TEMPLATES / 'justicegap' / 'report.css').read_text()}</style></head><body>"
        f"{header}<main>{index_body}</main>{footer_html(version, None, '')}</body></html>"
    )
    (stage / "index.html").write_text(index, encoding="utf-8")
    from .pages import write_data_dictionary

    write_data_dictionary(stage, data_dir, header, footer_html(version, None, ""))
    write_pdf(
        pages,
        _index_summary(findings, chapters),
        config.title,
        version,
        stage / "report.pdf",
        cache_dir=reports_dir / ".cache" / "pdf",
    )
    return {
        "version": version,
        "title": config.title,
        "git": {"commit": commit, "dirty": dirty},
        "data": {"version": package.version, "cutoff": cutoff},
        "inputs": digests,
        "parameters": {"defaults": config.defaults, "as_of": as_of},
        "previous_version": previous,
        "python": sys.version.split()[0],
        "packages": {p: _pkg_version(p) for p in KEY_PACKAGES},
        "kernel": paths.KERNEL_NAME,
        "notebooks": [
            {
                "name": r.run.name,
                "notebook": f"notebooks/{r.run.notebook.name}",
                "parameters": r.run.parameters,
                "status": "ok",
                "executed_notebook": f"notebooks/{r.run.name}.ipynb",
            }
            for r in results
        ],
        "timings": "timings.json (durations of this build; the one file that differs between builds)",
    }


def _cached_render(cache: Path, executed: Path, title: str, with_code: bool) -> str:
    """Rendered page (with header/footer placeholders), cached by everything that shapes it."""
    key = sha256_bytes(
        b"|".join(
            [
                executed.read_bytes(),
                title.encode(),
                str(with_code).encode(),
                tree_digest(paths.TEMPLATES, "**/*").encode(),
            ]
        )
    )
    path = cache / f"{key}.html"
    if path.exists():
        return path.read_text(encoding="utf-8")
    page = render_notebook(executed, title, with_code)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return page


def _relink(page: str, name: str) -> str:
    """Point a page's table/figure links at this run's folders."""
    return page.replace('href="tables/', f'href="tables/{name}/')


def _pkg_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _short_title(run: Run) -> str:
    """Navigation label: the title before its colon, plus the scope for the runs that vary it."""
    title = run.title.split(":")[0]
    return f"{title} ({run.parameters['sgbc_scope']})" if "sgbc_scope" in run.name else title


def _page_title(run: Run, names: dict[str, str] | None = None) -> str:
    if run.kind == "case":
        pid = run.parameters.get("person_id")
        return f"{run.title}: {(names or {}).get(pid, pid)}"
    if "sgbc_scope" in run.name:
        return f"{run.title} ({run.parameters['sgbc_scope']} scope)"
    return run.title


def _index_summary(findings: dict, chapters: list[Result]) -> str:
    items = []
    for r in chapters:
        for text in findings.get(r.run.name, []):
            item = f"<li>{_md_inline(text)}</li>"
            if item not in items:  # the narrow and broad SGBC runs can state the same fact
                items.append(item)
    return f"<h2>Key findings</h2><ul>{''.join(items)}</ul>" if items else ""


def _md_inline(text: str) -> str:
    """Findings are markdown with escaped values; render their small inline subset."""
    import markdown_it

    return markdown_it.MarkdownIt("commonmark", {"html": False}).renderInline(text)


def _person_names(data_dir: Path) -> dict[str, str]:
    import csv

    with open(data_dir / "persons.csv", newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    # a person with a core case and an Article 70 case has two pages: say which is which
    return {
        row["person_id"].strip(): row["name"].strip()
        + (" (Article 70 case)" if (row.get("case_type") or "").strip() == "article_70" else "")
        for row in rows
    }


def _index_body(
    title, version, cutoff, as_of, commit, findings, chapters, cases, changes, previous, names, data_changes=None
):
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>Report version <strong>{html.escape(version)}</strong>, data cut-off "
        f"{html.escape(cutoff)}, analysis as of {html.escape(as_of)}, built from commit "
        f"{html.escape(commit)}. <a href='report.pdf'>The whole report as PDF</a> · "
        f"<a href='manifest.json'>manifest</a> · <a href='metrics.json'>all figures (JSON)</a> · "
        f"<a href='data/'>data snapshot</a>.</p>",
        _index_summary(findings, chapters),
    ]
    parts.append("<h2 id='changes'>What changed since the previous version</h2>")
    if previous is None:
        parts.append("<p>This is the first version built in this reports folder.</p>")
    elif not changes:
        parts.append(f"<p>No figure changed since {html.escape(previous)}.</p>")
    else:
        rows = "".join(
            f"<tr><td>{html.escape(c['label'])}</td><td>{html.escape(str(c['before']))}</td>"
            f"<td>{html.escape(str(c['after']))}</td><td><code>{html.escape(c['metric'])}</code>"
            f"</td></tr>"
            for c in changes
        )
        parts.append(
            f"<p>Compared with {html.escape(previous)}:</p><table class='jg-table'><tr>"
            f"<th>Figure</th><th>Before</th><th>Now</th><th>Key</th></tr>{rows}</table>"
        )
    if previous is not None:
        parts.append(_data_changes_html(data_changes))
    parts.append("<h2>Chapters</h2><ol>")
    for r in chapters:
        parts.append(
            f"<li><a href='{r.run.name}.html'>{html.escape(_page_title(r.run))}</a> "
            f"(<a href='{r.run.name}.code.html'>with code</a>)</li>"
        )
    parts.append(
        "</ol><h2 id='cases'>Case pages</h2><p>One page per person whose case reached a confirmation decision.</p><ul>"
    )
    for r in cases:
        pid = r.run.parameters.get("person_id")
        parts.append(f"<li><a href='{r.run.name}.html'>{html.escape(names.get(pid, str(pid)))}</a></li>")
    parts.append("</ul>")
    return "".join(parts)


def _write_timings(stage: Path, results: list[Result], render_seconds: float) -> None:
    timings = {
        "render_and_assemble_seconds": round(render_seconds, 2),
        "notebooks": [
            {
                "name": r.run.name,
                "status": r.status,
                "seconds": round(r.seconds, 2),
                "kernel_start_seconds": round(r.kernel_seconds, 2),
            }
            for r in results
        ],
    }
    (stage / TIMINGS).write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")


def _write_manifest(stage: Path, manifest: dict) -> None:
    outputs = {}
    for path in sorted(stage.rglob("*")):
        if path.is_file() and path.name not in ("manifest.json", TIMINGS):
            outputs[str(path.relative_to(stage))] = sha256_bytes(path.read_bytes())
    manifest["outputs"] = outputs
    (stage / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


def _write_versions_index(reports_dir: Path) -> None:
    rows = []
    for d in sorted(reports_dir.iterdir(), reverse=True):
        m = d / "manifest.json"
        if d.is_dir() and not d.is_symlink() and m.exists():
            info = json.loads(m.read_text())
            rows.append(
                f"<tr><td><a href='{html.escape(d.name)}/index.html'>{html.escape(d.name)}</a></td>"
                f"<td>{html.escape(info['data']['cutoff'])}</td>"
                f"<td>{html.escape(info['git']['commit'])}</td></tr>"
            )
    doc = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Report versions</title>"
        "</head><body><h1>Report versions</h1><p><a href='latest/index.html'>Latest</a></p>"
        "<table><tr><th>Version</th><th>Data cut-off</th><th>Commit</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )
    tmp = reports_dir / f".index-{os.getpid()}.html"
    tmp.write_text(doc, encoding="utf-8")
    os.replace(tmp, reports_dir / "index.html")
