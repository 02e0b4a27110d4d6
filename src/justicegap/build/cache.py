"""Cache keys that cover exactly what each cached thing depends on, and the caches that use them.

* An **executed notebook** (with its tables, figures, metrics) depends on: the notebook's source,
  its parameters, the parts of the data it read (recorded by the dataset as it ran), the project
  modules its kernel imported (recorded by the kernel as it ran), the lock file (every installed
  package), the schema, the interpreter and kernel, and the code that shapes the notebook's
  bytes (``nbshape.py``). Not on the rest of ``src/``: editing the bench or the publisher
  re-executes nothing.
* A **rendered page** depends on: the executed notebook, the page title and edition, the render
  code (``render.py``, ``fonts.py``), the templates, and the nbconvert and WeasyPrint versions
  (and the lock). A **PDF part** on the page it typesets and the same render inputs.

The key functions are pure; ``tests/test_cache_keys.py`` checks each input moves its key.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

from .. import paths
from ..hashing import digest, files_digest, sha256_file, tree_digest
from .config import Run

CACHE_FILE = "_cache.json"
RENDER_CODE = ("build/render.py", "build/fonts.py")  # relative to src/justicegap
RENDER_PACKAGES = ("nbconvert", "weasyprint", "pydyf", "pikepdf", "uharfbuzz", "jinja2", "pygments", "mistune")


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def execution_base(lock_digest: str, schema_digest: str, shaping_digest: str, kernel: str, python: str) -> str:
    """The part of every execution key that all runs share."""
    return digest("execution-1", lock_digest, schema_digest, shaping_digest, kernel, python)


def execution_key(
    base: str, notebook_digest: str, parameters: dict, read_digests: dict[str, str], modules_digest: str
) -> str:
    reads = [f"{k}={read_digests[k]}" for k in sorted(read_digests)]
    return digest(base, notebook_digest, json.dumps(parameters, sort_keys=True, default=str), *reads, modules_digest)


def render_base(render_code_digest: str, templates_digest: str, versions: dict[str, str], lock_digest: str) -> str:
    """The part of every render key that all pages share."""
    return digest("render-1", render_code_digest, templates_digest, json.dumps(versions, sort_keys=True), lock_digest)


def render_key(base: str, executed_digest: str, title: str, with_code: bool, name: str) -> str:
    return digest(base, executed_digest, title, str(with_code), name)


def pdf_part_key(base: str, document: str, fonts_digest: str) -> str:
    return digest(base, document, fonts_digest)


def current_render_base() -> str:
    pkg = paths.SRC / "justicegap"
    return render_base(
        files_digest(pkg, RENDER_CODE),
        tree_digest(paths.TEMPLATES),
        {p: package_version(p) for p in RENDER_PACKAGES},
        sha256_file(paths.LOCK_FILE),
    )


class ExecutionCache:
    """Executed runs, one folder each, keyed by what they recorded as their dependencies."""

    def __init__(self, root: Path, data_dir: Path):
        self.root = Path(root)
        self.data_dir = Path(data_dir)
        self._base = None
        self._reads: dict[str, str] = {}
        self._tables: dict = {}  # data tables read for the digests, once per build
        self._modules: dict[tuple, str] = {}

    def base(self) -> str:
        if self._base is None:
            self._base = execution_base(
                sha256_file(paths.LOCK_FILE),
                sha256_file(self.data_dir / "datapackage.json"),
                sha256_file(Path(__file__).with_name("nbshape.py")),
                paths.KERNEL_NAME,
                sys.version,
            )
        return self._base

    def _read_digest(self, key: str) -> str:
        if key not in self._reads:
            from ..data.dataset import dependency_digest

            self._reads[key] = dependency_digest(self.data_dir, key, self._tables)
        return self._reads[key]

    def _modules_digest(self, modules: list[str] | None) -> str:
        names = tuple(modules) if modules is not None else None
        if names not in self._modules:
            if names is None:  # nothing recorded: the whole package counts
                self._modules[names] = tree_digest(paths.SRC, "**/*.py")
            else:
                self._modules[names] = files_digest(paths.SRC, names)
        return self._modules[names]

    def key(self, run: Run, reads: list[str], modules: list[str] | None) -> str:
        return execution_key(
            self.base(),
            sha256_file(run.notebook),
            run.parameters,
            {k: self._read_digest(k) for k in reads},
            self._modules_digest(modules),
        )

    def dir(self, run: Run) -> Path:
        return self.root / run.name

    def lookup(self, run: Run) -> Path | None:
        entry = self.dir(run)
        try:
            info = json.loads((entry / CACHE_FILE).read_text())
            if info["key"] == self.key(run, info["reads"], info["modules"]):
                return entry
        except (KeyError, ValueError, OSError):
            return None
        return None

    def store(self, run: Run, work: Path, reads: list[str], modules: list[str] | None) -> Path:
        entry = self.dir(run)
        tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(work, tmp)
        info = {"key": self.key(run, reads, modules), "reads": reads, "modules": modules}
        (tmp / CACHE_FILE).write_text(json.dumps(info, indent=1) + "\n")
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
        return entry


class ContentCache:
    """Files stored under their key (rendered pages, PDF parts); written atomically."""

    def __init__(self, root: Path, suffix: str):
        self.root = Path(root)
        self.suffix = suffix

    def path(self, key: str) -> Path:
        return self.root / f"{key}{self.suffix}"

    def get(self, key: str) -> Path | None:
        path = self.path(key)
        return path if path.exists() else None

    def put_bytes(self, key: str, data: bytes) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return path
