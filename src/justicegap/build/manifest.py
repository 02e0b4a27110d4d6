"""Provenance: what a version is built from (inputs, commit, packages), its name, and its manifest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .. import paths
from ..hashing import digest, sha256_file, tree_digest
from .cache import package_version
from .config import ReportConfig

TIMINGS = "timings.json"  # what this build did and how long it took: the one file that differs between builds
MANIFEST = "manifest.json"
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


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout.strip()


def git_info() -> tuple[str, bool]:
    """The commit the build runs at, and whether tracked files differ from it."""
    try:
        return _git("rev-parse", "--short=12", "HEAD"), bool(_git("status", "--porcelain", "--untracked-files=no"))
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown", False


def commit_epoch() -> str:
    """The commit's time: what embedded timestamps (PDF font subsets) follow."""
    try:
        return _git("log", "-1", "--format=%ct") or "0"
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "0"


def input_digests(data_dir: Path, config: ReportConfig) -> dict[str, str]:
    """sha256 of every input the report is made from."""
    out = {}
    for path in sorted(Path(data_dir).glob("*")):
        if path.is_file():
            out[f"data/{path.name}"] = sha256_file(path)
    for path in sorted(config.notebook_dir.glob("*.py")):
        out[f"notebooks/{path.name}"] = sha256_file(path)
    out["src/"] = tree_digest(paths.SRC)
    out[config.path.name] = sha256_file(config.path)
    if paths.LOCK_FILE.exists():
        out["requirements.lock"] = sha256_file(paths.LOCK_FILE)
    return out


def report_version(data_version: str, digests: dict[str, str], provenance: dict[str, str]) -> str:
    """``<data version>-<10 hex>`` over the inputs and what the pages state about their making
    (commit, timestamp epoch): one version name, one set of bytes."""
    h = digest(json.dumps(digests, sort_keys=True), json.dumps(provenance, sort_keys=True))[:10]
    return f"{data_version}-{h}"


def manifest(
    version: str,
    title: str,
    commit: str,
    dirty: bool,
    package,
    digests: dict,
    defaults: dict,
    as_of: str,
    previous: str | None,
    runs,
) -> dict:
    return {
        "version": version,
        "title": title,
        "git": {"commit": commit, "dirty": dirty},
        "data": {"version": package.version, "cutoff": package.cutoff.isoformat()},
        "inputs": digests,
        "parameters": {"defaults": defaults, "as_of": as_of},
        "previous_version": previous,
        "python": sys.version.split()[0],
        "packages": {p: package_version(p) for p in KEY_PACKAGES},
        "kernel": paths.KERNEL_NAME,
        "notebooks": [
            {
                "name": run.name,
                "notebook": f"notebooks/{run.notebook.name}",
                "parameters": run.parameters,
                "status": "ok",
                "executed_notebook": f"notebooks/{run.name}.ipynb",
            }
            for run in runs
        ],
        "timings": f"{TIMINGS} (what this build did and how long it took; the one file that differs between builds)",
    }


def write_manifest(stage: Path, info: dict) -> None:
    """The manifest, with the sha256 of every output file (all but itself and the timings)."""
    outputs = {}
    for path in sorted(stage.rglob("*")):
        if path.is_file() and path.name not in (MANIFEST, TIMINGS):
            outputs[str(path.relative_to(stage))] = sha256_file(path)
    info["outputs"] = outputs
    (stage / MANIFEST).write_text(json.dumps(info, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def write_timings(stage: Path, timings: dict) -> None:
    (stage / TIMINGS).write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
