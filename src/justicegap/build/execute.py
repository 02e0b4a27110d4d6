"""Execute notebook runs with papermill and render them, in parallel, each only when its inputs changed.

One task per run that needs work, in a pool of worker processes: execute the notebook if its
execution key missed (in a kernel forked from the build's warm parent, see :mod:`.kernels`),
then render its two HTML editions and typeset its PDF part if their keys missed. Rendering in
the same worker, right after execution, overlaps it with the other workers' notebooks.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .. import paths
from ..hashing import sha256_file
from . import nbshape
from .cache import CACHE_FILE, ContentCache, ExecutionCache, pdf_part_key, render_key
from .config import Run

EXECUTION_TIMEOUT = 600  # seconds per cell
START_TIMEOUT = 120
EDITIONS = ((False, ".html"), (True, ".code.html"))  # (with code, file suffix)


@dataclasses.dataclass
class Result:
    run: Run
    status: str  # executed | cached | failed
    seconds: float
    out_dir: Path
    error: str = ""
    kernel_seconds: float = 0.0  # start-up of the kernel (first cell reached)
    pages: dict = dataclasses.field(default_factory=dict)  # suffix -> rendered page (placeholders unfilled)
    pdf_part: Path | None = None
    rendered: list[str] = dataclasses.field(default_factory=list)  # page files rendered by this build
    typeset: int = 0  # documents of the PDF part (sections) typeset by this build; 0: all cached
    render_seconds: float = 0.0
    notes: list[str] = dataclasses.field(default_factory=list)  # e.g. "plain kernel: ..." (build log)
    pdf_seconds: float = 0.0  # the part of render_seconds spent on the PDF part (WeasyPrint)


@dataclasses.dataclass(frozen=True)
class RenderSettings:
    base: str  # cache.render_base: render code, templates, versions
    fonts: str  # digest of the font files
    html_dir: Path
    pdf_dir: Path

    def pdf_cache(self) -> tuple[ContentCache, str, str]:
        """What :func:`.render.write_pdf` needs to cache its contents page and page numbers."""
        return ContentCache(self.pdf_dir, ".pdf"), self.base, self.fonts


# Kept importable from here (older callers): the notebook shaping lives in nbshape.py.
jupytext_to_notebook = nbshape.jupytext_to_notebook
normalise = nbshape.normalise


def _worker(run: Run, work: Path, data_dir: Path, figures: Path | None = None) -> tuple[str, float, str, float]:
    """Execute one notebook into ``work`` (in a pool process); ``figures``: the figure cache's folder."""
    import nbformat
    import papermill as pm

    from . import kernels

    os.environ[paths.ENV_DATA_DIR] = str(data_dir)
    os.environ[paths.ENV_OUT_DIR] = str(work)
    os.environ[nbshape.ENV_SRC] = str(paths.SRC)
    os.environ.setdefault("MPLBACKEND", "Agg")
    if figures is not None:
        from ..figures import cache as figure_cache

        os.environ[figure_cache.ENV] = str(figures)
    work.mkdir(parents=True, exist_ok=True)
    src_nb = work / "input.ipynb"
    nbformat.write(nbshape.jupytext_to_notebook(run.notebook), src_nb)
    out_nb = work / "executed.ipynb"
    extra = {"kernel_manager_class": kernels.WarmKernelManager}
    t0 = time.perf_counter()
    for attempt in (1, 2):
        try:
            pm.execute_notebook(
                str(src_nb),
                str(out_nb),
                parameters=run.parameters,
                kernel_name=paths.KERNEL_NAME,
                progress_bar=False,
                log_output=False,
                cwd=str(paths.NOTEBOOKS),
                start_timeout=START_TIMEOUT,
                execution_timeout=EXECUTION_TIMEOUT,
                shutdown_kernel="immediate",
                # papermill otherwise rewrites the whole notebook (figures included) before and
                # after every cell; it still writes it once at the end, and on a cell's error
                request_save_on_cell_execute=False,
                **extra,
            )
            status, error = "executed", ""
        except pm.PapermillExecutionError as exc:  # the notebook's own error: never retried
            status = "failed"
            error = (
                f"{_shown(run.notebook)}: cell {exc.cell_index + 1} "
                f"(execution count {exc.exec_count}): {exc.ename}: {exc.evalue}"
            )
        except Exception as exc:  # kernel died, timeout, missing kernel...: tried once more
            status, error = "failed", f"{_shown(run.notebook)}: {type(exc).__name__}: {exc}"
            if attempt == 1:
                out_nb.unlink(missing_ok=True)
                continue
            error += " (failed twice)"
        break
    seconds = time.perf_counter() - t0
    kernel_seconds = 0.0
    if out_nb.exists():
        nb = nbformat.read(out_nb, as_version=4)
        kernel_seconds = _kernel_start_seconds(nb, seconds)
        nbshape.normalise(nb)
        nbformat.write(nb, out_nb)
    src_nb.unlink(missing_ok=True)
    return status, seconds, error, kernel_seconds


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def _kernel_start_seconds(nb, total: float) -> float:
    """Kernel start-up: papermill's notebook start time to the first cell's start."""
    from datetime import datetime

    try:
        start = datetime.fromisoformat(nb.metadata["papermill"]["start_time"])
        first = nb.cells[0].metadata["papermill"]["start_time"]
        return max(0.0, (datetime.fromisoformat(first) - start).total_seconds())
    except (KeyError, TypeError, ValueError, IndexError):
        return 0.0


def _reads(work: Path) -> list[str]:
    from ..data.dataset import READS_FILE, TABLES

    path = work / READS_FILE
    return json.loads(path.read_text()) if path.exists() else sorted(TABLES)


def page_keys(run: Run, entry: Path, settings: RenderSettings) -> dict[str, str]:
    executed = sha256_file(entry / "executed.ipynb")
    return {suffix: render_key(settings.base, executed, run.title, code, run.name) for code, suffix in EDITIONS}


def part_key(page_key: str, settings: RenderSettings) -> str:
    """The key of a run's whole PDF part: its document is made from the reader's page (whose key
    covers the executed notebook, the run's name and title, and the render code) with the fonts;
    keyed so, a look-up need not read the page. Its sections are keyed by their content."""
    return pdf_part_key(settings.base, f"part of page {page_key}", settings.fonts)


def render_cached(run: Run, entry: Path, settings: RenderSettings) -> tuple[dict, Path | None] | None:
    """The run's pages and PDF part if every one of them is cached, else None."""
    html = ContentCache(settings.html_dir, ".html")
    pages = {}
    keys = page_keys(run, entry, settings)
    for suffix, key in keys.items():
        hit = html.get(key)
        if hit is None:
            return None
        pages[suffix] = hit
    part = ContentCache(settings.pdf_dir, ".pdf").get(part_key(keys[".html"], settings))
    return (pages, part) if part is not None else None


def _render(run: Run, entry: Path, settings: RenderSettings) -> tuple[dict, Path, list[str], int, float]:
    """Render the run's two editions and typeset its PDF part, each unless cached; the last item
    returned is the seconds spent on the PDF part."""
    from .render import part_documents, relink, render_notebook, typeset_part

    html = ContentCache(settings.html_dir, ".html")
    pages, rendered = {}, []
    keys = page_keys(run, entry, settings)
    for (code, suffix), key in zip(EDITIONS, keys.values()):
        hit = html.get(key)
        if hit is None:
            body = relink(render_notebook(entry / "executed.ipynb", run.title, code), run.name)
            hit = html.put_bytes(key, body.encode("utf-8"))
            rendered.append(f"{run.name}{suffix}")
        pages[suffix] = hit
    t0 = time.perf_counter()
    docs = part_documents(run.name, run.title, pages[".html"].read_text(encoding="utf-8"))
    part, typeset = typeset_part(
        docs,
        ContentCache(settings.pdf_dir, ".pdf"),
        lambda d: pdf_part_key(settings.base, d, settings.fonts),
        key=part_key(keys[".html"], settings),
    )
    return pages, part, rendered, typeset, time.perf_counter() - t0


def _task(run: Run, execute: bool, work: Path, data_dir: Path, cache_root: Path, settings: RenderSettings) -> Result:
    """One pool task: execute (if asked), store in the cache, render what is missing."""
    from . import kernels

    kernels.fallbacks.clear()
    cache = ExecutionCache(cache_root, data_dir)
    if execute:
        status, seconds, error, kernel_s = _worker(run, work, data_dir, Path(cache_root).parent / "figures")
        notes = list(kernels.fallbacks)
        if status != "executed":
            return Result(run, status, seconds, work, error, kernel_s, notes=notes)
        entry = cache.store(run, work, _reads(work), nbshape.read_modules(work))
    else:
        status, seconds, kernel_s, notes, entry = "cached", 0.0, 0.0, [], cache.dir(run)
    t0 = time.perf_counter()
    pages, part, rendered, typeset, pdf_s = _render(run, entry, settings)
    return Result(
        run,
        status,
        seconds,
        entry,
        kernel_seconds=kernel_s,
        pages=pages,
        pdf_part=part,
        rendered=rendered,
        typeset=typeset,
        render_seconds=time.perf_counter() - t0,
        notes=notes,
        pdf_seconds=pdf_s,
    )


def _preload(executing: bool) -> None:
    """What every worker imports, imported once here: the workers are forked from this process."""
    from . import render

    if executing:
        import jupytext  # noqa: F401 - nbshape reads the .py notebooks with it
        import papermill  # noqa: F401

        from . import kernels  # noqa: F401
    render.preload()


def execute_all(
    runs: list[Run],
    cache: ExecutionCache,
    scratch: Path,
    settings: RenderSettings,
    workers: int | None = None,
    echo=print,
    before_pool=None,
    phases: dict | None = None,
) -> list[Result]:
    """Execute and render the runs whose inputs changed, in parallel; one line per run.

    ``before_pool`` is called with the runs to execute (perhaps none) once the caches are looked
    up, before the workers start (e.g. to hand them the warm kernel parent, or let it go when
    nothing executes); it returns None or something with ``close()``, called when the pool is done.
    ``phases``, if given, receives the wall-clock seconds of the cache look-ups, of the imports made
    once for the workers (``preload``) and of the pool itself (for ``timings.json`` and ``make bench``)."""
    phases = {} if phases is None else phases
    t0 = time.perf_counter()
    workers = max(1, min(workers or os.cpu_count() or 1, len(runs) or 1))
    results: list[Result] = []
    tasks = []
    for run in runs:
        hit = cache.lookup(run)
        if hit is None:
            tasks.append((run, True))
            continue
        done = render_cached(run, hit, settings)
        if done is None:
            tasks.append((run, False))
        else:
            results.append(Result(run, "cached", 0.0, hit, pages=done[0], pdf_part=done[1]))
            echo(f"  {run.name:<56} cached")
    to_execute = [run for run, execute in tasks if execute]
    helper = before_pool(to_execute) if before_pool else None
    phases["lookup_seconds"] = time.perf_counter() - t0
    if not tasks:
        return results
    t0 = time.perf_counter()
    _preload(any(execute for _, execute in tasks))
    phases["preload_seconds"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
            futures = {
                pool.submit(_task, run, execute, scratch / run.name, cache.data_dir, cache.root, settings): run
                for run, execute in tasks
            }
            for fut in as_completed(futures):
                run = futures[fut]
                try:
                    result = fut.result()
                except Exception as exc:  # the worker process itself died
                    result = Result(run, "failed", 0.0, scratch / run.name, f"{type(exc).__name__}: {exc}")
                results.append(result)
                for note in result.notes:
                    echo(f"  {run.name}: {note}")
                done = f"{result.status:<8} {result.seconds:6.1f} s" if result.status != "cached" else "cached"
                if result.status != "failed" and (result.rendered or result.typeset):
                    part = {0: "", 1: ", PDF part"}.get(result.typeset, f", PDF part: {result.typeset} sections")
                    done += f"  (rendered {len(result.rendered)} page(s){part})"
                echo(f"  {run.name:<56} {done}")
    finally:
        if helper is not None:
            helper.close()
    phases["pool_seconds"] = time.perf_counter() - t0
    order = {r.name: i for i, r in enumerate(runs)}
    return sorted(results, key=lambda r: order[r.run.name])


__all__ = ["CACHE_FILE", "Result", "RenderSettings", "execute_all"]
