"""Metrics on the hand-made fixture; every expected number is worked out by hand in the comments.

Fixture people: acq (convicted at trial, reversed on appeal, like Bemba), wdr (confirmed then
withdrawn, like Kenyatta), ded (died before confirmation), fug (at large), par (partial
conviction: torture and persecution convicted, rape and forced marriage acquitted), plea (guilty
plea), xss (convicted, upheld). 15 charges in all.
"""

import datetime as dt

import pandas as pd
import pytest

from justicegap.analysis import funnel as fn
from justicegap.analysis import sentences as se
from justicegap.analysis import sgbc, stages, status

CUT = dt.date(2025, 12, 31)


def outcomes(ds, as_of=CUT):
    return stages.charge_outcomes(ds.charges, ds.events, ds.persons, as_of)


def by_charge(out):
    return {(r.person_id, r.charge_no): r.outcome for r in out.itertuples()}


def test_outcome_of_each_charge_at_cutoff(ds):
    got = by_charge(outcomes(ds))
    assert got == {
        ("acq", 1): "reversed_on_appeal",
        ("acq", 2): "reversed_on_appeal",
        ("acq", 3): "not_confirmed",
        ("ded", 1): "terminated_before_confirmation",
        ("ded", 2): "terminated_before_confirmation",
        ("fug", 1): "pending_confirmation",
        ("fug", 2): "pending_confirmation",
        ("par", 1): "conviction_final",
        ("par", 2): "acquitted",
        ("par", 3): "acquitted",
        ("par", 4): "conviction_final",
        ("plea", 1): "conviction_final",
        ("wdr", 1): "withdrawn",
        ("wdr", 2): "withdrawn",
        ("xss", 1): "conviction_final",
    }


def test_funnel_per_charge(ds):
    # confirmed: acq 2 + wdr 2 + par 4 + plea 1 + xss 1 = 10; judged: acq 2 + par 4 + plea + xss = 8
    # convicted: acq 2 + par 2 + plea + xss = 6; final: par 2 + plea + xss = 4 (acq reversed)
    row = fn.funnel_counts(outcomes(ds), unit="charge").iloc[0].to_dict()
    assert row == {"charged": 15, "confirmed": 10, "tried": 8, "convicted": 6, "final": 4}


def test_funnel_per_person(ds):
    # 7 people; confirmed: acq wdr par plea xss; judged and convicted: acq par plea xss; final: par plea xss
    row = fn.funnel_counts(outcomes(ds), unit="person").iloc[0].to_dict()
    assert row == {"charged": 7, "confirmed": 5, "tried": 4, "convicted": 4, "final": 3}


def test_rates_state_denominators_and_flag_small_n(ds):
    rate = fn.conviction_rate(outcomes(ds))
    assert (rate.numerator, rate.denominator) == (6, 8)
    assert rate.is_small and "small n" in str(rate) and "%" not in str(rate)
    big = fn.Rate(30, 40)
    assert not big.is_small and str(big) == "30 of 40 (75%)"
    # confirmation decided for acq (3), wdr (2), par (4), plea, xss = 11, of which 10 confirmed
    conf = fn.confirmation_rate(outcomes(ds))
    assert (conf.numerator, conf.denominator) == (10, 11)
    # final over convictions with a decided or waived appeal: 4 of 6 (acq's two reversed)
    final = fn.final_rate(outcomes(ds))
    assert (final.numerator, final.denominator) == (4, 6)


def test_loss_counts_by_situation(ds):
    table = fn.loss_counts(outcomes(ds), by="situation").set_index("situation")
    assert table.loc["mali", "conviction_final"] == 3  # par 2 + plea 1
    assert table.loc["mali", "acquitted"] == 2
    assert table.loc["kenya", "withdrawn"] == 2
    assert table.loc["car", "reversed_on_appeal"] == 2 and table.loc["car", "not_confirmed"] == 1


def test_as_of_between_trial_and_appeal(ds):
    # 2016-06-01: acq convicted (2016-03-21) but appeal (2018-06-08) not yet decided; par has no
    # warrant yet (2018); plea confirmed (2016-03-24) but not yet judged (2016-09-27).
    out = outcomes(ds, dt.date(2016, 6, 1))
    got = by_charge(out)
    assert got[("acq", 1)] == "pending_appeal" and got[("acq", 2)] == "pending_appeal"
    assert got[("plea", 1)] == "pending_trial"
    assert ("par", 1) not in got
    assert got[("xss", 1)] == "conviction_final"
    row = fn.funnel_counts(out).iloc[0].to_dict()
    assert row == {"charged": 11, "confirmed": 6, "tried": 3, "convicted": 3, "final": 1}


def test_as_of_before_any_warrant_is_empty(ds):
    out = outcomes(ds, dt.date(2005, 1, 1))
    assert out.empty


def test_death_before_confirmation_pending_until_terminated(ds):
    # ded died 2006-08-12, proceedings terminated 2007-07-11: pending until then
    assert by_charge(outcomes(ds, dt.date(2007, 1, 1)))[("ded", 1)] == "pending_confirmation"
    assert by_charge(outcomes(ds, dt.date(2007, 7, 11)))[("ded", 1)] == "terminated_before_confirmation"


def test_sgbc_narrow_and_broad(ds):
    crimes = ds.crimes
    assert sgbc.sgbc_crimes(crimes, "narrow") >= {"rape", "sexual_slavery"}
    assert "forced_marriage" not in sgbc.sgbc_crimes(crimes, "narrow")
    assert "forced_marriage" in sgbc.sgbc_crimes(crimes, "broad")
    marked = sgbc.mark_sgbc(outcomes(ds), crimes, "narrow")
    # SGBC people: acq (rape), wdr (rape), ded (sexual slavery), fug (rape), par (rape) = 5;
    # confirmed: acq wdr par; judged: acq par; convicted: acq; final: none (acq reversed)
    assert sgbc.persons_funnel(marked) == {"charged": 5, "confirmed": 3, "tried": 2, "convicted": 1, "final": 0}
    broad = sgbc.mark_sgbc(outcomes(ds), crimes, "broad")
    assert int(broad["sgbc"].sum()) == int(marked["sgbc"].sum()) + 1  # par's forced marriage


def test_sgbc_losses_list_names_stage_and_date(ds):
    marked = sgbc.mark_sgbc(outcomes(ds), ds.crimes, "broad")
    lost = sgbc.losses(marked, ds.events)
    rows = {(r.person_id, r.crime, r.stage, r.date.date().isoformat()) for r in lost.itertuples()}
    assert rows == {
        ("acq", "rape", "appeal", "2018-06-08"),
        ("par", "rape", "trial", "2024-06-26"),
        ("par", "forced_marriage", "trial", "2024-06-26"),
        ("wdr", "rape", "withdrawal", "2014-12-05"),  # a withdrawal loses the charge too
    }


def test_sgbc_compared_with_other_crimes_stage_by_stage(ds):
    marked = sgbc.mark_sgbc(outcomes(ds), ds.crimes, "narrow")
    cmp = sgbc.compare(marked).set_index(["stage", "group"])
    got = {k: (r.numerator, r.denominator) for k, r in cmp["rate"].items()}
    # SGBC (narrow): acq rape, wdr rape, ded slavery, fug rape, par rape. Decided at confirmation:
    # acq, wdr, par, all confirmed (3 of 3); at trial acq convicted, par acquitted (1 of 2); on
    # appeal acq reversed (0 of 1). Other: confirmation 7 of 8 (acq torture not confirmed);
    # trial 5 of 6 (par's forced marriage acquitted, narrow scope); appeal 4 of 5 (acq murder reversed)
    assert got == {
        ("confirmation", "SGBC"): (3, 3),
        ("confirmation", "Other crimes"): (7, 8),
        ("trial", "SGBC"): (1, 2),
        ("trial", "Other crimes"): (5, 6),
        ("appeal", "SGBC"): (0, 1),
        ("appeal", "Other crimes"): (4, 5),
    }
    # par supplies 2 of the 5 other convictions at trial (40% > 25%): named; 4 people behind the rate
    other_trial = cmp.loc[("trial", "Other crimes"), "rate"]
    assert other_trial.persons == 4 and other_trial.top == ("Papa Partial", 2, 3)
    assert cmp["unknown"].eq(0).all()


def test_unverified_counts_are_kept_apart_with_bounds(ds):
    # add two counts of par whose crime is not verified: one convicted, one acquitted
    extra = [
        {
            **ds.charges.iloc[7].to_dict(),
            "charge_no": 10 + i,
            "count": pd.NA,
            "crime": "unverified",
            "qualification": pd.NA,
            "trial": t,
        }
        for i, t in enumerate(["convicted", "acquitted"])
    ]
    charges = pd.concat([ds.charges, pd.DataFrame(extra)], ignore_index=True)
    out = stages.charge_outcomes(charges, ds.events, ds.persons, CUT)
    marked = sgbc.mark_sgbc(out, ds.crimes, "narrow")
    assert (~marked["sgbc_known"]).sum() == 2
    cmp = sgbc.compare(marked).set_index(["stage", "group"])
    trial_sgbc = cmp.loc[("trial", "SGBC")]
    # known rows unchanged (1 of 2); if both unknown rows were SGBC: 2 of 4
    assert (trial_sgbc["rate"].numerator, trial_sgbc["rate"].denominator) == (1, 2)
    assert (trial_sgbc["if_all"].numerator, trial_sgbc["if_all"].denominator) == (2, 4)
    assert trial_sgbc["unknown"] == 2
    # the people funnel on known rows, and at most if the unknown rows were SGBC (par already counts)
    bounds = sgbc.persons_funnel_bounds(marked)
    assert bounds["charged"] == (5, 5) and bounds["convicted"] == (1, 2)
    # a headline count says its bound where it has one, and nothing where it is exact
    assert sgbc.up_to(bounds, "charged") == ""
    assert (
        sgbc.up_to(bounds, "convicted") == " (up to 2 if every person–crime pair whose crime is not verified were SGBC)"
    )
    # unverified_sgbc is SGBC in the broad scope only
    vague = marked.assign(crime=marked["crime"].replace("unverified", "unverified_sgbc"))
    assert sgbc.mark_sgbc(vague, ds.crimes, "broad")["sgbc_known"].all()
    assert (~sgbc.mark_sgbc(vague, ds.crimes, "narrow")["sgbc_known"]).sum() == 2


def days(a, b):
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def test_sentences(ds):
    table = se.sentence_table(ds.sentences, ds.charges, ds.events, ds.persons, CUT).set_index("person_id")
    assert "months_per_count" not in table  # the Court imposes joint sentences: per count means nothing
    assert table.loc["par", "in_force_months"] == 120
    # plea: 108 months reduced to 84 on review
    assert table.loc["plea", "first_months"] == 108 and table.loc["plea", "in_force_months"] == 84
    assert bool(table.loc["plea", "changed"])
    before_review = se.sentence_table(ds.sentences, ds.charges, ds.events, ds.persons, dt.date(2020, 1, 1))
    assert before_review.set_index("person_id").loc["plea", "in_force_months"] == 108
    # medians say what they include: at trial acq 216, par 120, plea 108 (median 120); in force
    # par 120 and plea 84 (median 102), acq's vacated on appeal
    m = se.medians(table.reset_index())
    assert (m["at_trial_n"], m["at_trial_months"]) == (3, 120.0)
    assert (m["in_force_n"], m["in_force_months"], m["vacated_n"]) == (2, 102.0, 1)
    # with plea's conviction under appeal, the final sentences are par's alone: 120
    m = se.medians(table.reset_index(), under_appeal={"plea"})
    assert (m["final_n"], m["final_months"], m["under_appeal_n"]) == (1, 120.0, 1)


def test_a_sentence_vacated_on_appeal_is_not_in_force(ds):
    # acq was convicted (216 months, 2016) and acquitted on appeal on 2018-06-08 (a vacated row)
    table = se.sentence_table(ds.sentences, ds.charges, ds.events, ds.persons, CUT).set_index("person_id")
    assert bool(table.loc["acq", "vacated"]) and pd.isna(table.loc["acq", "in_force_months"])
    assert table.loc["acq", "first_months"] == 216 and bool(table.loc["acq", "changed"])
    # before the appeal judgment it was in force
    early = se.sentence_table(ds.sentences, ds.charges, ds.events, ds.persons, dt.date(2017, 1, 1))
    early = early.set_index("person_id")
    assert early.loc["acq", "in_force_months"] == 216 and not early.loc["acq", "vacated"]


def test_person_status(ds):
    st = stages.person_status(ds.persons, ds.events, ds.charges, CUT).set_index("person_id")["status"].to_dict()
    assert st == {
        "acq": "acquitted_on_appeal",
        "ded": "died",
        "fug": "at_large",
        "par": "convicted_final",
        "plea": "convicted_final",
        "wdr": "withdrawn",
        "xss": "convicted_final",
    }


def with_resought(ds):
    """The fixture plus 'bnd', shaped like Banda: appeared under a summons on 2010-06-17, charges
    confirmed 2011-03-07, then an arrest warrant on 2014-09-11 that was never executed."""
    person = {
        "person_id": "bnd",
        "name": "Bravo Resought",
        "case_id": "ICC-02/05-03/09",
        "situation": "darfur",
        "case_type": "core",
        "source_id": "src-court",
    }
    events = [
        ("summons", "2009-08-27"),
        ("in_custody", "2010-06-17"),
        ("confirmation_decision", "2011-03-07"),
        ("arrest_warrant", "2014-09-11"),
    ]
    ev = pd.DataFrame(
        [
            {"person_id": "bnd", "event": e, "date": pd.Timestamp(d), "date_precision": "day", "source_id": "src-court"}
            for e, d in events
        ]
    )
    charge = {
        **ds.charges.iloc[0].to_dict(),
        "person_id": "bnd",
        "charge_no": 1,
        "trial": "pending",
        "appeal": "pending",
    }
    return (
        pd.concat([ds.persons, pd.DataFrame([person])], ignore_index=True),
        pd.concat([ds.events, ev], ignore_index=True),
        pd.concat([ds.charges, pd.DataFrame([charge])], ignore_index=True),
    )


def test_person_sought_again_after_a_summons_is_at_large(ds):
    persons, events, charges = with_resought(ds)
    assert stages.sought_again(events, CUT).to_dict() == {"bnd": pd.Timestamp("2014-09-11")}
    assert stages.sought_again(events, dt.date(2014, 9, 10)).empty  # before the warrant: appearing
    st = stages.person_status(persons, events, charges, CUT).set_index("person_id")["status"]
    assert st["bnd"] == "at_large"
    before = stages.person_status(persons, events, charges, dt.date(2014, 1, 1)).set_index("person_id")["status"]
    assert before["bnd"] == "awaiting_trial"


def test_situation_filter(ds):
    out = stages.charge_outcomes(ds.charges, ds.events, ds.persons, CUT, ("mali",))
    assert set(out["person_id"]) == {"par", "plea"}


def test_rejects_bad_as_of_type(ds):
    with pytest.raises(TypeError):
        stages.charge_outcomes(ds.charges, ds.events, ds.persons, 20251231)


def test_collapse_rows_counts_identical_rows_in_first_seen_order():
    from justicegap.notebook import collapse_rows

    frame = pd.DataFrame(
        {
            "crime": ["rape", "unverified", "murder", "unverified", "unverified"],
            "trial": ["acquitted", "convicted", "convicted", "convicted", "acquitted"],
            "count": [1, None, 3, None, None],
        }
    )
    out = collapse_rows(frame, "n")
    # the two (unverified, convicted, no count) rows merge; everything else stays as it was
    assert out.values.tolist() == [
        ["rape", "acquitted", 1.0, 1],
        ["unverified", "convicted", "", 2],
        ["murder", "convicted", 3.0, 1],
        ["unverified", "acquitted", "", 1],
    ]


def test_collapse_rows_lists_ids_as_ranges():
    from justicegap.notebook import collapse_rows

    frame = pd.DataFrame({"no": [1, 2, 3, 4, 5, 7], "crime": ["x", "x", "y", "x", "x", "x"]})
    out = collapse_rows(frame, "n", ids="no")
    assert out.values.tolist() == [["1-2, 4-5, 7", "x", 5], ["3", "y", 1]]


def test_sought_again_only_when_not_detained():
    def ev(*rows):
        return pd.DataFrame([{"person_id": "p", "event": e, "date": pd.Timestamp(d)} for e, d in rows])

    base = [("arrest_warrant", "2010-01-01"), ("in_custody", "2010-02-01"), ("arrest_warrant", "2011-01-01")]
    # a second warrant while in detention (arrested on the first) is not a new search
    assert stages.sought_again(ev(*base), CUT).empty
    # released on 2010-06-01, then a new warrant: sought again from 2011-01-01
    released = ev(*base, ("released", "2010-06-01"))
    assert stages.sought_again(released, CUT).to_dict() == {"p": pd.Timestamp("2011-01-01")}
    # and arrested again on 2012-01-01: no longer sought
    assert stages.sought_again(ev(*base, ("released", "2010-06-01"), ("in_custody", "2012-01-01")), CUT).empty
    # one person's events with a summons and no warrant at all (a case page's input): nothing, no error
    assert stages.sought_again(ev(("summons", "2011-03-08"), ("in_custody", "2011-04-08")), CUT).empty
    assert stages.sought_again(ev(("summons", "2011-03-08")), CUT).empty


def test_a_death_without_a_formal_end_is_not_at_large(ds):
    # ded died on 2006-08-12 and its proceedings were terminated on 2007-07-11: in between, the
    # warrant was still formally outstanding, but the person is not a fugitive
    st = stages.person_status(ds.persons, ds.events, ds.charges, dt.date(2007, 1, 1)).set_index("person_id")
    assert st.loc["ded", "status"] == "reported_dead" and not st.loc["ded", "at_large"]
    before = stages.person_status(ds.persons, ds.events, ds.charges, dt.date(2006, 1, 1)).set_index("person_id")
    assert before.loc["ded", "status"] == "at_large" and before.loc["ded", "at_large"]


def test_a_count_known_not_to_be_sgbc_counts_as_another_crime(ds):
    out = outcomes(ds).assign(crime=lambda f: f["crime"].replace("murder", "unverified_other"))
    for scope in ("narrow", "broad"):
        marked = sgbc.mark_sgbc(out, ds.crimes, scope)
        other = marked[marked["crime"] == "unverified_other"]
        assert other["sgbc_known"].all() and not other["sgbc"].any()


def test_trajectories_say_an_appeal_was_discontinued_not_that_none_was_brought():
    # shaped like Katanga: rape acquitted at trial on 7 March 2014; the Prosecutor's appeal against
    # the acquittals was discontinued on 25 June 2014. A plea case with no appeal keeps "not appealed".
    pairs = pd.DataFrame(
        [
            {
                "person_id": "kat",
                "name": "Kat",
                "crime": "rape",
                "qualification": "war_crime",
                "sgbc": True,
                "sgbc_known": True,
                "confirmation": "confirmed",
                "trial": "acquitted",
                "appeal": "not_appealed",
                "outcome": "acquitted",
                "final": False,
            },
            {
                "person_id": "ple",
                "name": "Ple",
                "crime": "rape",
                "qualification": "war_crime",
                "sgbc": True,
                "sgbc_known": True,
                "confirmation": "confirmed",
                "trial": "convicted",
                "appeal": "not_appealed",
                "outcome": "conviction_final",
                "final": True,
            },
        ]
    )
    charges = pairs[["person_id", "crime", "qualification"]].assign(regulation_55="", partial="")
    events = pd.DataFrame(
        [
            ("kat", "arrest_warrant", "2007-07-02"),
            ("kat", "trial_judgment", "2014-03-07"),
            ("kat", "appeal_discontinued", "2014-06-25"),
            ("ple", "arrest_warrant", "2015-09-18"),
            ("ple", "trial_judgment", "2016-09-27"),
        ],
        columns=["person_id", "event", "date"],
    ).assign(date=lambda e: pd.to_datetime(e["date"]))
    t = sgbc.trajectories(pairs, charges, events).set_index("person_id")
    assert t.at["kat", "appeal"] == "appeals discontinued 1"
    assert t.at["kat", "appeal_date"] == pd.Timestamp("2014-06-25")
    assert t.at["kat", "where_lost"] == "acquitted at trial"
    assert t.at["ple", "appeal"] == "not appealed 1"
    assert pd.isna(t.at["ple", "appeal_date"])


def test_a_rate_carried_by_one_person_is_also_given_without_them():
    # 12 rows: big decides 8 (2 hits, 6 misses), a and b decide 2 each (both hits). Rate 6 of 12;
    # big supplies 6 of the 6 misses (> a quarter), so the rate without big is 4 of 4.
    frame = pd.DataFrame(
        {"person_id": ["big"] * 8 + ["a"] * 2 + ["b"] * 2, "name": ["Big"] * 8 + ["A"] * 2 + ["B"] * 2}
    )
    hit = pd.Series([True, True] + [False] * 6 + [True] * 4)
    r = fn.rate_over(frame, hit, pd.Series([True] * 12))
    assert (r.numerator, r.denominator) == (6, 12)
    assert r.top_miss == ("Big", 6)
    assert r.without == ("Big", 4, 4)
    # nobody dominant: no "without"
    even = fn.rate_over(frame.assign(person_id=list("abcdefghijkl")), hit, pd.Series([True] * 12))
    assert even.without is None


def test_same_judgment_says_how_many_convicted_counts_its_crime_list_leaves_out():
    # shaped like Ngaïssona: rape acquitted; cruel treatment convicted (verified); 26 more counts
    # convicted whose crime is not public (one placeholder pair standing for 26 counts)
    base = {
        "person_id": "nga",
        "name": "Nga",
        "situation": "car-ii",
        "tried": True,
        "final": False,
        "mode_of_liability": "25(3)(c)",
    }
    pairs = pd.DataFrame(
        [
            {
                **base,
                "crime": "rape",
                "qualification": "war_crime",
                "sgbc": True,
                "sgbc_known": True,
                "trial": "acquitted",
                "n_counts": 1,
            },
            {
                **base,
                "crime": "cruel_treatment",
                "qualification": "war_crime",
                "sgbc": False,
                "sgbc_known": True,
                "trial": "convicted",
                "n_counts": 1,
            },
            {
                **base,
                "crime": "",
                "qualification": "",
                "sgbc": False,
                "sgbc_known": False,
                "trial": "convicted",
                "n_counts": 26,
            },
        ]
    )
    events = pd.DataFrame({"person_id": ["nga"], "event": ["trial_judgment"], "date": [pd.Timestamp("2025-07-24")]})
    row = sgbc.same_judgment(pairs, events).set_index("person_id").loc["nga"]
    assert row["pattern"] == "acquitted_sgbc_convicted_other"
    assert row["other_convicted"] == "cruel treatment (WC) (at least; 26 convicted counts have no verified crime)"
    # with the count rows: 2 convicted counts of which one is a placeholder
    counts = pd.DataFrame(
        {
            "person_id": "nga",
            "trial": ["convicted", "convicted", "acquitted"],
            "crime": ["unverified_other", "torture", "rape"],
        }
    )
    row = sgbc.same_judgment(pairs, events, counts).set_index("person_id").loc["nga"]
    assert row["other_convicted"] == "cruel treatment (WC) (at least; 1 convicted count has no verified crime)"


def test_an_appeal_brought_and_discontinued_is_shown_as_such_not_as_not_appealed():
    from justicegap.analysis.stages import appeal_shown

    frame = pd.DataFrame(
        {
            "person_id": ["kat", "kat", "mah", "ong"],
            "appeal": ["not_appealed", "upheld", "not_appealed", "pending"],
        }
    )
    events = pd.DataFrame(
        {
            "person_id": ["kat", "ong"],
            "event": ["appeal_discontinued", "appeal_discontinued"],
            "date": pd.to_datetime(["2014-06-25", "2030-01-01"]),
        }
    )
    assert appeal_shown(frame, events).tolist() == ["appeals_discontinued", "upheld", "not_appealed", "pending"]
    # before the discontinuance, the same rows are what the data says
    assert appeal_shown(frame, events, "2014-06-24").tolist() == ["not_appealed", "upheld", "not_appealed", "pending"]


def test_charges_ended_by_death_are_not_in_the_concluded_denominator():
    # four concluded rows: a final conviction, an acquittal, and two counts terminated, one of them
    # because the accused died (d). Without ``died`` the share is 1 of 4; with it 1 of 3.
    frame = pd.DataFrame(
        {
            "person_id": ["a", "b", "d", "t"],
            "name": ["A", "B", "D", "T"],
            "outcome": ["conviction_final", "acquitted", "terminated", "terminated_before_confirmation"],
            "final": [True, False, False, False],
            "appeal": ["upheld", "not_appealed", "not_reached", "not_reached"],
        }
    )
    assert (lambda r: (r.numerator, r.denominator))(fn.concluded_to_final(frame)) == (1, 4)
    r = fn.concluded_to_final(frame, died=["d"])
    assert (r.numerator, r.denominator) == (1, 3)
    # someone who died but whose counts ended another way (acquitted) stays in
    r = fn.concluded_to_final(frame, died=["b"])
    assert (r.numerator, r.denominator) == (1, 4)
    assert "died" in status.DIED and "reported_dead" in status.DIED and "withdrawn" not in status.DIED


def test_a_case_still_running_is_not_in_the_concluded_denominator():
    # r's case is running: one count not confirmed, one pending trial; q's acquittal is under the
    # Prosecutor's appeal. Neither adds its losses to the concluded share; a (final) and b stay.
    frame = pd.DataFrame(
        {
            "person_id": ["a", "b", "r", "r", "q"],
            "name": ["A", "B", "R", "R", "Q"],
            "outcome": ["conviction_final", "acquitted", "not_confirmed", "pending_trial", "acquitted"],
            "final": [True, False, False, False, False],
            "appeal": ["upheld", "not_appealed", "not_reached", "not_reached", "pending"],
        }
    )
    assert list(fn.still_running(frame)) == [False, False, True, True, True]
    r = fn.concluded_to_final(frame)
    assert (r.numerator, r.denominator, r.persons) == (1, 2, 2)
