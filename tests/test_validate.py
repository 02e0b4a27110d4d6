"""The validator on the real data and on deliberately broken copies of the fixture."""

import json

import pytest

from justicegap import paths
from justicegap.data.validate import validate


def messages(data_dir):
    return [str(p) for p in validate(data_dir)]


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, needle):
    """Line number of the first line containing ``needle`` (read as bytes: works for any encoding)."""
    needle = needle.encode() if isinstance(needle, str) else needle
    for i, line in enumerate(path.read_bytes().splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_real_data_is_valid():
    assert messages(paths.ROOT / "data") == []


def test_fixture_is_valid(fixture_dir):
    assert messages(fixture_dir) == []


def only(msgs, fragment):
    hits = [m for m in msgs if fragment in m]
    assert hits, f"no message containing {fragment!r} in {msgs}"
    return hits


def test_bad_date_names_file_line_column(fixture_dir):
    events = fixture_dir / "events.csv"
    line = line_of(events, "par,trial_opening,2020-07-14")
    edit(events, "par,trial_opening,2020-07-14", "par,trial_opening,2020-13-14")
    msgs = messages(fixture_dir)
    hit = only(msgs, f"events.csv:{line}: date:")
    assert "YYYY-MM-DD" in hit[0] and "2020-13-14" in hit[0]


def test_unknown_vocabulary_lists_allowed_values(fixture_dir):
    charges = fixture_dir / "charges.csv"
    line = line_of(charges, "plea,1,1")
    edit(
        charges,
        "dcc,confirmed,convicted,not_appealed,,,src-court,\nwdr",
        "dcc,confirmed,convicted,not appealed,,,src-court,\nwdr",
    )
    hit = only(messages(fixture_dir), f"charges.csv:{line}: appeal:")
    assert "'not appealed'" in hit[0] and "not_appealed" in hit[0] and "upheld" in hit[0]


def test_unknown_source_and_person(fixture_dir):
    events = fixture_dir / "events.csv"
    edit(events, "fug,arrest_warrant,2009-03-04,day,src-court", "fug,arrest_warrant,2009-03-04,day,src-typo")
    edit(events, "ded,death,2006-08-12", "dde,death,2006-08-12")
    msgs = messages(fixture_dir)
    only(msgs, f"events.csv:{line_of(events, 'src-typo')}: source_id: 'src-typo' is not a source_id in sources.csv")
    only(msgs, f"events.csv:{line_of(events, 'dde,death')}: person_id: 'dde' is not a person_id in persons.csv")


def test_date_after_cutoff(fixture_dir):
    events = fixture_dir / "events.csv"
    edit(events, "par,sentence,2024-11-20", "par,sentence,2026-11-20")
    only(
        messages(fixture_dir),
        f"events.csv:{line_of(events, 'par,sentence')}: date: 2026-11-20 is after the data cut-off",
    )


def test_procedural_order(fixture_dir):
    events = fixture_dir / "events.csv"
    edit(events, "xss,trial_judgment,2012-03-14", "xss,trial_judgment,2008-03-14")
    hit = only(messages(fixture_dir), f"events.csv:{line_of(events, 'xss,trial_judgment')}: date:")
    assert "trial_judgment on 2008-03-14 comes before the trial opening on 2009-01-26" in hit[0]


def test_conviction_needs_trial_judgment_and_confirmation(fixture_dir):
    events = fixture_dir / "events.csv"
    charges = fixture_dir / "charges.csv"
    edit(events, "plea,trial_judgment,2016-09-27,day,src-court,,\n", "")
    edit(
        charges,
        "par,1,1,torture,crime_against_humanity,,7(1)(f),25(3)(a),dcc,confirmed",
        "par,1,1,torture,crime_against_humanity,,7(1)(f),25(3)(a),dcc,not_confirmed",
    )
    msgs = messages(fixture_dir)
    only(msgs, f"charges.csv:{line_of(charges, 'plea,1,1')}: trial: convicted needs a trial_judgment event for plea")
    only(msgs, f"charges.csv:{line_of(charges, 'par,1,1')}: trial: convicted at trial needs a confirmed charge")


def test_appeal_outcome_needs_appeal_judgment(fixture_dir):
    events = fixture_dir / "events.csv"
    edit(events, "xss,appeal_judgment,2014-12-01,day,src-court,,\n", "")
    charges = fixture_dir / "charges.csv"
    only(
        messages(fixture_dir),
        f"charges.csv:{line_of(charges, 'xss,1,1')}: appeal: upheld needs a appeal_judgment event for xss",
    )


def test_duplicate_key_and_missing_required(fixture_dir):
    persons = fixture_dir / "persons.csv"
    edit(persons, "fug,Foxtrot Fugitive", "ded,Foxtrot Fugitive")
    edit(persons, "plea,Golf Guilty-Plea,", "plea,,")
    msgs = messages(fixture_dir)
    only(msgs, f"persons.csv:{line_of(persons, 'ded,Foxtrot')}: person_id: 'ded' appears more than once")
    only(msgs, f"persons.csv:{line_of(persons, 'plea,,')}: name: is required but empty")


def test_missing_and_unknown_columns(fixture_dir):
    sources = fixture_dir / "sources.csv"
    edit(
        sources,
        "source_id,title,publisher,kind,document_number,date,url,accessed",
        "source_id,title,publisher,kind,document_number,date,link,accessed",
    )
    hit = only(messages(fixture_dir), "sources.csv:1: (header): missing column(s) url; unknown column(s) link")
    assert "expected: source_id,title" in hit[0]


def test_spreadsheet_export_with_bom_crlf_and_blanks_is_accepted(fixture_dir):
    events = fixture_dir / "events.csv"
    text = events.read_text(encoding="utf-8").replace("par,trial_opening,2020-07-14", "par, trial_opening ,2020-07-14 ")
    events.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode() + b"\r\n\r\n")
    assert messages(fixture_dir) == []


def test_other_encodings_and_delimiters_are_named(fixture_dir):
    persons = fixture_dir / "persons.csv"
    data = persons.read_text(encoding="utf-8").replace("Papa Partial", "Papa Parti\u00e9l")
    persons.write_bytes(data.encode("cp1252"))
    hit = only(messages(fixture_dir), f"persons.csv:{line_of(persons, b'Papa')}: (file): is not UTF-8")
    assert "CSV UTF-8" in hit[0]
    sources = fixture_dir / "sources.csv"
    sources.write_text(sources.read_text().replace(",", ";"))
    only(messages(fixture_dir), "sources.csv:1: (header): columns are separated by ';'")


def test_ragged_row(fixture_dir):
    gaps = fixture_dir / "gaps.csv"
    gaps.write_text(gaps.read_text() + "fug,events\n")
    only(messages(fixture_dir), "gaps.csv:3: (row): has 2 cells, the header has 4")


def test_every_problem_reported_not_just_the_first(fixture_dir):
    events = fixture_dir / "events.csv"
    persons = fixture_dir / "persons.csv"
    edit(events, "2020-07-14", "2020-07-44")
    edit(persons, "darfur,core", "atlantis,core")
    edit(persons, "Golf Guilty-Plea,ICC-01/12-01/15", "Golf Guilty-Plea,ICC-1/12")
    msgs = messages(fixture_dir)
    only(msgs, f"events.csv:{line_of(events, '2020-07-44')}: date:")
    only(msgs, f"persons.csv:{line_of(persons, 'atlantis')}: situation:")
    only(msgs, f"persons.csv:{line_of(persons, 'ICC-1/12')}: case_id:")


def test_cli_exit_status_and_output(fixture_dir, capsys):
    from justicegap.cli import main

    assert main(["validate", "--data-dir", str(fixture_dir)]) == 0
    edit(fixture_dir / "persons.csv", "darfur,core", "atlantis,core")
    assert main(["validate", "--data-dir", str(fixture_dir)]) == 1
    out = capsys.readouterr()
    assert "persons.csv:4: situation: 'atlantis' must be one of:" in out.out
    assert "1 problem(s)" in out.err


def test_datapackage_cutoff_is_the_single_source(fixture_dir):
    pkg = json.loads((fixture_dir / "datapackage.json").read_text())
    pkg["cutoff"] = "2020-01-01"
    (fixture_dir / "datapackage.json").write_text(json.dumps(pkg))
    msgs = messages(fixture_dir)
    assert any("2024-06-26 is after the data cut-off 2020-01-01" in m for m in msgs)


@pytest.mark.parametrize("table", ["persons", "events", "charges", "sentences", "sources", "crimes"])
def test_missing_file_is_named(fixture_dir, table):
    (fixture_dir / f"{table}.csv").unlink()
    only(messages(fixture_dir), f"{table}.csv:1: (file): file is missing")


# --- rules that would have caught the errors of release 2025.12.31 --------------------------------


def test_person_sought_without_charges_needs_a_gap(fixture_dir):
    charges = fixture_dir / "charges.csv"
    text = charges.read_text(encoding="utf-8")
    charges.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("fug,")) + "\n", encoding="utf-8")
    persons = fixture_dir / "persons.csv"
    hit = only(messages(fixture_dir), f"persons.csv:{line_of(persons, 'fug,')}: person_id: fug has a warrant")
    assert "gaps.csv" in hit[0]
    with open(fixture_dir / "gaps.csv", "a", encoding="utf-8") as fh:
        fh.write("fug,charges,crime,The warrant's crimes are not public\n")
    assert messages(fixture_dir) == []


def write_totals(fixture_dir, *rows):
    path = fixture_dir / "count_totals.csv"
    path.write_text("person_id,document,counts,source_id,note\n" + "".join(f"{r},src-court,\n" for r in rows))
    return path


def test_count_rows_must_match_the_published_totals(fixture_dir):
    # par has 4 count rows, all confirmed, 2 convicted
    path = write_totals(fixture_dir, "par,dcc,4", "par,confirmed,4", "par,convicted,2")
    assert messages(fixture_dir) == []
    # one Court count split into two rows: the Court published 3, the data has 4
    path = write_totals(fixture_dir, "par,dcc,3")
    hit = only(
        messages(fixture_dir), f"count_totals.csv:{line_of(path, 'par,dcc')}: counts: par: the Court published 3"
    )
    assert "one row per count" in hit[0]


def test_a_partial_confirmation_recorded_as_full_is_caught(fixture_dir):
    # the decision confirmed 3 of par's 4 counts, but every row says confirmed
    path = write_totals(fixture_dir, "par,dcc,4", "par,confirmed,3")
    hit = only(messages(fixture_dir), f"count_totals.csv:{line_of(path, 'par,confirmed')}: counts:")
    assert "confirmed part of the 4 counts" in hit[0] and "not_confirmed" in hit[0]


def test_warrant_totals_bound_the_crimes_of_the_warrant(fixture_dir):
    path = write_totals(fixture_dir, "fug,warrant,1")  # fug's warrant lists two crimes
    only(messages(fixture_dir), f"count_totals.csv:{line_of(path, 'fug,warrant')}: counts: fug: the warrant has 1")


def test_a_sentence_left_in_force_after_reversal_is_caught(fixture_dir):
    sentences = fixture_dir / "sentences.csv"
    text = sentences.read_text(encoding="utf-8")
    sentences.write_text("\n".join(ln for ln in text.splitlines() if ",vacated," not in ln) + "\n", encoding="utf-8")
    hit = only(messages(fixture_dir), f"sentences.csv:{line_of(sentences, 'acq,trial_sentence')}: decision: acq:")
    assert "vacated" in hit[0]


def test_crime_outcomes_agree_with_verified_counts(fixture_dir):
    path = fixture_dir / "crime_outcomes.csv"
    header = "person_id,crime,qualification,mode_of_liability,confirmation,trial,appeal,source_id,note\n"
    # par's rape (CAH) count was acquitted: a pair saying convicted contradicts it
    path.write_text(header + "par,rape,crime_against_humanity,,confirmed,convicted,not_appealed,src-court,\n")
    hit = only(messages(fixture_dir), "crime_outcomes.csv:2: trial: par: rape (crime_against_humanity) is 'convicted'")
    assert "'acquitted' in its count rows" in hit[0]
    # a placeholder is not a crime
    path.write_text(header + "par,unverified,crime_against_humanity,,confirmed,convicted,not_appealed,src-court,\n")
    only(messages(fixture_dir), "crime_outcomes.csv:2: crime: 'unverified' is a placeholder")
    # a pair no count determines is fine
    path.write_text(header + "par,mutilation,war_crime,,confirmed,convicted,not_appealed,src-court,\n")
    assert messages(fixture_dir) == []


def test_reparations_rules(fixture_dir):
    path = fixture_dir / "reparations.csv"
    header = (
        "person_id,decision,date,date_precision,amount,currency,per_victim_amount,kind,beneficiaries,"
        "beneficiaries_basis,tfv_complement,sgbc_beneficiaries,source_id,note\n"
    )
    path.write_text(
        header
        + "par,order,2025-01-10,day,1000,,,collective,,,,,src-court,\n"
        + "fug,order,2025-01-10,day,,,,,,,,,src-court,\n"
    )
    msgs = messages(fixture_dir)
    only(msgs, "reparations.csv:2: currency: an amount needs its currency")
    only(msgs, "reparations.csv:3: decision: fug has no conviction")
    path.write_text(header + "par,order,2025-01-10,day,1000,EUR,,individual; collective,,,yes,no,src-court,\n")
    assert messages(fixture_dir) == []
    victims = fixture_dir / "victims.csv"
    victims.write_text(
        "case_id,stage,victims,date,date_precision,source_id,note\nICC-01/99-01/99,trial,10,2020-01-01,day,src-court,\n"
    )
    only(messages(fixture_dir), "victims.csv:2: case_id: 'ICC-01/99-01/99' is not a case_id in persons.csv")


def test_a_record_broken_by_an_unclosed_quote_is_reported_where_it_begins(fixture_dir):
    events = fixture_dir / "events.csv"
    line = line_of(events, "par,trial_opening,2020-07-14")
    edit(events, "par,trial_opening,2020-07-14,day,src-court,,", 'par,trial_opening,2020-07-14,day,src-court,,"note')
    hit = only(messages(fixture_dir), f"events.csv:{line}: (row):")
    assert "quote" in hit[0]


def test_field_checks_are_remembered_per_table_and_a_problem_never_is(fixture_dir, tmp_path, monkeypatch):
    """With a field cache, a second validation re-checks the fields of the one table whose bytes
    changed; a table with a problem is checked (and its problem reported, with its line) every time;
    the checks across tables run every time."""
    import importlib

    v = importlib.import_module("justicegap.data.validate")

    checked, across = [], []
    real_fields, real_keys = v.check_fields, v.check_keys
    monkeypatch.setattr(v, "check_fields", lambda t, p: (checked.append(t.resource.name), real_fields(t, p)))
    monkeypatch.setattr(v, "check_keys", lambda t, p: (across.append(1), real_keys(t, p)))
    cache = tmp_path / "fields"
    assert v.validate(fixture_dir, field_cache=cache) == []
    every = sorted(checked)
    assert len(every) == len(list(fixture_dir.glob("*.csv"))) and len(list(cache.iterdir())) == len(every)

    checked.clear()
    assert v.validate(fixture_dir, field_cache=cache) == []
    assert checked == [] and len(across) == 2

    events = fixture_dir / "events.csv"
    line = line_of(events, "par,trial_opening,2020-07-14")
    edit(events, "par,trial_opening,2020-07-14", "par,trial_opening,2020-13-14")
    markers = sorted(cache.iterdir())
    for _ in range(2):
        checked.clear()
        msgs = [str(p) for p in v.validate(fixture_dir, field_cache=cache)]
        assert checked == ["events"]
        assert only(msgs, f"events.csv:{line}: date:")
    assert messages(fixture_dir) == msgs  # the same problems as without a cache
    assert sorted(cache.iterdir()) == markers  # invalid data writes nothing

    edit(events, "par,trial_opening,2020-13-14", "par,trial_opening,2020-07-15")
    checked.clear()
    assert v.validate(fixture_dir, field_cache=cache) == [] and checked == ["events"]
    assert len(list(cache.iterdir())) == len(markers) + 1
