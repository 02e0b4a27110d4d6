"""How a jupytext ``.py`` notebook becomes the ``.ipynb`` papermill runs, and how its result is kept.

Everything here shapes the bytes of an executed notebook, so the execution cache key includes
this file's digest (see :mod:`justicegap.build.cache`); the scheduler and the kernels do not.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import paths

MODULES_FILE = "_modules.json"  # the project modules a run's kernel imported, relative to src/
ENV_SRC = "JUSTICEGAP_SRC"
DEPENDENCY_TAG = "jg-dependencies"

# Run last in every kernel, then removed from the executed notebook: which project modules
# (files under src/) the kernel imported, directly or not. The execution cache key hashes them.
DEPENDENCY_CELL = f"""\
import json as _jg_json, os as _jg_os, sys as _jg_sys
_jg_src = _jg_os.path.realpath(_jg_os.environ["{ENV_SRC}"])
_jg_files = set()
for _jg_name, _jg_module in list(_jg_sys.modules.items()):
    _jg_file = getattr(_jg_module, "__file__", None)
    if _jg_name.split(".")[0] == "justicegap" and _jg_file:
        _jg_file = _jg_os.path.realpath(_jg_file)
        if _jg_file.startswith(_jg_src + _jg_os.sep):
            _jg_files.add(_jg_os.path.relpath(_jg_file, _jg_src))
with open(_jg_os.path.join(_jg_os.environ["{paths.ENV_OUT_DIR}"], "{MODULES_FILE}"), "w") as _jg_fh:
    _jg_json.dump(sorted(_jg_files), _jg_fh)
"""


def jupytext_to_notebook(source: Path, record_modules: bool = True):
    """Read a percent-format .py notebook; stable cell ids; the dependency cell appended."""
    import jupytext
    import nbformat

    nb = jupytext.read(source)
    if record_modules:
        nb.cells.append(nbformat.v4.new_code_cell(DEPENDENCY_CELL, metadata={"tags": [DEPENDENCY_TAG, "remove"]}))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {"name": paths.KERNEL_NAME, "display_name": "Justice gap (.venv)", "language": "python"}
    return nb


def normalise(nb) -> None:
    """Remove what changes from run to run (timings, random ids, temporary paths) and the dependency cell."""
    pm = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": pm.get("parameters", {})}
    nb.cells = [c for c in nb.cells if DEPENDENCY_TAG not in c.get("metadata", {}).get("tags", [])]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)


def read_modules(work: Path) -> list[str] | None:
    """The modules a run recorded, or None if it recorded nothing (then every module counts)."""
    path = Path(work) / MODULES_FILE
    return json.loads(path.read_text()) if path.exists() else None
