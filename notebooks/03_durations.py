# %% [markdown]
# # Question 3: how long do proceedings take?
#
# Each stage is timed from the event that opens it to the way it ends. A stage can end in more
# than one way: it reaches the next stage, or the proceedings end without it (the charges are not
# confirmed, withdrawn or vacated, the proceedings terminated, the accused dies). Those are
# **competing exits**, not cases still waiting, so each stage is described by the **cumulative
# incidence** of each way it ends (Aalen–Johansen estimator, lifelines), with 95% confidence
# bands. Cases still running on the as-of date are censored there. A Kaplan–Meier median is given
# only where a stage has a single way to end.
#
# **The clocks.** Arrest warrants and summonses run on separate clocks. Time at large ends at
# custody, death or withdrawal; someone who died before their warrant was issued is not counted.
# Someone sought again after appearing (Banda) leaves court time on the day of the new warrant:
# being at large again is an ending of its own, not a case still running (nor one that ended).
# A share is estimated only as far as a stage is followed: while at least five people are still
# in it (or, before any case is censored, however few); later rows are left empty, not carried
# forward. Every way a trial can end (a verdict,
# including an acquittal on a no-case-to-answer motion, or charges vacated, withdrawn, terminated,
# a death) closes the trial stage. **Unit**: person-case records of core-crime cases; trial
# lengths also count joint trials once.

# %% tags=["parameters"]
as_of = None
sgbc_scope = "narrow"
unit = "charge"
situations = "all"

# %%
import pandas as pd

from justicegap import dates
from justicegap import notebook as nb
from justicegap.analysis import durations as du
from justicegap.analysis import status
from justicegap.analysis.stages import national_custody
from justicegap.context import SITUATION_LABELS, setup
from justicegap.figures import charts, style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
ds = ctx.ds
people = ctx.status()
table = du.intervals(ds.persons, ds.events, ds.charges, ctx.as_of, ctx.params.situations)
core = table[table["case_type"] == "core"]
years = dates.years


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


# %% [markdown]
# ## From custody to a final judgment

# %%
cif = du.cumulative_incidence(core, "custody_to_final", at_limit=True)
at = cif.set_index(["exit", "years"])
ctf = core[core["interval"] == "custody_to_final"]
n_final = len(ctf)


def share(kind: str, horizon: int) -> float:
    return float(at.loc[(kind, horizon), "share"]) if (kind, horizon) in at.index else 0.0


def band(kind: str, horizon: int) -> str:
    if (kind, horizon) not in at.index or pd.isna(at.loc[(kind, horizon), "ci_low"]):
        return "no interval"
    lo, hi = at.loc[(kind, horizon), "ci_low"], at.loc[(kind, horizon), "ci_high"]
    return f"95% CI {pct(lo)}–{pct(hi)}" if pd.notna(lo) else "no interval"


def within(kinds, horizon: int) -> int:
    return int((ctf["exit"].isin(kinds) & (ctf["days"] <= horizon * 365.25)).sum())


conv5, acq5 = share("final_conviction", 5), share("final_acquittal", 5)
ended_kinds = [k for k in cif["exit"].unique() if k not in ("final_conviction", "final_acquittal", "absconded")]
other5 = float(cif[cif["exit"].isin(ended_kinds) & (cif["years"] == 5)]["share"].sum())
limit_years = du.followed_until(ctf) / 365.25
risk8 = du.at_risk(ctf, 8 * 365.25)
again = ctf[ctf["exit"] == "absconded"]
nb.metric("final_within_5_years", round(conv5 + acq5, 4), "Share reaching a final judgment within 5 years of custody",
          note=f"n={n_final}")
nb.metric("ended_otherwise_within_5_years", round(other5, 4),
          "Share whose case ended otherwise within 5 years of custody", note=f"n={n_final}")
nb.metric("custody_to_final_followed_years", round(limit_years, 1),
          f"Years after custody up to which shares are estimated (at least {du.MIN_AT_RISK} still followed)",
          note=f"at risk at 8 years: {risk8}")


def count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


nb.finding("**Time.** Of **{n}** people who came before the Court, **{k5}** had a final judgment within five years of "
           "arriving in custody or first appearing ({c5}, {a5}{who5}) and **{k8}** within eight. Estimated with competing "
           "exits, within five years {pc5} reach a final conviction ({bc5}), {pa5} a final acquittal ({ba5}) and "
           "**{o5}** see their case end otherwise (charges not confirmed, withdrawn or vacated, the accused's "
           "death){again}. No share is estimated beyond {lim} years: by eight years only {r8} of the {n} are still "
           "followed. As of {as_of}.",
           n=n_final, k5=within(du.REACHED, 5), c5=count(within(["final_conviction"], 5), "conviction"),
           a5=count(within(["final_acquittal"], 5), "acquittal"), k8=within(du.REACHED, 8),
           who5=(": " + "; ".join(du.reached_within(ctf, ds.events[ds.events["date"] <= ctx.as_of], 5))
                 if within(du.REACHED, 5) else ""),
           pc5=pct(conv5), bc5=band("final_conviction", 5), pa5=pct(acq5), ba5=band("final_acquittal", 5),
           o5=pct(other5), r8=risk8, lim=f"{limit_years:.1f}",
           again=(f"; {len(again)} ({'; '.join(sorted(again['name']))}) {'is' if len(again) == 1 else 'are'} at "
                  "large again after appearing, a case neither running nor ended" if len(again) else ""),
           as_of=ctx.as_of_text)
curves = du.incidence_curves(core, "custody_to_final")
fig = charts.incidence(curves, du.EXITS,
                       f"Within 5 years of custody, {pct(conv5 + acq5)} had a final judgment ({within(du.REACHED, 5)} of "
                       f"{n_final} people) and {pct(other5)} ended otherwise",
                       style.caption(n_final, ctx.as_of_text, "people", "cumulative incidence; shaded: 95% CI"),
                       until_days=du.last_estimated(ctf))
nb.figure(fig, "custody_to_final", "Cumulative incidence of a final judgment and of other endings after custody")


def incidence_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.assign(
        share=frame["share"].map(pct),
        ci=[("" if lo is None or pd.isna(lo) else f"{pct(lo)}–{pct(hi)}") for lo, hi in
            zip(frame["ci_low"], frame["ci_high"])],
        note=[("; ".join(n for n in (
            "" if followed else f"not estimated: only {risk} still followed",
            "5 or fewer such endings" if small else "") if n))
            for followed, risk, small in zip(frame["followed"], frame["at_risk"], frame["small"])])
    out.loc[~frame["followed"], "share"] = ""
    # the last day estimated (the figures' annotations) is its own row: "7.9 (last estimated)"
    out["years"] = [f"{y:.1f} (last estimated)" if last else f"{y:g}"
                    for y, last in zip(frame["years"], frame.get("last", pd.Series(False, index=frame.index)))]
    return out[["label", "years", "share", "ci", "events", "n", "at_risk", "note"]]


nb.table(incidence_table(cif), "custody_to_final_incidence",
         f"Cumulative incidence of each ending, custody or first appearance to final judgment. n = {n_final} people, "
         f"as of {ctx.as_of_text}.",
         labels={"label": "Ending", "years": "Within (years)", "share": "Share", "ci": "95% CI",
                 "events": "Endings of this kind", "n": "People", "at_risk": "Still followed", "note": "Note"})

# %% [markdown]
# ## Stage by stage

# %%
summ = du.summary(core)
view = summ.assign(median_years=summ["median_days"].map(years), low=summ["ci_low"].map(years),
                   high=summ["ci_high"].map(years))
view["high"] = [("not reached" if h is None and m is not None else h) for h, m in zip(view["high"], view["median_years"])]
nb.table(view[["label", "persons", "trials", "reached", "ended_otherwise", "at_large_again", "still_running",
               "median_years", "low",
               "high", "median_note"]], "stage_summary",
         f"Each stage: people (and trials, joint trials once), how it ended, and a Kaplan–Meier median where the stage "
         f"has a single way to end. Core crimes, as of {ctx.as_of_text}.",
         labels={"label": "Stage", "persons": "People", "trials": "Trials", "reached": "Reached next stage",
                 "ended_otherwise": "Ended otherwise", "at_large_again": "At large again",
                 "still_running": "Still running", "median_years": "Median (years)",
                 "low": "95% CI low", "high": "95% CI high", "median_note": "Note"})
rows = []
for key in du.INTERVALS:
    c = du.cumulative_incidence(core, key, horizons_years=(1, 3, 5, 10))
    if len(c):
        rows.append(c)
stage_cif = pd.concat(rows, ignore_index=True)
stage_cif = stage_cif.assign(stage=stage_cif["interval"].map({k: v[0] for k, v in du.INTERVALS.items()}))
stage_view = incidence_table(stage_cif).assign(stage=stage_cif["stage"])
nb.table(stage_view[["stage", "label", "years", "share", "ci", "events", "n", "at_risk", "note"]], "stage_incidence",
         f"Cumulative incidence of each way every stage ends, at 1, 3, 5 and 10 years. As of {ctx.as_of_text}.",
         labels={"stage": "Stage", "label": "Ending", "years": "Within (years)", "share": "Share", "ci": "95% CI",
                 "events": "Endings of this kind", "n": "People", "at_risk": "Still followed", "note": "Note"})
for _, r in summ.iterrows():
    nb.metric(f"stage_{r['interval']}_reached", int(r["reached"]), f"Reached the next stage: {r['label']}",
              note=f"persons={r['persons']}, ended otherwise={r['ended_otherwise']}, "
                   f"at large again={r['at_large_again']}, running={r['still_running']}")

# %% [markdown]
# ### Arrest warrants: how many people are ever brought in
#
# For arrest warrants alone, the share of people in the Court's custody 1, 5 and 10 years after
# the first warrant. A summons is answered on a clock of its own.

# %%
aw = du.cumulative_incidence(core, "warrant_to_custody", horizons_years=(1, 5, 10), at_limit=True)
aw_at = aw.set_index(["exit", "years"])
n_aw = int((core["interval"] == "warrant_to_custody").sum())
aw_last = aw[(aw["exit"] == "reached") & aw["followed"] & ~aw["last"]].sort_values("years").tail(1)
aw_curves = du.incidence_curves(core, "warrant_to_custody")
aw_title = (f"{int(aw_last['years'].iloc[0])} years after an arrest warrant, {pct(aw_last['share'].iloc[0])} of the "
            "people sought had been brought into the Court's custody" if len(aw_last) else
            "Custody after an arrest warrant")
fig = charts.incidence(aw_curves, du.EXITS, aw_title,
                       style.caption(n_aw, ctx.as_of_text, "people", "arrest warrants only; shaded: 95% CI"),
                       until_days=du.last_estimated(core[core["interval"] == "warrant_to_custody"]))
nb.figure(fig, "warrant_to_custody", "Cumulative incidence of custody and of other endings after an arrest warrant")
nb.table(incidence_table(aw), "warrant_to_custody_incidence",
         f"Arrest warrant to custody: cumulative incidence. n = {n_aw} people, as of {ctx.as_of_text}.",
         labels={"label": "Ending", "years": "Within (years)", "share": "Share", "ci": "95% CI",
                 "events": "Endings of this kind", "n": "People", "at_risk": "Still followed", "note": "Note"})
sm = core[core["interval"] == "summons_to_appearance"]
nb.prose("Summonses: **{n}** people were summoned; **{a}** appeared, a median of **{d}** days after the summons "
         "(every summons in the data was answered, so this is a plain median).",
         n=len(sm), a=int(sm["observed"].sum()), d=int(sm.loc[sm["observed"], "days"].median()) if sm["observed"].any()
         else "n/a")

# %% [markdown]
# ## Trials, counted once each

# %%
trials = du.trial_lengths(core)
ended = trials[trials["ended"]]
nb.table(trials.assign(years=(trials["days"] / 365.25).round(1), exit=trials["exit"].map(du.EXITS))[
    ["names", "persons", "start", "end", "years", "exit"]].sort_values("start"), "trials",
         f"Trials from opening to their end (joint trials once; the end is the last accused's). n = {len(trials)} "
         f"trials of {int(trials['persons'].sum())} people, as of {ctx.as_of_text}.",
         labels={"names": "Accused", "persons": "People", "start": "Opened", "end": "Ended or as of", "years": "Years",
                 "exit": "How it ended"})
med_trial = float(ended["days"].median()) if len(ended) else None
nb.metric("median_trial_years_ended", years(med_trial), "Median length of ended trials (years, joint trials once)",
          note=f"trials={len(ended)}, still running={int((~trials['ended']).sum())}")
nb.prose("**{e}** of the **{n}** trials have ended; they lasted a median of **{m}** years from opening to their end "
         "(verdict or not). **{r}** {verb} still running, {which} **{l}** years so far.",
         verb="is" if int((~trials["ended"]).sum()) == 1 else "are",
         which="for" if int((~trials["ended"]).sum()) == 1 else "the longest for",
         e=len(ended), n=len(trials), m=years(med_trial) if med_trial is not None else "n/a",
         r=int((~trials["ended"]).sum()),
         l=years(trials.loc[~trials["ended"], "days"].max()) if (~trials["ended"]).any() else "n/a")

# %% [markdown]
# ## The longest waits in court
#
# Court time only: the stages from custody onwards (time at large is in the next section).

# %%
longest = du.longest_waits(core, 12)
longest = longest.assign(years=(longest["days"] / 365.25).round(1), exit=longest["exit"].map(du.EXITS),
                         situation=longest["situation"].map(SITUATION_LABELS))
longest = dates.interval_precision(longest, ds.events, durations="years")
nb.table(dates.select(longest, ["person_id", "name", "situation", "label", "start", "end", "years", "exit"]),
         "longest_waits",
         f"The 12 longest stage intervals in court, ended or still running. As of {ctx.as_of_text}.",
         labels={"name": "Person", "situation": "Situation", "label": "Stage", "start": "From", "end": "To",
                 "years": "Years", "exit": "How it ended"}, person_links="Person")

# %% [markdown]
# ## Time at large
#
# The people at large are those of the one status every page reads (`analysis.status`): never
# brought before the Court, sought again after appearing, or with charges confirmed in their
# absence. People held by a state that has not surrendered them are listed apart.

# %%
large = du.time_at_large(people[people["case_type"] == "core"], ds.events, ctx.as_of)
nb.metric("fugitives", int(len(large)), "Person-case records at large on the as-of date, core crimes")
lv = large.assign(years=(large["days"] / 365.25).round(1), situation=large["situation"].map(SITUATION_LABELS),
                  held_years=[(float("nan") if d == 0 else round(d / 365.25, 1 if d >= 37 else 2))
                              for d in large["held_by_state_days"]])
lv = dates.interval_precision(lv, ds.events, end=None, durations="years")
lv[dates.precision_column("held_years")] = large["held_by_state_precision"]
rough = int(lv[dates.precision_column("years")].isin(["month", "year"]).sum()) if len(lv) else 0
nb.metric("median_years_at_large", years(large["days"].median()) if len(large) else None,
          "Median years at large so far (people still sought)",
          note=(f"approximate: {rough} of the {len(lv)} start dates are known only to the month or year; the time "
                "counts from the first warrant and includes any time a state held the person without surrendering "
                "them" if rough else "counts from the first warrant, including any time a state held the person"))
nb.table(dates.select(lv, ["person_id", "name", "situation", "start", "since", "years", "held_years"]), "at_large",
         f"People at large, with years since the search for them began. n = {len(lv)}, as of {ctx.as_of_text}. "
         "'Of which held by a state': time in national custody, on press reports, within those years.",
         labels={"name": "Person", "situation": "Situation", "start": "Sought since", "since": "Counted from",
                 "years": "Years at large", "held_years": "Of which held by a state (years)"}, person_links="Person")
held = people[(people["status"] == "held_by_state") & (people["case_type"] == "core")]
if len(held):
    spells = national_custody(ds.events, ctx.as_of)
    spells = spells[spells["end"].isna()].rename(columns={
        "start": "held_since", dates.precision_column("start"): dates.precision_column("held_since"),
        "source_id": "custody_source"})
    hv = held.assign(situation=held["situation"].map(SITUATION_LABELS)).merge(
        spells[["person_id", "held_since", dates.precision_column("held_since"), "custody_source"]], on="person_id",
        how="left")
    hv = dates.attach_precision(hv, ds.events, "first_warrant", event_types=("arrest_warrant", "summons"))
    nb.table(dates.select(hv, ["person_id", "name", "situation", "first_warrant", "held_since", "custody_source"]),
             "held_by_state", f"Held by a state that has not surrendered them. n = {len(held)}, as of {ctx.as_of_text}. "
             "'Held since' is the start of their current national custody and 'Source' the report it rests on "
             "(its address is in sources.csv of the data snapshot): "
             "for custody by a state that is usually the press or an NGO, not the Court's record, and whether they "
             "were still held on the as-of date is as of that report (see each case's known gaps).",
             labels={"name": "Person", "situation": "Situation", "first_warrant": "First warrant",
                     "held_since": "Held since", "custody_source": "Source"},
             person_links="Person")

# %% [markdown]
# ## The whole of detention
#
# Time detained on the Court's case, from arrival in its custody to the first release (interim or
# final), death, or the
# as-of date, for everyone detained, including those acquitted, released when no charge was
# confirmed, and those still held; time serving a sentence counts until release. Time in national
# custody on the Court's warrant before surrender is shown apart, where a source gives it.

# %%
det = du.detention(ds.persons, ds.events, ds.charges, ctx.as_of, ctx.params.situations)
det = det[det["case_type"] == "core"]
dv = det.assign(years=(det["icc_days"] / 365.25).round(1), before_final=(det["before_final_days"] / 365.25).round(1),
                national=[("" if pd.isna(v) else
                           f"{dates.APPROX + chr(160) if dates.is_approximate(q) and not w else ''}{int(v)}"
                           f"{' (from the ICC warrant)' if w else ''}")
                          for v, w, q in zip(det["national_days"], det["national_from_warrant"],
                                             det["national_arrest_precision"])],
                situation=det["situation"].map(SITUATION_LABELS))
dv = dates.interval_precision(dv, ds.events, durations="years")
nb.table(dates.select(dv, ["person_id", "name", "situation", "start", "end", "ended_by", "years", "before_final",
                           "national"]), "detention",
         f"Detention by the Court. n = {len(det)} people, as of {ctx.as_of_text}; 'still detained' rows run to the "
         "as-of date (a lower bound). People who appeared under a summons were not detained. National custody "
         "counts from the national arrest, or from the ICC warrant where the arrest came first; a source may not "
         "say on what grounds the state held the person (Blé Goudé was held on Ivorian charges)."
         + (f" Days in national custody: {dates.APPROX_NOTE}" if dv["national"].str.startswith(dates.APPROX).any() else ""),
         labels={"name": "Person", "situation": "Situation", "start": "Arrived", "end": "Released or as of",
                 "ended_by": "Ended by", "years": "Years detained on the case (sentence included, wherever served)", "before_final": "Of which before the final judgment",
                 "national": "Days in national custody before"}, person_links="Person")
nb.headline("detention_median_years", years(det["before_final_days"].median()) if len(det) else None,
            f"Median years in custody before the final judgment (or release, or the as-of date: a lower bound, "
            f"{int(det['still_detained'].sum())} of the {len(det)} are still detained)", n=len(det))

# %% [markdown]
# ## The clocks analysts ask for

# %%
ctw = du.crimes_to_warrant(ds.persons, people[people["case_type"] == "core"])
clock = ctw[~ctw["later_charges"]]
cv = dates.interval_precision(clock.assign(years=(clock["days"] / 365.25).round(1),
                                          situation=clock["situation"].map(SITUATION_LABELS)),
                              ds.events, start="crimes_to", end="first_warrant", durations="years")
nb.table(dates.select(cv, ["person_id", "name", "situation", "crimes_to", "first_warrant", "years"]), "crimes_to_warrant",
         f"From the end of the period of the crimes charged to the first warrant or summons. n = {len(clock)} people "
         f"whose period is recorded and ends before the first warrant ({int(ctw['later_charges'].sum())} whose recorded "
         f"period runs past it, from charges added later, are left out), as of {ctx.as_of_text}.",
         labels={"name": "Person", "situation": "Situation", "crimes_to": "Crimes until", "crimes_to_precision":
                 "Precision", "first_warrant": "First warrant", "years": "Years"}, person_links="Person")
ctw = clock
sealed = du.sealed_to_public(ds.events, people)
sv = dates.interval_precision(sealed.assign(years=(sealed["days"] / 365.25).round(1)), ds.events,
                              start="first_warrant", end="public_from", durations="years")
nb.table(dates.select(sv, ["person_id", "name", "first_warrant", "public_from", "years"]),
         "sealed_to_public", f"Warrants issued under seal: from issue to publication. n = {len(sealed)}.",
         labels={"name": "Person", "first_warrant": "Issued", "public_from": "Made public", "years": "Years"},
         person_links="Person")
nb.prose("From the end of the crimes to the first warrant: a median of **{m}** years over **{n}** people whose "
         "crime period is recorded. Warrants issued under seal stayed secret a median of **{s}** years ({k} people).",
         m=years(ctw["days"].median()) if len(ctw) else "n/a", n=len(ctw),
         s=years(sealed["days"].median()) if len(sealed) else "n/a", k=len(sealed))

# %% [markdown]
# ## Other tribunals, as they published it
#
# Published figures on the length of proceedings elsewhere, each with its own definition; they
# are not computed from this dataset and measure different intervals.

# %%
comp = ds.comparators
timing = comp[comp["unit"].isin(["days", "months", "years"])]
timing = timing.assign(label=nb.plain_labels(timing["label"], timing["metric"]))
nb.table(timing[["tribunal", "label", "value", "unit", "refers_to", "definition", "source_id"]], "comparators_time",
         f"Published figures on the length of proceedings. n = {len(timing)} figures.",
         labels={"tribunal": "Tribunal", "label": "Figure", "value": "Value", "unit": "Unit", "refers_to": "Refers to",
                 "definition": "Definition (as published)", "source_id": "Source"})

# %% [markdown]
# ## Limitations
#
# - Custody dates follow the Court's stated surrender/transfer date; other sources sometimes give
#   the arrival at the detention centre a day or more later.
# - Few cases reach each stage, so confidence bands are wide; estimates resting on five or fewer
#   endings of a kind are marked.
# - Transfers to a state to serve a sentence are not recorded as a release, so for people serving
#   a sentence abroad the time in custody runs to their recorded release or to the as-of date.
