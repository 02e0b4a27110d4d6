"""Repository hygiene checks used by pre-commit and by tests/test_hygiene.py.

``python -m justicegap.hygiene notebooks [FILES]``: every notebook source is a jupytext
percent-format .py file with a ``parameters`` cell; no .ipynb (with outputs) is committed.
``python -m justicegap.hygiene large-files FILES``: no file over 2 MB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import paths

MAX_BYTES = 2 * 1024 * 1024


def notebook_problems(files: list[Path]) -> list[str]:
    import jupytext

    problems = []
    for path in files:
        path = Path(path)
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            dirty = [
                i
                for i, c in enumerate(nb.get("cells", []), 1)
                if c.get("cell_type") == "code" and (c.get("outputs") or c.get("execution_count"))
            ]
            problems.append(
                f"{path}: notebooks are committed as jupytext .py files, not .ipynb"
                + (f" (and cells {dirty[:5]} carry outputs)" if dirty else "")
            )
            continue
        if path.suffix != ".py":
            continue
        text = path.read_text(encoding="utf-8")
        if not text.lstrip().startswith("# %%"):
            problems.append(f"{path}: not in jupytext percent format (should start with a '# %%' cell)")
            continue
        nb = jupytext.reads(text, fmt="py:percent")
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        if len(tagged) != 1:
            problems.append(f"{path}: needs exactly one cell tagged 'parameters' (found {len(tagged)})")
        if jupytext.writes(nb, fmt="py:percent") != text:
            problems.append(
                f"{path}: not in canonical jupytext form (open and save it in Lab, or run "
                f"jupytext --to py:percent {path.name})"
            )
    return problems


def large_files(files: list[Path]) -> list[str]:
    return [
        f"{p}: {Path(p).stat().st_size // 1024} KB is over the {MAX_BYTES // 1024} KB limit"
        for p in files
        if Path(p).is_file() and Path(p).stat().st_size > MAX_BYTES
    ]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("notebooks", "large-files"):
        print(__doc__)
        return 2
    files = [Path(a) for a in argv[1:]]
    if argv[0] == "notebooks":
        files = files or sorted(paths.NOTEBOOKS.iterdir())
        problems = notebook_problems(files)
    else:
        problems = large_files(files)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
