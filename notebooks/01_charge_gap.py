# %% [markdown]
# # Question 1: how far do charges fall from convictions, and where are they lost?
#
# A case can stop at every stage: the judges may decline to confirm the charges, the Prosecutor
# may withdraw them, the accused may die, a trial may end with the charges vacated or in an
# acquittal, and a conviction may be reversed on appeal. This chapter follows every person and
# every charge through **warrant → confirmation → trial judgment → appeal**.
#
# **Units.** The lead unit is the **person** (one person-case record; Bemba's contempt case is
# counted apart). Charge-level figures follow, and say so: a *charge* is a count as the Court
# numbered it (or, before confirmation, a crime of the warrant); a *person–crime pair* is one
# person × crime × legal qualification. **Rates are conditional on the stage**: confirmed of those
# decided at confirmation, convicted of those decided at trial, upheld of convictions decided on
# appeal. A share of everything is given only over concluded cases or within a cohort. Rates on
# fewer than 10 cases are flagged, not shown as percentages. A death is never counted as a loss.

# %% tags=["parameters"]
as_of = None
sgbc_scope = "narrow"
unit = "charge"
situations = "all"

# %%
import pandas as pd

from justicegap import notebook as nb
from justicegap import vocab
from justicegap.analysis import funnel as fn
from justicegap.analysis import liability, status, units
from justicegap.analysis.sentences import medians, sentence_table
from justicegap.analysis.stages import OUTCOMES
from justicegap.context import QUALIFICATION_LABELS, SITUATION_LABELS, setup
from justicegap.figures import charts, style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
people = ctx.status()
core_people = people[people["case_type"] == "core"]
outcomes = ctx.outcomes()
core = outcomes[outcomes["case_type"] == "core"]
pairs = ctx.pairs()
core_pairs = pairs[pairs["case_type"] == "core"]

# %% [markdown]
# ## People: from warrant to final conviction
#
# Each person is counted once, at the furthest step any of their charges reached, and leaves the
# funnel at one step, in one way: the way their proceedings ended, or "still pending".

# %%
table = fn.person_funnel(core_people)
step = table.set_index("step")
n_sought, n_conf, n_tried = int(step.at["sought", "n"]), int(step.at["confirmed", "n"]), int(step.at["tried", "n"])
n_conv, n_final = int(step.at["convicted", "n"]), int(step.at["final", "n"])
exits_total = {k: int(table[k].sum()) for k in fn.EXITS}
pending = exits_total["pending_at_large"] + exits_total["pending_held"] + exits_total["pending_in_court"]
lost = sum(exits_total[k] for k in fn.LOSSES)
large = int(status.at_large(core_people).shape[0])
title = (f"Of {n_sought} people sought for core crimes, {n_final} have a final conviction; "
         f"{pending} are still pending, {exits_total['died']} died, {lost} left without a conviction")
fig = charts.person_funnel(table, fn.EXITS, title,
                           style.caption(n_sought, ctx.as_of_text, "people", "core crimes; one bar per step"))
nb.figure(fig, "person_funnel", "Person-level funnel from warrant to final conviction, with the exits at each step")
shown = table.assign(next=table["next"].astype("Int64"))
nb.table(shown[["label", "n", *fn.EXITS, "next"]], "person_funnel",
         f"People at each step and how those who did not reach the next step left it. n = {n_sought} people "
         f"(core crimes), as of {ctx.as_of_text}. Each row: n = went on + the exits in that row.",
         labels={"label": "Step", "n": "People", **fn.EXITS, "next": "Went on"})
for key, value in (("persons_sought", n_sought), ("persons_confirmed", n_conf), ("persons_tried", n_tried),
                   ("persons_convicted_trial", n_conv), ("persons_convicted_final", n_final)):
    nb.headline(key, value, fn.PERSON_STEPS[{"persons_sought": "sought", "persons_confirmed": "confirmed",
                                             "persons_tried": "tried", "persons_convicted_trial": "convicted",
                                             "persons_convicted_final": "final"}[key]], n=n_sought)
nb.headline("persons_at_large", large, "People at large (core crimes)", n=n_sought)
nb.headline("persons_held_by_state", exits_total["pending_held"], "Held by a state, not surrendered", n=n_sought)
nb.headline("persons_acquitted_trial", int(table["acquitted"].sum()), "Acquitted of every charge at trial", n=n_tried)
nb.headline("persons_died", exits_total["died"], "Died before a final judgment", n=n_sought)
died_kinds = core_people["status"].value_counts()
died_parts = [(int(died_kinds.get(k, 0)), text) for k, text in (
    ("died", "with the proceedings ended by the Court"),
    ("reported_dead", "reported dead, the proceedings not formally ended"),
    ("died_before_warrant", "before the warrant against them was issued"))]
died_parts = (" (" + "; ".join(f"{k} {text}" for k, text in died_parts if k) + ")"
              if sum(k for k, _ in died_parts) else "")
nb.finding("**People.** Of **{sought}** people publicly sought for core crimes, **{conf}** had a charge confirmed, "
           "**{tried}** were tried to judgment, **{conv}** were convicted at trial and **{final}** have a conviction "
           "that is final. **{large}** are at large{held}{court}; **{died}** died before any verdict and are not "
           "counted as losses{died_parts}; **{lost}** left without a core-crime conviction (charges not confirmed, withdrawn, vacated, "
           "proceedings terminated or case inadmissible, acquittal or reversal). As of {as_of}.",
           sought=n_sought, conf=n_conf, tried=n_tried, conv=n_conv, final=n_final, large=large,
           held=(f" and {exits_total['pending_held']} held by a state that has not surrendered them"
                 if exits_total["pending_held"] else ""),
           court=(f"; {exits_total['pending_in_court']} are before the Court, their case not yet final ("
                  + "; ".join(f"{n} {text}" for n, text in fn.in_court(core_people)) + ")"
                  if exits_total["pending_in_court"] else ""),
           died=exits_total["died"], died_parts=died_parts, lost=lost, as_of=ctx.as_of_text)
nb.metric("persons_before_court", exits_total["pending_in_court"], "People sought for core crimes still before the Court, "
          "their case not yet final", note=f"of {n_sought}")
nb.metric("persons_left_without_conviction", lost, "People sought for core crimes who left without a conviction "
          "(charges not confirmed, withdrawn, vacated, terminated or inadmissible, acquittal or reversal)",
          note=f"of {n_sought}")

# %% [markdown]
# ### Who left where

# %%
who = fn.person_exits(core_people)
who = who.assign(step=who["step"].map(fn.PERSON_STEPS))
nb.table(who[["person_id", "name", "step", "exit_label"]].sort_values(["step", "exit_label", "name"]), "person_exits",
         f"Every person who has not (yet) reached a final conviction: the furthest step reached and how they "
         f"left. n = {len(who)} people, as of {ctx.as_of_text}.",
         labels={"name": "Person", "step": "Furthest step reached", "exit_label": "How they left"},
         person_links="Person")

# %% [markdown]
# ### Stage rates for people

# %%
rates = {
    "Charges confirmed, of people on whom a confirmation decision was taken":
        fn.Rate(n_conf, n_conf + int(step.at["sought", "not_confirmed"])),
    "Convicted of at least one charge, of people tried to judgment": fn.Rate(n_conv, n_tried),
    "Conviction final, of people convicted whose appeal is decided or waived":
        fn.Rate(n_final, n_final + int(step.at["convicted", "reversed"])),
}
nb.table(pd.DataFrame([{"Rate": k, "Numerator": r.numerator, "Denominator": r.denominator, "Result": str(r)}
                       for k, r in rates.items()]), "rates_person",
         f"Stage rates for people, each over those decided at the stage. Core crimes, as of {ctx.as_of_text}.")

# %% [markdown]
# ### Cohorts: where the people of each period stand
#
# People grouped by the year of their first warrant or summons. Comparing cohorts (rather than all
# people at once) keeps recent cases, which have had no time to reach a verdict, from reading as
# failures.

# %%
coh = fn.cohorts(core_people)
nb.table(coh.rename(columns={"cohort": "First warrant", "people": "People", **status.GROUPS}), "cohorts",
         f"People by the period of their first warrant or summons and where they stand. n = {len(core_people)} "
         f"people (core crimes), as of {ctx.as_of_text}.")

# %% [markdown]
# ## Charges: where they were lost
#
# Charge-level figures count each **count** of a document containing the charges once, in the
# cases that reached a confirmation decision (the crimes listed in a warrant are not counts, so
# warrant-only cases are counted in the person-level funnel only). A few large cases weigh
# heavily on them (one person may have 70 counts), so every rate says how many people are
# behind it and names a person who supplies more than a quarter of it, or of what it leaves out.

# %%
# One unit for every stage: the counts of a document containing the charges. Cases that never
# reached confirmation have only the crimes of a warrant, which are not counts; they are in the
# person-level funnel above, not here.
warrant_only = core[core["origin"] != "dcc"]
core = core[core["origin"] == "dcc"]
counts = fn.funnel_counts(core, unit="charge").iloc[0].to_dict()
for stage_key, label in fn.PERSON_STEPS.items():
    if stage_key != "sought":
        nb.metric(f"{stage_key}_charge", int(counts[stage_key]), f"Charges: {label.lower()} (counts)")
nb.metric("charged_charge", int(counts["charged"]), "Charges (counts) in the data, core crimes")
losses = fn.loss_counts(core, unit="charge").iloc[0]
charge_rates = {
    "confirmation": ("Confirmed, of charges decided at confirmation", fn.confirmation_rate(core)),
    "trial": ("Convicted, of charges decided at trial (convicted or acquitted)", fn.conviction_rate(core)),
    "appeal": ("Upheld, not appealed or appeals discontinued, of convictions whose appeal stage has closed", fn.final_rate(core)),
    "concluded": ("Conviction final, of the charges of cases that have concluded (cases with any charge pending or "
                  "under appeal left out; so are charges ended by the accused's death)",
                  fn.concluded_to_final(core, died=core_people.loc[core_people["status"].isin(status.DIED),
                                                                    "person_id"])),
}
rate_rows = [{"Rate": label, "Numerator": r.numerator, "Denominator": r.denominator, "People": r.persons,
              "Largest contributor": "; ".join(
            ([f"{r.top[0]} supplies {r.top[1]} of the {r.numerator}"] if r.top else [])
            + ([f"{r.top_miss[0]} supplies {r.top_miss[1]} of the {r.denominator - r.numerator} others"]
               if r.top_miss else [])),
              "Result": str(r),
              "Without them": (f"without {r.without[0]}: " + str(fn.Rate(r.without[1], r.without[2])))
              if r.without else ""} for label, r in charge_rates.values()]
nb.table(pd.DataFrame(rate_rows), "rates_charge",
         f"Stage rates for charges (counts), with their denominators and the people behind them. n = {len(core)} "
         f"charges of {core['person_id'].nunique()} people, as of {ctx.as_of_text}.")
for key, (label, r) in charge_rates.items():
    nb.metric(f"{key}_rate_charge", r.as_dict()["rate"], label, note=f"{r.numerator} of {r.denominator}")
pending_charges = int(losses[["pending_confirmation", "pending_trial", "pending_appeal"]].sum())
trial_rate = charge_rates["trial"][1]
pending_rows = core[core["outcome"].isin(["pending_confirmation", "pending_trial", "pending_appeal"])]
away_people = core_people.loc[core_people["status"].isin(status.NOT_BEFORE_COURT), "person_id"]
away = pending_rows[pending_rows["person_id"].isin(away_people)]
# decided at trial but not final: an acquittal (or a count with no conviction entered) under appeal
appealed = core[(core["appeal"] == "pending") & ~core["outcome"].isin(fn.PENDING)]
ver_core, unv_core = units.verified(core), units.placeholders(core)
unv_trial, ver_trial = fn.conviction_rate(unv_core), fn.conviction_rate(ver_core)
not_entered = core[core["trial"] == "not_entered"]
bound = fn.Rate(trial_rate.numerator, trial_rate.denominator + len(not_entered))
unv_shown = (f"{unv_trial.numerator} of the {unv_trial.denominator} decided at trial were convictions"
             if unv_trial.numerator != unv_trial.denominator
             else f"all {unv_trial.denominator} of them decided at trial were convictions")
nb.finding("**Charges** (one charge = one count as the Court numbered it in the document containing the charges). "
           "Of **{decided}** core-crime charges decided at trial (convicted or acquitted), **{conv}** ended in a "
           "conviction ({rate}), over {people} people{top}.{not_entered}{unverified} **{pending}** of the {n} charges "
           "are still pending{away}{appealed}. (The {w} crimes listed in warrants of people never brought to a confirmation "
           "decision are counted in the person-level funnel, not here.)",
           w=len(warrant_only),
           appealed=(f"; {len(appealed)} more were decided at trial without a conviction in judgments still under "
                     f"appeal ({'; '.join(sorted(appealed['name'].unique()))}), so not counted as final, though the "
                     "data records no appeal by the Prosecutor against them" if len(appealed) else ""),
           away=(f", {len(away)} of them against {away['person_id'].nunique()} people not before the Court (at large, "
                 "held by a state or reported dead), whose charges can move only if they are brought to The Hague"
                 if len(away) else ""),
           decided=trial_rate.denominator, conv=trial_rate.numerator, rate=trial_rate.percent,
           people=trial_rate.persons,
           top=(f"; {trial_rate.top[0]} alone supplies {trial_rate.top[1]} of the {trial_rate.numerator} convictions"
                + (f"; excluding {trial_rate.without[0]}, "
                   f"{fn.Rate(trial_rate.without[1], trial_rate.without[2])}" if trial_rate.without else "")
                if trial_rate.top else ""),
           not_entered=(f" Left out of that denominator: {len(not_entered)} counts of "
                        f"{not_entered['person_id'].nunique()} people that reached judgment with no conviction entered "
                        f"(cumulative charging, or an acquittal not verified); counted as acquittals, the rate is "
                        f"{bound}." if len(not_entered) else ""),
           pending=pending_charges, n=len(core),
           unverified=(f" {len(unv_core)} of the {len(core)} charges are counts whose crime is not public: their "
                       f"outcomes come from the judgments' totals, which say how many counts ended in a conviction "
                       f"but not which crime each was, and {unv_shown}. So the counts whose crime is known are not a sample of the whole: "
                       f"their rate is {ver_trial} over {ver_trial.persons} people"
                       + (", lower because the crimes of acquittals are named more often than those of convictions."
                          if (unv_trial.value or 0) > (ver_trial.value or 0) else ".") if len(unv_core) else ""))

# %%
loss_table = (losses.rename(index=OUTCOMES).rename("Charges").reset_index()
              .rename(columns={"index": "Where it ended"}))
loss_table = loss_table[loss_table["Charges"] > 0]
nb.table(loss_table, "losses_charge",
         f"Where each charge ended up. n = {int(losses.sum())} charges (core crimes), as of {ctx.as_of_text}.")

# %% [markdown]
# ## By legal qualification and by situation
#
# Qualification is known only for verified counts: the counts whose crime is not verified are
# shown as their own group and never pooled with the others.

# %%
ver, unv = ver_core, unv_core
# a verified crime whose legal qualification is not recorded is not an unverified charge
q_labels = {**QUALIFICATION_LABELS, "": "Qualification not recorded"}
ver = ver.assign(qualification=ver["qualification"].fillna("").map(q_labels))
by_q = fn.loss_counts(ver, unit="charge", by="qualification")
q_rates = {q: fn.conviction_rate(g) for q, g in ver.groupby("qualification")}
q_title = "; ".join(f"{q}: {r.numerator} of {r.denominator} convicted at trial" for q, r in q_rates.items()
                    if r.denominator)
fig = charts.outcome_bars(by_q, "qualification", f"Verified charges by qualification. {q_title}",
                          style.caption(len(ver), ctx.as_of_text, "verified charges",
                                        f"{len(unv)} charges whose crime is not verified shown in the table only"),
                          "charges")
nb.figure(fig, "outcomes_by_qualification", "Stacked bars of verified charge outcomes by legal qualification")
unv_row = fn.loss_counts(unv, unit="charge").assign(qualification="Crime not verified (shown apart)")
nb.table(pd.concat([by_q, unv_row], ignore_index=True).rename(columns={**OUTCOMES, "qualification": "Qualification"}),
         "outcomes_by_qualification",
         f"Charge outcomes by legal qualification; the last row holds the {len(unv)} charges whose crime is not "
         f"verified. n = {len(core)} charges, as of {ctx.as_of_text}.", transpose="Where it ended")

by_s = fn.loss_counts(core.assign(situation=core["situation"].map(SITUATION_LABELS)), unit="charge", by="situation")
sit_people = core_people.assign(situation=core_people["situation"].map(SITUATION_LABELS))
drawn = set(by_s["situation"])  # situations with at least one charge recorded
no_final = sorted(by_s.loc[by_s.get("conviction_final", 0) == 0, "situation"]) if len(by_s) else []
not_drawn = sorted(set(sit_people["situation"]) - drawn)
fig = charts.outcome_bars(by_s, "situation",
                          f"No charge has reached a final conviction in {len(no_final) + len(not_drawn)} of the "
                          f"{len(drawn) + len(not_drawn)} situations"
                          + (f" ({len(not_drawn)} of them, not drawn, have no document containing the charges)" if not_drawn
                             else ""),
                          style.caption(len(core), ctx.as_of_text, "charges of documents containing the charges"),
                          "charges")
nb.figure(fig, "outcomes_by_situation", "Stacked bars of charge outcomes by situation")
nb.table(by_s.rename(columns={**OUTCOMES, "situation": "Situation"}), "outcomes_by_situation",
         f"Charge outcomes by situation. n = {len(core)} charges, as of {ctx.as_of_text}.")

# %% [markdown]
# ## By crime
#
# The unit here is the **person–crime pair**: a person convicted of murder as a crime against
# humanity on three counts counts once. Pairs come from verified counts or, where the counts are
# not public, from the Court's judgment summaries (see the data dictionary, `crime_outcomes`).
# Counts whose crime is not verified and that no summary covers are shown apart.

# %%
vp = core_pairs[core_pairs["verified"]]
rows = []
for crime, group in vp.groupby("crime"):
    r = fn.conviction_rate(group, "crime")
    rows.append({"Crime": ctx.crime_label(crime), "Pairs": len(group), "People": group["person_id"].nunique(),
                 "Confirmed": int(group["confirmed"].sum()), "Decided at trial": r.denominator,
                 "Convicted": r.numerator, "Conviction at trial": str(r)})
by_crime = pd.DataFrame(rows).sort_values(["Pairs", "Crime"], ascending=[False, True])
nb.table(by_crime, "by_crime_pairs",
         f"Person–crime pairs by crime (verified crimes). n = {len(vp)} pairs of {vp['person_id'].nunique()} people, "
         f"as of {ctx.as_of_text}. Rates over fewer than 10 decided pairs are marked small n.")
left_apart = core_pairs[~core_pairs["verified"]]
nb.prose("Not in this table: **{n}** counts of **{p}** people whose crime is not verified and that no judgment "
         "summary covers (listed in the known gaps).", n=int(left_apart["n_counts"].sum()),
         p=left_apart["person_id"].nunique())

# %%
crows = []
for crime, group in units.verified(core).groupby("crime"):
    r = fn.conviction_rate(group, "charge")
    crows.append({"Crime": ctx.crime_label(crime), "Counts": len(group), "People": group["person_id"].nunique(),
                  "Decided at trial": r.denominator, "Convicted": r.numerator, "Conviction at trial": str(r)})
nb.table(pd.DataFrame(crows).sort_values(["Counts", "Crime"], ascending=[False, True]), "by_crime_counts",
         f"The same by count (second view; verified counts only). n = {len(units.verified(core))} counts, "
         f"as of {ctx.as_of_text}; {len(units.placeholders(core))} counts whose crime is not verified are left out.")

# %% [markdown]
# ## Modes of liability and recharacterisation
#
# How the accused was said to be responsible: committing (alone, jointly or through others),
# ordering or inducing, aiding, contributing to a group's crimes, or as a commander or superior.
# The data records one mode text per count: for most counts the mode charged, but for some the
# mode of conviction a judgment summary states, and a conviction can rest on a mode other than
# the one charged. Where the data records that the judgment recharacterised the mode under
# Regulation 55 (Katanga: charged under 25(3)(a), every count decided under 25(3)(d)), the count
# sits under the mode the judgment applied. The table counts what was decided under each mode and
# computes **no conviction rate per mode**:
# such a rate would partly restate how the data was recorded. A count recorded under several modes
# counts once, under "several modes". Counts whose crime is verified are included; those with no
# mode recorded have a row of their own, so the table adds up to every such count decided.

# %%
modes = liability.by_mode(units.verified(core).drop(columns=["sgbc", "sgbc_known"]))  # all crimes together
decided_all = int(core["trial"].isin(["convicted", "acquitted"]).sum())
no_mode = int(modes.loc[modes["mode"] == "not recorded", "decided"].sum())
nb.table(modes[["label", "decided", "convicted", "reversed", "under_appeal", "persons"]], "by_mode",
         f"Counts decided at trial by recorded mode of liability (no rate: see above). n = {int(modes['decided'].sum())} "
         f"counts whose crime is verified, of the {decided_all} decided at trial; {no_mode} of them have no mode "
         f"recorded. As of {ctx.as_of_text}.",
         labels={"label": "Mode of liability (as recorded; as applied where recharacterised)", "decided": "Decided at trial", "convicted": "Convicted",
                 "reversed": "Of which reversed on appeal", "under_appeal": "Of which under appeal", "persons": "People"})
rec = liability.recharacterisations(ctx.ds.charges, ctx.ds.persons)
if len(rec):
    nb.table(rec.assign(crime=rec["crime"].map(ctx.crime_label),
                        trial=rec["trial"].fillna("").map(lambda v: vocab.label(vocab.TRIAL_LABELS, v)))
             [["person_id", "name", "count", "crime", "regulation_55", "trial"]],
             "recharacterisations",
             f"Counts whose legal characterisation was changed or notified under Regulation 55. n = {len(rec)}.",
             labels={"name": "Person", "count": "Count", "crime": "Crime", "regulation_55": "What changed",
                     "trial": "Trial outcome"}, person_links="Person")
else:
    nb.prose("No recharacterisation under Regulation 55 is recorded in the data.")

# %% [markdown]
# ## Sentences
#
# The Court imposes one joint sentence per person and case. The table shows the sentence first
# imposed and the one in force on the as-of date, after any appeal, re-sentencing, reduction on
# review, or vacatur (a sentence falls away when every conviction it punished is reversed).

# %%
sent = sentence_table(ctx.ds.sentences, ctx.ds.charges, ctx.ds.events, ctx.ds.persons, ctx.as_of,
                      ctx.params.situations)
view = sent.assign(first_years=(sent["first_months"].astype(float) / 12).round(1),
                   in_force=[("vacated" if v else ("" if pd.isna(m) else f"{float(m) / 12:.1f}"))
                             for v, m in zip(sent["vacated"], sent["in_force_months"])],
                   case_type=sent["case_type"].map({"core": "core crimes", "article_70": "Article 70"}),
                   latest_decision=sent["latest_decision"].fillna("").map(
                       lambda v: vocab.label(vocab.SENTENCE_DECISION_LABELS, v)))
nb.table(view[["person_id", "name", "case_type", "first_decision", "first_years", "latest_decision", "in_force"]]
         .sort_values(["case_type", "first_decision"]), "sentences",
         f"Sentences. n = {len(sent)} sentenced person-case records, as of {ctx.as_of_text}.",
         labels={"name": "Person", "case_type": "Case", "first_decision": "Sentenced on",
                 "first_years": "Sentence imposed (years)", "latest_decision": "Latest decision",
                 "in_force": "In force on as-of date (years)"}, person_links="Person")
m = medians(sent, "core", under_appeal=people.loc[people["status"] == "convicted_appeal_pending", "person_id"])
nb.metric("sentenced_core", m["at_trial_n"], "People sentenced for core crimes")
nb.metric("median_sentence_years_core", None if m["at_trial_months"] is None else m["at_trial_months"] / 12,
          "Median sentence first imposed, core crimes (years)")
nb.prose("**{n}** people have been sentenced for core crimes. The median sentence **first imposed** is **{m}** years "
         "(all {n}, including sentences later changed; longest **{mx}**). The median sentence **in force** on "
         "{as_of} is **{f}** years, over the **{nf}** sentences still in force ({v} vacated on appeal){appeal}.",
         appeal=(f"; {m['under_appeal_n']} of the {m['in_force_n']} are not final (an appeal is pending), and the "
                 f"median of the {m['final_n']} final ones is "
                 f"{'n/a' if m['final_months'] is None else round(m['final_months'] / 12, 1)} years"
                 if m["under_appeal_n"] else ""),
         n=m["at_trial_n"], m="n/a" if m["at_trial_months"] is None else round(m["at_trial_months"] / 12, 1),
         mx="n/a" if m["longest_months"] is None else round(m["longest_months"] / 12, 1),
         f="n/a" if m["in_force_months"] is None else round(m["in_force_months"] / 12, 1), nf=m["in_force_n"],
         v=m["vacated_n"], as_of=ctx.as_of_text)

# %% [markdown]
# ## Offences against the administration of justice (Article 70)

# %%
a70 = outcomes[outcomes["case_type"] == "article_70"]
a70_people = people[people["case_type"] == "article_70"]
a70_counts = fn.funnel_counts(a70, unit="charge").iloc[0].to_dict() if len(a70) else {"charged": 0, "final": 0}
nb.metric("art70_charged", int(a70_counts["charged"]), "Article 70 charges")
nb.metric("art70_final", int(a70_counts["final"]), "Article 70 charges ending in a final conviction")
nb.prose("Article 70 cases (witness interference, false evidence) concern **{p}** people and **{c}** charges; "
         "**{f}** charges ended in a final conviction, and **{pf}** people have a final conviction.",
         p=len(a70_people), c=a70_counts["charged"], f=a70_counts["final"],
         pf=int((a70_people["status"] == "convicted_final").sum()))

# %% [markdown]
# ## Limitations
#
# - Where a count list was not public, rows were built from published totals: their number and
#   outcomes are exact, their crime is not. They are never pooled with named crimes, and the
#   judgment summaries supply the crimes of conviction and acquittal as person–crime pairs.
# - Counts proven but not entered because of cumulative charging, or whose outcome the sources
#   describe only as "not convicted", are shown separately and left out of conviction rates.
# - Appeals whose existence could not be verified are treated as pending, so no conviction is
#   counted as final before the record shows it.
