"""Execute notebook runs with papermill, in parallel, each only when its inputs changed."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .. import paths
from .config import Run

EXECUTION_TIMEOUT = 600  # seconds per cell
START_TIMEOUT = 120


@dataclasses.dataclass
class Result:
    run: Run
    status: str  # executed | cached | failed
    seconds: float
    out_dir: Path
    error: str = ""
    kernel_seconds: float = 0.0  # start-up of the kernel (first cell reached)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_digest(root: Path, pattern: str = "**/*.py") -> str:
    h = hashlib.sha256()
    for path in sorted(Path(root).glob(pattern)):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def jupytext_to_notebook(source: Path):
    """Read a percent-format .py notebook; give cells stable ids so outputs are reproducible."""
    import jupytext

    nb = jupytext.read(source)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {"name": paths.KERNEL_NAME, "display_name": "Justice gap (.venv)", "language": "python"}
    return nb


def normalise(nb) -> None:
    """Remove what changes from run to run: timings, random ids, temporary paths."""
    pm = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": pm.get("parameters", {})}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)


def _worker(run: Run, work: Path, data_dir: Path) -> tuple[str, float, str, float]:
    """Runs in a pool process: execute one notebook into ``work``."""
    import nbformat
    import papermill as pm

    os.environ[paths.ENV_DATA_DIR] = str(data_dir)
    os.environ[paths.ENV_OUT_DIR] = str(work)
    os.environ.setdefault("MPLBACKEND", "Agg")
    work.mkdir(parents=True, exist_ok=True)
    src_nb = work / "input.ipynb"
    nbformat.write(jupytext_to_notebook(run.notebook), src_nb)
    out_nb = work / "executed.ipynb"
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
        normalise(nb)
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


class Cache:
    """Executed notebooks and their outputs, keyed by everything they depend on."""

    def __init__(self, root: Path, data_dir: Path):
        self.root = Path(root)
        self.data_dir = Path(data_dir)
        self._base = None

    def base_key(self) -> str:
        if self._base is None:
            lock = paths.LOCK_FILE.read_bytes() if paths.LOCK_FILE.exists() else b""
            self._base = sha256_bytes(
                b"|".join(
                    [
                        tree_digest(paths.SRC).encode(),
                        sha256_bytes(lock).encode(),
                        sha256_bytes((self.data_dir / "datapackage.json").read_bytes()).encode(),
                        paths.KERNEL_NAME.encode(),
                    ]
                )
            )
        return self._base

    def key(self, run: Run, reads: list[str]) -> str:
        from ..data.dataset import dependency_digest

        parts = [
            self.base_key(),
            sha256_bytes(run.notebook.read_bytes()),
            json.dumps(run.parameters, sort_keys=True, default=str),
        ]
        parts += [f"{k}={dependency_digest(self.data_dir, k)}" for k in sorted(reads)]
        return sha256_bytes("|".join(parts).encode())

    def dir(self, run: Run) -> Path:
        return self.root / run.name

    def lookup(self, run: Run) -> Path | None:
        entry = self.dir(run)
        meta = entry / "_cache.json"
        if not meta.exists():
            return None
        try:
            info = json.loads(meta.read_text())
            if info["key"] == self.key(run, info["reads"]):
                return entry
        except (KeyError, ValueError, FileNotFoundError):
            return None
        return None

    def store(self, run: Run, work: Path) -> Path:
        reads_file = work / "_reads.json"
        reads = (
            json.loads(reads_file.read_text())
            if reads_file.exists()
            else sorted(["persons", "events", "charges", "sentences", "crimes", "comparators", "sources", "gaps"])
        )
        entry = self.dir(run)
        if entry.exists():
            shutil.rmtree(entry)
        shutil.copytree(work, entry)
        (entry / "_cache.json").write_text(json.dumps({"key": self.key(run, reads), "reads": reads}))
        return entry


def execute_all(runs: list[Run], cache: Cache, scratch: Path, workers: int | None = None, echo=print) -> list[Result]:
    """Execute the runs whose inputs changed, in parallel; print one line per notebook."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(runs) or 1))
    results: list[Result] = []
    todo = []
    for run in runs:
        hit = cache.lookup(run)
        if hit is not None:
            results.append(Result(run, "cached", 0.0, hit))
            echo(f"  {run.name:<56} cached")
        else:
            todo.append(run)
    if not todo:
        return results
    with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
        futures = {pool.submit(_worker, run, scratch / run.name, cache.data_dir): run for run in todo}
        for fut in as_completed(futures):
            run = futures[fut]
            work = scratch / run.name
            try:
                status, seconds, error, kernel_s = fut.result()
            except Exception as exc:  # the worker process itself died
                status, seconds, error, kernel_s = "failed", 0.0, f"{type(exc).__name__}: {exc}", 0.0
            out = cache.store(run, work) if status == "executed" else work
            results.append(Result(run, status, seconds, out, error, kernel_s))
            echo(f"  {run.name:<56} {status:<8} {seconds:6.1f} s")
    order = {r.name: i for i, r in enumerate(runs)}
    return sorted(results, key=lambda r: order[r.run.name])
