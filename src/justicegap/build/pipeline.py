"""The whole build: validate, execute and render (cached), assemble a version, publish it atomically."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
import types
from pathlib import Path

from .. import paths
from ..hashing import digest
from . import changes, fonts, manifest, publish, site
from .cache import ExecutionCache, current_render_base
from .config import ReportConfig, expand, load_config, order_cases
from .execute import RenderSettings, Result, execute_all
from .render import write_pdf


@dataclasses.dataclass
class BuildResult:
    status: int  # 0 published or up to date, 1 failed
    version: str | None = None
    up_to_date: bool = False
    executed: list[str] = dataclasses.field(default_factory=list)  # run names
    rendered: list[str] = dataclasses.field(default_factory=list)  # page files
    typeset: list[str] = dataclasses.field(default_factory=list)  # runs whose PDF part was typeset
    seconds: float = 0.0


def build(
    data_dir: Path | None = None,
    reports_dir: Path | None = None,
    config_path: Path | None = None,
    workers: int | None = None,
    echo=print,
    overrides: dict | None = None,
) -> int:
    """Build the report. Returns the exit status (0 ok / up to date, 1 failure).

    ``overrides`` (``as_of``, ``sgbc_scope``; from ``make report AS_OF=... SGBC_SCOPE=...``) build
    a version with other parameters under its own name (``<data version>-as-of-<date>-<hash>``),
    without moving ``reports/latest``."""
    return run_build(data_dir, reports_dir, config_path, workers, echo, overrides).status


def run_build(
    data_dir: Path | None = None,
    reports_dir: Path | None = None,
    config_path: Path | None = None,
    workers: int | None = None,
    echo=print,
    overrides: dict | None = None,
) -> BuildResult:
    t_start = time.perf_counter()
    _skip_iri_grammar()
    data_dir = Path(data_dir or paths.data_dir()).resolve()
    reports_dir = Path(reports_dir or paths.reports_dir()).resolve()
    config_path = Path(config_path or paths.REPORT_CONFIG)
    reports_dir.mkdir(parents=True, exist_ok=True)
    publish.remove_abandoned(reports_dir)
    if not os.environ.get("SOURCE_DATE_EPOCH"):  # embedded timestamps (PDF fonts) follow the commit
        os.environ["SOURCE_DATE_EPOCH"] = manifest.commit_epoch()

    from ..data.schema import load_package

    package = load_package(data_dir)
    overrides = {k: v for k, v in (overrides or {}).items() if v not in (None, "")}
    config = load_config(config_path, overrides)
    digests = manifest.input_digests(data_dir, config)
    if overrides:
        digests["overrides"] = json.dumps(overrides, sort_keys=True, default=str)
    commit, dirty = manifest.git_info()
    provenance = {"commit": commit, "dirty": str(dirty), "source_date_epoch": os.environ["SOURCE_DATE_EPOCH"]}
    version = manifest.report_version(package.version, digests, provenance)
    if overrides.get("sgbc_scope"):
        version = version.replace(package.version, f"{package.version}-{config.defaults['sgbc_scope']}", 1)
    if overrides.get("as_of"):
        version = version.replace(package.version, f"{package.version}-as-of-{config.defaults['as_of']}", 1)
    move_latest = not overrides  # a look back (or another scope) never replaces the current report
    target = reports_dir / version
    if (target / manifest.MANIFEST).exists():
        if move_latest:
            publish.point_latest(reports_dir, version)
        site.write_versions_index(reports_dir)
        seconds = time.perf_counter() - t_start
        echo(f"Up to date: reports/{version} already built from these inputs ({seconds:.1f} s).")
        return BuildResult(0, version, up_to_date=True, seconds=seconds)

    warm = _WarmParent(echo)  # now: its imports overlap what follows
    try:
        problems = _validate(data_dir, reports_dir / ".cache" / "valid", echo)
        if problems:
            for p in problems:
                echo(str(p))
            echo(f"{len(problems)} problem(s) in the data; nothing was built. Fix them and run make report.")
            return BuildResult(1, version)

        from ..analysis.stages import first_dates
        from ..data.dataset import load_dataset

        ds = load_dataset(data_dir)
        as_of = config.defaults.get("as_of") or package.cutoff.isoformat()
        if str(as_of) > package.cutoff.isoformat():
            echo(f"error: as_of {as_of} is after the data cut-off {package.cutoff.isoformat()}; nothing was built.")
            return BuildResult(1, version)
        firsts = first_dates(ds.events, as_of)
        confirmed = sorted(firsts.index[firsts["confirmation_decision"].notna()])
        names = site.person_names(data_dir)
        runs = expand(config, order_cases(confirmed, config.case_order), names)

        cache_root = reports_dir / ".cache"
        fonts.use_only_project_fonts(cache_root / "fonts")
        settings = RenderSettings(current_render_base(), fonts.digest(), cache_root / "html", cache_root / "pdf")
        tmp = publish.staging_dir(reports_dir, version)
        scratch, stage = tmp / "work", tmp / version
        stage.mkdir(parents=True)
        try:
            echo(f"Executing {len(runs)} notebook runs (up to {workers or os.cpu_count()} at a time):")
            cache = ExecutionCache(cache_root / "runs", data_dir)
            t_exec = time.perf_counter()
            phases = {"prepare_seconds": t_exec - t_start}
            results = execute_all(
                runs, cache, scratch, settings, workers=workers, echo=echo, before_pool=warm.for_runs, phases=phases
            )
            exec_seconds = time.perf_counter() - t_exec
            failed = [r for r in results if r.status == "failed"]
            if failed:
                _keep_failed(reports_dir, failed, echo)
                return BuildResult(1, version, executed=[r.run.name for r in results if r.status == "executed"])
            t_assemble = time.perf_counter()
            previous = publish.latest_version(reports_dir)
            info = assemble(
                stage,
                version,
                package,
                digests,
                runs,
                results,
                data_dir,
                config,
                as_of,
                previous,
                reports_dir,
                commit,
                dirty,
                settings,
            )
            assemble_seconds = time.perf_counter() - t_assemble
            result = BuildResult(
                0,
                version,
                executed=[r.run.name for r in results if r.status == "executed"],
                rendered=sorted(p for r in results for p in r.rendered),
                typeset=[r.run.name for r in results if r.typeset],
            )
            phases["assemble_seconds"] = assemble_seconds
            manifest.write_timings(stage, _timings(results, result, exec_seconds, assemble_seconds, phases))
            manifest.write_manifest(stage, info)
            if not publish.publish(stage, target):
                echo(f"reports/{version} already exists; leaving it untouched.")
            if move_latest:
                publish.point_latest(reports_dir, version)
            site.write_versions_index(reports_dir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        result.seconds = time.perf_counter() - t_start
        echo(
            f"Published reports/{version} ({len(result.executed)} executed, "
            f"{len(results) - len(result.executed)} cached; "
            f"{len(result.rendered)} page(s) rendered, {len(result.typeset)} PDF part(s) typeset; "
            f"{result.seconds:.1f} s total). Open "
            + (
                "reports/latest/index.html"
                if move_latest
                else f"reports/{version}/index.html (reports/latest unchanged)"
            )
        )
        return result

    finally:
        warm.close()


def _validate(data_dir: Path, cache: Path, echo) -> list:
    """Validate the data, unless these exact files already passed this exact validator."""
    from ..hashing import tree_digest

    key = digest(
        tree_digest(data_dir),
        tree_digest(paths.SRC / "justicegap" / "data"),
        tree_digest(paths.SRC / "justicegap", "*.py"),
    )
    marker = cache / key
    if marker.exists():
        echo(f"Data in {data_dir.name}/ already validated.")
        return []
    echo(f"Validating {data_dir.name}/ ...")
    from ..data.validate import validate

    problems = validate(data_dir, field_cache=cache / "fields")
    if not problems:
        cache.mkdir(parents=True, exist_ok=True)
        marker.touch()
    return problems


def _skip_iri_grammar() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` in the build's processes.

    nbformat (hence papermill and nbconvert) imports jsonschema, which imports rfc3987_syntax if
    it is installed (jupyterlab's dependencies install it) to check the "iri" string format; that
    import compiles a grammar, about 1.9 s in the main process and again in every worker (they
    are forked from it, so this covers them). Nothing in the build checks string formats (neither
    nbformat nor the project passes a format checker), so the import is skipped: jsonschema then
    simply has no "iri" checker. Does nothing once jsonschema is imported (e.g. under pytest)."""
    import sys

    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # None: "import rfc3987_syntax" raises ImportError


class _WarmParent:
    """The build's warm kernel parent, started as soon as the build knows it has work to do, so
    its imports overlap validation, loading the data and the cache look-ups. If no run turns out
    to need executing it is closed unused. On failure: plain kernels, said once in the log."""

    def __init__(self, echo):
        from . import kernels

        self.parent, self.used = None, False
        if os.environ.get(kernels.ENV_PLAIN):
            echo(f"  plain kernels ({kernels.ENV_PLAIN} is set)")
            return
        interpreter = kernels.kernel_interpreter(paths.KERNEL_NAME)
        if interpreter is None:
            echo("  warm kernels unavailable (the kernelspec is not a plain ipykernel); using plain kernels")
            return
        try:
            self.parent = kernels.take_spare(interpreter) or kernels.WarmParent.start(interpreter)
        except (OSError, RuntimeError) as exc:
            echo(f"  warm kernels unavailable ({exc}); using plain kernels")
            return
        os.environ[kernels.ENV_SOCKET] = str(self.parent.socket_path)
        self.echo = echo

    def for_runs(self, runs):
        """``execute_all``'s ``before_pool``. No run to execute: the parent is killed now, before it
        takes CPU from the renders. Else, when the pool is done, it is told to stop; the build
        waits for it to exit at its very end (:meth:`close`), not before assembling."""
        if not runs:
            self.close()
            return None
        if self.parent is None:
            return None
        self.used = True
        return types.SimpleNamespace(close=self.parent.stop)

    def close(self) -> None:
        from . import kernels

        if self.parent is None:
            return
        parent, self.parent = self.parent, None
        os.environ.pop(kernels.ENV_SOCKET, None)
        if not self.used:  # no run needed executing (or the build stopped before any did)
            parent.close(unused=True)
            return
        for line in parent.preload_failures():
            self.echo(f"  warm kernel parent could not preload {line}")
        parent.close()


def _keep_failed(reports_dir: Path, failed: list[Result], echo) -> None:
    failed_dir = reports_dir / "_failed"
    failed_dir.mkdir(exist_ok=True)
    for r in failed:
        kept = r.out_dir / "executed.ipynb"
        echo(f"FAILED {r.run.name}: {r.error}")
        if kept.exists():
            shutil.copy2(kept, failed_dir / f"{r.run.name}.ipynb")
            kept_at = (failed_dir / f"{r.run.name}.ipynb").relative_to(reports_dir.parent)
            echo(f"  executed notebook kept at {kept_at}")
        else:  # the kernel died before papermill could save anything
            echo("  no executed notebook to keep (the kernel stopped before any output was saved)")
    echo(
        f"{len(failed)} notebook(s) failed; nothing was published "
        "(reports/latest still points at the last good version)."
    )


def assemble(
    stage: Path,
    version: str,
    package,
    digests: dict,
    runs,
    results: list[Result],
    data_dir: Path,
    config: ReportConfig,
    as_of: str,
    previous: str | None,
    reports_dir: Path,
    commit: str,
    dirty: bool,
    settings: RenderSettings | None = None,
) -> dict:
    """Write every file of the version into ``stage``; return its manifest (without outputs)."""
    cutoff = package.cutoff.isoformat()
    names = site.person_names(data_dir)
    (stage / "notebooks").mkdir()
    shutil.copytree(data_dir, stage / changes.DATA_SNAPSHOT, ignore=shutil.ignore_patterns("staging", "*.md~", ".*"))
    fonts.copy_to(stage / fonts.FOLDER)
    metrics, findings, parts, headline = {}, {}, [], {}
    for r in results:
        name = r.run.name
        shutil.copy2(r.out_dir / "executed.ipynb", stage / "notebooks" / f"{name}.ipynb")
        for kind in ("figures", "tables"):
            if (r.out_dir / kind).exists():
                shutil.copytree(r.out_dir / kind, stage / kind / name)
        if (r.out_dir / "metrics.json").exists():
            metrics[name] = json.loads((r.out_dir / "metrics.json").read_text())
        if (r.out_dir / "findings.json").exists():
            findings[name] = json.loads((r.out_dir / "findings.json").read_text())
        if (r.out_dir / "headline.json").exists():
            headline.update(json.loads((r.out_dir / "headline.json").read_text()))
    page_header = site.header(version, cutoff, as_of, commit + (" (dirty)" if dirty else ""), runs)
    for r in results:
        for suffix, body_path in r.pages.items():
            body = body_path.read_text(encoding="utf-8")
            page = site.page(body, page_header, version, r.run.name, with_code=suffix == ".code.html")
            (stage / f"{r.run.name}{suffix}").write_text(page, encoding="utf-8")
        parts.append((r.run.title, r.pdf_part))
    # the headline figures under their stable keys (src/justicegap/headline.py) come first
    metrics = {"headline": dict(sorted(headline.items())), **metrics}
    (stage / "metrics.json").write_text(
        json.dumps(metrics, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    previous_dir = reports_dir / previous if previous else None
    index_values = dict(
        title=config.title,
        version=version,
        cutoff=cutoff,
        as_of=as_of,
        commit=commit + (" (with uncommitted changes)" if dirty else ""),
        findings=findings,
        runs=runs,
        changes=changes.metric_changes(metrics, changes.previous_metrics(previous_dir)),
        previous=previous,
        names=names,
        data_changes=changes.data_change_rows(changes.data_changes(previous_dir, data_dir, package.version)),
        accessed=site.sources_accessed(data_dir),
        changelog=(stage / changes.DATA_SNAPSHOT / "CHANGELOG.md").exists(),
        data_version=package.version,
        changelog_entry=site.changelog_entry(stage / changes.DATA_SNAPSHOT / "CHANGELOG.md", package.version),
    )
    body = site.index_body(**index_values)
    (stage / "index.html").write_text(site.index_page(config.title, page_header, body, version), encoding="utf-8")
    from .pages import write_data_dictionary

    write_data_dictionary(stage, data_dir, page_header, version)
    write_pdf(
        parts,
        site.index_body(**index_values, for_pdf=True),  # the cover: provenance, findings, what changed
        config.title,
        version,
        stage / "report.pdf",
        work_dir=stage.parent / "pdf-work",
        cache=settings.pdf_cache() if settings else None,
        anchors=[r.run.name for r in results],
    )
    return manifest.manifest(
        version, config.title, commit, dirty, package, digests, config.defaults, as_of, previous, runs
    )


def _timings(
    results: list[Result], result: BuildResult, exec_seconds: float, assemble_seconds: float, phases: dict
) -> dict:
    """What the build did and how long each part took. ``phases`` are wall-clock, in order: from the
    build's start to the runs (validation, loading the data, planning), the cache look-ups, the
    imports made once for the workers, the pool, and the assembly."""
    from . import daemon

    return {
        "served": daemon.IN_SERVER,  # built by the build server (see daemon.py), not in its own process
        "phases": {k: round(v, 2) for k, v in phases.items()},
        "execute_and_render_seconds": round(exec_seconds, 2),
        "assemble_and_pdf_seconds": round(assemble_seconds, 2),
        "render_and_assemble_seconds": round(assemble_seconds + sum(r.render_seconds for r in results) / 2, 2),
        "executed": result.executed,
        "rendered": result.rendered,
        "typeset": result.typeset,
        "notebooks": [
            {
                "name": r.run.name,
                "status": r.status,
                "seconds": round(r.seconds, 2),
                "kernel_start_seconds": round(r.kernel_seconds, 2),
                "render_seconds": round(r.render_seconds, 2),
                "pdf_part_seconds": round(r.pdf_seconds, 2),
            }
            for r in results
        ],
    }
