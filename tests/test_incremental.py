"""The caches redo exactly what an edit affects, and the bytes depend on the inputs alone (slow).

Builds run as a user runs them (``python -m justicegap.cli report``) from copies of the project,
so the test can edit the code and templates without touching the working tree, and can build the
same inputs in two differently named checkouts.
"""

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from conftest import build_checkout, copy_project

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("incremental")]

CHAPTERS = [
    "00__overview",
    "01__charge_gap",
    "02__gender_crimes",
    "03__durations",
    "05__reparations",
    "06__sensitivity",
]
CASES = [f"04__case_profile__person_id_{p}" for p in ("acq", "par", "plea", "wdr", "xss")]
RUNS = CHAPTERS + CASES


def pages(*runs):
    return sorted(f"{r}{suffix}" for r in runs for suffix in (".html", ".code.html"))


def files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "timings.json"
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1))


def build(project, reports):
    status, output, timings = build_checkout(project, reports)
    assert status == 0, output
    return timings


def redone(timings):
    return sorted(timings["executed"]), timings["rendered"], sorted(timings["typeset"])


def test_each_kind_of_edit_redoes_exactly_what_depends_on_it(tmp_path):
    alpha = copy_project(tmp_path / "checkout-alpha")
    beta = copy_project(tmp_path / "second checkout")
    reports_a, reports_b = tmp_path / "reports-a", tmp_path / "reports-b"

    # the same inputs in two differently named folders: every file identical, no folder named
    first = build(alpha, reports_a)
    assert redone(first) == (sorted(RUNS), pages(*RUNS), sorted(RUNS))
    build(beta, reports_b)
    version = os.readlink(reports_a / "latest")
    assert os.readlink(reports_b / "latest") == version
    a, b = files(reports_a / version), files(reports_b / version)
    assert a == b
    for path in (reports_a / version).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for folder in (alpha, beta, tmp_path):
                assert str(folder).encode() not in data, f"{path.name} names the folder {folder}"
            assert b"file://" not in data, f"{path.name} links to the builder's disk"

    src = alpha / "src" / "justicegap"
    # a module no notebook imports: nothing executed, rendered or typeset (a new version all the same)
    edit(
        src / "bench.py",
        '"""',
        '"""Edited. ',
    )
    assert redone(build(alpha, reports_a)) == ([], [], [])
    # a module one notebook imports, without changing what it computes: that run only, no page redone
    edit(src / "analysis" / "sentences.py", "from __future__", "# an edit\nfrom __future__")
    assert redone(build(alpha, reports_a)) == (["01__charge_gap"], [], [])
    # one data row: the runs that read it, and the pages whose notebooks changed
    edit(
        alpha / "data" / "sentences.csv",
        "plea,sentence_review,2021-11-25,84",
        "plea,sentence_review,2021-11-25,72",
    )
    runs = ["01__charge_gap", "04__case_profile__person_id_plea"]
    assert redone(build(alpha, reports_a)) == (runs, pages(*runs), runs)
    # one notebook's text
    edit(alpha / "notebooks" / "03_durations.py", "# ## The longest waits", "# ## The longest waits so far")
    assert redone(build(alpha, reports_a)) == (["03__durations"], pages("03__durations"), ["03__durations"])
    # the render code: every page rendered and typeset again, nothing executed
    edit(src / "build" / "render.py", '"""Render', '"""(edited) Render')
    assert redone(build(alpha, reports_a)) == ([], pages(*RUNS), sorted(RUNS))
    # a template: the same, and every page shows the change
    edit(src / "build" / "templates" / "justicegap" / "report.css", "body {", ".jg-edited { color: red; }\nbody {")
    assert redone(build(alpha, reports_a)) == ([], pages(*RUNS), sorted(RUNS))
    latest = reports_a / os.readlink(reports_a / "latest")
    assert all(".jg-edited" in (latest / p).read_text() for p in pages(*RUNS))
    # nothing changed: nothing built
    status, output, _ = build_checkout(alpha, reports_a)
    assert status == 0 and "Up to date" in output

    # a fresh build of the edited inputs, in the other folder and without any cache, gives the
    # same bytes as the incremental one (its "what changed" compares with the same previous version)
    previous = latest.name
    shutil.rmtree(beta / "src")
    shutil.rmtree(beta / "notebooks")
    shutil.rmtree(beta / "data")
    for folder in ("src", "notebooks", "data"):
        shutil.copytree(alpha / folder, beta / folder, ignore=shutil.ignore_patterns("__pycache__"))
    manifest = (latest / "manifest.json").read_text()
    before = manifest.split('"previous_version": "')[1].split('"')[0]
    fresh = tmp_path / "reports-fresh"
    fresh.mkdir()
    shutil.copytree(reports_a / before, fresh / before)
    os.symlink(before, fresh / "latest")
    redo = build(beta, fresh)
    assert sorted(redo["executed"]) == sorted(RUNS)
    assert os.readlink(fresh / "latest") == previous
    assert files(fresh / previous) == files(latest)
