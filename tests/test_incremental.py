"""The caches redo exactly what an edit affects, and the bytes depend on the inputs alone (slow).

Builds run as a user runs them (``python -m justicegap.cli report``) from copies of the project,
so the test can edit the code and templates without touching the working tree, and can build the
same inputs in two differently named checkouts.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import build_checkout, copy_project

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("incremental")]


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


def recorded(reports: Path, dependency: str) -> list[str]:
    """The runs whose cache entry lists ``dependency`` among what they read or imported."""
    found = []
    for entry in (reports / ".cache" / "runs").glob("*/_cache.json"):
        info = json.loads(entry.read_text())
        if dependency in info["reads"] or dependency in (info["modules"] or []):
            found.append(entry.parent.name)
    return sorted(found)


def redone(timings):
    return sorted(timings["executed"]), timings["rendered"], sorted(timings["typeset"])


def test_each_kind_of_edit_redoes_exactly_what_depends_on_it(tmp_path):
    alpha = copy_project(tmp_path / "checkout-alpha")
    beta = copy_project(tmp_path / "second checkout")
    reports_a, reports_b = tmp_path / "reports-a", tmp_path / "reports-b"

    # the same inputs in two differently named folders: every file identical, no folder named
    first = build(alpha, reports_a)
    every_run = [n["name"] for n in first["notebooks"]]  # every run of report.yml, whatever they are
    assert {"01__charge_gap", "03__durations", "04__case_profile__person_id_plea"} <= set(every_run)
    assert redone(first) == (sorted(every_run), pages(*every_run), sorted(every_run))
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
    # a module some notebooks import, without changing what they compute: those runs, no page redone
    importers = recorded(reports_a, "justicegap/analysis/sentences.py")
    assert "01__charge_gap" in importers and len(importers) < len(every_run)
    edit(src / "analysis" / "sentences.py", "from __future__", "# an edit\nfrom __future__")
    assert redone(build(alpha, reports_a)) == (importers, [], [])
    # one data row: the runs that read it, and the pages whose notebooks changed
    readers = sorted(set(recorded(reports_a, "sentences")) | set(recorded(reports_a, "person=plea")))
    assert len(readers) < len(every_run)  # not every run reads the sentences
    edit(
        alpha / "data" / "sentences.csv",
        "plea,sentence_review,2021-11-25,84",
        "plea,sentence_review,2021-11-25,72",
    )
    executed, rendered, typeset = redone(build(alpha, reports_a))
    shown = ["01__charge_gap", "04__case_profile__person_id_plea"]  # both show this sentence
    assert executed == readers
    assert set(pages(*shown)) <= set(rendered) <= set(pages(*readers))
    assert set(shown) <= set(typeset) <= set(readers)
    # one notebook's text
    edit(alpha / "notebooks" / "03_durations.py", "# ## The longest waits", "# ## The longest waits so far")
    assert redone(build(alpha, reports_a)) == (["03__durations"], pages("03__durations"), ["03__durations"])
    # the render code: every page rendered and typeset again, nothing executed
    edit(src / "build" / "render.py", '"""Render', '"""(edited) Render')
    assert redone(build(alpha, reports_a)) == ([], pages(*every_run), sorted(every_run))
    # a template: the same, and every page shows the change
    edit(src / "build" / "templates" / "justicegap" / "report.css", "body {", ".jg-edited { color: red; }\nbody {")
    assert redone(build(alpha, reports_a)) == ([], pages(*every_run), sorted(every_run))
    latest = reports_a / os.readlink(reports_a / "latest")
    assert all(".jg-edited" in (latest / p).read_text() for p in pages(*every_run))
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
    assert sorted(redo["executed"]) == sorted(every_run)
    assert os.readlink(fresh / "latest") == previous
    assert files(fresh / previous) == files(latest)
