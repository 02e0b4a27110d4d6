"""Metrics on the hand-made fixture; every expected number is worked out by hand in the comments.

Fixture people: acq (convicted at trial, reversed on appeal, like Bemba), wdr (confirmed then
withdrawn, like Kenyatta), ded (died before confirmation), fug (at large), par (partial
conviction: torture and persecution convicted, rape and forced marriage acquitted), plea (guilty
plea), xss (convicted, upheld). 15 charges in all.
"""

import datetime as dt

import pandas as pd
import pytest

from justicegap.analysis import durations as du
from justicegap.analysis import funnel as fn
from justicegap.analysis import sentences as se
from justicegap.analysis import sgbc, stages

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
    }


def test_sgbc_vs_other(ds):
    marked = sgbc.mark_sgbc(outcomes(ds), ds.crimes, "narrow")
    side = sgbc.sgbc_vs_other(marked).set_index("group")
    # SGBC charges: acq rape, wdr rape, ded slavery, fug rape, par rape = 5, none final
    assert side.loc["SGBC"].to_dict() == {"charged": 5, "confirmed": 3, "tried": 2, "convicted": 1, "final": 0}
    assert side.loc["Other crimes", "charged"] == 10 and side.loc["Other crimes", "final"] == 4


def days(a, b):
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def test_trial_durations_and_km_median(ds):
    table = du.intervals(ds.persons, ds.events, ds.charges, CUT)
    trial = table[table["interval"] == "trial_to_judgment"].set_index("person_id")
    expected = {
        "acq": days("2010-11-22", "2016-03-21"),
        "par": days("2020-07-14", "2024-06-26"),
        "plea": days("2016-08-22", "2016-09-27"),
        "xss": days("2009-01-26", "2012-03-14"),
    }
    assert trial["days"].to_dict() == expected
    assert trial["observed"].all()
    # four observed durations: the Kaplan-Meier curve falls by 1/4 at each; the median is the
    # first time it reaches 0.5, i.e. the second smallest duration.
    summary = du.km_summary(table).set_index("interval")
    assert summary.loc["trial_to_judgment", "median_days"] == sorted(expected.values())[1]


def test_fugitive_is_censored_at_as_of(ds):
    table = du.intervals(ds.persons, ds.events, ds.charges, CUT)
    row = table[(table["person_id"] == "fug") & (table["interval"] == "warrant_to_custody")].iloc[0]
    assert not row["observed"] and row["end_reason"] == "still pending at as_of"
    assert row["days"] == days("2009-03-04", "2025-12-31")
    earlier = du.intervals(ds.persons, ds.events, ds.charges, dt.date(2015, 1, 1))
    row = earlier[(earlier["person_id"] == "fug") & (earlier["interval"] == "warrant_to_custody")].iloc[0]
    assert row["days"] == days("2009-03-04", "2015-01-01")


def test_death_and_withdrawal_censor_at_the_end(ds):
    table = du.intervals(ds.persons, ds.events, ds.charges, CUT).set_index(["person_id", "interval"])
    ded = table.loc[("ded", "warrant_to_custody")]  # censored at death, before the formal termination
    assert not ded["observed"] and ded["days"] == days("2005-07-08", "2006-08-12")
    wdr = table.loc[("wdr", "confirmation_to_trial")]
    assert not wdr["observed"] and wdr["days"] == days("2012-01-23", "2014-12-05")
    assert ("acq", "judgment_to_appeal") in table.index and ("par", "judgment_to_appeal") not in table.index


def test_custody_to_final_judgment(ds):
    table = du.intervals(ds.persons, ds.events, ds.charges, CUT).set_index(["person_id", "interval"])
    # appealed: ends at the appeal judgment; not appealed: at the trial judgment
    assert table.loc[("acq", "custody_to_final"), "days"] == days("2008-07-03", "2018-06-08")
    assert table.loc[("par", "custody_to_final"), "days"] == days("2018-03-31", "2024-06-26")


def test_detention_before_judgment(ds):
    det = du.detention_before_judgment(ds.persons, ds.events, ds.charges, CUT).set_index("person_id")
    assert det.loc["acq", "days"] == days("2008-07-03", "2016-03-21")
    assert "wdr" not in det.index  # appeared under a summons: never detained
    assert "fug" not in det.index  # never in custody


def test_sentences(ds):
    table = se.sentence_table(ds.sentences, ds.charges, ds.events, ds.persons, CUT).set_index("person_id")
    assert table.loc["par", "counts_convicted"] == 2 and table.loc["par", "months_per_count"] == 60
    # plea: 108 months reduced to 84 on review
    assert table.loc["plea", "first_months"] == 108 and table.loc["plea", "latest_months"] == 84
    assert bool(table.loc["plea", "changed"])
    before_review = se.sentence_table(ds.sentences, ds.charges, ds.events, ds.persons, dt.date(2020, 1, 1))
    assert before_review.set_index("person_id").loc["plea", "latest_months"] == 108


def test_person_status(ds):
    st = stages.person_status(ds.persons, ds.events, ds.charges, CUT).set_index("person_id")["status"].to_dict()
    assert st == {
        "acq": "acquitted on appeal",
        "ded": "died, proceedings ended",
        "fug": "at large",
        "par": "convicted (final)",
        "plea": "convicted (final)",
        "wdr": "proceedings ended without verdict",
        "xss": "convicted (final)",
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
    assert st["bnd"] == "charges confirmed, at large"
    before = stages.person_status(persons, events, charges, dt.date(2014, 1, 1)).set_index("person_id")["status"]
    assert before["bnd"] == "before trial (in custody or appearing)"


def test_time_at_large_counts_both_kinds_of_fugitive(ds):
    persons, events, charges = with_resought(ds)
    table = du.intervals(persons, events, charges, CUT)
    large = du.time_at_large(table, events, CUT).set_index("person_id")
    # fug: never arrested, from its 2009-03-04 warrant; bnd: from the 2014-09-11 warrant
    assert large["days"].to_dict() == {"fug": days("2009-03-04", "2025-12-31"), "bnd": days("2014-09-11", "2025-12-31")}
    assert list(large.index) == ["fug", "bnd"]  # longest first
    # the people with ended proceedings (ded, wdr) are not at large
    assert du.time_at_large(du.intervals(ds.persons, ds.events, ds.charges, CUT), ds.events, CUT)[
        "person_id"
    ].tolist() == ["fug"]


def test_situation_filter(ds):
    out = stages.charge_outcomes(ds.charges, ds.events, ds.persons, CUT, ("mali",))
    assert set(out["person_id"]) == {"par", "plea"}


def test_rejects_bad_as_of_type(ds):
    with pytest.raises(TypeError):
        stages.charge_outcomes(ds.charges, ds.events, ds.persons, 20251231)


def test_km_curve_is_a_step_function(ds):
    table = du.intervals(ds.persons, ds.events, ds.charges, CUT)
    curve = du.km_curve(table, "trial_to_judgment")
    assert list(curve["still_waiting"].round(2)) == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert isinstance(curve, pd.DataFrame)


def test_collapse_rows_counts_identical_rows_in_first_seen_order():
    from justicegap.notebook import collapse_rows

    frame = pd.DataFrame(
        {"crime": ["rape", "unverified", "murder", "unverified", "unverified"],
         "trial": ["acquitted", "convicted", "convicted", "convicted", "acquitted"],
         "count": [1, None, 3, None, None]}
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
    assert st.loc["ded", "status"] == "reported dead, proceedings not formally ended"
    before = stages.person_status(ds.persons, ds.events, ds.charges, dt.date(2006, 1, 1)).set_index("person_id")
    assert before.loc["ded", "status"] == "at large"
