"""The executor's handling of failures, with papermill replaced by a stub (no kernel is started)."""

import shutil

import papermill as pm
import pytest

from justicegap.build.config import Run
from justicegap.build.execute import _worker


@pytest.fixture
def run(tmp_path):
    nb = tmp_path / "00_tiny.py"
    nb.write_text('# %% tags=["parameters"]\nas_of = None\n\n# %%\nx = 1\n')
    return Run(name="00__tiny", notebook=nb, title="t", kind="chapter", parameters={})


def stub(monkeypatch, outcomes):
    """papermill.execute_notebook that raises (or succeeds, copying input to output) in turn."""
    calls = []

    def execute_notebook(src, out, **kwargs):
        calls.append(out)
        outcome = outcomes[len(calls) - 1]
        if outcome is not None:
            raise outcome
        shutil.copy(src, out)

    monkeypatch.setattr(pm, "execute_notebook", execute_notebook)
    return calls


def test_a_kernel_that_fails_to_start_is_tried_once_more(monkeypatch, tmp_path, run):
    calls = stub(monkeypatch, [RuntimeError("Kernel died before replying to kernel_info"), None])
    status, _seconds, error, _kernel = _worker(run, tmp_path / "work", tmp_path)
    assert (status, error, len(calls)) == ("executed", "", 2)


def test_a_kernel_failing_twice_fails_and_says_so(monkeypatch, tmp_path, run):
    calls = stub(monkeypatch, [RuntimeError("dead"), TimeoutError("no reply")])
    status, _seconds, error, _kernel = _worker(run, tmp_path / "work", tmp_path)
    assert status == "failed" and len(calls) == 2
    assert error.endswith("TimeoutError: no reply (failed twice)")


def test_an_error_in_the_notebook_is_not_retried(monkeypatch, tmp_path, run):
    cell_error = pm.PapermillExecutionError(
        cell_index=2, exec_count=3, source="raise", ename="ValueError", evalue="bad", traceback=[]
    )
    calls = stub(monkeypatch, [cell_error, None])
    status, _seconds, error, _kernel = _worker(run, tmp_path / "work", tmp_path)
    assert status == "failed" and len(calls) == 1
    assert error.endswith("cell 3 (execution count 3): ValueError: bad")
