# %% [markdown]
# # Question 1: how far do charges fall from convictions, and where are they lost?
#
# A charge can be lost at every stage: the judges may decline to confirm it, the Prosecutor may
# withdraw it, the proceedings may end (a death, charges vacated), the trial may end in acquittal,
# or a conviction may be reversed on appeal. This chapter follows every charge through
# **warrant → confirmation → trial judgment → appeal** and counts where each one stopped.
#
# **Definitions.** *Charged*: a count in the document containing the charges, or, where the case
# never reached a confirmation decision, a crime listed in the warrant or summons. *Confirmed*: the
# Pre-Trial Chamber confirmed it. *Reached a trial judgment*: the Trial Chamber decided it.
# *Convicted at trial*: a conviction was entered. *Final*: the conviction was upheld on appeal or
# not appealed. Conviction rates divide convictions by the charges **decided at trial**
# (convicted or acquitted), not by all charges; rates on fewer than 10 cases are flagged, not
# shown as percentages.

# %% tags=["parameters"]
as_of = None
sgbc_scope = "narrow"
unit = "charge"
situations = "all"

# %%
from justicegap import notebook as nb
from justicegap.analysis import funnel as fn
from justicegap.analysis.stages import OUTCOMES, STAGE_LABELS, STAGES
from justicegap.context import QUALIFICATION_LABELS, SITUATION_LABELS, setup
from justicegap.figures import charts, style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
outcomes = ctx.outcomes()
core = outcomes[outcomes["case_type"] == "core"]
unit_label = "charges" if ctx.params.unit == "charge" else "persons"
frame = core if ctx.params.unit == "charge" else fn.per_person(core)

# %% [markdown]
# ## The funnel
#
# Core crimes only (genocide, crimes against humanity, war crimes); offences against the
# administration of justice (Article 70) are counted separately at the end.

# %%
counts = fn.funnel_counts(core, unit=ctx.params.unit).iloc[0].to_dict()
for stage in STAGES:
    nb.metric(f"{stage}_{ctx.params.unit}", int(counts[stage]), f"{STAGE_LABELS[stage]} ({unit_label})")
final_share = fn.charged_to_final(core, ctx.params.unit)
nb.metric(f"final_share_{ctx.params.unit}", final_share.as_dict()["rate"],
          f"Share of {unit_label} charged that ended in a final conviction")
fig = charts.funnel(counts,
                    f"{counts['final']} of {counts['charged']} {unit_label} charged ended in a final conviction",
                    style.caption(counts["charged"], ctx.as_of_text, unit_label, "core crimes"), unit_label)
nb.figure(fig, f"funnel_{ctx.params.unit}", "Funnel of charges from warrant to final conviction")
nb.finding("Of **{charged}** core-crime {unit} brought before the ICC, **{confirmed}** were confirmed, "
           "**{tried}** reached a trial judgment, **{convicted}** ended in a conviction at trial and "
           "**{final}** in a conviction that is final ({share} of all {unit}).",
           charged=counts["charged"], confirmed=counts["confirmed"], tried=counts["tried"],
           convicted=counts["convicted"], final=counts["final"], unit=unit_label,
           share=f"{100 * final_share.value:.0f}%" if final_share.value is not None and not final_share.is_small
           else "share not shown: small n")

# %% [markdown]
# ## Where charges were lost

# %%
losses = fn.loss_counts(core, unit=ctx.params.unit).iloc[0]
loss_table = (losses.rename(index=OUTCOMES).rename("Number").reset_index()
              .rename(columns={"index": "Where it ended"}))
loss_table = loss_table[loss_table["Number"] > 0]
nb.table(loss_table, f"losses_{ctx.params.unit}",
         f"Where each {unit_label[:-1]} ended up. n = {int(losses.sum())} {unit_label}, as of {ctx.as_of_text}.")
for key, value in losses.items():
    nb.metric(f"outcome_{key}_{ctx.params.unit}", int(value), f"{OUTCOMES[key]} ({unit_label})")
pending = int(losses[["pending_confirmation", "pending_trial", "pending_appeal"]].sum())
lost = int(losses[["not_confirmed", "withdrawn", "vacated", "terminated", "terminated_before_confirmation",
                   "acquitted", "reversed_on_appeal"]].sum())
nb.finding("**{pending}** {unit} are still pending at some stage (most because the accused is at large), "
           "and **{lost}** were lost: **{nc}** not confirmed, **{wd}** withdrawn, **{acq}** acquitted at "
           "trial and **{rev}** reversed on appeal.",
           pending=pending, lost=lost, nc=int(losses["not_confirmed"]), wd=int(losses["withdrawn"]),
           acq=int(losses["acquitted"]), rev=int(losses["reversed_on_appeal"]), unit=unit_label)

# %% [markdown]
# ## Rates, with their denominators

# %%
rates = {
    "Confirmed, of those on which a confirmation decision was taken": fn.confirmation_rate(core, ctx.params.unit),
    "Convicted, of those decided at trial (convicted or acquitted)": fn.conviction_rate(core, ctx.params.unit),
    "Final, of trial convictions whose appeal is decided or waived": fn.final_rate(core, ctx.params.unit),
}
rate_rows = [{"Rate": k, "Numerator": r.numerator, "Denominator": r.denominator, "Result": str(r)}
             for k, r in rates.items()]
import pandas as pd

nb.table(pd.DataFrame(rate_rows), f"rates_{ctx.params.unit}",
         f"Stage rates with their denominators ({unit_label}). As of {ctx.as_of_text}.")
conv = fn.conviction_rate(core, ctx.params.unit)
nb.metric(f"conviction_rate_{ctx.params.unit}", conv.as_dict()["rate"],
          f"Conviction rate at trial ({unit_label} decided at trial)",
          note=f"{conv.numerator} of {conv.denominator}")

# %% [markdown]
# ## By legal qualification and by situation

# %%
by_q = fn.loss_counts(core.assign(qualification=core["qualification"].map(QUALIFICATION_LABELS)),
                      unit="charge", by="qualification")
q_final = core.groupby(core["qualification"].map(QUALIFICATION_LABELS))["final"].agg(["sum", "size"])
q_title = "; ".join(f"{q}: {int(r['sum'])} of {int(r['size'])} final" for q, r in q_final.iterrows())
fig = charts.outcome_bars(by_q, "qualification", f"Final convictions by qualification. {q_title}",
                          style.caption(len(core), ctx.as_of_text, "charges"), "charges")
nb.figure(fig, "outcomes_by_qualification", "Stacked bars of charge outcomes by qualification")
nb.table(by_q.rename(columns={**OUTCOMES, "qualification": "Qualification"}), "outcomes_by_qualification",
         f"Charge outcomes by legal qualification. n = {len(core)} charges, as of {ctx.as_of_text}.",
         transpose="Where it ended")

by_s = fn.loss_counts(core.assign(situation=core["situation"].map(SITUATION_LABELS)), unit="charge",
                      by="situation")
no_final = int((core.groupby("situation")["final"].sum() == 0).sum())
fig = charts.outcome_bars(by_s, "situation",
                          f"{no_final} of {core['situation'].nunique()} situations have no final conviction",
                          style.caption(len(core), ctx.as_of_text, "charges"), "charges")
nb.figure(fig, "outcomes_by_situation", "Stacked bars of charge outcomes by situation")
nb.table(by_s.rename(columns={**OUTCOMES, "situation": "Situation"}), "outcomes_by_situation",
         f"Charge outcomes by situation. n = {len(core)} charges, as of {ctx.as_of_text}.")

# %% [markdown]
# ## By crime
#
# Conviction rate per crime over charges decided at trial; small numbers are flagged.

# %%
rows = []
for crime, group in core.groupby("crime"):
    r = fn.conviction_rate(group, "charge")
    rows.append({"Crime": ctx.crime_label(crime), "Charged": len(group), "Confirmed": int(group["confirmed"].sum()),
                 "Decided at trial": r.denominator, "Convicted": r.numerator, "Conviction rate": str(r)})
by_crime = pd.DataFrame(rows).sort_values(["Charged", "Crime"], ascending=[False, True])
nb.table(by_crime, "by_crime", f"Charges by crime. n = {len(core)} charges, as of {ctx.as_of_text}. "
         "Rates over fewer than 10 decided charges are marked small n.")

# %% [markdown]
# ## Sentences
#
# The sentence each convicted person received at trial, the sentence in force on the as-of date
# (after any appeal, re-sentencing or reduction on review), and how it relates to the number of
# counts convicted at trial. Article 70 sentences are included and marked.

# %%
from justicegap.analysis.sentences import sentence_table

sent = sentence_table(ctx.ds.sentences, ctx.ds.charges, ctx.ds.events, ctx.ds.persons, ctx.as_of,
                      ctx.params.situations)
case_type = ctx.ds.persons.set_index("person_id")["case_type"]
sent = sent.assign(case_type=sent["person_id"].map(case_type),
                   first_years=(sent["first_months"].astype(float) / 12).round(1),
                   latest_years=(sent["latest_months"].astype(float) / 12).round(1),
                   months_per_count=sent["months_per_count"].astype(float).round(1))
nb.table(sent[["person_id", "name", "case_type", "first_decision", "first_years", "latest_decision", "latest_years", "changed",
               "counts_convicted", "months_per_count"]].sort_values(["case_type", "first_decision"]),
         "sentences", f"Sentences. n = {len(sent)} sentenced person-case records, as of {ctx.as_of_text}. "
         "Counts convicted: charges convicted at trial in this dataset.",
         labels={"name": "Person", "case_type": "Case type", "first_decision": "Sentenced on",
                 "first_years": "Sentence at trial (years)", "latest_decision": "Latest decision",
                 "latest_years": "In force (years)", "changed": "Changed later",
                 "counts_convicted": "Counts convicted", "months_per_count": "Months per count"},
         person_links="Person")
core_sent = sent[sent["case_type"] == "core"]
nb.metric("sentenced_core", int(len(core_sent)), "People sentenced for core crimes")
nb.metric("median_sentence_years_core", float(core_sent["first_years"].median()) if len(core_sent) else None,
          "Median sentence at trial, core crimes (years)")
nb.prose("**{n}** people have been sentenced for core crimes; the median sentence at trial is **{m}** years "
         "(longest **{mx}**).", n=len(core_sent),
         m=core_sent["first_years"].median() if len(core_sent) else "n/a",
         mx=core_sent["first_years"].max() if len(core_sent) else "n/a")

# %% [markdown]
# ## Offences against the administration of justice (Article 70)

# %%
a70 = outcomes[outcomes["case_type"] == "article_70"]
a70_counts = fn.funnel_counts(a70, unit="charge").iloc[0].to_dict() if len(a70) else {s: 0 for s in STAGES}
nb.metric("art70_charged", int(a70_counts["charged"]), "Article 70 charges")
nb.metric("art70_final", int(a70_counts["final"]), "Article 70 charges ending in a final conviction")
nb.prose("Article 70 cases (witness interference, false evidence) are small and fast: **{c}** charges, "
         "**{f}** ending in a final conviction.", c=a70_counts["charged"], f=a70_counts["final"])

# %% [markdown]
# ## Limitations
#
# - Where a count list was not public, rows were built from published totals; crime-level tables
#   show such rows as "Crime of this count not verified".
# - Counts proven but not entered because of cumulative charging, or whose outcome the sources
#   describe only as "not convicted", are shown separately and left out of conviction rates.
# - Appeals whose existence could not be verified are treated as pending, so no conviction is
#   counted as final before the record shows it.
