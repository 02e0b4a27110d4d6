"""Each charge's outcome at each stage as it stood on an ``as_of`` date.

The data records outcomes as they stand at the cut-off. Every outcome is tied to the event that
decided it (a conviction to the trial judgment, a withdrawal to the withdrawal, ...). On an earlier
``as_of`` an outcome whose deciding event had not yet happened is ``pending``, and the later stages
follow from the earlier ones. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..vocab import OUTCOMES, STAGE_LABELS, STAGES  # noqa: F401 (re-exported: notebooks import them from here)

WARRANT_EVENTS = ("arrest_warrant", "summons")
JUDGED = ("convicted", "acquitted", "not_entered")  # trial outcomes reached in a trial judgment
END_EVENTS = ("proceedings_terminated", "warrant_withdrawn", "case_inadmissible")


def as_timestamp(as_of) -> pd.Timestamp:
    if isinstance(as_of, pd.Timestamp):
        return as_of
    if isinstance(as_of, (dt.date, str)):
        return pd.Timestamp(as_of)
    raise TypeError(f"as_of must be a date, got {type(as_of).__name__}")


def first_dates(events: pd.DataFrame, as_of) -> pd.DataFrame:
    """One row per person: the first date of each event type on or before ``as_of``."""
    cut = as_timestamp(as_of)
    ev = events[events["date"] <= cut]
    wide = ev.groupby(["person_id", "event"])["date"].min().unstack("event")
    wanted = [
        "arrest_warrant",
        "summons",
        "warrant_unsealed",
        "in_custody",
        "initial_appearance",
        "confirmation_decision",
        "charges_withdrawn",
        "trial_opening",
        "charges_vacated",
        "trial_judgment",
        "admission_of_guilt",
        "sentence",
        "appeal_judgment",
        "proceedings_terminated",
        "warrant_withdrawn",
        "case_inadmissible",
        "death",
        "released",
        "national_arrest",
        "national_release",
        "appeal_discontinued",
    ]
    wide = wide.reindex(columns=wanted).astype("datetime64[ns]")
    wide["first_warrant"] = wide[list(WARRANT_EVENTS)].min(axis=1)
    wide["ended"] = wide[list(END_EVENTS)].min(axis=1)
    return wide


def appeal_shown(frame: pd.DataFrame, events: pd.DataFrame, as_of=None) -> pd.Series:
    """The appeal stage of each row of ``frame`` (``person_id``, ``appeal``) as a reader should read it.

    The data codes a trial outcome that stood because the appeals brought against it were
    discontinued as ``not_appealed`` (it is final, as an unappealed one is). For a person with an
    ``appeal_discontinued`` event (on or before ``as_of``, if given) it is shown as
    ``appeals_discontinued``: Katanga's and Al Hassan's acquittals were appealed, and the appeals
    withdrawn. Every other value is unchanged. The case pages and the SGBC trajectories use this."""
    ev = events[events["event"] == "appeal_discontinued"]
    if as_of is not None:
        ev = ev[ev["date"] <= as_timestamp(as_of)]
    discontinued = frame["person_id"].isin(set(ev["person_id"])) & (frame["appeal"] == "not_appealed")
    return frame["appeal"].mask(discontinued, "appeals_discontinued")


def national_custody(events: pd.DataFrame, as_of) -> pd.DataFrame:
    """Spells in the custody of national authorities (not the Court's), on or before ``as_of``.

    Read in date order per person: a ``national_arrest`` opens a spell (unless one is open);
    the next ``national_release``, or surrender to the Court (``in_custody``), closes it.
    Columns ``person_id``, ``start``, ``end`` (NaT: still held on ``as_of``), ``closed_by`` (the
    closing event, or ""), the precision of each date (``start_precision``, ``end_precision``)
    and ``source_id`` (the arrest's source: for a state's custody often a press or NGO report,
    not the Court's record). Every later arrest counts, not only the first: Osama Elmasry Njeem
    was arrested and released by Italy in January 2025, then reported arrested in Libya in
    November 2025. Status, time at large and detention all read their national custody here."""
    cut = as_timestamp(as_of)
    ev = events[(events["date"] <= cut) & events["event"].isin(["national_arrest", "national_release", "in_custody"])]
    ev = ev.assign(
        source_id=ev["source_id"] if "source_id" in ev else "",
        date_precision=ev["date_precision"].fillna("day") if "date_precision" in ev else "day",
        # on one day, the arrest comes first (Babala: arrested in Kinshasa and surrendered the same day)
        _order=(ev["event"] != "national_arrest").astype(int),
    )
    rows, open_ = [], None
    for pid, group in ev.sort_values(["person_id", "date", "_order"], kind="stable").groupby("person_id", sort=True):
        open_ = None
        for event, date, precision, src in zip(
            group["event"], group["date"], group["date_precision"], group["source_id"]
        ):
            if event == "national_arrest" and open_ is None:
                open_ = (pid, date, precision, src)
            elif event in ("national_release", "in_custody") and open_ is not None:
                rows.append((open_[0], open_[1], date, event, open_[2], precision, open_[3]))
                open_ = None
        if open_ is not None:
            rows.append((open_[0], open_[1], pd.NaT, "", open_[2], "day", open_[3]))
    columns = ["person_id", "start", "end", "closed_by", "start_precision", "end_precision", "source_id"]
    return pd.DataFrame(rows, columns=columns).astype({"start": "datetime64[ns]", "end": "datetime64[ns]"})


def sought_again(events: pd.DataFrame, as_of) -> pd.Series:
    """Date from which a person who had already come before the Court is sought again.

    That is an arrest warrant issued after the person's last day in custody or appearance, while
    they were not detained (they had come under a summons only, or had been released), with no
    later custody. Abdallah Banda is the case in point: he appeared under a summons in 2010 and
    the summons was replaced by an arrest warrant in 2014 that has not been executed. Indexed by
    person_id; only people sought again on ``as_of`` are listed."""
    cut = as_timestamp(as_of)
    ev = events[events["date"] <= cut]
    last = ev[ev["event"] == "in_custody"].groupby("person_id", as_index=False)["date"].max()
    last = last.rename(columns={"date": "last"})

    def with_last(event: str) -> pd.DataFrame:
        return ev.loc[ev["event"] == event, ["person_id", "date"]].merge(last, on="person_id", how="inner")

    warrants, releases = with_last("arrest_warrant"), with_last("released")
    later = warrants[warrants["date"] > warrants["last"]].groupby("person_id")["date"].min()
    warrant_before = warrants.loc[warrants["date"] <= warrants["last"], "person_id"].unique()
    released_after = releases.loc[releases["date"] >= releases["last"], "person_id"].unique()
    detained = set(warrant_before) - set(released_after)
    out = later[~later.index.isin(list(detained))]
    return pd.Series(out.to_dict(), dtype="datetime64[ns]", name="sought_again")


def public_from(events: pd.DataFrame) -> pd.Series:
    """The day each person became publicly sought, indexed by person_id.

    A warrant or summons issued under seal counts from its unsealing: where the first warrant or
    summons was followed by a ``warrant_unsealed`` event before any further warrant or summons,
    the first one was sealed and the person is public from that unsealing; otherwise from the
    first warrant or summons (a later sealed warrant, such as Abd-Al-Rahman's of 2018, does not
    hide a public one of 2007). Computed over all events, whatever the as-of date: a warrant
    unsealed after ``as_of`` was not public on ``as_of``."""
    ev = events[events["event"].isin([*WARRANT_EVENTS, "warrant_unsealed"])]
    issued = ev[ev["event"].isin(WARRANT_EVENTS)].sort_values(["person_id", "date"])
    first = issued.groupby("person_id")["date"].min()
    second = issued.groupby("person_id")["date"].apply(lambda d: d.iloc[1] if len(d) > 1 else pd.NaT)
    unsealed = ev[ev["event"] == "warrant_unsealed"].groupby("person_id")["date"].min()
    frame = pd.DataFrame({"first": first, "second": second}).join(unsealed.rename("unsealed"), how="left")
    sealed = frame["unsealed"].notna() & (frame["second"].isna() | (frame["unsealed"] <= frame["second"]))
    sealed &= frame["unsealed"] >= frame["first"]
    out = frame["first"].where(~sealed, frame[["unsealed", "second"]].min(axis=1))
    return out.astype("datetime64[ns]").rename("public_from")


def persons_as_of(persons: pd.DataFrame, events: pd.DataFrame, as_of, situations: tuple[str, ...] = ()) -> pd.DataFrame:
    """Persons publicly sought on ``as_of`` (a warrant or summons issued and public by then; see
    :func:`public_from`), optionally by situation."""
    cut = as_timestamp(as_of)
    public = public_from(events)
    known = public.index[public.notna() & (public <= cut)]
    out = persons[persons["person_id"].isin(known)]
    if situations:
        out = out[out["situation"].isin(situations)]
    return out.reset_index(drop=True)


def _known(date: pd.Series, cut: pd.Timestamp) -> pd.Series:
    return date.notna() & (date <= cut)


def charge_outcomes(
    charges: pd.DataFrame, events: pd.DataFrame, persons: pd.DataFrame, as_of, situations: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Charges of persons known on ``as_of``, with stage outcomes as they stood that day.

    Adds columns ``confirmation``, ``trial``, ``appeal`` (as of), the booleans of :data:`STAGES`
    and ``outcome`` (a key of :data:`OUTCOMES`).
    """
    cut = as_timestamp(as_of)
    people = persons_as_of(persons, events, cut, situations)
    ch = charges[charges["person_id"].isin(people["person_id"])].copy()
    ch = ch.merge(people[["person_id", "name", "situation", "case_type"]], on="person_id", how="left")
    d = first_dates(events, cut).reindex(ch["person_id"]).reset_index(drop=True)
    ch = ch.reset_index(drop=True)

    rec_c, rec_t, rec_a = ch["confirmation"], ch["trial"], ch["appeal"]
    # confirmation
    c_date = pd.Series(pd.NaT, index=ch.index, dtype="datetime64[ns]")
    c_date = c_date.mask(rec_c.isin(["confirmed", "not_confirmed"]), d["confirmation_decision"])
    c_date = c_date.mask(rec_c == "withdrawn", d[["charges_withdrawn", "warrant_withdrawn"]].min(axis=1))
    c_date = c_date.mask(rec_c == "not_reached", d["ended"])
    conf = rec_c.where(_known(c_date, cut), "pending")

    # trial
    t_date = pd.Series(pd.NaT, index=ch.index, dtype="datetime64[ns]")
    t_date = t_date.mask(rec_t.isin(list(JUDGED)), d["trial_judgment"])
    t_date = t_date.mask(rec_t == "withdrawn", d["charges_withdrawn"])
    t_date = t_date.mask(rec_t == "vacated", d["charges_vacated"])
    t_date = t_date.mask(rec_t == "terminated", d["ended"])
    trial = rec_t.where(_known(t_date, cut), "pending")
    trial = trial.mask(rec_t == "not_reached", "not_reached")
    trial = trial.where(conf == "confirmed", np.where(conf == "pending", "pending", "not_reached"))

    # appeal: a judgment not appealed is final from its own date; one whose appeals were
    # discontinued, from the discontinuance (until then the appeal is pending)
    a_date = pd.Series(pd.NaT, index=ch.index, dtype="datetime64[ns]")
    a_date = a_date.mask(rec_a.isin(["upheld", "reversed"]), d["appeal_judgment"])
    discontinued = events[events["event"] == "appeal_discontinued"].groupby("person_id")["date"].min()
    disc = ch["person_id"].map(discontinued).astype("datetime64[ns]")  # any date: pending until then
    a_date = a_date.mask(rec_a == "not_appealed", disc.fillna(d["trial_judgment"]))
    appeal = rec_a.where(_known(a_date, cut), "pending")
    appeal = appeal.mask(rec_a == "not_reached", "not_reached")
    verdict = trial.isin(list(JUDGED))
    appeal = appeal.where(verdict, np.where(trial == "pending", "pending", "not_reached"))

    ch["confirmation"], ch["trial"], ch["appeal"] = conf, trial, appeal
    ch["charged"] = True
    ch["confirmed"] = conf == "confirmed"
    ch["tried"] = verdict
    ch["convicted"] = trial == "convicted"
    ch["final"] = ch["convicted"] & appeal.isin(["upheld", "not_appealed"])
    ch["outcome"] = _outcome(conf, trial, appeal)
    return ch


def went_to_appeal(outcomes: pd.DataFrame, dates: pd.DataFrame) -> set[str]:
    """People whose trial judgment went to appeal: a count upheld, reversed or still under appeal,
    or appeals brought and then discontinued (Katanga, Al Hassan). ``outcomes`` from
    :func:`charge_outcomes`, ``dates`` from :func:`first_dates` on the same as-of date."""
    tried = outcomes[outcomes["tried"]]
    went = set(tried.loc[tried["appeal"].isin(["upheld", "reversed", "pending"]), "person_id"])
    return went | set(dates.index[dates["appeal_discontinued"].notna()])


def final_judgment_dates(outcomes: pd.DataFrame, events: pd.DataFrame, as_of) -> pd.Series:
    """The day each tried person's trial judgment became final, from :func:`charge_outcomes` rows.

    The one rule: where any count went to appeal (upheld, reversed or still pending) or the appeals
    were discontinued, the judgment is final on the appeal judgment, or on the discontinuance where
    no appeal judgment was given; an appeal not yet decided leaves it not final (NaT). A person
    with counts not appealed beside appealed ones (Ongwen's counts with no verdict entered) is
    final on the appeal judgment. Where nobody appealed, the trial judgment is final on its own
    date. Indexed by person_id; only people with a trial verdict as of ``as_of``."""
    cut = as_timestamp(as_of)
    d = first_dates(events, cut)
    tried = outcomes[outcomes["tried"]]
    people = pd.Index(tried["person_id"].unique(), name="person_id")
    d = d.reindex(people)
    in_appeal = d.index.isin(list(went_to_appeal(outcomes, d)))
    final = pd.Series(pd.NaT, index=people, dtype="datetime64[ns]", name="final_on")
    final = final.mask(~in_appeal, d["appeal_discontinued"].fillna(d["trial_judgment"]))
    final = final.mask(in_appeal, d["appeal_judgment"].fillna(d["appeal_discontinued"]))
    return final


def _outcome(conf: pd.Series, trial: pd.Series, appeal: pd.Series) -> pd.Series:
    conditions = [
        conf == "pending",
        conf == "not_reached",
        conf == "not_confirmed",
        (conf == "withdrawn") | (trial == "withdrawn"),
        trial == "pending",
        trial == "vacated",
        trial.isin(["terminated", "not_reached"]),
        trial == "acquitted",
        trial == "not_entered",
        (trial == "convicted") & (appeal == "reversed"),
        (trial == "convicted") & (appeal == "pending"),
        (trial == "convicted") & appeal.isin(["upheld", "not_appealed"]),
    ]
    choices = [
        "pending_confirmation",
        "terminated_before_confirmation",
        "not_confirmed",
        "withdrawn",
        "pending_trial",
        "vacated",
        "terminated",
        "acquitted",
        "not_entered",
        "reversed_on_appeal",
        "pending_appeal",
        "conviction_final",
    ]
    return pd.Series(np.select(conditions, choices, default="terminated"), index=conf.index)


def person_status(persons, events, charges, as_of, situations: tuple[str, ...] = ()) -> pd.DataFrame:
    """Moved to :func:`justicegap.analysis.status.person_status` (kept here for old callers)."""
    from .status import person_status as status_of

    return status_of(persons, events, charges, as_of, situations)
