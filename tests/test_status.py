"""One status per person, the person funnel, person–crime pairs and SGBC within one judgment,
on small hand-made cases whose every expected value is worked out in the comments."""

import datetime as dt

import pandas as pd
import pytest

from justicegap.analysis import funnel as fn
from justicegap.analysis import liability, sgbc, stages, status, units

CUT = dt.date(2025, 12, 31)
CRIMES = pd.DataFrame(
    {
        "crime": ["murder", "rape", "torture", "forced_marriage", "persecution", "unverified", "unverified_sgbc"],
        "sgbc": ["none", "sexual", "none", "gender_based", "none", "none", "sexual"],
    }
)


def world(people: dict[str, list[tuple[str, str]]], charges: list[tuple] = ()):
    """persons, events and charges frames: ``people`` maps an id to its (event, date) list;
    ``charges`` are (person, crime, qualification, confirmation, trial, appeal[, mode])."""
    persons = pd.DataFrame(
        [
            {"person_id": p, "name": p.title(), "situation": "drc", "case_type": "core", "same_person_as": ""}
            for p in people
        ]
    )
    events = pd.DataFrame(
        [{"person_id": p, "event": e, "date": pd.Timestamp(d)} for p, evs in people.items() for e, d in evs],
        columns=["person_id", "event", "date"],
    )
    rows = []
    for i, c in enumerate(charges):
        p, crime, q, conf, trial, appeal, *mode = c
        rows.append(
            {
                "person_id": p,
                "charge_no": i + 1,
                "count": pd.NA,
                "crime": crime,
                "qualification": q,
                "mode_of_liability": mode[0] if mode else "",
                "origin": "dcc",
                "confirmation": conf,
                "trial": trial,
                "appeal": appeal,
                "regulation_55": "",
                "partial": "",
            }
        )
    cols = [
        "person_id",
        "charge_no",
        "count",
        "crime",
        "qualification",
        "mode_of_liability",
        "origin",
        "confirmation",
        "trial",
        "appeal",
        "regulation_55",
        "partial",
    ]
    return persons, events, pd.DataFrame(rows, columns=cols)


def status_of(persons, events, charges, as_of=CUT) -> dict[str, str]:
    return status.person_status(persons, events, charges, as_of).set_index("person_id")["status"].to_dict()


def test_no_charge_confirmed_closes_the_proceedings():
    # shaped like Mbarushimana: warrant, custody, the Chamber declines every charge, released
    p = world(
        {
            "mba": [
                ("arrest_warrant", "2010-09-28"),
                ("in_custody", "2011-01-25"),
                ("confirmation_decision", "2011-12-16"),
                ("released", "2011-12-23"),
            ]
        },
        [
            ("mba", "murder", "crime_against_humanity", "not_confirmed", "not_reached", "not_reached"),
            ("mba", "rape", "war_crime", "not_confirmed", "not_reached", "not_reached"),
        ],
    )
    assert status_of(*p) == {"mba": "not_confirmed"}
    # before the decision he was before the Court, awaiting it
    assert status_of(*p, dt.date(2011, 6, 1)) == {"mba": "awaiting_confirmation"}
    # a partial confirmation is not a closed case: one charge confirmed -> awaiting trial
    q = world(
        {
            "sai": [
                ("arrest_warrant", "2019-01-07"),
                ("in_custody", "2021-01-24"),
                ("confirmation_decision", "2021-12-09"),
            ]
        },
        [
            ("sai", "torture", "war_crime", "confirmed", "pending", "pending"),
            ("sai", "murder", "war_crime", "not_confirmed", "not_reached", "not_reached"),
        ],
    )
    assert status_of(*q) == {"sai": "awaiting_trial"}


def test_death_before_the_warrant_and_a_reported_death():
    p = world(
        {
            # shaped like Deif: killed in July, warrant issued in November, withdrawn in February
            "dei": [("death", "2024-07-13"), ("arrest_warrant", "2024-11-21"), ("warrant_withdrawn", "2025-02-26")],
            # shaped like Mudacumura: reported killed, proceedings never formally ended
            "mud": [("arrest_warrant", "2012-07-13"), ("death", "2019-09-01")],
        }
    )
    got = status.person_status(*p, CUT).set_index("person_id")
    assert got["status"].to_dict() == {"dei": "died_before_warrant", "mud": "reported_dead"}
    assert not got["at_large"].any()  # neither is a fugitive
    # before the report of his death, Mudacumura was at large
    # (Deif was not yet sought at all)
    assert status_of(*p, dt.date(2019, 1, 1)) == {"mud": "at_large"}


def test_held_by_a_state_is_not_at_large():
    p = world(
        {
            # shaped like Al Bashir after 2019: held by Sudan, never surrendered
            "bas": [("arrest_warrant", "2009-03-04"), ("national_arrest", "2019-04-11")],
            # arrested by a state and released without surrender (Elmasry in Italy): at large again
            "elm": [
                ("arrest_warrant", "2025-01-18"),
                ("national_arrest", "2025-01-19"),
                ("national_release", "2025-01-21"),
            ],
            # arrested by a state, then surrendered: before the Court
            "dut": [("arrest_warrant", "2025-03-07"), ("national_arrest", "2025-03-11"), ("in_custody", "2025-03-12")],
        }
    )
    got = status.person_status(*p, CUT).set_index("person_id")
    assert got["status"].to_dict() == {"bas": "held_by_state", "elm": "at_large", "dut": "awaiting_confirmation"}
    assert got["at_large"].to_dict() == {"bas": False, "elm": True, "dut": False}
    assert status.at_large(got.reset_index())["person_id"].tolist() == ["elm"]
    # before his arrest by Sudan he was at large
    assert status_of(*p, dt.date(2018, 1, 1)) == {"bas": "at_large"}


def test_a_sealed_warrant_counts_from_its_unsealing():
    p = world(
        {
            # sealed warrant of 2017, unsealed in 2024 (shaped like Ag Ghaly)
            "agh": [("arrest_warrant", "2017-07-18"), ("warrant_unsealed", "2024-06-21")],
            # public warrant of 2007 and a sealed one of 2018 unsealed in 2020 (Abd-Al-Rahman)
            "kus": [
                ("arrest_warrant", "2007-04-27"),
                ("arrest_warrant", "2018-01-16"),
                ("warrant_unsealed", "2020-06-11"),
            ],
        }
    )
    public = stages.public_from(p[1])
    assert public.to_dict() == {"agh": pd.Timestamp("2024-06-21"), "kus": pd.Timestamp("2007-04-27")}
    assert set(status_of(*p, dt.date(2020, 1, 1))) == {"kus"}
    assert set(status_of(*p, dt.date(2024, 6, 21))) == {"agh", "kus"}
    # the warrant date itself is unchanged: the clock of a duration still starts at issue
    assert status.person_status(*p, CUT).set_index("person_id").at["agh", "first_warrant"] == pd.Timestamp("2017-07-18")


def test_verdicts_take_precedence_and_an_acquittal_under_appeal_is_named():
    p = world(
        {
            "gba": [
                ("arrest_warrant", "2011-11-23"),
                ("in_custody", "2011-11-30"),
                ("confirmation_decision", "2014-06-12"),
                ("trial_opening", "2016-01-28"),
                ("trial_judgment", "2019-01-15"),
                ("appeal_judgment", "2021-03-31"),
            ],
        },
        [("gba", "murder", "crime_against_humanity", "confirmed", "acquitted", "upheld")],
    )
    assert status_of(*p) == {"gba": "acquitted"}
    assert status_of(*p, dt.date(2020, 1, 1)) == {"gba": "acquitted_appeal_pending"}
    assert status_of(*p, dt.date(2017, 1, 1)) == {"gba": "on_trial"}


def test_every_status_has_a_label_group_and_funnel_exit():
    for key, (label, group) in status.STATUSES.items():
        assert label and group in status.GROUPS
        assert key in fn._EXIT_OF_STATUS or key == "convicted_final"


def five_people():
    """A world for the person funnel: con (convicted, final), rev (convicted, reversed), acq
    (acquitted), dea (died after confirmation), lar (at large, no charge rows at all)."""
    trial = [
        ("arrest_warrant", "2010-01-01"),
        ("in_custody", "2010-02-01"),
        ("confirmation_decision", "2011-01-01"),
        ("trial_opening", "2012-01-01"),
        ("trial_judgment", "2015-01-01"),
    ]
    return world(
        {
            "con": trial,
            "rev": [*trial, ("appeal_judgment", "2017-01-01")],
            "acq": trial,
            "dea": trial[:3] + [("death", "2011-06-01"), ("proceedings_terminated", "2011-07-01")],
            "lar": [("arrest_warrant", "2012-01-01")],
        },
        [
            ("con", "murder", "war_crime", "confirmed", "convicted", "not_appealed", "25(3)(a)"),
            ("con", "rape", "war_crime", "confirmed", "acquitted", "not_appealed", "25(3)(a)"),
            ("rev", "murder", "war_crime", "confirmed", "convicted", "reversed", "28(a)"),
            ("rev", "rape", "war_crime", "confirmed", "convicted", "reversed", "28(a)"),
            ("acq", "rape", "crime_against_humanity", "confirmed", "acquitted", "not_appealed", "25(3)(d)"),
            ("acq", "murder", "crime_against_humanity", "confirmed", "acquitted", "not_appealed", "25(3)(d)"),
            ("dea", "murder", "war_crime", "confirmed", "terminated", "not_reached"),
        ],
    )


def test_person_funnel_names_every_exit_and_never_loses_a_death():
    persons, events, charges = five_people()
    st = status.person_status(persons, events, charges, CUT)
    table = fn.person_funnel(st).set_index("step")
    # sought 5; confirmed 4 (lar has no charge); tried 3 (dea died); convicted 2; final 1 (rev reversed)
    assert table["n"].to_dict() == {"sought": 5, "confirmed": 4, "tried": 3, "convicted": 2, "final": 1}
    assert table.at["sought", "pending_at_large"] == 1
    assert table.at["confirmed", "died"] == 1
    assert table.at["tried", "acquitted"] == 1
    assert table.at["convicted", "reversed"] == 1
    for step, row in table.iterrows():
        if step != "final":
            assert row["n"] == row["next"] + sum(row[k] for k in fn.EXITS)
    assert "died" not in fn.LOSSES


def test_person_crime_pairs_take_the_furthest_count_and_summaries_cover_placeholders():
    persons, events, charges = five_people()
    # con has two murder counts: one convicted, one acquitted -> the pair is convicted
    extra = charges.iloc[[0]].assign(charge_no=99, trial="acquitted")
    # acq also has 3 counts whose crime is not public; a judgment summary states two pairs for them
    hidden = pd.concat(
        [charges.iloc[[4]].assign(charge_no=100 + i, crime="unverified", qualification=pd.NA) for i in range(3)]
    )
    charges = pd.concat([charges, extra, hidden], ignore_index=True)
    summary = pd.DataFrame(
        [
            {
                "person_id": "acq",
                "crime": "torture",
                "qualification": "crime_against_humanity",
                "mode_of_liability": "",
                "confirmation": "confirmed",
                "trial": "acquitted",
                "appeal": "not_appealed",
            },
            # the same pair as a verified count: derived from the counts, not typed twice
            {
                "person_id": "acq",
                "crime": "rape",
                "qualification": "crime_against_humanity",
                "mode_of_liability": "",
                "confirmation": "confirmed",
                "trial": "acquitted",
                "appeal": "not_appealed",
            },
        ]
    )
    pairs = units.pair_outcomes(charges, summary, events, persons, CUT).set_index(
        ["person_id", "crime", "qualification"]
    )
    assert pairs.at[("con", "murder", "war_crime"), "outcome"] == "conviction_final"
    assert pairs.at[("con", "murder", "war_crime"), "n_counts"] == 2
    assert pairs.at[("acq", "torture", "crime_against_humanity"), "basis"] == "judgment summary"
    assert pairs.at[("acq", "rape", "crime_against_humanity"), "basis"] == "counts"
    # acq's placeholders are covered by the summary: no unverified pair remains for acq
    assert not ((pairs.index.get_level_values(0) == "acq") & ~pairs["verified"]).any()
    # pairs: con murder, con rape, rev murder, rev rape, acq rape, acq murder, acq torture, dea murder
    assert len(pairs) == 8


def test_sgbc_within_the_same_judgment_names_the_pattern():
    persons, events, charges = five_people()
    pairs = units.pair_outcomes(charges, charges.iloc[0:0], events, persons, CUT)
    marked = sgbc.mark_sgbc(pairs, CRIMES, "narrow")
    same = sgbc.same_judgment(marked, events).set_index("person_id")
    # con: rape acquitted, murder convicted; rev: both convicted; acq: both acquitted
    assert same["pattern"].to_dict() == {
        "con": "acquitted_sgbc_convicted_other",
        "rev": "convicted_both",
        "acq": "acquitted_all",
    }
    assert same.at["rev", "sgbc_modes"] == "28" and not same.at["rev", "sgbc_final"]
    assert same.at["con", "sgbc_acquitted"] == "rape (WC)" and same.at["con", "other_convicted"] == "murder (WC)"


def test_a_conviction_on_unpublished_counts_is_not_called_an_acquittal():
    persons, events, charges = five_people()
    # acq convicted on two counts whose crime is not public: not "acquitted of everything"
    hidden = charges.iloc[[4]].assign(charge_no=50, crime="unverified", qualification=pd.NA, trial="convicted")
    charges = pd.concat([charges, hidden], ignore_index=True)
    pairs = units.pair_outcomes(charges, charges.iloc[0:0], events, persons, CUT)
    same = sgbc.same_judgment(sgbc.mark_sgbc(pairs, CRIMES, "narrow"), events).set_index("person_id")
    assert same.at["acq", "pattern"] == "acquitted_sgbc_convicted_unverified"


def test_modes_of_liability_are_sorted_into_the_statute_categories():
    assert liability.categories("25(3)(a) indirect co-perpetration; 28(a)") == ["25(3)(a)", "28"]
    assert liability.categories("charged also under 25(3)(b), (c) and (d)") == ["25(3)(b)", "25(3)(c)", "25(3)(d)"]
    assert liability.categories("ordering or inducing") == ["25(3)(b)"]
    assert liability.categories("") == []
    persons, events, charges = five_people()
    out = stages.charge_outcomes(charges, events, persons, CUT)
    table = liability.by_mode(sgbc.mark_sgbc(out, CRIMES, "narrow")).set_index(["mode", "group"])
    # 25(3)(a): con murder convicted (other), con rape acquitted (SGBC); 28: rev two convictions
    assert table.at[("25(3)(a)", "Other crimes"), "convicted"] == 1
    assert table.at[("25(3)(a)", "SGBC"), "decided"] == 1 and table.at[("25(3)(a)", "SGBC"), "convicted"] == 0
    assert table.at[("28", "SGBC"), "convicted"] == 1
    # rev's convictions were reversed on appeal: the row says so; con's stand
    assert table.at[("28", "SGBC"), "reversed"] == 1 and table.at[("25(3)(a)", "Other crimes"), "reversed"] == 0
    assert table["decided"].sum() == out["trial"].isin(["convicted", "acquitted"]).sum()  # adds up to all decided
    assert table["under_appeal"].sum() == 0
    # con's murder conviction put under appeal: one under appeal, none reversed
    pending = out.assign(appeal=out["appeal"].mask((out["person_id"] == "con") & (out["crime"] == "murder"), "pending"))
    again = liability.by_mode(sgbc.mark_sgbc(pending, CRIMES, "narrow")).set_index(["mode", "group"])
    assert again.at[("25(3)(a)", "Other crimes"), "under_appeal"] == 1
    assert again.at[("25(3)(a)", "Other crimes"), "reversed"] == 0


def test_a_mode_recharacterised_at_judgment_counts_under_the_mode_applied():
    # shaped like Katanga: charged under 25(3)(a); the judgment assessed 25(3)(d) after a
    # Regulation 55 notice; convicted of murder, acquitted of rape. A note that changes only the
    # conflict (Lubanga) keeps the mode charged.
    mode = "25(3)(a) indirect co-perpetration"
    persons, events, charges = world(
        {
            "kat": [
                ("arrest_warrant", "2007-07-02"),
                ("in_custody", "2007-10-17"),
                ("confirmation_decision", "2008-09-26"),
                ("trial_opening", "2009-11-24"),
                ("trial_judgment", "2014-03-07"),
            ]
        },
        [
            ("kat", "murder", "war_crime", "confirmed", "convicted", "not_appealed", mode),
            ("kat", "rape", "war_crime", "confirmed", "acquitted", "not_appealed", mode),
            ("kat", "pillaging", "war_crime", "confirmed", "convicted", "not_appealed", mode),
        ],
    )
    charges.loc[0:1, "regulation_55"] = "Mode recharacterised to 25(3)(d) accessory"
    charges.loc[2, "regulation_55"] = "conviction entered under the non-international provision 8(2)(e)(v)"
    out = sgbc.mark_sgbc(stages.charge_outcomes(charges, events, persons, CUT), CRIMES, "narrow")
    table = liability.by_mode(out).set_index(["mode", "group"])
    assert table.at[("25(3)(d)", "Other crimes"), "convicted"] == 1
    assert table.at[("25(3)(d)", "SGBC"), "decided"] == 1 and table.at[("25(3)(d)", "SGBC"), "convicted"] == 0
    assert table.at[("25(3)(a)", "Other crimes"), "decided"] == 1  # pillaging: only the conflict changed
    assert ("25(3)(a)", "SGBC") not in table.index
    same = sgbc.same_judgment(out.assign(sgbc_known=True), events).set_index("person_id")
    assert same.at["kat", "sgbc_modes"] == "25(3)(a) → 25(3)(d) (recharacterised)"
    assert same.at["kat", "other_modes"] == "25(3)(a) → 25(3)(d) (recharacterised); 25(3)(a)"


@pytest.mark.parametrize(
    "year,label", [(2005, "2002–2007"), (2008, "2008–2012"), (2024, "2023–"), (1999, "before 2002")]
)
def test_cohort_labels(year, label):
    assert fn.cohort_of(year) == label


def test_the_sgbc_gap_one_trial_at_a_time_and_resampled():
    from justicegap.analysis import sensitivity

    persons, events, charges = five_people()
    pairs = sgbc.mark_sgbc(units.pair_outcomes(charges, charges.iloc[0:0], events, persons, CUT), CRIMES, "narrow")
    groups = pd.Series({"con": "t1", "rev": "t2", "acq": "t3"})
    # rape (SGBC): con acquitted, rev convicted, acq acquitted -> 1 of 3; murder: con and rev
    # convicted, acq acquitted -> 2 of 3; gap -33.3 points. Without con: 1/2 - 1/2 = 0; without
    # rev: 0/2 - 1/2 = -50; without acq: 1/2 - 2/2 = -50
    loo = sensitivity.leave_one_trial_out(pairs, groups).set_index("trial")["gap_points"].round(1).to_dict()
    assert loo == {"t1": 0.0, "t2": -50.0, "t3": -50.0}
    boot = sensitivity.bootstrap_gap(pairs, groups, draws=500, seed=0)
    assert boot["gap"] == pytest.approx(-100 / 3) and boot["trials"] == 3
    assert boot["low"] <= boot["gap"] <= boot["high"] and boot["high"] <= 0
    assert sensitivity.bootstrap_gap(pairs, groups, draws=500, seed=0) == boot  # same seed, same interval
    # the same pairs: leaving out con takes the gap to 0, so it is not robust, and the sentence says so
    summary = sensitivity.gap_summary(pairs, groups)
    assert summary["loo_names"] == "Con" and summary["loo_at"] == pytest.approx(0.0)
    assert not summary["robust"]
    assert "fragile" in sensitivity.gap_sentence(summary)


def _block_pairs(trials: int) -> tuple[pd.DataFrame, pd.Series]:
    # each trial decides one SGBC pair (acquitted) and one other pair (convicted)
    rows = []
    for i in range(trials):
        rows.append({"person_id": f"p{i}", "name": f"P{i}", "sgbc": True, "sgbc_known": True, "trial": "acquitted"})
        rows.append({"person_id": f"p{i}", "name": f"P{i}", "sgbc": False, "sgbc_known": True, "trial": "convicted"})
    return pd.DataFrame(rows), pd.Series({f"p{i}": f"t{i}" for i in range(trials)})


def test_the_sign_test_counts_each_trial_once():
    from justicegap.analysis import sensitivity

    # one trial with a contrast (SGBC 0 of 1, other 1 of 1): flipping its sign gives -100 or +100,
    # both as far from zero: p = 2/2 = 1
    pairs, groups = _block_pairs(1)
    one = sensitivity.trial_sign_test(pairs, groups)
    assert one == {
        "contrasts": 1,
        "same_direction": 1,
        "ties": 0,
        "worse": 1,
        "better": 0,
        "mean_points": -100.0,
        "p": 1.0,
    }
    # three such trials (Katanga, Al Hassan, Yekatom-like): only all-minus or all-plus are as
    # extreme, 2 of 8 sign patterns: p = 0.25, however many pairs each trial decided
    pairs, groups = _block_pairs(3)
    three = sensitivity.trial_sign_test(pairs, groups)
    assert three["p"] == pytest.approx(0.25) and three["contrasts"] == 3
    # ten: 2 of 1024
    ten = sensitivity.trial_sign_test(*_block_pairs(10))
    assert ten["p"] == pytest.approx(2 / 1024)
    # a trial with SGBC pairs only says nothing about the contrast and is left out
    extra = pd.concat(
        [
            pairs,
            pd.DataFrame([{"person_id": "q", "name": "Q", "sgbc": True, "sgbc_known": True, "trial": "acquitted"}]),
        ],
        ignore_index=True,
    )
    assert sensitivity.trial_sign_test(extra, pd.concat([groups, pd.Series({"q": "tq"})]))["contrasts"] == 3


def test_a_gap_whose_interval_nearly_touches_zero_is_called_uncertain():
    from justicegap.analysis import sensitivity

    summary = {
        "gap": -30.0,
        "low": -54.0,
        "high": -1.0,
        "trials": 10,
        "draws": 2000,
        "p": 0.0002,
        "contrasts": 10,
        "same_direction": 10,
        "worse": 10,
        "better": 0,
        "loo_min": -39.0,
        "loo_max": -19.0,
        "loo_names": "Katanga",
        "loo_at": -19.0,
        "robust": True,
    }
    text = sensitivity.gap_sentence(summary)
    assert (
        "p < 0.001" in text
        and "within 1 point of zero" in text
        and "All 10 judgments decided both" in text
        and "Over all 10 trial judgments the gap is -30 percentage points" in text
        and "not to be relied on" not in text
    )
    assert "holds under each" in sensitivity.gap_sentence({**summary, "high": -12.0})
    # with only 3 judgments that differ, the interval is shown with a warning ...
    few = sensitivity.gap_sentence({**summary, "worse": 3})
    assert "-54 to -1, not to be relied on: only 3 judgments differ" in few
    # ... and left out where it would be read as a test (the SGBC chapter's finding)
    bare = sensitivity.gap_sentence({**summary, "worse": 3}, interval=False)
    assert "interval" not in bare and "within 1 point" not in bare and "leaving out one judgment" in bare


def test_within_trials_pools_only_the_trials_that_decided_both_kinds():
    """The other-crimes rate over the same judgments: a trial that decided no SGBC charge (or only
    SGBC) is left out of both rates, and counted apart."""
    from justicegap.analysis import sensitivity

    pairs, groups = _block_pairs(2)  # t0, t1: SGBC acquitted, other convicted
    extra = pd.DataFrame(
        [  # t2: other crimes only (two convictions); t3: SGBC only (one conviction)
            {"person_id": "l", "name": "L", "sgbc": False, "sgbc_known": True, "trial": "convicted"},
            {"person_id": "l", "name": "L", "sgbc": False, "sgbc_known": True, "trial": "convicted"},
            {"person_id": "s", "name": "S", "sgbc": True, "sgbc_known": True, "trial": "convicted"},
        ]
    )
    pairs = pd.concat([pairs, extra], ignore_index=True)
    groups = pd.concat([groups, pd.Series({"l": "t2", "s": "t3"})])
    within = sensitivity.within_trials(pairs, groups)
    assert within == {
        "trials": 2,
        "trials_all": 4,
        "other_only": 1,
        "sgbc": {"convicted": 0, "decided": 2, "persons": 2},
        "other": {"convicted": 2, "decided": 2, "persons": 2},
        "gap_points": -100.0,  # 0 of 2 against 2 of 2
        "joint": [],
    }
    # the per-trial table behind it: t0 and t1 differ by -100 points; t2 (other only) and t3 (SGBC
    # only) have no difference
    table = sensitivity.per_trial(pairs, groups).set_index("trial")
    assert table["diff_points"].fillna(0.5).to_dict() == {"t0": -100.0, "t1": -100.0, "t2": 0.5, "t3": 0.5}
    assert table.loc["t2", ["other_convicted", "other_decided", "sgbc_decided"]].tolist() == [2, 2, 0]
    assert table.loc["t3", ["sgbc_convicted", "sgbc_decided", "persons"]].tolist() == [1, 1, 1]
    summary = sensitivity.gap_summary(pairs, groups)
    # over all 4 trials: SGBC 1 of 3, other 4 of 4: -66.7 points; over the 2 that decided both, -100
    assert summary["gap"] == pytest.approx(-200 / 3) and summary["gap_within"] == pytest.approx(-100.0)
    assert "Over all 4 trial judgments the gap is -67 percentage points (-100 over the 2 that decided both)" in (
        sensitivity.gap_sentence(summary, sign_test=False)
    )
    text = sensitivity.within_trial_sentence(summary, within)
    # two trials, SGBC worse in both: sign test p = 2/4 = 0.5
    assert text.startswith(
        "Judgment by judgment: of the 2 trial judgments that decided both SGBC and other charges, SGBC fared "
        "worse in 2, alike in 0 and better in none; a sign-flip test on the mean of the per-judgment differences "
        "(each judgment counted once) gives p = 0.50: with only 2 judgments that differ, no p-value below 0.50 "
        "is possible, so the test cannot decide either way."
    )
    assert "0 of 2 (0%; 2 people) SGBC person–crime pairs" in text and "against 2 of 2 (100%; 2 people)" in text
    assert sensitivity.TEST_NAME not in sensitivity.gap_sentence(summary, sign_test=False)
    # two accused tried together make one row, and are named as a joint trial
    joint = pd.concat([pairs, pairs[pairs["person_id"] == "p0"].assign(person_id="p9", name="P9")], ignore_index=True)
    within = sensitivity.within_trials(joint, pd.concat([groups, pd.Series({"p9": "t0"})]))
    assert within["joint"] == ["P0; P9"] and within["trials"] == 2
    assert summary["differ_names"] == ["P0", "P1"]


def test_accused_tried_together_but_judged_apart_are_two_judgments():
    """Shaped like Katanga and Ngudjolo: one trial opened for both, the cases were severed and
    judged on different days; Bemba et al.-like accused judged on one day are one judgment."""
    from justicegap.analysis import sensitivity

    rows = [
        ("kat", "trial_opening", "2009-11-24"),
        ("ngu", "trial_opening", "2009-11-24"),
        ("ngu", "trial_judgment", "2012-12-18"),
        ("kat", "trial_judgment", "2014-03-07"),
        ("b1", "trial_opening", "2015-09-29"),
        ("b2", "trial_opening", "2015-09-29"),
        ("b1", "trial_judgment", "2016-10-19"),
        ("b2", "trial_judgment", "2016-10-19"),
        ("w", "trial_opening", "2020-01-01"),  # still on trial: no judgment
    ]
    events = pd.DataFrame(rows, columns=["person_id", "event", "date"]).assign(date=lambda f: pd.to_datetime(f["date"]))
    persons = pd.DataFrame(
        [
            {"person_id": "kat", "name": "Katanga", "situation": "drc"},
            {"person_id": "ngu", "name": "Ngudjolo", "situation": "drc"},
            {"person_id": "b1", "name": "B1", "situation": "car"},
            {"person_id": "b2", "name": "B2", "situation": "car"},
            {"person_id": "w", "name": "W", "situation": "car"},
        ]
    )
    tried = sensitivity.trial_groups(events, persons)
    judged = sensitivity.judgment_groups(events, persons)
    assert tried["kat"] == tried["ngu"] and judged["kat"] != judged["ngu"]
    assert judged.to_dict() == {
        "b1": "car:2016-10-19",
        "b2": "car:2016-10-19",
        "kat": "drc:2014-03-07",
        "ngu": "drc:2012-12-18",
    }
    assert sensitivity.judged_apart(events, persons) == [
        "Ngudjolo (judged 18\u00a0Dec\u00a02012) and Katanga (judged 7\u00a0Mar\u00a02014)"
    ]


def test_a_co_accused_with_no_sgbc_charge_is_not_in_the_within_judgment_comparison():
    """Shaped like Yekatom and Ngaïssona: judged together, only N had SGBC charges (acquitted,
    1 of 2 other crimes convicted); Y had none (3 of 3 other crimes convicted). The judgment
    compares N's SGBC with N's other crimes: 0 of 2 against 1 of 2 (-50), not against 4 of 5."""
    from justicegap.analysis import sensitivity

    row = lambda pid, sgbc, trial: {  # noqa: E731
        "person_id": pid,
        "name": pid.upper(),
        "sgbc": sgbc,
        "sgbc_known": True,
        "trial": trial,
    }
    pairs = pd.DataFrame(
        [
            row("n", True, "acquitted"),
            row("n", True, "acquitted"),
            row("n", False, "convicted"),
            row("n", False, "acquitted"),
        ]
        + [row("y", False, "convicted")] * 3
    )
    groups = pd.Series({"n": "car:2025-07-24", "y": "car:2025-07-24"})
    table = sensitivity.per_trial(pairs, groups)
    assert len(table) == 1
    t = table.iloc[0]
    assert (t["names"], t["left_out"], t["left_out_pairs"], t["persons"]) == ("N", "Y", 3, 1)
    assert (t["other_convicted"], t["other_decided"], t["diff_points"]) == (1, 2, -50.0)
    within = sensitivity.within_trials(pairs, groups)
    assert within["other"] == {"convicted": 1, "decided": 2, "persons": 1}
    # a judgment with no SGBC pair keeps everyone (it compares nothing)
    solo = sensitivity.per_trial(pairs[pairs["person_id"] == "y"], groups)
    assert (solo.iloc[0]["names"], solo.iloc[0]["left_out"], solo.iloc[0]["other_decided"]) == ("Y", "", 3)


def test_a_fragile_gap_names_the_checks_it_passes_and_fails():
    from justicegap.analysis import sensitivity

    base = {
        "gap": -30.0,
        "trials": 11,
        "trials_within": 9,
        "gap_within": -29.0,
        "low": -57.0,
        "high": -6.0,
        "loo_names": "K",
        "loo_min": -39.0,
        "loo_max": -22.0,
        "loo_at": -22.0,
        "contrasts": 9,
        "p": 0.25,
        "same_direction": 3,
        "ties": 6,
        "worse": 3,
        "better": 0,
        "robust": False,
        "same_sign": True,
        "excludes_zero": True,
    }
    text = sensitivity.gap_sentence(base, sign_test=False, interval=False)
    assert text.endswith(
        " The gap is fragile: it keeps its sign whichever judgment is left out, but the sign-flip test cannot "
        "tell it from chance with only 3 judgments that differ, so it should be read as a pattern in these "
        "judgments, not as an established difference."
    )
    assert "interval" not in text
    flipped = sensitivity.gap_sentence({**base, "same_sign": False, "excludes_zero": False, "worse": 10, "p": 0.2})
    assert (
        "The gap is fragile: it changes sign when one judgment is left out and the sign-flip test does not reject "
        "equal rates (p = 0.20) and the resampled interval reaches zero," in flipped
    )


def test_an_unreliable_interval_is_not_counted_as_a_check_and_tied_judgments_are_all_named():
    from justicegap.analysis import sensitivity

    base = {
        "gap": -30.0,
        "trials": 11,
        "trials_within": 9,
        "gap_within": -29.0,
        "low": -57.0,
        "high": -6.0,
        "loo_names": "K",
        "loo_also": ["H"],
        "loo_min": -39.0,
        "loo_max": -22.0,
        "loo_at": -22.2,
        "contrasts": 9,
        "p": 0.25,
        "same_direction": 3,
        "ties": 6,
        "worse": 3,
        "better": 0,
        "robust": False,
        "same_sign": True,
        "excludes_zero": True,
    }
    text = sensitivity.gap_sentence(base)
    assert "(without K or without H: -22)" in text
    assert "not to be relied on" in text and "the resampled interval excludes zero" not in text


def test_in_court_says_where_each_person_still_before_the_court_stands():
    from justicegap.analysis import funnel

    status = pd.DataFrame(
        {"status": ["on_trial", "convicted_appeal_pending", "at_large", "convicted_appeal_pending", "convicted_final"]}
    )
    # furthest along first; at large and final are not before the Court; nobody awaits confirmation
    assert funnel.in_court(status) == [(2, "convicted at trial, appeal pending"), (1, "on trial")]
    # every status the funnel files under "before the Court" has its wording, and no other
    assert set(funnel.IN_COURT) == {k for k, e in funnel._EXIT_OF_STATUS.items() if e == "pending_in_court"}
