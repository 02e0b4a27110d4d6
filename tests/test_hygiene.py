"""Repository hygiene: notebook sources, lock and conda file in step, README and CI entry points."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from justicegap import paths
from justicegap.hygiene import large_files, notebook_problems


def tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True)
    return out.stdout.split()


def test_committed_notebooks_are_clean_jupytext():
    assert notebook_problems(sorted(paths.NOTEBOOKS.glob("*.py"))) == []
    assert not [f for f in tracked() if f.endswith(".ipynb")]


def test_hygiene_check_catches_outputs_and_missing_parameters(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 3,
                "metadata": {},
                "source": "1+1",
                "outputs": [
                    {"output_type": "execute_result", "data": {"text/plain": "2"}, "metadata": {}, "execution_count": 3}
                ],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "x.ipynb").write_text(json.dumps(nb))
    (tmp_path / "y.py").write_text("# %%\nx = 1\n")
    problems = notebook_problems([tmp_path / "x.ipynb", tmp_path / "y.py"])
    assert any("x.ipynb" in p and "carry outputs" in p for p in problems)
    assert any("y.py" in p and "parameters" in p for p in problems)


def test_no_large_files_tracked():
    assert large_files([paths.ROOT / f for f in tracked()]) == []


def lock_versions() -> dict[str, str]:
    pins = {}
    for line in paths.LOCK_FILE.read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_environment_yml_matches_lock_and_requirements_in():
    env = (paths.ROOT / "environment.yml").read_text()
    pinned = dict(re.findall(r"^\s+- ([A-Za-z0-9_.-]+)==([^\s]+)$", env, flags=re.M))
    wanted = set()
    for line in (paths.ROOT / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            wanted.add(re.split(r"[<>=!~]", line)[0].strip().lower())
    assert set(pinned) == wanted
    lock = lock_versions()
    assert {k: v for k, v in pinned.items()} == {k: lock[k] for k in pinned}
    assert "python=3.11" in env


def test_lock_pins_everything_exactly():
    lines = [ln for ln in paths.LOCK_FILE.read_text().splitlines() if ln and not ln.startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[^\s=]+", ln) for ln in lines)
    assert lock_versions()["pandas"].startswith("2.")  # lifelines caps pandas below 3


def test_readme_opens_with_the_two_commands():
    head = "\n".join((paths.ROOT / "README.md").read_text().splitlines()[:8])
    assert "make report" in head and "make test" in head


def test_ci_runs_make_test_and_fails_on_no_tests():
    ci = (paths.ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and '"$status" -eq 5' in ci


def test_make_help_lists_targets():
    out = subprocess.run(["make", "-s", "help"], cwd=paths.ROOT, capture_output=True, text=True).stdout
    for target in ("report", "test", "validate", "lab", "bench", "clean"):
        assert re.search(rf"^\s+{target}\s", out, flags=re.M), target


def test_ruff_is_clean():
    out = subprocess.run(
        [str(paths.ROOT / ".venv" / "bin" / "ruff"), "check", "src", "tests"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout


def test_data_dictionary_is_current():
    from justicegap.data.dictionary import render

    assert (paths.ROOT / "docs" / "DATA_DICTIONARY.md").read_text() == render()


def test_metrics_doc_is_current():
    from justicegap.headline import markdown

    assert (paths.ROOT / "docs" / "METRICS.md").read_text() == markdown(), "run: make dictionary"


def test_the_venv_holds_exactly_the_lock():
    """However .venv was made (uv, or pip as the fallback), it holds the lock's packages at the
    lock's versions and nothing else (pip itself aside)."""
    import re
    import sys
    from importlib import metadata

    if Path(sys.prefix).resolve() != (paths.ROOT / ".venv").resolve():
        pytest.skip("not running in the project's .venv")

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    lock = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            lock[norm(name)] = version
    installed = {norm(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for tool in ("pip", "setuptools", "wheel"):
        installed.pop(tool, None)
    assert installed == lock
