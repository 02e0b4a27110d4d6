import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from justicegap import paths
from justicegap.build.pipeline import build

FIXTURE = Path(__file__).parent / "fixtures" / "small"
CUTOFF = dt.date(2025, 12, 31)


def make_fixture(target: Path, version: str = "fixture-1") -> Path:
    """The small hand-made dataset, with the project's real schema and crime taxonomy."""
    target.mkdir(parents=True, exist_ok=True)
    for path in FIXTURE.glob("*.csv"):
        shutil.copy(path, target / path.name)
    shutil.copy(paths.ROOT / "data" / "crimes.csv", target / "crimes.csv")
    package = json.loads((paths.ROOT / "data" / "datapackage.json").read_text())
    package["version"] = version
    package["cutoff"] = CUTOFF.isoformat()
    (target / "datapackage.json").write_text(json.dumps(package, indent=2) + "\n")
    return target


@pytest.fixture
def fixture_dir(tmp_path) -> Path:
    return make_fixture(tmp_path / "data")


@pytest.fixture
def ds(fixture_dir):
    from justicegap.data.dataset import Dataset
    from justicegap.data.schema import load_package

    return Dataset(fixture_dir, load_package(fixture_dir))


@pytest.fixture(autouse=True)
def _no_build_env(monkeypatch):
    for var in (paths.ENV_DATA_DIR, paths.ENV_OUT_DIR, "JUSTICEGAP_REPORTS_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("JUSTICEGAP_DAEMON", "0")  # no build server unless a test starts one
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")


class Log(list):
    def __call__(self, line):
        self.append(str(line))


def run_build(data_dir, reports_dir, config=None):
    log = Log()
    status = build(data_dir=data_dir, reports_dir=reports_dir, config_path=config, echo=log)
    return status, log


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full build of the fixture, shared by the tests (and the browser tests)."""
    root = tmp_path_factory.mktemp("build")
    data = make_fixture(root / "data")
    reports = root / "reports"
    status, log = run_build(data, reports)
    assert status == 0, "\n".join(log)
    return {"root": root, "data": data, "reports": reports, "log": log, "version": os.readlink(reports / "latest")}


def copy_project(dest: Path, data_version: str = "fixture-1") -> Path:
    """A second checkout of the project (its code, notebooks, config, lock) with the fixture as data/."""
    from justicegap.bench import copy_checkout

    copy_checkout(dest)
    shutil.rmtree(dest / "data")
    make_fixture(dest / "data", data_version)
    return dest


def build_checkout(project: Path, reports: Path) -> tuple[int, str, dict]:
    """``justicegap.cli report`` run from a checkout made by :func:`copy_project`, as a user would.

    Returns the exit status, the output and the new version's timings.json (what was redone)."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(project / "src"), "MPLBACKEND": "Agg"}
    for var in (paths.ENV_DATA_DIR, paths.ENV_OUT_DIR, "JUSTICEGAP_REPORTS_DIR"):
        env.pop(var, None)
    proc = subprocess.run(
        [sys.executable, "-m", "justicegap.cli", "report", "--reports-dir", str(reports)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    output = proc.stdout + proc.stderr
    timings = {}
    if proc.returncode == 0 and "Published" in output:
        timings = json.loads((reports / "latest" / "timings.json").read_text())
    return proc.returncode, output, timings
