"""Durations with competing exits, worked by hand on small cases."""

import datetime as dt

import pandas as pd
import pytest

from justicegap.analysis import durations as du
from justicegap.analysis import stages, status

CUT = dt.date(2025, 12, 31)


def days(a, b):
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def world(people: dict[str, list[tuple[str, str]]], situation="drc", charges=()):
    persons = pd.DataFrame(
        [
            {"person_id": p, "name": p.title(), "situation": situation, "case_type": "core", "same_person_as": ""}
            for p in people
        ]
    )
    events = pd.DataFrame(
        [{"person_id": p, "event": e, "date": pd.Timestamp(d)} for p, evs in people.items() for e, d in evs],
        columns=["person_id", "event", "date"],
    )
    rows = [
        {
            "person_id": p,
            "charge_no": i + 1,
            "crime": "murder",
            "qualification": "war_crime",
            "confirmation": c,
            "trial": t,
            "appeal": a,
        }
        for i, (p, c, t, a) in enumerate(charges)
    ]
    cols = ["person_id", "charge_no", "crime", "qualification", "confirmation", "trial", "appeal"]
    return persons, events, pd.DataFrame(rows, columns=cols)


def test_five_person_cumulative_incidence_by_hand():
    # custody to final judgment for five people: 300 days no charge confirmed; 500 still running
    # (censored); 1000 final judgment; 1200 died; 2000 final judgment.
    table = pd.DataFrame(
        {
            "interval": "custody_to_final",
            "days": [300, 500, 1000, 1200, 2000],
            "exit": ["not_confirmed", "censored", "reached", "died", "reached"],
            "observed": [False, False, True, False, True],
            "name": list("abcde"),
            "trial_group": list("abcde"),
        }
    )
    # (no follow-up limit here: test_estimates_stop_where_follow_up_ends has it)
    cif = du.cumulative_incidence(table, "custody_to_final", horizons_years=(5, 8), min_at_risk=0)
    cif = cif.set_index(["exit", "years"])
    # Aalen-Johansen: at 300, 5 at risk, 1 not confirmed: 1/5 = 0.2, still in 0.8. 500 censored (3
    # left). At 1000, 3 at risk: reached 0.8 x 1/3 = 0.2667, still in 0.5333. At 1200, 2 at risk:
    # died 0.5333 x 1/2 = 0.2667, still in 0.2667. At 2000, 1 at risk: reached + 0.2667 = 0.5333.
    assert cif.at[("not_confirmed", 5), "share"] == pytest.approx(0.2)
    assert cif.at[("reached", 5), "share"] == pytest.approx(0.8 / 3)  # 1826 days: before the 2000-day judgment
    assert cif.at[("died", 5), "share"] == pytest.approx(0.8 / 3)
    assert cif.at[("reached", 8), "share"] == pytest.approx(1.6 / 3)
    # the incidences and what is left add up to one; a Kaplan-Meier that censored the competing
    # exits would claim everyone reaches a judgment by 2000 days
    assert sum(cif.xs(8, level="years")["share"]) == pytest.approx(1.0)
    summary = du.summary(table).set_index("interval")
    assert summary.at["custody_to_final", "median_days"] is None  # no median where exits compete
    assert "competing exits" in summary.at["custody_to_final", "median_note"]


def test_estimates_stop_where_follow_up_ends():
    """Shares are given while at least MIN_AT_RISK (5) people are still followed, and up to the
    first censoring however few: beyond, the rows are empty and the curves stop."""
    table = pd.DataFrame(
        {
            "interval": "x",
            "days": [300, 500, 1000, 1200, 2000],
            "exit": ["not_confirmed", "censored", "reached", "died", "reached"],
            "observed": [False, False, True, False, True],
            "name": list("abcde"),
            "trial_group": list("abcde"),
        }
    )
    # five are followed up to day 300 (the fifth-longest); the first censoring is on day 500: 500
    assert du.followed_until(table) == 500
    cif = du.cumulative_incidence(table, "x", horizons_years=(1, 2)).set_index(["exit", "years"])
    assert cif.at[("not_confirmed", 1), "share"] == pytest.approx(0.2) and bool(
        cif.at[("not_confirmed", 1), "followed"]
    )
    # day 730.5: 3 still in (1000, 1200, 2000), after a censoring: not estimated
    assert pd.isna(cif.at[("not_confirmed", 2), "share"]) and not cif.at[("not_confirmed", 2), "followed"]
    assert cif.at[("reached", 2), "at_risk"] == 3 and pd.isna(cif.at[("reached", 2), "ci_low"])
    curves = du.incidence_curves(table, "x")
    assert max(c["days"].max() for c in curves.values()) <= 500
    assert "reached" not in curves or curves["reached"]["share"].max() == 0
    # the last day estimated gets its own row (day 500 = 1.4 years, between the horizons), which
    # is the figure's annotation: not_confirmed 1 of 5 (day 300), nothing else ended by day 500
    assert du.last_estimated(table) == 500
    lim = du.cumulative_incidence(table, "x", horizons_years=(1, 2), at_limit=True)
    nc = lim[lim["exit"] == "not_confirmed"]
    assert list(nc["years"]) == [1, 1.4, 2] and list(nc["last"]) == [False, True, False]
    assert nc["share"].iloc[1] == pytest.approx(0.2) and bool(nc["followed"].iloc[1])
    assert curves["not_confirmed"]["share"].iloc[-1] == pytest.approx(nc["share"].iloc[1])
    assert not du.cumulative_incidence(table, "x", horizons_years=(1, 2))["last"].any()
    # with no case censored every share is an exact count, however few remain
    done = table.assign(exit=table["exit"].replace("censored", "died"))
    assert du.followed_until(done) == float("inf")
    assert du.cumulative_incidence(done, "x", horizons_years=(8,))["followed"].all()
    assert du.last_estimated(done) == 2000  # unbounded: the longest stay, where every ending is known
    # ten people followed: the limit is the fifth-longest stay (days 100..1000, one censored at 100)
    ten = pd.DataFrame(
        {
            "interval": "x",
            "days": range(100, 1100, 100),
            "exit": ["censored"] + ["died"] * 9,
            "observed": False,
            "name": list("abcdefghij"),
            "trial_group": list("abcdefghij"),
        }
    )
    assert du.followed_until(ten) == 600


def test_arrest_warrants_and_summonses_run_on_separate_clocks():
    persons, events, charges = world(
        {
            "aw": [("arrest_warrant", "2010-01-01"), ("in_custody", "2012-01-01")],
            "sm": [("summons", "2011-03-08"), ("in_custody", "2011-04-08")],
            # a summons replaced by an arrest warrant after appearing: the warrant does not open a clock
            "ban": [("summons", "2009-08-27"), ("in_custody", "2010-06-17"), ("arrest_warrant", "2014-09-11")],
        }
    )
    t = du.intervals(persons, events, charges, CUT).set_index(["person_id", "interval"])
    assert t.at[("aw", "warrant_to_custody"), "days"] == days("2010-01-01", "2012-01-01")
    assert ("aw", "summons_to_appearance") not in t.index
    assert t.at[("sm", "summons_to_appearance"), "days"] == 31 and ("sm", "warrant_to_custody") not in t.index
    assert ("ban", "warrant_to_custody") not in t.index


def test_someone_who_absconds_leaves_court_time_when_sought_again():
    # shaped like Banda: appeared under a summons, charges confirmed, then an arrest warrant in 2014
    persons, events, charges = world(
        {
            "ban": [
                ("summons", "2009-08-27"),
                ("in_custody", "2010-06-17"),
                ("confirmation_decision", "2011-03-07"),
                ("arrest_warrant", "2014-09-11"),
            ]
        },
        charges=[("ban", "confirmed", "pending", "pending")],
    )
    t = du.intervals(persons, events, charges, CUT).set_index(["person_id", "interval"])
    final = t.loc[("ban", "custody_to_final")]
    assert final["exit"] == "absconded" and final["end"] == pd.Timestamp("2014-09-11")
    assert t.loc[("ban", "confirmation_to_trial"), "exit"] == "absconded"
    # an ending of its own: not still running, not ended, and a competing exit in the estimates
    summary = du.summary(t.reset_index()).set_index("interval")
    row = summary.loc["custody_to_final"]
    assert (row["at_large_again"], row["still_running"], row["ended_otherwise"]) == (1, 0, 0)
    assert "at large again" in row["median_note"]
    cif = du.cumulative_incidence(t.reset_index(), "custody_to_final", horizons_years=(5,))
    assert cif.set_index("exit").at["absconded", "share"] == pytest.approx(1.0)
    # so he is not among the longest waits in court for 15 years
    assert du.longest_waits(du.intervals(persons, events, charges, CUT))["days"].max() < days(
        "2010-06-17", "2025-12-31"
    )
    st = status.person_status(persons, events, charges, CUT)
    large = du.time_at_large(st, events, CUT).set_index("person_id")
    assert large.at["ban", "start"] == pd.Timestamp("2014-09-11")
    assert large.at["ban", "held_by_state_days"] == 0


def test_time_at_large_says_how_much_of_it_a_state_held_the_person():
    # shaped like Harun: warrant 2007, held in Sudan from 11 April 2019, escaped 1 April 2023
    persons, events, charges = world(
        {
            "har": [
                ("arrest_warrant", "2007-04-27"),
                ("national_arrest", "2019-04-11"),
                ("national_release", "2023-04-01"),
            ]
        }
    )
    st = status.person_status(persons, events, charges, CUT)
    large = du.time_at_large(st, events, CUT).set_index("person_id")
    assert large.at["har", "days"] == days("2007-04-27", "2025-12-31")
    assert large.at["har", "held_by_state_days"] == days("2019-04-11", "2023-04-01")
    assert large.at["har", "held_by_state_precision"] == "day"  # (the fixture's dates are exact)
    events.loc[(events["person_id"] == "har") & (events["event"] == "national_release"), "date_precision"] = "month"
    events["date_precision"] = events["date_precision"].fillna("day")
    large = du.time_at_large(st, events, CUT).set_index("person_id")
    assert large.at["har", "held_by_state_precision"] == "month"  # an escape known to the month


def test_a_second_national_arrest_after_a_release_means_held_by_a_state_again():
    # shaped like Njeem: warrant 18 Jan 2025; Italy arrests 19 Jan, releases 21 Jan; Libya
    # arrests him 5 Nov 2025 and has not surrendered him. "nat" had two closed spells.
    persons, events, charges = world(
        {
            "njm": [
                ("arrest_warrant", "2025-01-18"),
                ("national_arrest", "2025-01-19"),
                ("national_release", "2025-01-21"),
                ("national_arrest", "2025-11-05"),
            ],
            "sur": [  # held by a state, then surrendered: the spell ends at the surrender
                ("arrest_warrant", "2010-01-01"),
                ("national_arrest", "2011-05-01"),
                ("in_custody", "2011-05-20"),
            ],
            "day": [  # arrested and surrendered on one day
                ("arrest_warrant", "2010-01-01"),
                ("in_custody", "2013-11-24"),
                ("national_arrest", "2013-11-24"),
            ],
            "nat": [
                ("arrest_warrant", "2010-01-01"),
                ("national_arrest", "2012-03-01"),
                ("national_release", "2012-03-11"),
                ("national_arrest", "2020-01-01"),
                ("national_release", "2020-01-31"),
            ],
        }
    )
    spells = stages.national_custody(events, CUT)
    assert spells[["person_id", "start", "end"]].values.tolist() == [
        ["day", pd.Timestamp("2013-11-24"), pd.Timestamp("2013-11-24")],
        ["nat", pd.Timestamp("2012-03-01"), pd.Timestamp("2012-03-11")],
        ["nat", pd.Timestamp("2020-01-01"), pd.Timestamp("2020-01-31")],
        ["njm", pd.Timestamp("2025-01-19"), pd.Timestamp("2025-01-21")],
        ["njm", pd.Timestamp("2025-11-05"), pd.NaT],
        ["sur", pd.Timestamp("2011-05-01"), pd.Timestamp("2011-05-20")],
    ]
    st = status.person_status(persons, events, charges, CUT).set_index("person_id")
    assert st.at["njm", "status"] == "held_by_state" and not st.at["njm", "at_large"]
    assert st.at["nat", "status"] == "at_large"
    # on 1 October 2025, between the two, Njeem was at large
    assert (
        status.person_status(persons, events, charges, dt.date(2025, 10, 1)).set_index("person_id").at["njm", "status"]
        == "at_large"
    )
    large = du.time_at_large(status.person_status(persons, events, charges, CUT), events, CUT).set_index("person_id")
    assert list(large.index) == ["nat"]
    assert large.at["nat", "held_by_state_days"] == 10 + 30  # the two spells, not 2012 to 2020


def test_a_death_before_the_warrant_removes_the_person_from_the_clock():
    persons, events, charges = world(
        {
            "dei": [("death", "2024-07-13"), ("arrest_warrant", "2024-11-21"), ("warrant_withdrawn", "2025-02-26")],
            "oth": [("arrest_warrant", "2005-07-08"), ("death", "2007-10-01")],
        }
    )
    t = du.intervals(persons, events, charges, CUT).set_index(["person_id", "interval"])
    assert ("dei", "warrant_to_custody") not in t.index
    # a death after the warrant is a competing exit of time at large, not "still at large"
    assert t.loc[("oth", "warrant_to_custody"), "exit"] == "died"


def test_every_way_a_trial_ends_closes_the_trial_stage():
    trial = [
        ("arrest_warrant", "2011-01-01"),
        ("in_custody", "2011-04-07"),
        ("confirmation_decision", "2012-01-23"),
        ("trial_opening", "2013-09-10"),
    ]
    persons, events, charges = world(
        {
            # no case to answer: charges vacated (shaped like Ruto)
            "rut": [*trial, ("charges_vacated", "2016-04-05")],
            # no case to answer: acquitted (shaped like Gbagbo)
            "gba": [*trial, ("trial_judgment", "2016-04-05")],
            "run": trial,
        },
        charges=[
            ("rut", "confirmed", "vacated", "not_reached"),
            ("gba", "confirmed", "acquitted", "not_appealed"),
            ("run", "confirmed", "pending", "pending"),
        ],
    )
    t = du.intervals(persons, events, charges, CUT).set_index(["person_id", "interval"])
    assert t.loc[("rut", "trial_to_judgment"), "exit"] == "vacated"
    assert t.loc[("gba", "trial_to_judgment"), "exit"] == "reached"
    assert t.loc[("run", "trial_to_judgment"), "exit"] == "censored"
    assert t.loc[("rut", "trial_to_judgment"), "end"] == t.loc[("gba", "trial_to_judgment"), "end"]
    assert du.TRIAL_ENDS["charges_vacated"] == "vacated" and du.TRIAL_ENDS["trial_judgment"] == "reached"


def test_a_joint_trial_counts_once():
    trial = [
        ("arrest_warrant", "2011-01-01"),
        ("in_custody", "2011-04-07"),
        ("confirmation_decision", "2012-01-23"),
        ("trial_opening", "2016-01-28"),
    ]
    persons, events, charges = world(
        {
            "gba": [*trial, ("trial_judgment", "2019-01-15")],
            "ble": [*trial, ("trial_judgment", "2019-01-15")],
            "alo": [
                ("arrest_warrant", "2011-01-01"),
                ("in_custody", "2011-04-07"),
                ("confirmation_decision", "2012-01-23"),
                ("trial_opening", "2017-01-01"),
                ("trial_judgment", "2018-01-01"),
            ],
        },
        charges=[(p, "confirmed", "acquitted", "not_appealed") for p in ("gba", "ble", "alo")],
    )
    table = du.intervals(persons, events, charges, CUT)
    trials = du.trial_lengths(table).set_index("trial")
    assert len(trials) == 2 and trials["persons"].sum() == 3
    assert trials.at["drc:2016-01-28", "days"] == days("2016-01-28", "2019-01-15")
    summary = du.summary(table).set_index("interval")
    assert summary.at["trial_to_judgment", "persons"] == 3 and summary.at["trial_to_judgment", "trials"] == 2
    assert pd.isna(summary.at["custody_to_confirmation", "trials"])  # no trial yet: no trial count
    # three observed trials: a median from 5 or fewer observations is flagged and names them
    assert "small n: Alo; Ble; Gba" in summary.at["trial_to_judgment", "median_note"]


def test_detention_runs_past_the_trial_judgment_and_national_custody_is_apart():
    # shaped like Bemba: arrested in Belgium, in ICC custody, convicted, acquitted on appeal, released
    persons, events, charges = world(
        {
            "bem": [
                ("arrest_warrant", "2008-05-23"),
                ("national_arrest", "2008-05-24"),
                ("in_custody", "2008-07-03"),
                ("confirmation_decision", "2009-06-15"),
                ("trial_opening", "2010-11-22"),
                ("trial_judgment", "2016-03-21"),
                ("appeal_judgment", "2018-06-08"),
                ("released", "2018-06-15"),
            ]
        },
        charges=[("bem", "confirmed", "convicted", "reversed")],
    )
    det = du.detention(persons, events, charges, CUT).set_index("person_id")
    assert det.at["bem", "icc_days"] == days("2008-07-03", "2018-06-15")  # not only to the trial judgment
    assert det.at["bem", "before_final_days"] == days("2008-07-03", "2018-06-08")
    assert det.at["bem", "national_days"] == days("2008-05-24", "2008-07-03")
    assert det.at["bem", "ended_by"] == "released"
    assert not det.at["bem", "national_from_warrant"]
    # shaped like Gbagbo: held by his own state from 11 April 2011, ICC warrant of 23 November 2011,
    # surrendered on 30 November 2011: only the week on the Court's warrant counts
    persons3, events3, charges3 = world(
        {"gba": [("national_arrest", "2011-04-11"), ("arrest_warrant", "2011-11-23"), ("in_custody", "2011-11-30")]}
    )
    gba = du.detention(persons3, events3, charges3, CUT).set_index("person_id")
    assert gba.at["gba", "national_days"] == 7 and gba.at["gba", "national_from_warrant"]
    # someone still held runs to the as-of date, and is marked
    persons2, events2, charges2 = world({"dut": [("arrest_warrant", "2025-03-07"), ("in_custody", "2025-03-12")]})
    held = du.detention(persons2, events2, charges2, CUT).set_index("person_id")
    assert held.at["dut", "icc_days"] == days("2025-03-12", "2025-12-31") and held.at["dut", "still_detained"]


def test_an_upper_confidence_bound_not_reached_is_said():
    # one of three trials still running: the KM median is reached but its upper bound is not
    table = pd.DataFrame(
        {
            "interval": "judgment_to_appeal",
            "days": [400, 800, 1200],
            "exit": ["reached", "reached", "censored"],
            "observed": [True, True, False],
            "name": ["a", "b", "c"],
            "trial_group": ["a", "b", "c"],
        }
    )
    s = du.summary(table).set_index("interval")
    assert s.at["judgment_to_appeal", "median_days"] == 800
    assert s.at["judgment_to_appeal", "ci_high"] is None
    assert "upper bound not reached" in s.at["judgment_to_appeal", "median_note"]


def test_ties_between_endings_are_broken_without_chance():
    # day 100: one reaches the next stage, one dies, one is censored (still at risk that day);
    # then endings at 200 and 300. Tied Aalen-Johansen: at 100, 5 at risk: reached 1/5, died 1/5,
    # 3/5 left; the censored case leaves after; at 200, 2 at risk: +3/5 x 1/2; at 300: +3/10
    table = pd.DataFrame(
        {
            "interval": "x",
            "days": [100, 100, 100, 200, 300],
            "exit": ["reached", "died", "censored", "reached", "reached"],
            "observed": [True, False, False, True, True],
            "name": list("abcde"),
            "trial_group": list("abcde"),
        }
    )
    got = du.cumulative_incidence(table, "x", horizons_years=(1,), min_at_risk=0).set_index("exit")["share"]
    assert got["reached"] == pytest.approx(0.8) and got["died"] == pytest.approx(0.2)
    again = du.cumulative_incidence(table.sample(frac=1, random_state=3), "x", horizons_years=(1,), min_at_risk=0)
    assert again.set_index("exit")["share"].to_dict() == got.to_dict()  # order of rows does not matter


def test_every_stage_row_adds_up_and_discontinued_appeals_compete():
    trial = [
        ("arrest_warrant", "2007-07-02"),
        ("in_custody", "2007-10-17"),
        ("confirmation_decision", "2008-09-26"),
        ("trial_opening", "2009-11-24"),
        ("trial_judgment", "2014-03-07"),
    ]
    persons, events, charges = world(
        {
            # shaped like Katanga: appeals brought, then discontinued on 25 June 2014
            "kat": [*trial, ("appeal_discontinued", "2014-06-25")],
            # appealed and judged on appeal
            "app": [*trial, ("appeal_judgment", "2016-03-07")],
            # convicted on a plea, no appeal at all: never in the appeal stage
            "ple": [*trial],
        },
        charges=[
            ("kat", "confirmed", "convicted", "not_appealed"),
            ("app", "confirmed", "convicted", "upheld"),
            ("ple", "confirmed", "convicted", "not_appealed"),
        ],
    )
    table = du.intervals(persons, events, charges, CUT)
    t = table.set_index(["person_id", "interval"])
    assert t.loc[("kat", "judgment_to_appeal"), "exit"] == "discontinued"
    assert t.loc[("kat", "judgment_to_appeal"), "days"] == days("2014-03-07", "2014-06-25")
    assert ("ple", "judgment_to_appeal") not in t.index
    # final: the discontinuance for kat, the appeal judgment for app, the judgment itself for ple
    assert t.loc[("kat", "custody_to_final"), "end"] == pd.Timestamp("2014-06-25")
    assert t.loc[("app", "custody_to_final"), "end"] == pd.Timestamp("2016-03-07")
    assert t.loc[("ple", "custody_to_final"), "exit"] == "final_conviction"
    summary = du.summary(table)
    assert (
        summary["persons"]
        == summary["reached"] + summary["ended_otherwise"] + summary["at_large_again"] + summary["still_running"]
    ).all()
    appeal = summary.set_index("interval").loc["judgment_to_appeal"]
    assert pd.isna(appeal["median_days"]) and "competing exits" in appeal["median_note"]
    # as of before the discontinuance, kat's appeal was running
    early = du.intervals(persons, events, charges, dt.date(2014, 5, 1)).set_index(["person_id", "interval"])
    assert early.loc[("kat", "judgment_to_appeal"), "exit"] == "censored"


def test_charges_confirmed_in_absentia_start_no_trial_clock():
    persons, events, charges = world(
        {"kon": [("arrest_warrant", "2005-07-08"), ("confirmation_decision", "2025-11-06")]},
        charges=[("kon", "confirmed", "pending", "pending")],
    )
    t = du.intervals(persons, events, charges, CUT)
    assert not ((t["person_id"] == "kon") & (t["interval"] == "confirmation_to_trial")).any()


def test_an_appeal_judgment_makes_the_judgment_final_even_with_counts_not_appealed():
    # shaped like Ongwen: convicted of most counts, no verdict entered on others (recorded as not
    # appealed), the convictions judged on appeal on 15 December 2022. The judgment became final on
    # the appeal judgment, not on the trial judgment of 4 February 2021.
    evs = [
        ("arrest_warrant", "2005-07-08"),
        ("in_custody", "2015-01-21"),
        ("confirmation_decision", "2016-03-23"),
        ("trial_opening", "2016-12-06"),
        ("trial_judgment", "2021-02-04"),
    ]
    persons, events, charges = world(
        {"ong": [*evs, ("appeal_judgment", "2022-12-15")], "pen": [*evs]},
        charges=[
            ("ong", "confirmed", "convicted", "upheld"),
            ("ong", "confirmed", "not_entered", "not_appealed"),
            # appealed, appeal not yet decided, one count not appealed: not final
            ("pen", "confirmed", "convicted", "pending"),
            ("pen", "confirmed", "not_entered", "not_appealed"),
        ],
    )
    t = du.intervals(persons, events, charges, CUT).set_index(["person_id", "interval"])
    assert t.loc[("ong", "custody_to_final"), "end"] == pd.Timestamp("2022-12-15")
    assert t.loc[("ong", "custody_to_final"), "days"] == days("2015-01-21", "2022-12-15")
    assert t.loc[("ong", "judgment_to_appeal"), "days"] == days("2021-02-04", "2022-12-15")
    assert t.loc[("pen", "custody_to_final"), "exit"] == "censored"


def test_reached_within_names_who_and_flags_a_plea():
    sub = pd.DataFrame(
        {
            "person_id": ["a", "b", "c", "d"],
            "name": ["Alpha", "Bravo", "Charlie", "Delta"],
            "exit": ["final_conviction", "final_acquittal", "final_conviction", "censored"],
            "days": [900.0, 1500.0, 2000.0, 100.0],
        }
    )
    events = pd.DataFrame({"person_id": ["a", "c"], "event": ["admission_of_guilt", "trial_judgment"]})
    # 5 years = 1826.25 days: Charlie (2000 days) is out, Delta is censored, not a judgment
    assert du.reached_within(sub, events, 5) == [
        "Alpha, who admitted guilt",
        "Bravo (acquitted)",
    ]
    assert du.reached_within(sub, events, 2) == []
