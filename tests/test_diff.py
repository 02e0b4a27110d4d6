"""The data diff behind "what changed since the previous version", on edited copies of the fixture."""

from conftest import make_fixture

from justicegap.data.diff import diff_data


def edit(path, old, new):
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_identical_snapshots_have_no_diff(tmp_path):
    assert diff_data(make_fixture(tmp_path / "a"), make_fixture(tmp_path / "b")) == []


def test_one_date_changed_is_one_changed_event(tmp_path):
    old, new = make_fixture(tmp_path / "a"), make_fixture(tmp_path / "b")
    # the date is part of the events key, but this is one edit, not a removal and an addition
    edit(new / "events.csv", "fug,arrest_warrant,2009-03-04", "fug,arrest_warrant,2009-03-05")
    [d] = diff_data(old, new)
    assert (d.table, d.added, d.removed, d.changed) == ("events", [], [], [("fug/arrest_warrant", ["date"])])


def test_changed_added_removed_rows_are_named_by_key(tmp_path):
    old, new = make_fixture(tmp_path / "a"), make_fixture(tmp_path / "b")
    # charges: acq 2 becomes a war crime (two fields change); persons: a new person; sources: untouched
    edit(new / "charges.csv", "acq,2,2,rape,crime_against_humanity,,7(1)(g)", "acq,2,2,rape,war_crime,,8(2)(e)(vi)")
    with open(new / "persons.csv", "a") as fh:
        fh.write("new,November New,ICC-99/99-01/99,mali,core,,src-court,\n")
    lines = (new / "events.csv").read_text().splitlines(keepends=True)
    (new / "events.csv").write_text("".join(line for line in lines if not line.startswith("ded,death,")))
    diffs = {d.table: d for d in diff_data(old, new)}
    assert set(diffs) == {"charges", "persons", "events"}
    assert diffs["charges"].changed == [("acq/2", ["article", "qualification"])]
    assert diffs["persons"].added == ["new"]
    assert diffs["events"].removed == ["ded/death/2006-08-12"]


def test_two_warrants_of_one_person_are_not_paired_by_guess(tmp_path):
    old, new = make_fixture(tmp_path / "a"), make_fixture(tmp_path / "b")
    for d in (old, new):
        with open(d / "events.csv", "a") as fh:
            fh.write("fug,arrest_warrant,2010-07-12,day,src-court,,\n")
    edit(new / "events.csv", "fug,arrest_warrant,2009-03-04", "fug,arrest_warrant,2009-03-05")
    # one of the two warrants moved by a day: one row removed and one added with that stem, so it pairs
    [d] = diff_data(old, new)
    assert d.changed == [("fug/arrest_warrant", ["date"])]
    edit(new / "events.csv", "fug,arrest_warrant,2010-07-12", "fug,arrest_warrant,2010-07-13")
    [d] = diff_data(old, new)  # two removed and two added with the same stem: reported as they are
    assert d.changed == []
    assert d.removed == ["fug/arrest_warrant/2009-03-04", "fug/arrest_warrant/2010-07-12"]
    assert d.added == ["fug/arrest_warrant/2009-03-05", "fug/arrest_warrant/2010-07-13"]


def test_gaps_without_a_key_are_counted(tmp_path):
    old, new = make_fixture(tmp_path / "a"), make_fixture(tmp_path / "b")
    with open(new / "gaps.csv", "a") as fh:
        fh.write("fug,events,in_custody,Still at large; nothing to verify.\n")
    [d] = diff_data(old, new)
    assert (d.table, d.added, d.removed) == ("gaps", ["1 row(s)"], [])
