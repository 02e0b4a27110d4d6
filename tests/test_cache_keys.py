"""The pure pieces of the build: cache keys, change detection, titles, versions (fast, no kernel)."""

import json

import pytest

from justicegap import paths
from justicegap.build import cache, changes, config, manifest, site
from justicegap.build.config import ConfigError, Run
from justicegap.hashing import digest, files_digest, tree_digest

BASE = dict(lock_digest="l", schema_digest="s", shaping_digest="n", kernel="k", python="3.11")
KEY = dict(notebook_digest="nb", parameters={"a": 1, "b": "x"}, read_digests={"events": "e1"}, modules_digest="m")


def exec_key(**changes_):
    base = cache.execution_base(**{k: changes_.pop(k, v) for k, v in BASE.items()})
    return cache.execution_key(base, **{**KEY, **changes_})


@pytest.mark.parametrize(
    "change",
    [
        {"lock_digest": "l2"},
        {"schema_digest": "s2"},
        {"shaping_digest": "n2"},
        {"kernel": "other"},
        {"python": "3.12"},
        {"notebook_digest": "nb2"},
        {"parameters": {"a": 2, "b": "x"}},
        {"read_digests": {"events": "e2"}},
        {"read_digests": {"events": "e1", "sentences": "s"}},
        {"modules_digest": "m2"},
    ],
)
def test_every_input_of_a_run_moves_its_execution_key(change):
    assert exec_key() == exec_key()
    assert exec_key(**change) != exec_key()


def test_parameter_order_does_not_matter():
    assert exec_key(parameters={"b": "x", "a": 1}) == exec_key()


RBASE = dict(
    render_code_digest="r", templates_digest="t", versions={"nbconvert": "7", "weasyprint": "70"}, lock_digest="l"
)


def page_key(executed="x", title="T", with_code=False, name="n", **base):
    return cache.render_key(cache.render_base(**{**RBASE, **base}), executed, title, with_code, name)


@pytest.mark.parametrize(
    "change",
    [
        {"executed": "y"},
        {"title": "U"},
        {"with_code": True},
        {"name": "m"},
        {"render_code_digest": "r2"},
        {"templates_digest": "t2"},
        {"versions": {"nbconvert": "8", "weasyprint": "70"}},
        {"versions": {"nbconvert": "7", "weasyprint": "71"}},
        {"lock_digest": "l2"},
    ],
)
def test_every_input_of_a_page_moves_its_render_key(change):
    assert page_key(**change) != page_key()


def test_render_key_covers_render_py_and_templates_but_not_the_publisher():
    assert "build/render.py" in cache.RENDER_CODE and "build/fonts.py" in cache.RENDER_CODE
    assert not any("publish" in f or "pipeline" in f or "site" in f for f in cache.RENDER_CODE)
    assert cache.current_render_base() == cache.current_render_base()


def test_pdf_part_key_follows_document_and_fonts():
    assert cache.pdf_part_key("b", "<p>x</p>", "f") != cache.pdf_part_key("b", "<p>y</p>", "f")
    assert cache.pdf_part_key("b", "<p>x</p>", "f") != cache.pdf_part_key("b", "<p>x</p>", "g")


def test_digest_is_length_prefixed():
    assert digest("ab", "c") != digest("a", "bc")


def test_files_digest_counts_missing_files_and_ignores_others(tmp_path):
    (tmp_path / "a.py").write_text("a")
    (tmp_path / "b.py").write_text("b")
    before = files_digest(tmp_path, ["a.py"])
    (tmp_path / "b.py").write_text("B")
    assert files_digest(tmp_path, ["a.py"]) == before
    assert files_digest(tmp_path, ["a.py", "gone.py"]) != before
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"x")
    whole = tree_digest(tmp_path)
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"y")
    assert tree_digest(tmp_path) == whole


def test_an_edit_to_a_module_a_run_did_not_import_keeps_it_cached(tmp_path, monkeypatch, fixture_dir):
    src = tmp_path / "src"
    (src / "justicegap").mkdir(parents=True)
    for name in ("used.py", "unused.py"):
        (src / "justicegap" / name).write_text("x = 1\n")
    monkeypatch.setattr(paths, "SRC", src)
    nb = tmp_path / "00_nb.py"
    nb.write_text("x = 1\n")
    run = Run(name="00__nb", notebook=nb, title="t", kind="chapter", parameters={})
    work = tmp_path / "work"
    work.mkdir()
    (work / "executed.ipynb").write_text("{}")

    def fresh():
        return cache.ExecutionCache(tmp_path / "cache", fixture_dir)

    fresh().store(run, work, ["events"], ["justicegap/used.py"])
    assert json.loads((tmp_path / "cache" / "00__nb" / cache.CACHE_FILE).read_text())["modules"] == [
        "justicegap/used.py"
    ]
    assert fresh().lookup(run) is not None
    (src / "justicegap" / "unused.py").write_text("x = 2\n")
    assert fresh().lookup(run) is not None
    (src / "justicegap" / "used.py").write_text("x = 2\n")
    assert fresh().lookup(run) is None
    fresh().store(run, work, ["events"], ["justicegap/used.py"])
    assert fresh().lookup(run) is not None
    events = fixture_dir / "events.csv"
    events.write_text(events.read_text() + "\n")  # a data file the run read
    assert fresh().lookup(run) is None


def test_metric_changes_lists_moved_added_and_removed_figures():
    before = {"01": {"a": {"value": 1, "label": "A"}, "gone": {"value": 3, "label": "G"}}}
    after = {"01": {"a": {"value": 2, "label": "A"}, "new": {"value": 5, "label": "N"}}}
    rows = changes.metric_changes(after, before)
    assert [(r["metric"], r["before"], r["after"]) for r in rows] == [
        ("01/a", 1, 2),
        ("01/gone", 3, None),
        ("01/new", None, 5),
    ]
    assert changes.metric_changes(after, None) == []
    assert changes.metric_changes(after, after) == []


def test_listing_says_how_many_more():
    assert changes.listing(["a", "b", "c"], shown=2) == "a, b and 1 more"
    assert changes.listing(["a"], shown=2) == "a"


def test_titles_and_navigation_come_from_report_yml(tmp_path):
    for name in ("00_a.py", "02_b.py", "04_c.py"):
        (tmp_path / name).write_text("x = 1\n")
    path = tmp_path / "report.yml"
    path.write_text(
        f"notebook_dir: {tmp_path}\ncase_order: [al-hassan]\nnotebooks:\n"
        "  - notebook: 00_a.py\n    title: 'The data: who'\n"
        "  - notebook: 02_b.py\n    title: 'Question 2: SGBC ({sgbc_scope} scope)'\n"
        "    nav: 'Question 2 ({sgbc_scope})'\n"
        "    runs: [{sgbc_scope: narrow}, {sgbc_scope: broad}]\n"
        "  - notebook: 04_c.py\n    title: 'Case profile: {person}'\n"
        "    kind: case\n    for_each: person_confirmation\n"
    )
    cfg = config.load_config(path)
    ids = ["zeta", "al-hassan", "alpha"]
    runs = config.expand(cfg, config.order_cases(ids, cfg.case_order), {"al-hassan": "Al Hassan"})
    cases = [r for r in runs if r.kind == "case"]
    assert [r.parameters["person_id"] for r in cases] == ["al-hassan", "alpha", "zeta"]
    assert cases[0].title == "Case profile: Al Hassan" and cases[1].title == "Case profile: alpha"
    scopes = [r for r in runs if "sgbc_scope" in r.name]
    assert [r.title for r in scopes] == ["Question 2: SGBC (narrow scope)", "Question 2: SGBC (broad scope)"]
    assert [r.nav for r in scopes] == ["Question 2 (narrow)", "Question 2 (broad)"]
    labels = [label for label, _ in site.navigation(runs)]
    assert labels[:2] == ["Report home", "The data"]


def test_an_unknown_title_placeholder_is_named(tmp_path):
    (tmp_path / "00_x.py").write_text("x = 1\n")
    path = tmp_path / "report.yml"
    path.write_text(f"notebook_dir: {tmp_path}\nnotebooks:\n  - notebook: 00_x.py\n    title: 'A {{scope}}'\n")
    with pytest.raises(ConfigError, match=r"notebooks\[1\]: title: unknown placeholder\(s\) scope"):
        config.load_config(path)


def test_key_findings_are_listed_once_in_report_order():
    runs = [Run(name=n, notebook=paths.NOTEBOOKS / "x.py", title=n, kind="chapter", parameters={}) for n in "ab"]
    found = site.key_findings({"b": ["**2** people", "one"], "a": ["one"]}, runs)
    assert found == ["one", "<strong>2</strong> people"]


def test_the_version_names_the_inputs_and_the_commit():
    digests = {"data/events.csv": "x"}
    v = manifest.report_version("1", digests, {"commit": "abc"})
    assert v.startswith("1-") and len(v) == 12
    assert manifest.report_version("1", {"data/events.csv": "y"}, {"commit": "abc"}) != v
    assert manifest.report_version("1", digests, {"commit": "abd"}) != v


def test_a_case_page_depends_on_its_co_accused_events_and_no_one_else(fixture_dir):
    """The case page reads the events of the other accused of its case (whether a victims figure
    was made at their trial), so an edit to a co-accused's events moves its digest; an edit to an
    unrelated person's events does not."""
    import csv

    from justicegap.data.dataset import Dataset, dependency_digest
    from justicegap.data.schema import load_package

    persons = fixture_dir / "persons.csv"
    rows = list(csv.reader(persons.open(encoding="utf-8")))
    mate = [r[:] for r in rows if r[0] == "plea"][0]
    mate[0], mate[1] = "mate", "Mike Co-Accused"
    with persons.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([*rows, mate])
    events = fixture_dir / "events.csv"
    text = events.read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    blank = dict.fromkeys(header, "")

    def add_event(person_id: str) -> None:
        row = {
            **blank,
            "person_id": person_id,
            "event": "trial_opening",
            "date": "2016-08-22",
            "date_precision": "day",
            "source_id": "src-court",
        }
        with events.open("a", newline="", encoding="utf-8") as fh:
            csv.DictWriter(fh, fieldnames=header).writerow(row)

    before = dependency_digest(fixture_dir, "person=plea")
    add_event("ded")  # another case
    assert dependency_digest(fixture_dir, "person=plea") == before
    add_event("mate")  # the co-accused
    assert dependency_digest(fixture_dir, "person=plea") != before
    one = Dataset(fixture_dir, load_package(fixture_dir)).for_person("plea")
    assert set(one.case_events["person_id"]) == {"plea", "mate"}
    assert set(one.events["person_id"]) == {"plea"}


def test_the_index_states_the_window_in_which_sources_were_retrieved(tmp_path):
    (tmp_path / "sources.csv").write_text(
        "source_id,accessed\na,2026-12-02\nb,2026-11-24\nc,\nd,2026-11-30\n", encoding="utf-8"
    )
    assert site.sources_accessed(tmp_path) == ("2026-11-24", "2026-12-02")
    body = site.index_body(
        title="T",
        version="v",
        cutoff="c",
        as_of="a",
        commit="x",
        findings={},
        runs=[],
        changes=[],
        previous=None,
        names={},
        data_changes=None,
        accessed=("2026-11-24", "2026-12-02"),
        changelog=True,
    )
    assert "Sources retrieved between 2026-11-24 and 2026-12-02" in body
    assert "href='data/CHANGELOG.md'" in body
    plain = site.index_body(
        title="T",
        version="v",
        cutoff="c",
        as_of="a",
        commit="x",
        findings={},
        runs=[],
        changes=[],
        previous=None,
        names={},
        data_changes=None,
    )
    assert "CHANGELOG" not in plain and "Sources retrieved" not in plain  # no link to a file not published
    (tmp_path / "sources.csv").write_text("source_id,accessed\na,\n", encoding="utf-8")
    assert site.sources_accessed(tmp_path) is None


def test_a_first_version_shows_what_its_data_release_changed(tmp_path):
    log = tmp_path / "CHANGELOG.md"
    log.write_text(
        "# Data changelog\n\nIntro.\n\n## 2026.06.30-2 (cut-off 2026-06-30)\n\n- Row 13: article removed.\n"
        "- A note **reworded**.\n\n## 2026.06.30-1 (cut-off 2026-06-30)\n\n- Older change.\n",
        encoding="utf-8",
    )
    entry = site.changelog_entry(log, "2026.06.30-2")
    assert entry == "<ul>\n<li>Row 13: article removed.</li>\n<li>A note <strong>reworded</strong>.</li>\n</ul>\n"
    assert "Older change" in site.changelog_entry(log, "2026.06.30-1")
    assert site.changelog_entry(log, "2026.06.30") is None  # a prefix of a version is not that version
    assert site.changelog_entry(tmp_path / "missing.md", "2026.06.30-2") is None
    values = dict(
        title="T", version="v", cutoff="c", as_of="a", commit="x", findings={}, runs=[], changes=[],
        names={}, data_changes=None, changelog=True, data_version="2026.06.30-2", changelog_entry=entry,
    )  # fmt: skip
    first = site.index_body(previous=None, **values)
    assert "No earlier version was built in this reports folder" in first
    assert "What data version 2026.06.30-2 changed in the facts" in first and "Row 13: article removed." in first
    later = site.index_body(previous="2026.06.30-1-abc", **values)
    assert "Row 13" not in later and "Compared with 2026.06.30-1-abc" not in later  # no metric changed
    assert (
        "None of the figures recorded in <a href='metrics.json'>metrics.json</a> moved since 2026.06.30-1-abc" in later
    )
