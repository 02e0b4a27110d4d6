# %% [markdown]
# # Question 2: how do sexual and gender-based crimes fare?
#
# The Al Hassan judgment of June 2024 convicted him of torture and persecution on religious
# grounds but acquitted him of rape, sexual slavery and forced marriage. Is that the exception or
# the pattern? This chapter first compares, **within the same judgment**, what happened to each
# accused's sexual and gender-based charges and to their other charges (a comparison that does not
# depend on pending cases or on counts whose crime is not public); then follows each person
# charged with SGBC case by case; then compares stage rates.
#
# **Definitions.** The taxonomy is data (`data/crimes.csv`): the *narrow* scope counts the sexual
# crimes of the Rome Statute (rape, sexual slavery, enforced prostitution, forced pregnancy,
# enforced sterilisation, other sexual violence); the *broad* scope adds gender-based crimes
# (forced marriage as an other inhumane act, persecution on gender grounds). Both are shown side
# by side; the `sgbc_scope` parameter picks the scope of the headline sentences. In the narrow
# scope the gender-based crimes of the broad scope fall among the "other crimes" of each
# comparison; the broad-scope figures show the comparison with them counted as SGBC. Torture or
# outrages upon personal dignity committed through sexual violence are **not** counted, because
# the charge label does not say so: these figures are a lower bound. **Unit**: the person, and the
# person–crime pair (one person × crime × legal qualification); counts are a second view.

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
from justicegap.analysis import liability, sgbc, units
from justicegap.analysis.stages import STAGE_LABELS, STAGES
from justicegap.context import QUALIFICATION_LABELS, SITUATION_LABELS, setup
from justicegap.figures import charts, style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
lead = ctx.params.sgbc_scope
SCOPES = ("narrow", "broad")
pairs = {s: ctx.pairs(s).query("case_type == 'core'") for s in SCOPES}
counts = {s: ctx.outcomes(s).query("case_type == 'core' and origin == 'dcc'") for s in SCOPES}  # counts only
WHAT = {"narrow": "sexual crimes", "broad": "sexual or gender-based crimes"}

# %% [markdown]
# ## The taxonomy used here

# %%
tax = ctx.ds.crimes[ctx.ds.crimes["sgbc"].isin(["sexual", "gender_based"])
                    & ~ctx.ds.crimes["crime"].str.startswith("unverified")]
tax = tax.assign(scope=tax["sgbc"].map({"sexual": "narrow and broad", "gender_based": "broad only"}))
nb.table(tax[["label", "scope", "articles", "rationale"]], "taxonomy",
         f"Crimes counted as SGBC, and in which scope. n = {len(tax)} crime types.",
         labels={"label": "Crime", "scope": "Scope", "articles": "Rome Statute", "rationale": "Why"})

# %% [markdown]
# ## SGBC within the same judgment
#
# For every person whose SGBC charges reached a trial judgment: the outcome of the SGBC charges
# beside the outcome of the other crimes **in the same judgment**, with the modes of liability.

# %%
same = {s: sgbc.same_judgment(pairs[s], ctx.ds.events, counts[s]) for s in SCOPES}
for s in SCOPES:
    tab = same[s]
    gap = tab[tab["pattern"] == "acquitted_sgbc_convicted_other"]
    nb.headline(f"sgbc_{s}_acquitted_sgbc_convicted_other", len(gap),
                f"Convicted of no SGBC charge but of other crimes in the same judgment ({s} scope)",
                n=len(tab))
# how many counts each person was convicted of at trial, all crimes (count rows, verified or not)
convicted_counts = counts[lead][counts[lead]["trial"] == "convicted"].groupby("person_id").size()
view = same[lead].assign(pattern=same[lead]["pattern"].map(sgbc.PATTERNS),
                         counts_convicted=same[lead]["person_id"].map(convicted_counts).fillna(0).astype(int),
                         sgbc_modes=same[lead]["sgbc_modes"].fillna("").replace("", "not recorded"))
view = dates.attach_precision(view, ctx.ds.events, "judgment")
nb.table(dates.select(view, ["person_id", "name", "judgment", "sgbc_outcome", "sgbc_convicted", "sgbc_acquitted",
                             "sgbc_modes", "other_outcome", "other_convicted", "counts_convicted", "pattern"]),
         f"same_judgment_{lead}",
         f"People whose {WHAT[lead]} reached a trial judgment: SGBC and other crimes in the same judgment "
         f"({lead} scope; person–crime pairs). n = {len(view)} people, as of {ctx.as_of_text}. The crime lists name "
         "what a verified count or the Court's judgment summary names, so they can be shorter than the number of "
         "counts convicted, which counts every count.",
         labels={"name": "Accused", "judgment": "Trial judgment", "sgbc_outcome": "SGBC at trial",
                 "sgbc_convicted": "SGBC convicted", "sgbc_acquitted": "SGBC not convicted",
                 "sgbc_modes": "Mode (SGBC; charged → applied if recharacterised)", "other_outcome": "Other crimes at trial",
                 "other_convicted": "Other crimes convicted", "counts_convicted": "Counts convicted at trial (all crimes)",
                 "pattern": "Pattern"}, person_links="Accused")


def same_text(tab, scope):
    gap = tab[tab["pattern"] == "acquitted_sgbc_convicted_other"]
    both = tab[tab["pattern"] == "convicted_both"]
    p = pairs[scope]
    # an SGBC charge or ground of these people that reached judgment with no conviction entered
    unentered = sorted(set(p.loc[p["sgbc"] & (p["trial"] == "not_entered") & p["person_id"].isin(gap["person_id"]),
                                 "name"]))
    rest = tab[~tab["pattern"].isin(["acquitted_sgbc_convicted_other", "convicted_both"])]
    others = [
        f"{len(g)} {'had another combination' if pat == 'other' else 'were ' + sgbc.PATTERNS[pat][0].lower() + sgbc.PATTERNS[pat][1:]}"
        f" ({'; '.join(g['name'])})"
        for pat, g in rest.groupby("pattern", sort=True)
    ]
    return len(tab), list(gap["name"]), list(both["name"]), unentered, others


texts = {s: same_text(same[s], s) for s in SCOPES}
shown_scopes = [lead] if texts["narrow"] == texts["broad"] else list(SCOPES)
for s in shown_scopes:
    m, gap, both, unentered, others = texts[s]
    scope_text = f"{s} scope" if len(shown_scopes) > 1 else "the same in both scopes"
    nb.finding("**Same judgment ({scope}).** Of the **{m}** people whose {what} reached a trial judgment, **{n}** "
               "{names}were convicted of other crimes in the same judgment but of no SGBC charge{how}; "
               "**{b}** were convicted of both{bnames}{others}. As of {as_of}.",
               scope=scope_text, m=m, what=WHAT[s] if len(shown_scopes) > 1 else "sexual or gender-based crimes",
               n=len(gap), names=f"({'; '.join(gap)}) " if gap else "", b=len(both),
               how=(" (acquitted, or no conviction entered on an SGBC ground: " + "; ".join(unentered) + ")"
                    if unentered else " (acquitted of each)"),
               bnames=f" ({'; '.join(both)})" if both else "", others="".join("; " + o for o in others), as_of=ctx.as_of_text)

# %% [markdown]
# ## People charged with SGBC, and how far their SGBC charges went
#
# A person counts at a step if at least one of their SGBC charges reached it (person–crime pairs).
# The upper figure in brackets is how many there could be if every person–crime pair whose crime
# is not verified were SGBC. Where a judgment summary names a person's crimes (Yekatom,
# Ngaïssona, Ongwen's camp counts), it stands for their placeholder counts, so those counts do
# not widen the bound (the appendix bounds the SGBC rates on counts instead).

# %%
rows = []
for s in SCOPES:
    bounds = sgbc.persons_funnel_bounds(pairs[s])
    for stage in STAGES:
        low, high = bounds[stage]
        rows.append({"Stage": STAGE_LABELS[stage], "scope": s, "value": low if low == high else f"{low} (≤ {high})"})
    nb.headline(f"sgbc_{s}_persons_charged", bounds["charged"][0], f"People charged with {WHAT[s]}",
                n=bounds["charged"][0])
    nb.headline(f"sgbc_{s}_persons_tried", bounds["tried"][0], f"People tried to judgment on {WHAT[s]}",
                n=bounds["charged"][0])
    nb.headline(f"sgbc_{s}_persons_convicted_trial", bounds["convicted"][0],
                f"People convicted at trial of {WHAT[s]}", n=bounds["tried"][0])
    nb.headline(f"sgbc_{s}_persons_final", bounds["final"][0], f"People with a final conviction for {WHAT[s]}",
                n=bounds["convicted"][0])
side = pd.DataFrame(rows).pivot(index="Stage", columns="scope", values="value").reindex(
    [STAGE_LABELS[s] for s in STAGES]).reset_index()
side.columns.name = None
nb.table(side.rename(columns={"narrow": "Narrow scope (people)", "broad": "Broad scope (people)"}),
         "sgbc_persons", f"People with at least one SGBC charge reaching each stage, in both scopes. "
         f"As of {ctx.as_of_text}.")
lead_b = sgbc.persons_funnel_bounds(pairs[lead])
tried_lead = same[lead]
reversed_lead = tried_lead[(tried_lead["sgbc_outcome"] == "convicted") & ~tried_lead["sgbc_final"]]
pending_lead = [n for n, pid in zip(reversed_lead["name"], reversed_lead["person_id"])
                if (pairs[lead].query("person_id == @pid & sgbc & sgbc_known")["outcome"] == "pending_appeal").any()]
rev_lead = [n for n in reversed_lead["name"] if n not in pending_lead]
nb.finding("**People charged with {what} ({scope} scope).** **{charged}**{charged_up} people have been charged with "
           "{what}; **{tried}**{tried_up} were tried to judgment on them and **{conv}**{conv_up} convicted at trial of "
           "at least one. "
           "Of those {conv}, **{final}** convictions are final, **{rev}** reversed on appeal{rev_names} and **{pend}** "
           "still under appeal{pend_names}. As of {as_of}.",
           what=WHAT[lead], scope=lead, charged=lead_b["charged"][0], tried=lead_b["tried"][0],
           conv=lead_b["convicted"][0], final=lead_b["final"][0], charged_up=sgbc.up_to(lead_b, "charged"),
           tried_up=sgbc.up_to(lead_b, "tried"), conv_up=sgbc.up_to(lead_b, "convicted"), rev=len(rev_lead),
           rev_names=f" ({'; '.join(rev_lead)})" if rev_lead else "", pend=len(pending_lead),
           pend_names=f" ({'; '.join(pending_lead)})" if pending_lead else "", as_of=ctx.as_of_text)

# %% [markdown]
# ## SGBC case by case
#
# Each person charged with SGBC: what happened to those charges at confirmation, at trial and on
# appeal, and where they were lost (not confirmed, withdrawn, vacated, acquitted or reversed) or
# recharacterised, in person–crime pairs of the headline scope.

# %%
traj = sgbc.trajectories(pairs[lead], ctx.ds.charges, ctx.ds.events, ctx.status())
traj = dates.attach_precision(traj, ctx.ds.events, ["first_warrant", "confirmation_date", "trial_date", "appeal_date"])
nb.table(dates.select(traj, ["person_id", "name", "first_warrant", "sgbc_charged", "confirmation", "confirmation_date",
                             "trial", "trial_date", "appeal", "appeal_date", "where_lost"]), f"sgbc_trajectories_{lead}",
         f"SGBC charges case by case ({lead} scope; person–crime pairs). n = {len(traj)} people, as of {ctx.as_of_text}.",
         labels={"name": "Person", "first_warrant": "First warrant", "sgbc_charged": "SGBC charged",
                 "confirmation": "Confirmation", "confirmation_date": "Decided", "trial": "Trial",
                 "trial_date": "Judgment", "appeal": "Appeal", "appeal_date": "Appeal judgment or discontinuance",
                 "where_lost": "Where lost"}, person_links="Person")
changed = traj[(traj["recharacterised"] != "") | (traj["partial"] != "")]
if len(changed):
    nb.table(changed[["person_id", "name", "partial", "recharacterised"]], f"sgbc_changed_{lead}",
             f"SGBC charges only partly upheld or recharacterised. n = {len(changed)} people.",
             labels={"name": "Person", "partial": "Partly upheld at", "recharacterised": "Regulation 55"},
             person_links="Person")

# %% [markdown]
# ## SGBC compared with other crimes, stage by stage
#
# Each rate is over those **decided at the stage**. The whiskers show how far a rate could move if
# every row whose crime is not verified belonged to the group.

# %%
from justicegap.analysis import sensitivity

groups = sensitivity.judgment_groups(ctx.ds.events, ctx.ds.persons)
gap = sensitivity.gap_summary(pairs[lead], groups)
cmp = sgbc.compare(pairs[lead], "crime")
trial_rows = cmp[cmp["stage"] == "trial"].set_index("group")
sg_t, ot_t = trial_rows.loc["SGBC", "rate"], trial_rows.loc["Other crimes", "rate"]
n_differ = len(gap["differ_names"])
title = (f"At trial (all {gap['trials']} judgments), {sg_t.numerator} of {sg_t.denominator} SGBC pairs decided ended "
         f"in conviction, against {ot_t.numerator} of {ot_t.denominator} for other crimes ({lead} scope)"
         + (f"; of the {gap['contrasts']} judgments that decided both, {n_differ} differ" if gap.get("contrasts") else ""))
fig = charts.rate_bars(cmp, title, style.caption(
    int(pairs[lead]["person_id"].nunique()), ctx.as_of_text, "people with a person–crime pair",
    "core crimes; each stage's rate is over the pairs decided at that stage (trial: "
    f"{sg_t.persons} people SGBC, {ot_t.persons} other); whiskers: where the rate would be if every "
    "unverified row were in the group (a bound, not a confidence interval)"))
nb.figure(fig, f"sgbc_vs_other_{lead}", "Bar chart of stage rates for SGBC and other crimes")
for s in SCOPES:
    c = sgbc.compare(pairs[s], "crime")
    t = c[c["stage"] == "trial"].set_index("group")
    nb.headline(f"sgbc_{s}_conviction_rate_pairs", t.loc["SGBC", "rate"].as_dict()["rate"],
                f"SGBC pairs convicted of those decided at trial ({s} scope)", n=t.loc["SGBC", "rate"].denominator)
    nb.headline(f"other_{s}_conviction_rate_pairs", t.loc["Other crimes", "rate"].as_dict()["rate"],
                f"Other pairs convicted of those decided at trial ({s} scope)",
                n=t.loc["Other crimes", "rate"].denominator)


def rate_table(frame: pd.DataFrame, unit_label: str) -> pd.DataFrame:
    out = []
    for _, r in frame.iterrows():
        rate, wide = r["rate"], r["if_all"]
        out.append({"Stage": r["label"], "Group": r["group"], "Result": rate.describe(unit_label),
                    "If every unverified row were in this group": "" if r["unknown"] == 0 else str(wide)})
    return pd.DataFrame(out)


nb.table(rate_table(cmp, "pairs"), f"sgbc_rates_pairs_{lead}",
         f"Stage rates for SGBC and other crimes, person–crime pairs ({lead} scope). As of {ctx.as_of_text}.")
cmp_counts = sgbc.compare(counts[lead], "charge")
nb.table(rate_table(cmp_counts, "counts"), f"sgbc_rates_counts_{lead}",
         f"The same by count (second view; {lead} scope). As of {ctx.as_of_text}. Counts whose SGBC status is "
         "not known are in neither group (the last column shows the bound they allow); a count whose crime is not "
         "verified but is known not to be SGBC (a judgment summary says so) counts among the other crimes.")
def said(rate) -> str:
    """ "14 of 30 (47%; 10 people; Dominic Ongwen supplies 6 of the 14)" """
    parts = [rate.percent, f"{rate.persons} people"]
    if rate.top is not None:
        parts.append(f"{rate.top[0]} supplies {rate.top[1]} of the {rate.numerator}")
    return f"{rate.numerator} of {rate.denominator} ({'; '.join(parts)})"


checks = sensitivity.table({s: pairs[s] for s in pairs}, counts, lead, "").set_index("variant")
only_verified = checks.loc[[v for v in checks.index if v.startswith("Only people whose every count")][0]]
within = sensitivity.within_trials(pairs[lead], groups)
for side in ("sgbc", "other"):  # the pooled within-judgment rates, so "what changed" sees them move
    nb.metric(f"within_judgment_{side}_convicted", within[side]["convicted"],
              f"{'SGBC' if side == 'sgbc' else 'Other-crime'} pairs convicted, pooled over the judgments that decided both",
              note=f"of {within[side]['decided']}; {within[side]['persons']} people; {within['trials']} judgments")
    nb.metric(f"within_judgment_{side}_decided", within[side]["decided"],
              f"{'SGBC' if side == 'sgbc' else 'Other-crime'} pairs decided, pooled over the judgments that decided both")
differ = gap["differ_names"]
carried = (f" The gap is carried by the {len(differ)} judgment{'' if len(differ) == 1 else 's'} in which the two "
           f"differ ({'; '.join(n.replace('; ', ', ') for n in differ)}); the other judgments that decided both "
           "fared alike." if differ else "")
nb.finding("**SGBC and other crimes at trial ({scope} scope).** {within} Across all {n_trials} trial judgments (a "
           "description, not a test; {other_only} of them decided no SGBC charge), **{sg}** of the person–crime pairs "
           "decided at trial ended in a conviction for SGBC, against **{ot}** for other crimes.{interval}{carried} Where the crimes of some "
           "counts are not public, the pairs come from judgment summaries, "
           "which name some crimes of conviction or acquittal and not others, differently from case to case; "
           "limited to people whose every count has a verified crime, SGBC stand at {vs} against {vo} (see the "
           "appendix).",
           scope=lead, within=sensitivity.within_trial_sentence(gap, within), n_trials=within["trials_all"],
           other_only=within["other_only"], sg=said(sg_t), ot=said(ot_t),
           interval=sensitivity.gap_sentence(gap, sign_test=False, interval=False), carried=carried,
           vs=only_verified["sgbc"], vo=only_verified["other"])

# %% [markdown]
# ## SGBC charges lost, by name
#
# Every SGBC person–crime pair that was not confirmed, withdrawn, vacated, acquitted at trial or
# reversed on appeal, with the date of the decision.

# %%
lost = sgbc.losses(pairs[lead], ctx.ds.events)
lost_view = dates.attach_precision(lost, ctx.ds.events, "date").assign(crime=lost["crime"].map(ctx.crime_label),
                        qualification=lost["qualification"].fillna("").map(QUALIFICATION_LABELS),
                        situation=lost["situation"].map(SITUATION_LABELS))
nb.table(dates.select(lost_view, ["person_id", "name", "situation", "crime", "qualification", "stage", "date"]),
         f"sgbc_losses_{lead}",
         f"SGBC person–crime pairs lost, by stage ({lead} scope). n = {len(lost)} pairs of "
         f"{lost['person_id'].nunique()} people, as of {ctx.as_of_text}.",
         labels={"name": "Accused", "situation": "Situation", "crime": "Crime", "qualification": "Qualification",
                 "stage": "Lost at", "date": "Date"}, person_links="Accused")

# %% [markdown]
# ## Modes of liability, SGBC and other crimes

# %%
known_counts = counts[lead][counts[lead]["sgbc_known"]]
modes = liability.by_mode(known_counts)
unmoded = modes[modes["mode"] == "not recorded"].set_index("group")["decided"]
decided_known = known_counts[known_counts["trial"].isin(["convicted", "acquitted"])]
crime_verified = len(units.verified(decided_known))
nb.table(modes[["label", "group", "decided", "convicted", "reversed", "under_appeal", "persons"]], f"sgbc_modes_{lead}",
         f"Counts decided at trial by recorded mode of liability, SGBC and other ({lead} scope; counts whose SGBC "
         f"status is known; a mode recharacterised at judgment under Regulation 55 counts as applied). "
         f"n = {int(modes['decided'].sum())} counts: {crime_verified} with a verified crime and "
         f"{int(modes['decided'].sum()) - crime_verified} whose crime is not verified but which a judgment summary "
         f"shows are not SGBC; {int(modes.loc[modes['group'] == 'SGBC', 'decided'].sum())} of them SGBC. "
         f"No mode is recorded for "
         f"{int(unmoded.get('SGBC', 0))} SGBC and {int(unmoded.get('Other crimes', 0))} other counts (their own rows). "
         f"No rate per mode: the recorded mode is sometimes the mode of conviction (see Question 1). "
         f"As of {ctx.as_of_text}.",
         labels={"label": "Mode of liability (as recorded; as applied where recharacterised)", "group": "Group", "decided": "Decided at trial",
                 "convicted": "Convicted", "reversed": "Of which reversed on appeal",
                 "under_appeal": "Of which under appeal", "persons": "People"})

# %% [markdown]
# ## Other tribunals, as they published it
#
# These are the tribunals' (or reliable secondary sources') own aggregate figures, with the date
# they refer to and their definition. They are **not** computed from this dataset and are not
# strictly comparable: each tribunal counted sexual violence in its own way.

# %%
comp = ctx.ds.comparators.copy()
sg_comp = comp[comp["metric"].str.contains("sexual")]
sg_comp = sg_comp.assign(label=nb.plain_labels(sg_comp["label"], sg_comp["metric"]))
nb.table(sg_comp[["tribunal", "label", "value", "unit", "refers_to", "definition", "source_id"]], "comparators_sgbc",
         f"Published figures of other tribunals on sexual violence. n = {len(sg_comp)} figures.",
         labels={"tribunal": "Tribunal", "label": "Figure", "value": "Value", "unit": "Unit", "refers_to": "Refers to",
                 "definition": "Definition (as published)", "source_id": "Source"})
icty = comp.set_index(["tribunal", "metric"])["value"]
core_people = ctx.status().query("case_type == 'core'")
n_sought = int(fn.person_funnel(core_people).set_index("step").at["sought", "n"])


def icty_value(metric: str):
    return int(icty[("ICTY", metric)]) if ("ICTY", metric) in icty.index else None


if icty_value("accused_charged_sexual_violence") is not None:
    indicted = icty_value("accused_indicted")
    nb.prose("For scale, each court as counted (the units differ: the ICTY counted accused indicted, this dataset "
             "people publicly sought for core crimes): the ICTY reported **{a}** accused charged with sexual violence"
             "{of_ind} and **{b}** convicted for it (figures it published for {d}); at the ICC, of **{n}** people "
             "sought, **{c}**{c_up} have been charged with {what} ({scope} scope), **{e}** convicted at trial and **{f}** "
             "with that conviction final (both are given: the ICTY's definition, as recorded, does not say whether it "
             "counted convictions at trial or after appeal).",
             a=icty_value("accused_charged_sexual_violence"),
             of_ind=f" of the {indicted} it indicted" if indicted else "",
             b=icty_value("accused_convicted_sexual_violence") or 0,
             d=str(comp.loc[(comp["tribunal"] == "ICTY") & (comp["metric"] == "accused_charged_sexual_violence"),
                            "refers_to"].iloc[0])[:10],
             n=n_sought, c=lead_b["charged"][0], c_up=sgbc.up_to(lead_b, "charged"), e=lead_b["convicted"][0], f=lead_b["final"][0], what=WHAT[lead],
             scope=lead)

# %% [markdown]
# ## Limitations
#
# - SGBC prosecuted under other labels (torture, outrages upon personal dignity, persecution on
#   other grounds) is not counted; the figures are a lower bound.
# - Counts whose crime is not verified are never counted as SGBC or as other crimes; the tables
#   show the bound they allow. A count a source places among the sexual and gender-based crimes
#   without naming it counts as SGBC in the broad scope only.
