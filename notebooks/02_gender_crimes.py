# %% [markdown]
# # Question 2: how do sexual and gender-based crimes fare?
#
# The Al Hassan judgment of June 2024 convicted him of torture and persecution on religious
# grounds but acquitted him of rape, sexual slavery and forced marriage. Is that the exception or
# the pattern? This chapter compares sexual and gender-based crimes (SGBC) with all other crimes
# at every stage, and counts the people charged with, convicted of, and finally convicted of SGBC.
#
# **Definitions.** The taxonomy is data (`data/crimes.csv`): the *narrow* scope counts the sexual
# crimes of the Rome Statute (rape, sexual slavery, enforced prostitution, forced pregnancy,
# enforced sterilisation, other sexual violence); the *broad* scope adds gender-based crimes
# (forced marriage as an other inhumane act, persecution on gender grounds). Torture or outrages
# upon personal dignity committed through sexual violence are **not** counted, because the charge
# label does not say so: a known limitation that makes these figures a lower bound.

# %% tags=["parameters"]
as_of = None
sgbc_scope = "narrow"
unit = "charge"
situations = "all"

# %%
import pandas as pd

from justicegap import dates
from justicegap import notebook as nb
from justicegap.analysis import funnel as fn
from justicegap.analysis import sgbc
from justicegap.analysis.stages import STAGE_LABELS, STAGES
from justicegap.context import QUALIFICATION_LABELS, SITUATION_LABELS, setup
from justicegap.figures import style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
scope = ctx.params.sgbc_scope
outcomes = ctx.outcomes()
core = outcomes[outcomes["case_type"] == "core"]
in_scope = sorted(sgbc.sgbc_crimes(ctx.ds.crimes, scope))

# %% [markdown]
# ## The taxonomy used here

# %%
tax = ctx.ds.crimes[ctx.ds.crimes["crime"].isin(in_scope)][["label", "sgbc", "articles", "rationale"]]
nb.table(tax, f"taxonomy_{scope}", f"Crimes counted as SGBC in the {sgbc.SCOPE_LABELS[scope]}. "
         f"n = {len(tax)} crime types.",
         labels={"label": "Crime", "sgbc": "Category", "articles": "Rome Statute", "rationale": "Why"})

# %% [markdown]
# ## People charged with SGBC, and how far their SGBC charges went

# %%
people = sgbc.persons_funnel(core)
for stage in STAGES:
    nb.metric(f"sgbc_persons_{stage}", people[stage], f"Persons, SGBC charges: {STAGE_LABELS[stage]} ({scope} scope)")
person_table = pd.DataFrame({"Stage": [STAGE_LABELS[s] for s in STAGES],
                             "Persons": [people[s] for s in STAGES]})
nb.table(person_table, f"sgbc_persons_{scope}",
         f"Persons with at least one SGBC charge reaching each stage ({scope} scope). "
         f"n = {people['charged']} persons, as of {ctx.as_of_text}.")
nb.finding("**{charged}** people have been charged with sexual{broad} crimes before the ICC; "
           "**{convicted}** were convicted of at least one such crime at trial, and **{final}** of "
           "those convictions stand after appeal (as of {as_of}; {scope} scope).",
           charged=people["charged"], convicted=people["convicted"], final=people["final"],
           broad=" or gender-based" if scope == "broad" else "", as_of=ctx.as_of_text, scope=scope)

# %% [markdown]
# ## SGBC compared with other crimes, stage by stage

# %%
side = sgbc.sgbc_vs_other(core, unit="charge").set_index("group")
import matplotlib.pyplot as plt
import numpy as np

style.apply()
fig, ax = plt.subplots(figsize=(8, 4))
x = np.arange(len(STAGES))
for i, group in enumerate(["SGBC", "Other crimes"]):
    if group not in side.index:
        continue
    row = side.loc[group]
    share = [row[s] / row["charged"] if row["charged"] else 0 for s in STAGES]
    ax.bar(x + (i - 0.5) * 0.38, share, width=0.38, color=style.GROUP_COLOURS[group],
           label=f"{group} (n = {int(row['charged'])})")
ax.set_xticks(x, ["Charged", "Confirmed", "Judged", "Convicted", "Final"])
ax.set_ylabel("Share of charges reaching the stage")
ax.set_ylim(0, 1.05)
ax.legend()
sg_final = side.loc["SGBC", "final"] / side.loc["SGBC", "charged"] if "SGBC" in side.index and side.loc["SGBC", "charged"] else 0
ot_final = side.loc["Other crimes", "final"] / side.loc["Other crimes", "charged"] if side.loc["Other crimes", "charged"] else 0
style.finish(fig, f"{sg_final:.0%} of SGBC charges end in a final conviction, against {ot_final:.0%} of other charges",
             style.caption(int(side["charged"].sum()), ctx.as_of_text, "charges", f"{scope} scope, core crimes"))
nb.figure(fig, f"sgbc_vs_other_{scope}", "Bar chart comparing SGBC and other charges by stage")
rates = []
for group, frame in (("SGBC", core[core["sgbc"]]), ("Other crimes", core[~core["sgbc"]])):
    c, r, f = fn.confirmation_rate(frame), fn.conviction_rate(frame), fn.final_rate(frame)
    rates.append({"Group": group, "Charged": len(frame), "Confirmation": str(c), "Conviction at trial": str(r),
                  "Final after appeal": str(f)})
    key = "sgbc" if group == "SGBC" else "other"
    nb.metric(f"{key}_conviction_rate", r.as_dict()["rate"], f"Conviction rate at trial, {group} ({scope} scope)",
              note=f"{r.numerator} of {r.denominator}")
    nb.metric(f"{key}_charged", len(frame), f"Charges, {group} ({scope} scope)")
nb.table(pd.DataFrame(rates), f"sgbc_rates_{scope}",
         f"Stage rates for SGBC and other charges, with denominators ({scope} scope). As of {ctx.as_of_text}.")

# %% [markdown]
# ## Acquittals and reversals of SGBC charges, by name

# %%
lost = sgbc.losses(core, ctx.ds.events)
lost_view = dates.attach_precision(lost, ctx.ds.events, "date").assign(crime=lost["crime"].map(ctx.crime_label),
                        qualification=lost["qualification"].map(QUALIFICATION_LABELS),
                        situation=lost["situation"].map(SITUATION_LABELS))
nb.table(dates.select(lost_view, ["person_id", "name", "situation", "crime", "qualification", "stage", "date"]),
         f"sgbc_losses_{scope}",
         f"SGBC charges acquitted at trial or reversed on appeal. n = {len(lost)} charges, as of {ctx.as_of_text}.",
         labels={"name": "Accused", "situation": "Situation", "crime": "Crime", "qualification": "Qualification",
                 "stage": "Lost at", "date": "Date"}, person_links="Accused")
trial_names = sorted(lost.loc[lost["stage"] == "trial", "name"].unique())
appeal_names = sorted(lost.loc[lost["stage"] == "appeal", "name"].unique())
nb.metric("sgbc_trial_acquittal_persons", len(trial_names), f"Persons acquitted at trial of SGBC charges ({scope} scope)")
nb.finding("People acquitted at trial of SGBC charges ({n}): {names}. Reversed on appeal: {rev}.",
           n=len(trial_names), names="; ".join(trial_names) or "none",
           rev="; ".join(appeal_names) or "none")

# %% [markdown]
# ## Other tribunals, as they published it
#
# These are the tribunals' (or reliable secondary sources') own aggregate figures, with the date
# they refer to and their definition. They are **not** computed from this dataset and are not
# strictly comparable: each tribunal counted sexual violence in its own way.

# %%
comp = ctx.ds.comparators.copy()
sg = comp[comp["metric"].str.contains("sexual")]
comp["shown_label"] = nb.plain_labels(comp["label"], comp["metric"], comp["unit"])
nb.table(comp[["tribunal", "shown_label", "value", "refers_to", "definition", "source_id", "metric", "label", "unit"]],
         "comparators", f"Published figures of other tribunals. n = {len(comp)} figures.",
         labels={"tribunal": "Tribunal", "shown_label": "Figure", "value": "Value", "refers_to": "Refers to",
                 "definition": "Definition (as published)", "source_id": "Source"}, hide=("metric", "label", "unit"))
icc_persons = people["charged"]
icty = comp.set_index(["tribunal", "metric"])["value"]
if ("ICTY", "accused_charged_sexual_violence") in icty.index:
    nb.prose("For scale: the ICTY reported **{a}** accused charged with sexual violence and **{b}** "
             "convicted for it (figures it published for {d}); this dataset counts **{c}** people charged "
             "with SGBC at the ICC ({scope} scope) and **{e}** convicted at trial.",
             a=int(icty[("ICTY", "accused_charged_sexual_violence")]),
             b=int(icty.get(("ICTY", "accused_convicted_sexual_violence"), 0)),
             d=str(comp.loc[(comp["tribunal"] == "ICTY") & (comp["metric"] == "accused_charged_sexual_violence"),
                            "refers_to"].iloc[0])[:10],
             c=icc_persons, e=people["convicted"], scope=scope)

# %% [markdown]
# ## Limitations
#
# - SGBC prosecuted under other labels (torture, outrages upon personal dignity, persecution on
#   other grounds) is not counted; the figures are a lower bound.
# - For some cases only totals were public: for Ongwen the number of SGBC counts convicted is
#   known, but not each count's crime (coded "sexual or gender-based crime not further verified").
