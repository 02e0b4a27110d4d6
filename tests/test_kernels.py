"""Kernels forked from the warm parent: same bytes as a plain kernel, no state shared between runs (slow)."""

import hashlib
import os
from pathlib import Path

import pytest

from justicegap import paths
from justicegap.build import kernels
from justicegap.build.config import Run
from justicegap.build.execute import _worker

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("kernels")]


@pytest.fixture(autouse=True)
def _restore_env(monkeypatch):
    """The executor sets these in its (pool) process; here that is pytest's: put them back after."""
    from justicegap.build import nbshape

    for var in (paths.ENV_DATA_DIR, paths.ENV_OUT_DIR, nbshape.ENV_SRC, kernels.ENV_SOCKET):
        monkeypatch.setenv(var, "unset-by-test")
        monkeypatch.delenv(var)


@pytest.fixture(scope="module")
def warm():
    parent = kernels.WarmParent.start(kernels.kernel_interpreter(paths.KERNEL_NAME))
    yield parent
    parent.close()


def outputs(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def execute(run, work, data_dir, socket=None):
    if socket:
        os.environ[kernels.ENV_SOCKET] = str(socket)
    try:
        kernels.fallbacks.clear()
        status, _seconds, error, _kernel = _worker(run, work, data_dir)
    finally:
        os.environ.pop(kernels.ENV_SOCKET, None)
    assert status == "executed", error
    return list(kernels.fallbacks)


@pytest.mark.parametrize(
    "notebook,parameters",
    [("01_charge_gap.py", {}), ("04_case_profile.py", {"person_id": "par"})],
)
def test_a_forked_kernel_gives_the_bytes_of_a_plain_one(warm, fixture_dir, tmp_path, notebook, parameters):
    run = Run(name="run", notebook=paths.NOTEBOOKS / notebook, title="t", kind="chapter", parameters=parameters)
    assert execute(run, tmp_path / "plain", fixture_dir) == []
    assert execute(run, tmp_path / "warm", fixture_dir, warm.socket_path) == []
    plain, forked = outputs(tmp_path / "plain"), outputs(tmp_path / "warm")
    assert "executed.ipynb" in plain and any(name.startswith("tables/") for name in plain)
    assert plain == forked


def test_each_forked_kernel_starts_clean(warm, tmp_path, fixture_dir):
    """A run that changes module state and defines names leaves nothing for the next run."""
    dirty = tmp_path / "00_dirty.py"
    dirty.write_text(
        '# %% tags=["parameters"]\nas_of = None\n\n# %%\n'
        "import pandas as pd\nimport matplotlib\npd.set_option('display.max_rows', 3)\n"
        "matplotlib.rcParams['lines.linewidth'] = 9\nleftover = 1\n"
    )
    check = tmp_path / "01_check.py"
    check.write_text(
        '# %% tags=["parameters"]\nas_of = None\n\n# %%\n'
        "import pandas as pd\nimport matplotlib\n"
        "assert 'leftover' not in globals()\n"
        "assert pd.get_option('display.max_rows') == 60, pd.get_option('display.max_rows')\n"
        "assert matplotlib.rcParams['lines.linewidth'] == 1.5\n"
    )
    for nb in (dirty, check, dirty, check):
        run = Run(name=nb.stem, notebook=nb, title="t", kind="chapter", parameters={})
        assert execute(run, tmp_path / nb.stem, fixture_dir, warm.socket_path) == []


def test_no_warm_parent_means_a_plain_kernel_and_a_line_saying_so(tmp_path, fixture_dir):
    nb = tmp_path / "00_tiny.py"
    nb.write_text('# %% tags=["parameters"]\nas_of = None\n\n# %%\nx = 1\n')
    run = Run(name="tiny", notebook=nb, title="t", kind="chapter", parameters={})
    notes = execute(run, tmp_path / "work", fixture_dir, tmp_path / "no-such.sock")
    assert len(notes) == 1 and notes[0].startswith("plain kernel: the warm parent did not give a kernel")
    assert (tmp_path / "work" / "executed.ipynb").exists()


def test_build_kernels_write_no_ipython_history_and_still_see_their_own(warm, tmp_path, fixture_dir, monkeypatch):
    """Neither a forked nor a plain kernel opens the IPython history database (the user's
    ~/.ipython, here a folder of the test's); the in-memory history a notebook sees still works."""
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    nb = tmp_path / "00_history.py"
    nb.write_text(
        '# %% tags=["parameters"]\nas_of = None\n\n# %%\nx = 41\n\n# %%\n'
        "assert 'x = 41' in _ih[-2], _ih\nassert get_ipython().history_manager.enabled is False\n"
    )
    for socket in (warm.socket_path, None):
        run = Run(name="history", notebook=nb, title="t", kind="chapter", parameters={})
        assert execute(run, tmp_path / f"work-{bool(socket)}", fixture_dir, socket) == []
    assert not list((tmp_path / "ipython").rglob("history.sqlite"))
