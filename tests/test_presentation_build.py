"""A figure that does not fit its canvas fails the build, naming the figure (slow: a small build)."""

import os
import shutil

import pytest
from conftest import run_build

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("build")]

NOTEBOOK = """# %% tags=["parameters"]
as_of = None

# %%
import matplotlib.pyplot as plt
from justicegap import notebook as nb
from justicegap.figures import style

fig, ax = plt.subplots(figsize=(4, 3))
ax.plot([1, 2], [1, 2], label="an entry placed past the right edge")
style.finish(fig, "A title", "n = 2 · as of 2025-12-31")
ax.legend(loc="upper left", bbox_to_anchor=(1.3, 1.0))  # after the layout: nothing makes room for it
nb.figure(fig, "legend_outside", "Line chart")
"""


def test_a_figure_whose_legend_leaves_its_canvas_fails_the_build_with_its_name(built, tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(built["reports"], reports, symlinks=True)
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    (nbdir / "00_chart.py").write_text(NOTEBOOK)
    config = tmp_path / "report.yml"
    config.write_text(f"title: t\nnotebook_dir: {nbdir}\nnotebooks:\n  - notebook: 00_chart.py\n")
    before = os.readlink(reports / "latest")
    status, log = run_build(built["data"], reports, config)
    assert status == 1
    failed = [line for line in log if line.startswith("FAILED")]
    assert len(failed) == 1 and "FigureDoesNotFit" in failed[0], log
    assert "figure legend_outside: its legend" in failed[0] and "leaves the canvas at the right" in failed[0]
    assert os.readlink(reports / "latest") == before
