"""Spot checks of landmark facts in the real data (each checked against the cited sources)."""

import datetime as dt

import pandas as pd
import pytest

from justicegap import paths
from justicegap.data.dataset import load_dataset


@pytest.fixture(scope="module")
def real():
    return load_dataset(paths.ROOT / "data")


def event(ds, pid, name):
    rows = ds.events[(ds.events["person_id"] == pid) & (ds.events["event"] == name)]
    return sorted(rows["date"].dt.strftime("%Y-%m-%d"))


def outcomes(ds, pid):
    return ds.charges[ds.charges["person_id"] == pid]


def test_every_row_is_sourced(real):
    for name in ("persons", "events", "charges", "sentences", "crimes", "comparators"):
        frame = real.table(name)
        assert (frame["source_id"] != "").all(), name
    known = set(real.sources["source_id"])
    assert set(real.events["source_id"]) <= known


def test_sources_cited_in_notes_exist(real):
    """Notes cite further sources by id (e.g. "per africanews-2025-07-24-..."); every such id must resolve.
    Only hyphenated tokens with a digit are taken as citations, so phrases like no-case-to-answer pass."""
    import re

    known = set(real.sources["source_id"]) | set(real.persons["person_id"])
    cited = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}(?![\w/-])")
    broken = []
    for name in ("persons", "events", "charges", "sentences", "gaps"):
        for column in ("note", "description"):
            frame = real.table(name)
            if column not in frame:
                continue
            for text in frame[column].fillna(""):
                broken += [t for t in cited.findall(text) if any(c.isdigit() for c in t) and t not in known]
    assert not broken, sorted(set(broken))


def test_said_confirmation_follows_the_court_release(real):
    said = outcomes(real, "said")
    confirmed = said[said["confirmation"] == "confirmed"]
    # icc-pr-2021-12-09-said-confirmation-fr: four crimes against humanity and three war crimes, OCRB only
    assert sorted(zip(confirmed["crime"], confirmed["qualification"])) == sorted(
        [
            ("imprisonment", "crime_against_humanity"),
            ("torture", "crime_against_humanity"),
            ("other_inhumane_acts", "crime_against_humanity"),
            ("persecution", "crime_against_humanity"),
            ("torture", "war_crime"),
            ("cruel_treatment", "war_crime"),
            ("outrages_upon_personal_dignity", "war_crime"),
        ]
    )
    assert (said["confirmation"] == "not_confirmed").sum() == 7


def test_ngaissona_four_acquittals(real):
    ng = outcomes(real, "ngaissona")
    acquitted = ng[ng["trial"] == "acquitted"]
    # Africanews (rape) and the UN News story (Bossangoa pillaging and religious building, war crimes)
    assert sorted(zip(acquitted["crime"], acquitted["qualification"])) == sorted(
        [
            ("rape", "crime_against_humanity"),
            ("rape", "war_crime"),
            ("pillaging", "war_crime"),
            ("attack_on_protected_objects", "war_crime"),
        ]
    )
    assert (ng["trial"] == "convicted").sum() == 28


def test_al_hassan(real):
    assert event(real, "al-hassan", "arrest_warrant") == ["2018-03-27"]
    assert event(real, "al-hassan", "in_custody") == ["2018-03-31"]
    assert event(real, "al-hassan", "confirmation_decision") == ["2019-09-30"]
    assert event(real, "al-hassan", "charges_amended") == ["2020-04-23"]
    assert event(real, "al-hassan", "trial_opening") == ["2020-07-14"]
    assert event(real, "al-hassan", "trial_judgment") == ["2024-06-26"]
    ch = outcomes(real, "al-hassan")
    acquitted = set(
        zip(ch.loc[ch["trial"] == "acquitted", "crime"], ch.loc[ch["trial"] == "acquitted", "qualification"])
    )
    assert {
        ("rape", "crime_against_humanity"),
        ("rape", "war_crime"),
        ("sexual_slavery", "crime_against_humanity"),
        ("sexual_slavery", "war_crime"),
        ("forced_marriage", "crime_against_humanity"),
    } <= acquitted
    convicted = set(ch.loc[ch["trial"] == "convicted", "crime"])
    assert {
        "torture",
        "outrages_upon_personal_dignity",
        "mutilation",
        "cruel_treatment",
        "sentencing_without_due_process",
        "other_inhumane_acts",
        "persecution",
    } <= convicted
    torture = ch[(ch["crime"] == "torture") & (ch["trial"] == "convicted")]
    assert set(torture["qualification"]) == {"crime_against_humanity", "war_crime"}


def test_al_mahdi_nine_years(real):
    s = real.sentences[(real.sentences["person_id"] == "al-mahdi") & (real.sentences["decision"] == "trial_sentence")]
    assert list(s["imprisonment_months"]) == [108]


def test_ongwen(real):
    assert event(real, "ongwen", "trial_judgment") == ["2021-02-04"]
    ch = outcomes(real, "ongwen")
    assert len(ch) == 70 and (ch["trial"] == "convicted").sum() == 61
    assert {"forced_marriage", "forced_pregnancy"} <= set(ch.loc[ch["trial"] == "convicted", "crime"])


def test_bemba_reversed_on_appeal(real):
    assert event(real, "bemba", "trial_judgment")[0].startswith("2016-03")
    assert event(real, "bemba", "appeal_judgment") == ["2018-06-08"]
    ch = outcomes(real, "bemba")
    assert set(ch.loc[ch["trial"] == "convicted", "appeal"]) == {"reversed"}
    assert "rape" in set(ch.loc[ch["appeal"] == "reversed", "crime"])


def test_katanga_acquitted_of_sexual_crimes(real):
    assert event(real, "katanga", "trial_judgment") == ["2014-03-07"]
    ch = outcomes(real, "katanga")
    assert {"rape", "sexual_slavery"} <= set(ch.loc[ch["trial"] == "acquitted", "crime"])


def test_ntaganda_all_eighteen_counts(real):
    assert event(real, "ntaganda", "trial_judgment") == ["2019-07-08"]
    ch = outcomes(real, "ntaganda")
    assert len(ch) == 18 and (ch["trial"] == "convicted").all()


def test_kenyatta_confirmed_then_withdrawn(real):
    ch = outcomes(real, "kenyatta")
    assert set(ch["confirmation"]) >= {"confirmed"} and set(ch.loc[ch["confirmation"] == "confirmed", "trial"]) == {
        "withdrawn"
    }


def test_recent_rulings_up_to_the_cutoff(real):
    assert event(real, "kony", "confirmation_decision") == ["2025-11-06"]
    assert event(real, "abd-al-rahman", "trial_judgment") == ["2025-10-06"]
    assert event(real, "yekatom", "trial_judgment") == ["2025-07-24"]
    assert event(real, "duterte", "in_custody")
    assert event(real, "al-hassan", "sentence") == ["2024-11-20"]


def test_about_seventy_people(real):
    individuals = real.persons[real.persons["same_person_as"] == ""]
    assert 65 <= len(individuals) <= 80
    first = real.events[real.events["event"].isin(["arrest_warrant", "summons"])]["date"].min()
    assert first == pd.Timestamp("2005-07-08")


def test_as_of_before_the_katanga_judgment(real):
    from justicegap.analysis import stages

    before = stages.charge_outcomes(real.charges, real.events, real.persons, "2014-03-06")
    after = stages.charge_outcomes(real.charges, real.events, real.persons, "2014-03-07")
    kat_before = before[before["person_id"] == "katanga"]
    kat_after = after[after["person_id"] == "katanga"]
    confirmed = kat_before["confirmation"] == "confirmed"
    assert set(kat_before.loc[confirmed, "outcome"]) == {"pending_trial"}
    # convicted in part on 7 March 2014, but final only when the appeals were discontinued on 25 June
    assert {"acquitted", "pending_appeal"} <= set(kat_after["outcome"])
    final = stages.charge_outcomes(real.charges, real.events, real.persons, "2014-06-25")
    assert "conviction_final" in set(final.loc[final["person_id"] == "katanga", "outcome"])
    # nobody charged after 2014 appears in the earlier report
    assert "al-hassan" not in set(before["person_id"]) and "ongwen" in set(before["person_id"])


def test_the_data_reproduces_the_courts_fact_sheet_of_17_december_2024(real):
    # "The Court today", 17 Dec 2024 (source icc-the-court-today-2024-12-17): 59 people under arrest
    # warrants, 21 of those warrants implemented, 9 summonses to appear
    from justicegap.analysis.status import court_counts

    got = court_counts(real.persons, real.events, dt.date(2024, 12, 17))
    assert got == {"arrest_warrants": 59, "implemented": 21, "summonses": 9}


def rows(ds, table, pid):
    frame = getattr(ds, table)
    return frame[frame["person_id"] == pid]


def test_release_2026_06_30_is_cut_at_mid_2026(real):
    assert real.cutoff.isoformat() == "2026-06-30" and real.version.startswith("2026.06.30")


def test_kony_sexual_crimes_are_no_longer_hidden_under_placeholders(real):
    kony = rows(real, "charges", "kony")
    assert len(kony) == 39 and (kony["confirmation"] == "confirmed").all()
    # the ten counts of direct perpetration concerning two forced wives include rape (CAH and WC),
    # forced pregnancy, forced marriage and sexual slavery
    named = set(zip(kony["crime"], kony["qualification"]))
    assert {
        ("rape", "crime_against_humanity"),
        ("rape", "war_crime"),
        ("forced_marriage", "crime_against_humanity"),
        ("forced_pregnancy", "war_crime"),
        ("sexual_slavery", "war_crime"),
    } <= named


def test_one_row_per_count_as_the_court_numbered_it_in_the_kenya_cases(real):
    for pid in ("kenyatta", "muthaura"):
        ch = rows(real, "charges", pid)
        assert len(ch) == 5 and "other_sexual_violence" not in set(ch["crime"])
        rape = ch[ch["crime"] == "rape"].iloc[0]
        assert rape["partial"] == "confirmation"  # the other sexual violence of the count was not confirmed
        totals = rows(real, "count_totals", pid).set_index("document")["counts"]
        assert totals["dcc"] == 5 and totals["confirmed"] == 5


def test_bembas_sentence_fell_away_with_his_acquittal(real):
    sent = rows(real, "sentences", "bemba").set_index("decision")
    assert sent.loc["vacated", "date"] == pd.Timestamp("2018-06-08")
    assert pd.isna(sent.loc["vacated", "imprisonment_months"])


def test_ngaissona_partial_confirmation(real):
    totals = rows(real, "count_totals", "ngaissona").set_index("document")["counts"]
    ch = rows(real, "charges", "ngaissona")
    assert int((ch["confirmation"] == "confirmed").sum()) == totals["confirmed"] == 32
    assert int((ch["trial"] == "convicted").sum()) == totals["convicted"] == 28
    assert len(ch) == totals["dcc"] and (ch["confirmation"] == "not_confirmed").sum() > 0


def test_people_sought_all_have_charges_or_a_gap(real):
    sought = set(real.events.loc[real.events["event"].isin(["arrest_warrant", "summons"]), "person_id"])
    covered = set(real.charges["person_id"]) | set(real.gaps.loc[real.gaps["table"] == "charges", "person_id"])
    assert sought <= covered


def test_events_of_the_first_half_of_2026(real):
    assert event(real, "duterte", "confirmation_decision") == ["2026-04-23"]
    assert (
        "2026-05-11" in event(real, "dela-rosa", "warrant_unsealed")
        or (rows(real, "events", "dela-rosa")["date"] == pd.Timestamp("2026-05-11")).any()
    )
    death = rows(real, "events", "saif-gaddafi").query("event == 'death'")
    assert death["date"].tolist() == [pd.Timestamp("2026-02-03")] and "press" in death["note"].iloc[0].lower()


def test_al_hassan_sentence_reduced_on_review(real):
    sent = rows(real, "sentences", "al-hassan").sort_values("date")
    assert sent["imprisonment_months"].tolist() == [120, 108]
    assert sent["date"].iloc[-1] == pd.Timestamp("2025-07-23")


def test_ongwen_reparations_order(real):
    rep = rows(real, "reparations", "ongwen").set_index("decision")
    order = rep.loc["order"]
    assert order["date"] == pd.Timestamp("2024-02-28")
    assert (order["amount"], order["currency"], order["per_victim_amount"]) == (52_429_000, "EUR", 750)
    assert rep.loc["appeal_judgment", "date"] == pd.Timestamp("2025-04-07")


def test_reparations_ended_for_bemba_after_the_acquittal(real):
    rep = rows(real, "reparations", "bemba")
    assert set(rep["decision"]) == {"proceedings_ended", "tfv_assistance"}
