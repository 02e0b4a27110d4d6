"""Reparations on a hand-made fixture: every expected value is worked out in the comments."""

import datetime as dt

import pandas as pd
import pytest

from justicegap.analysis import reparations as rp
from justicegap.analysis import status

CUT = dt.date(2025, 12, 31)


def decisions(*rows):
    cols = [
        "person_id",
        "decision",
        "date",
        "amount",
        "currency",
        "per_victim_amount",
        "kind",
        "beneficiaries",
        "beneficiaries_basis",
        "tfv_complement",
        "sgbc_beneficiaries",
        "source_id",
        "note",
    ]
    out = []
    for r in rows:
        pid, decision, date, *rest = r
        extra = dict(zip(["amount", "currency", "per_victim_amount", "beneficiaries", "sgbc_beneficiaries"], rest))
        out.append(
            {c: None for c in cols}
            | {"person_id": pid, "decision": decision, "date": pd.Timestamp(date), "source_id": "src-court"}
            | extra
        )
    frame = pd.DataFrame(out, columns=cols)
    for c in ("amount", "per_victim_amount"):
        frame[c] = frame[c].astype(float)
    return frame


@pytest.fixture
def rep():
    # fixture people: par convicted 2024-06-26, not appealed (final that day); xss convicted 2012-03-14,
    # upheld on appeal 2014-12-01 (final then); plea convicted on a plea 2016-09-27 (final);
    # acq convicted 2016 but reversed on appeal 2018-06-08
    return decisions(
        ("xss", "principles", "2012-08-07", None, None, None, None, "yes"),
        ("xss", "addendum", "2015-03-03"),  # the amended order: the first order
        ("xss", "amount_set", "2017-12-15", 10_000_000, "USD", None, 425, "no"),
        ("plea", "order", "2017-08-17", 2_700_000, "EUR", None, None),
        ("plea", "appeal_judgment", "2018-03-08"),
        ("acq", "proceedings_ended", "2018-08-03"),
        ("acq", "tfv_assistance", "2018-06-13"),
        ("par", "order", "2026-03-01", 1_000_000, "EUR", 250, 4000),  # after the cut-off of this test
    )


def test_time_from_the_final_conviction_to_the_order_and_the_amount(ds, rep):
    line = rp.timeline(rep, ds.charges, ds.events, ds.persons, CUT).set_index("person_id")
    # xss: final on the appeal judgment 2014-12-01; first order 2015-03-03 (92 days); principles
    # 2012-08-07 are not an order; the amount in force set 2017-12-15 (1110 days after final)
    assert line.at["xss", "final_on"] == pd.Timestamp("2014-12-01")
    assert line.at["xss", "first_order"] == pd.Timestamp("2015-03-03") and line.at["xss", "days_to_order"] == 92
    assert line.at["xss", "principles_on"] == pd.Timestamp("2012-08-07")
    assert line.at["xss", "days_to_amount"] == 1110 and line.at["xss", "stage"] == "amount set"
    assert line.at["xss", "days_from_trial"] == (pd.Timestamp("2015-03-03") - pd.Timestamp("2012-03-14")).days
    # plea: final on the judgment itself (no appeal), order 2017-08-17: 324 days
    assert line.at["plea", "days_to_order"] == 324
    # par: its order is dated after the as-of date, so it does not exist yet: waiting since final
    assert line.at["par", "stage"] == "awaiting a reparations order"
    assert line.at["par", "days_waiting"] == (pd.Timestamp(CUT) - pd.Timestamp("2024-06-26")).days
    # acq: conviction reversed, no order can come
    assert line.at["acq", "stage"] == "conviction reversed: no order can come"
    # a year later the order exists
    later = rp.timeline(rep, ds.charges, ds.events, ds.persons, dt.date(2026, 6, 30)).set_index("person_id")
    assert later.at["par", "stage"] == "amount set" and later.at["par", "days_to_order"] == 613


def test_awards_stay_in_their_currency_and_are_never_added_across(rep):
    awards = rp.awards(rep, dt.date(2026, 6, 30)).set_index("person_id")
    assert awards.loc["xss", ["amount", "currency"]].tolist() == [10_000_000, "USD"]
    assert awards.loc["plea", ["amount", "currency"]].tolist() == [2_700_000, "EUR"]
    assert awards.at["par", "per_victim_amount"] == 250 and awards.at["par", "beneficiaries"] == 4000
    # the later decision overrides the earlier one on whether SGBC victims are named (yes in 2012, no in 2017)
    assert awards.at["xss", "sgbc_beneficiaries"] == "no"
    assert bool(awards.at["plea", "appealed"]) and not bool(awards.at["xss", "appealed"])
    totals = rp.totals_by_currency(awards.reset_index()).set_index("currency")
    # EUR: plea 2.7m + par 1m; USD: xss 10m; no line adds euros and dollars
    assert totals.loc["EUR", ["cases", "total"]].tolist() == [2, 3_700_000]
    assert totals.loc["USD", ["cases", "total"]].tolist() == [1, 10_000_000]
    # as of the cut-off par's award does not exist yet
    assert "par" not in rp.awards(rep, CUT)["person_id"].tolist()


def test_victims_of_cases_that_ended_without_a_conviction(ds):
    victims = pd.DataFrame(
        [
            {
                "case_id": "ICC-01/05-01/08",
                "stage": "trial",
                "victims": 5229,
                "date": pd.Timestamp("2016-03-21"),
                "date_precision": "day",
                "source_id": "src-court",
            },  # acq: reversed
            {
                "case_id": "ICC-01/12-01/18",
                "stage": "pre_trial",
                "victims": 800,
                "date": pd.Timestamp("2019-07-01"),
                "date_precision": "day",
                "source_id": "src-court",
            },  # par: the trial figure is preferred
            {
                "case_id": "ICC-01/12-01/18",
                "stage": "trial",
                "victims": 2196,
                "date": pd.Timestamp("2023-05-25"),
                "date_precision": "day",
                "source_id": "src-court",
            },
            {
                "case_id": "ICC-01/09-02/11",
                "stage": "trial",
                "victims": 725,
                "date": pd.Timestamp("2014-01-01"),
                "date_precision": "year",
                "source_id": "src-court",
            },  # wdr: withdrawn
        ]
    )
    st = status.person_status(ds.persons, ds.events, ds.charges, CUT)
    vic = rp.participating_victims(victims, ds.persons, st, CUT).set_index("case_id")
    assert vic.at["ICC-01/12-01/18", "victims"] == 2196 and vic.at["ICC-01/12-01/18", "stage"] == "trial"
    assert vic.at["ICC-01/12-01/18", "outcome"] == "conviction: reparations possible"
    assert vic.at["ICC-01/05-01/08", "outcome"] == "no conviction: no order can come"
    assert vic.at["ICC-01/09-02/11", "outcome"] == "no conviction: no order can come"
    # before the par trial figure existed, the pre-trial one is used
    early = rp.participating_victims(victims, ds.persons, st, dt.date(2020, 1, 1)).set_index("case_id")
    assert early.at["ICC-01/12-01/18", "victims"] == 800


def test_a_trial_stage_figure_says_when_no_trial_opened_and_names_a_joint_trial(ds):
    """wdr (shaped like Kenyatta) was before a Trial Chamber but no trial opened; a co-accused of
    another case tried in the same trial (same situation, same opening day) is named beside the
    figure, not listed as a case without one."""
    victims = pd.DataFrame(
        [
            {
                "case_id": "ICC-01/09-02/11",
                "stage": "trial",
                "victims": 725,
                "date": pd.Timestamp("2014-01-01"),
                "date_precision": "year",
                "source_id": "src-court",
            },
            {
                "case_id": "ICC-01/12-01/15",
                "stage": "trial",
                "victims": 8,
                "date": pd.Timestamp("2016-09-01"),
                "date_precision": "day",
                "source_id": "src-court",
            },
        ]
    )
    # a second accused of the plea's situation, tried with plea (same opening day) under another case number
    persons = pd.concat(
        [
            ds.persons,
            ds.persons[ds.persons["person_id"] == "plea"].assign(
                person_id="co", name="Co Accused", case_id="ICC-01/12-01/99"
            ),
        ],
        ignore_index=True,
    )
    extra = ds.events[ds.events["person_id"] == "plea"].assign(person_id="co")
    events = pd.concat([ds.events, extra], ignore_index=True)
    charges = pd.concat(
        [ds.charges, ds.charges[ds.charges["person_id"] == "plea"].assign(person_id="co")], ignore_index=True
    )
    st = status.person_status(persons, events, charges, CUT)
    vic = rp.participating_victims(victims, persons, st, CUT, events).set_index("case_id")
    assert vic.at["ICC-01/09-02/11", "stage_label"] == rp.NO_TRIAL_OPENED
    assert vic.at["ICC-01/12-01/15", "stage_label"] == "Trial"
    assert vic.at["ICC-01/12-01/15", "person_ids"] == "co;plea"
    assert vic.at["ICC-01/12-01/15", "names"] == "Co Accused; Golf Guilty-Plea"
    # without events nothing is known of openings: the plain stage name
    plain = rp.participating_victims(victims, persons, st, CUT).set_index("case_id")
    assert plain.at["ICC-01/09-02/11", "stage_label"] == "Trial"


def test_possibility_follows_the_status_and_every_status_has_one():
    from justicegap.analysis.status import STATUSES

    assert rp.possibility("convicted_appeal_pending") == "possible"  # Ntaganda's order came before his appeal judgment
    assert rp.possibility("acquitted_on_appeal") == "none"  # Bemba
    assert rp.possibility("acquitted_appeal_pending") == "open"
    assert rp.possibility("at_large") == "open"
    assert {rp.possibility(s) for s in STATUSES} == {"possible", "none", "open"}
    assert rp.case_page_sentence("acquitted_on_appeal", "30 June 2026").startswith("No conviction stands")
    assert "30 June 2026" in rp.case_page_sentence("convicted_final", "30 June 2026")


def test_a_trial_figure_names_only_the_accused_at_trial_when_it_was_published():
    # shaped like Ruto, Kosgey and Sang, with a Muthaura-like co-accused: kos's charges were not
    # confirmed (2012), mut's were confirmed and withdrawn on 11 March 2013, before the trial figure
    # of 1 November 2013; rut and san were at trial (charges later vacated). A pre-trial figure of
    # the same case names everyone.
    persons = pd.DataFrame(
        {"person_id": ["kos", "mut", "rut", "san"], "case_id": "ICC-X", "name": ["Kos", "Mut", "Rut", "San"]}
    )
    st = pd.DataFrame(
        {
            "person_id": ["kos", "mut", "rut", "san"],
            "name": ["Kos", "Mut", "Rut", "San"],
            "status": ["not_confirmed", "withdrawn", "vacated", "vacated"],
            "confirmed": [False, True, True, True],
        }
    )
    events = pd.DataFrame(
        [
            ("mut", "charges_withdrawn", pd.Timestamp("2013-03-11")),
            ("rut", "charges_vacated", pd.Timestamp("2016-04-05")),
        ],
        columns=["person_id", "event", "date"],
    )
    figure = {"case_id": "ICC-X", "date_precision": "day", "source_id": "s"}
    trial = pd.DataFrame([{**figure, "stage": "trial", "victims": 628, "date": pd.Timestamp("2013-11-01")}])
    got = rp.participating_victims(trial, persons, st, CUT, events).iloc[0]
    assert got["names"] == "Rut; San"
    assert got["outcome"] == "no conviction: no order can come"
    pre = pd.DataFrame([{**figure, "stage": "pre_trial", "victims": 327, "date": pd.Timestamp("2011-09-01")}])
    assert rp.participating_victims(pre, persons, st, CUT, events).iloc[0]["names"] == "Kos; Mut; Rut; San"


def test_victim_stage_label_says_whose_trial_it_was():
    assert rp.victim_stage_label("trial", trial_opened=True) == "Trial"
    assert rp.victim_stage_label("trial", trial_opened=False) == rp.NO_TRIAL_OPENED
    assert rp.victim_stage_label("trial", trial_opened=False, co_accused_tried=True) == rp.NOT_TRIED
    assert rp.victim_stage_label("pre_trial", trial_opened=False) == "Pre-trial"
    assert rp.victim_stage_label("unheard_of", trial_opened=True) == "unheard_of"  # never a KeyError


def test_an_order_before_the_appeal_judgment_has_its_amended_order_beside_it(ds):
    # xss as the data codes Lubanga: the Trial Chamber's 2012 decision is the first order, made
    # 846 days before the conviction became final (2012-08-07 to 2014-12-01); the Appeals
    # Chamber's amended order of 2015-03-03 is the first order after finality: 92 days
    rep = decisions(("xss", "order", "2012-08-07"), ("xss", "addendum", "2015-03-03"), ("plea", "order", "2017-08-17"))
    line = rp.timeline(rep, ds.charges, ds.events, ds.persons, CUT).set_index("person_id")
    assert line.at["xss", "first_order"] == pd.Timestamp("2012-08-07") and line.at["xss", "days_to_order"] == -846
    assert line.at["xss", "order_after_final"] == pd.Timestamp("2015-03-03")
    assert line.at["xss", "days_to_order_after_final"] == 92
    # an order after finality is its own reading: plea 324 days either way
    assert line.at["plea", "days_to_order_after_final"] == line.at["plea", "days_to_order"] == 324
    assert pd.isna(line.at["par", "order_after_final"])  # no order yet
