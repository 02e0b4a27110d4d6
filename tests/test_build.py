"""End to end: build the report on the fixture data into temporary folders (slow)."""

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_build

from justicegap import paths

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("build")]


def files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_layout(built):
    out = built["reports"] / built["version"]
    names = {p.name for p in out.iterdir()}
    assert {
        "index.html",
        "report.pdf",
        "metrics.json",
        "manifest.json",
        "notebooks",
        "figures",
        "tables",
        "data",
        "00__overview.html",
        "00__overview.code.html",
        "01__charge_gap.html",
        "02__gender_crimes.html",
        "05__reparations.html",
        "06__sensitivity.html",
        "03__durations.html",
        "04__case_profile__person_id_par.html",
    } <= names
    # one case page per person whose case reached a confirmation decision: acq par plea wdr xss
    cases = sorted(p.name for p in out.glob("04__case_profile__*.html") if ".code." not in p.name)
    assert cases == [f"04__case_profile__person_id_{p}.html" for p in ("acq", "par", "plea", "wdr", "xss")]
    assert (out / "data" / "events.csv").read_bytes() == (built["data"] / "events.csv").read_bytes()
    assert (out / "tables" / "01__charge_gap" / "rates_charge.csv").exists()
    assert any((out / "figures" / "01__charge_gap").glob("*.png"))
    assert (built["reports"] / "index.html").exists()
    assert built["version"].startswith("fixture-1-")


def test_manifest_hashes_match_files(built):
    out = built["reports"] / built["version"]
    manifest = json.loads((out / "manifest.json").read_text())
    listed = manifest["outputs"]
    actual = files(out)
    actual.pop("manifest.json")
    actual.pop("timings.json")
    assert listed == actual
    assert manifest["version"] == built["version"]
    assert manifest["data"] == {"version": "fixture-1", "cutoff": "2025-12-31"}
    assert (
        manifest["inputs"]["data/events.csv"] == hashlib.sha256((built["data"] / "events.csv").read_bytes()).hexdigest()
    )
    assert manifest["kernel"] == paths.KERNEL_NAME
    assert {n["status"] for n in manifest["notebooks"]} == {"ok"}
    timings = json.loads((out / "timings.json").read_text())
    assert {n["status"] for n in timings["notebooks"]} == {"executed"}
    assert all(n["seconds"] > 0 for n in timings["notebooks"])
    phases = timings["phases"]  # make bench reads a build's critical path from these
    assert list(phases) == ["prepare_seconds", "lookup_seconds", "preload_seconds", "pool_seconds", "assemble_seconds"]
    assert all(v >= 0 for v in phases.values())
    assert phases["pool_seconds"] >= max(n["seconds"] for n in timings["notebooks"])
    assert manifest["packages"]["pandas"].startswith("2.")


def test_metrics_hold_the_hand_computed_figures(built):
    metrics = json.loads((built["reports"] / built["version"] / "metrics.json").read_text())
    gap = metrics["01__charge_gap"]
    # the same numbers as tests/test_analysis.py, worked out by hand from the fixture, on the counts of
    # documents containing the charges: 15 rows less the 4 warrant crimes of ded and fug = 11
    assert [gap[f"{s}_charge"]["value"] for s in ("charged", "confirmed", "tried", "convicted", "final")] == [
        11,
        10,
        8,
        6,
        4,
    ]
    # the headline figures under their stable keys, worked out by hand: 7 people sought (core); a
    # charge confirmed for acq, wdr, par, plea, xss; tried acq, par, plea, xss (all convicted);
    # final par, plea, xss (acq reversed); at large fug; died ded
    head = {k: v["value"] for k, v in metrics["headline"].items()}
    assert {
        k: head[k]
        for k in (
            "persons_sought",
            "persons_confirmed",
            "persons_tried",
            "persons_convicted_trial",
            "persons_convicted_final",
            "persons_at_large",
            "persons_died",
        )
    } == {
        "persons_sought": 7,
        "persons_confirmed": 5,
        "persons_tried": 4,
        "persons_convicted_trial": 4,
        "persons_convicted_final": 3,
        "persons_at_large": 1,
        "persons_died": 1,
    }
    # SGBC, narrow: charged acq, wdr, ded, fug, par; convicted at trial acq (reversed: none final);
    # par acquitted of rape but convicted of torture and persecution in the same judgment
    assert (
        head["sgbc_narrow_persons_charged"],
        head["sgbc_narrow_persons_convicted_trial"],
        head["sgbc_narrow_persons_final"],
    ) == (5, 1, 0)
    assert head["sgbc_narrow_acquitted_sgbc_convicted_other"] == 1
    assert metrics["headline"]["sgbc_narrow_acquitted_sgbc_convicted_other"]["n"] == 2
    from justicegap.headline import KEYS

    assert set(metrics["headline"]) <= set(KEYS)
    assert metrics["00__overview"]["persons"]["value"] == 7
    assert metrics["04__case_profile__person_id_par"]["convicted"]["value"] == 2


def test_index_has_findings_links_and_changes(built):
    index = (built["reports"] / built["version"] / "index.html").read_text()
    assert "Key findings" in index and "What changed since the previous version" in index
    assert "Of <strong>7</strong> people publicly sought" in index
    for target in ("01__charge_gap.html", "03__durations.html", "04__case_profile__person_id_acq.html", "report.pdf"):
        assert f"href='{target}'" in index or f'href="{target}"' in index


_PEOPLE_PARTS = {
    "final": r"(\d+)</strong> have a conviction that is final",
    "at_large": r"(\d+)</strong> are at large",
    "held": r"(\d+) held by a state",
    "before_court": r"(\d+) are before the Court, their case not yet final",
    "died": r"(\d+)</strong> died before any verdict",
    "lost": r"(\d+)</strong> left without a core-crime conviction",
}


def people_finding(index: str) -> tuple[int, dict]:
    """The People finding of an index page: the number sought, and each way of leaving the funnel."""
    sentence = re.search(r"Of <strong>(\d+)</strong> people publicly sought.*?As of", index, re.S)
    found = {k: re.search(p, sentence.group(0)) for k, p in _PEOPLE_PARTS.items()}
    return int(sentence.group(1)), {k: int(m.group(1)) for k, m in found.items() if m}


def test_people_finding_accounts_for_everyone_sought(built):
    # every person sought leaves the funnel in exactly one way, so the finding's parts add up
    sought, parts = people_finding((built["reports"] / built["version"] / "index.html").read_text())
    assert (sought, parts) == (7, {"final": 3, "at_large": 1, "died": 1, "lost": 2})


def test_second_build_is_a_noop(built):
    t0 = time.perf_counter()
    status, log = run_build(built["data"], built["reports"])
    assert status == 0 and "Up to date" in log[-1]
    assert time.perf_counter() - t0 < 5


def test_same_inputs_give_the_same_bytes(built, tmp_path):
    status, log = run_build(built["data"], tmp_path / "reports")
    assert status == 0, "\n".join(log)
    assert os.readlink(tmp_path / "reports" / "latest") == built["version"]
    a = files(tmp_path / "reports" / built["version"])
    b = files(built["reports"] / built["version"])
    assert a.pop("timings.json") and b.pop("timings.json")  # durations of each build, documented
    assert a == b


def test_text_that_looks_like_html_is_escaped(built):
    out = built["reports"] / built["version"]
    for page in out.glob("*.html"):
        text = page.read_text()
        assert "<script>alert(1)" not in text, page.name
        assert "<b>markup</b>" not in text, page.name
    profile = (out / "04__case_profile__person_id_xss.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in profile
    assert "<script" not in profile.lower()


def test_one_row_change_reexecutes_only_dependents(built, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(built["data"], data)
    reports = tmp_path / "reports"
    shutil.copytree(built["reports"], reports, symlinks=True)
    old = built["version"]
    # a sentence row is read by chapter 01 (sentences section) and that person's case profile only
    sentences = data / "sentences.csv"
    sentences.write_text(
        sentences.read_text().replace("plea,sentence_review,2021-11-25,84", "plea,sentence_review,2021-11-25,72")
    )
    status, log = run_build(data, reports)
    assert status == 0, "\n".join(log)
    executed = sorted(line.split()[0] for line in log if " executed " in line)
    assert executed == ["01__charge_gap", "04__case_profile__person_id_plea"]
    new = os.readlink(reports / "latest")
    assert new != old and (reports / old / "manifest.json").exists()
    # an event row of one person re-runs the chapters and that person's profile, not the others
    events = data / "events.csv"
    # the four trials last 5.3, 3.9, 0.1 and 3.1 (xss) years: median 3.5; opening xss's a year
    # earlier makes it 4.1 and the median 4.0
    events.write_text(events.read_text().replace("xss,trial_opening,2009-01-26", "xss,trial_opening,2008-01-26"))
    status, log = run_build(data, reports)
    assert status == 0, "\n".join(log)
    executed = sorted(line.split()[0] for line in log if " executed " in line)
    assert executed == [
        "00__overview",
        "01__charge_gap",
        "02__gender_crimes",
        "03__durations",
        "04__case_profile__person_id_xss",
        "05__reparations",
        "06__sensitivity",
    ]
    index = (reports / "latest" / "index.html").read_text()
    assert "Compared with" in index and "03__durations/median_trial_years_ended" in index
    # and the rows behind it: the one edited event, named by its key, with the field that changed
    assert "<td>events</td><td></td><td></td><td>xss/trial_opening (date)</td>" in index
    first = (reports / new / "index.html").read_text()
    assert "None of the figures recorded in" in first
    assert "<td>sentences</td><td></td><td></td><td>plea/sentence_review/2021-11-25 (imprisonment_months)</td>" in first


def test_invalid_data_stops_before_any_notebook(built, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(built["data"], data)
    (data / "persons.csv").write_text((data / "persons.csv").read_text().replace("darfur,core", "atlantis,core"))
    reports = tmp_path / "reports"
    before = _children()
    status, log = run_build(data, reports)
    assert status == 1
    assert any("persons.csv:4: situation: 'atlantis' must be one of" in line for line in log)
    assert "nothing was built" in log[-1]
    assert not (reports / ".cache").exists() and not (reports / "latest").exists()
    # the warm kernel parent, started before validation so its imports overlap it, is gone
    assert _children() == before


def _children() -> set[int]:
    """Processes whose parent is this one (zombies included: a child not waited for shows)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            out.add(int(stat.parent.name))
    return out


def test_failing_notebook_is_kept_and_nothing_published(built, tmp_path):
    import shutil

    reports = tmp_path / "reports"
    shutil.copytree(built["reports"], reports, symlinks=True)
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    (nbdir / "00_ok.py").write_text('# %% tags=["parameters"]\nas_of = None\n\n# %%\nx = 1\n')
    (nbdir / "01_broken.py").write_text(
        "# %% tags=[\"parameters\"]\nas_of = None\n\n# %%\ny = 2\n\n# %%\nraise ValueError('deliberate failure')\n"
    )
    config = tmp_path / "report.yml"
    config.write_text(
        f"title: t\nnotebook_dir: {nbdir}\nnotebooks:\n  - notebook: 00_ok.py\n  - notebook: 01_broken.py\n"
    )
    before = os.readlink(reports / "latest")
    status, log = run_build(built["data"], reports, config)
    assert status == 1
    failed = [line for line in log if line.startswith("FAILED")]
    assert len(failed) == 1 and "01__broken" in failed[0] and "cell 3" in failed[0]
    assert "ValueError: deliberate failure" in failed[0]
    kept = reports / "_failed" / "01__broken.ipynb"
    assert kept.exists() and "deliberate failure" in kept.read_text()
    assert os.readlink(reports / "latest") == before
    assert sorted(p.name for p in reports.iterdir() if p.name.startswith("fixture")) == [before]


def test_killed_build_leaves_previous_version_intact(built, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(built["data"], data)
    (data / "events.csv").write_text((data / "events.csv").read_text().replace("2020-07-14", "2020-07-16"))
    reports = tmp_path / "reports"
    shutil.copytree(built["reports"], reports, symlinks=True)
    before = os.readlink(reports / "latest")
    versions = sorted(p.name for p in reports.iterdir() if p.is_dir() and not p.name.startswith("."))
    proc = subprocess.Popen(
        [sys.executable, "-m", "justicegap.cli", "report", "--data-dir", str(data), "--reports-dir", str(reports)],
        cwd=paths.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not any(reports.glob(".tmp-*/work/*")):
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert os.readlink(reports / "latest") == before
    assert sorted(p.name for p in reports.iterdir() if p.is_dir() and not p.name.startswith(".")) == versions
    # the next build cleans up after the killed one and publishes
    status, log = run_build(data, reports)
    assert status == 0, "\n".join(log)
    assert not list(reports.glob(".tmp-*"))


def test_time_travel_builds_its_own_version_and_leaves_latest(built, tmp_path):
    import shutil

    from justicegap.build.publish import build

    reports = tmp_path / "reports"
    shutil.copytree(built["reports"], reports, symlinks=True)
    before = os.readlink(reports / "latest")
    log = []
    status = build(
        data_dir=built["data"],
        reports_dir=reports,
        echo=log.append,
        overrides={"as_of": "2016-06-01", "sgbc_scope": None},
    )
    assert status == 0, "\n".join(log)
    assert os.readlink(reports / "latest") == before  # a look back never replaces the current report
    (version,) = [p.name for p in reports.iterdir() if "-as-of-2016-06-01-" in p.name]
    assert f"reports/{version}/index.html (reports/latest unchanged)" in log[-1]
    manifest = json.loads((reports / version / "manifest.json").read_text())
    assert manifest["parameters"]["as_of"] == "2016-06-01"
    head = json.loads((reports / version / "metrics.json").read_text())["headline"]
    # on 2016-06-01: par not yet sought; xss final (appeal 2014); acq convicted, appeal pending; plea not judged
    assert head["persons_sought"]["value"] == 6
    assert (head["persons_convicted_trial"]["value"], head["persons_convicted_final"]["value"]) == (2, 1)
    # acq (appeal pending) and plea (not judged) are still before the Court; the People finding says so
    sought, parts = people_finding((reports / version / "index.html").read_text())
    assert sought == 6 and parts["before_court"] == 2 and sum(parts.values()) == 6
    assert (
        "2 are before the Court, their case not yet final (1 convicted at trial, appeal pending; 1 "
        in (reports / version / "index.html").read_text()
    )
    # a date after the cut-off: one clear line, nothing built
    log = []
    assert build(data_dir=built["data"], reports_dir=reports, echo=log.append, overrides={"as_of": "2030-01-01"}) == 1
    assert "after the data cut-off" in log[-1]


def test_pages_agree_on_every_number_they_share(built):
    """One fact, one function: the index, the chapters and the case pages give the same numbers."""
    import csv
    import re

    out = built["reports"] / built["version"]
    metrics = json.loads((out / "metrics.json").read_text())
    head = {k: v["value"] for k, v in metrics["headline"].items()}
    # the people at large: the headline (chapter 1), the durations chapter and its table
    assert head["persons_at_large"] == metrics["03__durations"]["fugitives"]["value"]
    with open(out / "tables" / "03__durations" / "at_large.csv", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == head["persons_at_large"]
    # statuses: the overview's list and each case page say the same thing
    with open(out / "tables" / "00__overview" / "persons.csv", encoding="utf-8") as fh:
        listed = {r["Name"]: r["Status on as-of date"] for r in csv.DictReader(fh)}
    final = sum(1 for s in listed.values() if s == "Convicted; conviction final")
    assert final == head["persons_convicted_final"]  # (the fixture has no Article 70 case)
    for page in out.glob("04__case_profile__person_id_*.html"):
        text = re.sub(r"<[^>]+>", "", page.read_text())
        name = next(n for n in listed if n.replace("<", "&lt;").replace(">", "&gt;") in text or n in text)
        assert f": {listed[name]}" in text.replace("\n", " "), page.name
    # the person funnel table of chapter 1 and the headline
    with open(out / "tables" / "01__charge_gap" / "person_funnel.csv", encoding="utf-8") as fh:
        steps = [int(r["People"]) for r in csv.DictReader(fh)]
    assert steps == [
        head[k]
        for k in (
            "persons_sought",
            "persons_confirmed",
            "persons_tried",
            "persons_convicted_trial",
            "persons_convicted_final",
        )
    ]


def test_reparations_show_on_the_chapter_and_on_the_case_page(built):
    out = built["reports"] / built["version"]
    head = json.loads((out / "metrics.json").read_text())["headline"]
    # final convictions: par, plea, xss; only xss has an order (2015-03-03, after its appeal of 2014-12-01)
    assert head["reparations_persons_with_order"]["value"] == 1 and head["reparations_persons_with_order"]["n"] == 3
    page = (out / "04__case_profile__person_id_xss.html").read_text()
    assert "Reparations order" in page and "10,000,000 USD" in page
    chapter = (out / "05__reparations.html").read_text()
    # acq's case ended in an acquittal on appeal: its 5,229 victims are those for whom no order can come
    assert "5,229" in chapter and "no conviction: no order can come" in chapter
    assert (
        "No conviction stands, so no reparations order can be made."
        in (out / "04__case_profile__person_id_acq.html").read_text()
    )


def test_the_judgment_by_judgment_comparison_is_the_same_on_every_page(built):
    """One fact, one function: the SGBC chapter, the index and the appendix give the same
    judgment-by-judgment sentence, and its judgment count is the per-judgment table's rows with a
    difference."""
    import csv
    import re

    out = built["reports"] / built["version"]

    def lead(page: str) -> str:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (out / page).read_text(encoding="utf-8")))
        found = re.search(r"Judgment by judgment: of the (\d+) trial judgments? .*?pairs for other crimes\.", text)
        assert found, page
        return found.group(0)

    sentences = {page: lead(page) for page in ("index.html", "02__gender_crimes.html", "06__sensitivity.html")}
    assert len(set(sentences.values())) == 1, sentences
    k = int(re.match(r"Judgment by judgment: of the (\d+)", sentences["index.html"]).group(1))
    with open(out / "tables" / "06__sensitivity" / "per_trial.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sum(1 for r in rows if r["Difference (points)"] != "") == k and k >= 1


def test_the_build_does_not_compile_jsonschemas_iri_grammar():
    """nbformat imports jsonschema, which imports rfc3987_syntax when it is installed (it is, for
    jupyterlab) and so compiles a grammar: ~2 s in every build process. The build skips it."""
    probe = (
        "import sys\n{skip}"
        "import nbformat\n"
        "nbformat.validate(nbformat.v4.new_notebook())\n"
        "print(sys.modules.get('rfc3987_syntax') is not None)\n"
    )
    skip = "from justicegap.build.pipeline import _skip_iri_grammar\n_skip_iri_grammar()\n"
    plain = subprocess.run([sys.executable, "-c", probe.format(skip="")], capture_output=True, text=True, check=True)
    built = subprocess.run([sys.executable, "-c", probe.format(skip=skip)], capture_output=True, text=True, check=True)
    assert plain.stdout.strip() == "True"  # installed, and imported by jsonschema
    assert built.stdout.strip() == "False"  # skipped; nbformat still validates


def test_reparations_figures_are_recorded_for_what_changed(built):
    rep = json.loads((built["reports"] / built["version"] / "metrics.json").read_text())["05__reparations"]
    # fixture: final convictions par, plea, xss; only xss has an order (2015-03-03, with its amount),
    # its conviction final 2014-12-01 (92 days: 0.25 years) and judged 2012-03-14 (1084 days: 2.97)
    assert rep["reparations_median_years_trial_to_order"]["value"] == 2.97
    assert rep["reparations_median_years_final_to_order"]["value"] == 0.25
    assert rep["reparations_median_years_final_to_order_after_final"]["value"] == 0.25
    assert rep["reparations_median_years_final_to_amount"]["value"] == 0.25
    assert rep["reparations_persons_waiting"]["value"] == 2  # par and plea
