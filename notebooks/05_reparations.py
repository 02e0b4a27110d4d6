# %% [markdown]
# # Question 4: what came after the verdict
#
# At the ICC, reparations can be ordered only against a convicted person, after the trial
# judgment (in two cases before the appeal judgment), and are implemented through the Trust Fund
# for Victims (TFV), which may add money of its own. When a conviction is reversed, the reparations proceedings end, and the victims who
# took part are left with whatever assistance the Trust Fund offers instead. This chapter follows
# each convicted person from the final conviction to the reparations decisions, sets out what was
# awarded, and counts the participating victims of cases that ended without a conviction.
#
# **Units and rules.** People convicted of core crimes. Amounts are those a decision **ordered**
# (never what was paid, nor the harm assessed), each in its own currency: nothing is converted or
# added across currencies. A decision dated after the as-of date does not exist yet.

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
from justicegap.analysis import reparations as rp
from justicegap.context import SITUATION_LABELS, setup
from justicegap.figures import charts, style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
ds = ctx.ds
people = ctx.status()
names = people.set_index("person_id")["name"].to_dict()
line = rp.timeline(ds.reparations, ds.charges, ds.events, ds.persons, ctx.as_of, ctx.params.situations)
decisions = rp.known(ds.reparations, ctx.as_of)
award = rp.awards(ds.reparations, ctx.as_of)
dated = pd.concat([ds.events[["person_id", "date", "date_precision"]],
                   ds.reparations[["person_id", "date", "date_precision"]]])  # where each date's precision is

# %% [markdown]
# ## From the final conviction to the reparations order

# %%
final = line[line["final_on"].notna()]
ordered = final[final["first_order"].notna()]
waiting = final[final["first_order"].isna()]
nb.headline("reparations_persons_with_order", len(ordered), "Convicted people with a reparations order",
            n=len(final))
after = ordered[ordered["days_to_order"] >= 0]
med_order = float(after["days_to_order"].median()) if len(after) else None
med_trial = float(ordered["days_from_trial"].median()) if len(ordered) else None
# the other reading of an order made before the appeal judgment: its amended order after finality
later = ordered[ordered["days_to_order_after_final"].notna()]
med_later = float(later["days_to_order_after_final"].median()) if len(later) else None
early = ordered[ordered["days_to_order"] < 0]
amounts = final[final["days_to_amount"].notna() & (final["days_to_amount"] >= 0)]
med_amount = float(amounts["days_to_amount"].median()) if len(amounts) else None
yrs = lambda d: None if dates.years(d) is None else f"{dates.years(d):.1f}"  # noqa: E731
# an order made before the appeal judgment counts back from the day the conviction became final
rel = lambda d: None if d is None or pd.isna(d) else (f"{-d / 365.25:.1f} before" if d < 0 else yrs(d))  # noqa: E731
few = lambda k: f" (only {k} cases: read them one by one)" if 0 < k <= du.SMALL else ""  # noqa: E731
nb.finding("**Reparations.** Of **{n}** people whose conviction for core crimes is final, **{o}** have a reparations "
           "order, issued a median of **{mt}** years after the trial judgment; the {na} issued after the conviction "
           "became final came a median of **{mo}** years after it{few}{early}{ma}. **{w}** {are} still waiting for "
           "one{wn}. As of {as_of}.",
           na=len(after), few=few(len(after)),
           n=len(final), o=len(ordered), mt=yrs(med_trial) if med_trial is not None else "n/a",
           mo=yrs(med_order) if med_order is not None else "n/a",
           early=(f"; {len(early)} came before the appeal judgment ({'; '.join(early['name'])}). Taking instead, "
                  f"for {'those ' + str(len(early)) if len(early) > 1 else 'that person'}, the first order or amended "
                  "order issued after the conviction became final ("
                  + "; ".join(f"{r['name']}: {r['order_after_final']:%Y-%m-%d}, {yrs(r['days_to_order_after_final'])} "
                              "years" for _, r in early.iterrows() if pd.notna(r["order_after_final"]))
                  + f"), the median over all {len(later)} people is {yrs(med_later)} years after the conviction "
                  "became final"
                  if len(early) else ""), are="is" if len(waiting) == 1 else "are",
           ma=(f"; the amount now in force was set a median of {yrs(med_amount)} years after the conviction became "
               f"final ({len(amounts)} people)" if med_amount is not None else ""),
           w=len(waiting), wn=f" ({'; '.join(waiting['name'])})" if len(waiting) else "", as_of=ctx.as_of_text)
# the figures of the finding, recorded so that "What changed" compares them between versions
nb.metric("reparations_median_years_trial_to_order", dates.years(med_trial, 2),
          "Median years from trial judgment to the first reparations order", note=f"n={len(ordered)}")
nb.metric("reparations_median_years_final_to_order", dates.years(med_order, 2),
          "Median years from final conviction to the first order, orders issued after it", note=f"n={len(after)}")
nb.metric("reparations_median_years_final_to_order_after_final", dates.years(med_later, 2),
          "Median years from final conviction to the first order or amended order issued after it",
          note=f"n={len(later)}")
nb.metric("reparations_median_years_final_to_amount", dates.years(med_amount, 2),
          "Median years from final conviction to the amount now in force", note=f"n={len(amounts)}")
nb.metric("reparations_persons_waiting", len(waiting), "People with a final conviction and no reparations order",
          note=f"n={len(final)}")
view = line.assign(situation=line["situation"].map(SITUATION_LABELS),
                   years_from_trial=line["days_from_trial"].map(lambda d: yrs(d) if d is not None else None),
                   years_to_order=line["days_to_order"].map(rel),
                   years_to_amount=line["days_to_amount"].map(lambda d: yrs(d) if d is not None else None),
                   years_waiting=line["days_waiting"].map(lambda d: yrs(d) if d is not None else None),
                   years_after_final=line["days_to_order_after_final"].map(lambda d: yrs(d) if d is not None else None))
view = dates.attach_precision(view, dated, ["trial_judgment", "final_on", "principles_on", "first_order",
                                            "order_after_final", "amount_set_on"])
nb.table(dates.select(view, ["person_id", "name", "trial_judgment", "final_on", "principles_on", "first_order",
                             "years_from_trial", "years_to_order", "order_after_final", "years_after_final",
                             "amount_set_on", "years_to_amount",
                             "years_waiting", "stage"]), "reparations_timeline",
         f"People convicted of core crimes at trial: from the final conviction to reparations. n = {len(line)} people "
         f"({len(final)} with a final conviction), as of {ctx.as_of_text}.",
         labels={"name": "Person", "trial_judgment": "Trial judgment", "final_on": "Conviction final",
                 "principles_on": "Principles", "first_order": "First order",
                 "years_from_trial": "Years from trial judgment",
                 "years_to_order": "Years from final conviction",
                 "order_after_final": "First order or amended order after the conviction became final",
                 "years_after_final": "Years after final conviction (that order)", "amount_set_on": "Amount in force set", "years_to_amount": "Years to amount",
                 "years_waiting": "Waiting so far (years)", "stage": "Where it stands"}, person_links="Person")
finals = final.set_index("person_id")["final_on"]
if len(finals):
    fig = charts.reparations_timeline(
        decisions, finals, {**rp.DECISION_LABELS, **names}, ctx.as_of,
        f"{len(ordered)} of {len(final)} people with a final conviction have a reparations order"
        + (f"; the {len(after)} made after it came a median of {yrs(med_order)} years later"
           if med_order is not None else ""),
        style.caption(len(final), ctx.as_of_text, "people", "each line runs from the final conviction to the as-of date"))
    nb.figure(fig, "reparations_timeline", "Timeline from final conviction to reparations decisions, per person")

# %% [markdown]
# ## What was awarded
#
# The liability set by the latest decision on the amount (an order, a decision on the amount, or
# an addendum), in its own currency. Per-victim amounts are symbolic lump sums where a decision
# sets one; the number of beneficiaries is what the decision counts (identified victims or an
# estimate of those eligible), and is not comparable from case to case.

# %%
aw = award.assign(name=award["person_id"].map(names),
                  amount_text=[f"{a:,.0f} {c}" for a, c in zip(award["amount"], award["currency"])],
                  per_victim=[("" if pd.isna(p) else f"{p:,.0f} {c}") for p, c in
                              zip(award["per_victim_amount"], award["currency"])],
                  benef=[("" if pd.isna(b) else f"{int(b):,}") for b in award["beneficiaries"]])
aw = dates.attach_precision(aw, dated, "set_on")
nb.table(dates.select(aw, ["person_id", "name", "amount_text", "set_on", "per_victim", "benef", "beneficiaries_basis", "kinds", "tfv_complement",
             "sgbc_beneficiaries", "source_id"]), "reparations_awards",
         f"Reparations awards in force, each in its own currency. n = {len(award)} people, as of {ctx.as_of_text}.",
         labels={"name": "Person", "amount_text": "Liability set", "set_on": "Set on", "per_victim": "Per victim",
                 "benef": "Beneficiaries", "beneficiaries_basis": "What the number counts", "kinds": "Kinds",
                 "tfv_complement": "TFV complements", "sgbc_beneficiaries": "SGBC victims named",
                 "source_id": "Source"}, person_links="Person")
tot = rp.totals_by_currency(award)
nb.table(tot.assign(total=tot["total"].map(lambda v: f"{v:,.0f}"), largest=tot["largest"].map(lambda v: f"{v:,.0f}")),
         "reparations_by_currency",
         f"Awards added up within each currency only: liabilities ordered against convicted persons, not amounts "
         f"paid or harm assessed. n = {len(award)} awards, as of {ctx.as_of_text}.",
         labels={"currency": "Currency", "cases": "Cases", "total": "Sum of liabilities", "largest": "Largest"})
sgbc_named = award[award["sgbc_beneficiaries"] == "yes"]
nb.prose("Decisions name victims of sexual or gender-based crimes among the beneficiaries in **{n}** of the **{a}** "
         "cases with an award{names}. Awards sum to {sums} (each currency apart).",
         n=len(sgbc_named), a=len(award),
         names=f" ({'; '.join(sgbc_named['person_id'].map(names))})" if len(sgbc_named) else "",
         sums="; ".join(f"{r['total']:,.0f} {r['currency']} over {r['cases']} cases" for _, r in tot.iterrows())
         or "nothing")

# %% [markdown]
# ## Every reparations decision

# %%
dv = decisions.assign(name=decisions["person_id"].map(names), decision=decisions["decision"].map(rp.DECISION_LABELS),
                      amount_text=[("" if pd.isna(a) else f"{a:,.0f} {c}") for a, c in
                                   zip(decisions["amount"], decisions["currency"])])
nb.table(dates.select(dv, ["person_id", "name", "date", "decision", "amount_text", "kind", "source_id", "note"]),
         "reparations_decisions",
         f"Reparations decisions. n = {len(dv)}, as of {ctx.as_of_text}.",
         labels={"name": "Person", "date": "Date", "decision": "Decision", "amount_text": "Amount", "kind": "Kinds",
                 "source_id": "Source", "note": "Note"}, person_links="Person")

# %% [markdown]
# ## Victims for whom no order can come
#
# The victims authorised to participate in a case, where the Court or a monitor published the
# number (the latest figure at trial, else at the latest stage). In a case that ended without a
# conviction, no reparations order can be made.

# %%
vic = rp.participating_victims(ds.victims, ds.persons, people, ctx.as_of, ds.events)
no_order = vic[vic["outcome"] == "no conviction: no order can come"]
share_text = (f"{int(no_order['victims'].sum()):,} of {int(vic['victims'].sum()):,}" if len(vic) else "n/a")
nb.table(dates.select(vic, ["case_id", "names", "victims", "stage_label", "date", "outcome", "source_id"]),
         "participating_victims",
         f"Participating victims per case, where published. n = {len(vic)} cases with a figure, as of {ctx.as_of_text}; "
         "cases without a published figure are not counted.",
         labels={"case_id": "Case", "names": "Accused", "victims": "Victims", "stage_label": "Stage", "date": "Figure of",
                 "outcome": "Outcome for reparations", "source_id": "Source"})
reached = people[(people["confirmed"] | (people["status"] == "not_confirmed")) & (people["case_type"] == "core")]
case_of = ds.persons.set_index("person_id")["case_id"].fillna("")
with_figure = set(vic["case_id"])
named = {p for ids in vic["person_ids"] for p in ids.split(";") if p}  # co-accused of a joint trial included
missing = sorted(n for p, n in zip(reached["person_id"], reached["name"])
                 if case_of.get(p, "") not in with_figure and p not in named)
nb.finding("**Victims left without an order.** In the **{c}** cases with a published figure, at least **{s}** "
           "participating victims (the latest trial figure of each case, else its latest pre-trial figure) took part in "
           "cases that ended without a conviction ({names}), for whom no "
           "reparations order can come. No figure of their own was found for {k} other people whose case reached a confirmation "
           "decision, whether their case has ended or is still running{missing}. As of {as_of}.",
           c=len(vic), s=share_text, names="; ".join(no_order["names"]) or "none", k=len(missing),
           missing=f" ({'; '.join(missing)})" if missing else "", as_of=ctx.as_of_text)
nb.metric("victims_in_cases_without_conviction", int(no_order["victims"].sum()),
          "Participating victims in cases that ended without a conviction (at least)",
          note=f"of {int(vic['victims'].sum())} in {len(vic)} cases with a published figure")
ended = decisions[decisions["decision"].isin(["proceedings_ended", "tfv_assistance"])]
if len(ended):
    nb.table(ended.assign(name=ended["person_id"].map(names), decision=ended["decision"].map(rp.DECISION_LABELS))[
        ["person_id", "name", "date", "date_precision", "decision", "note", "source_id"]], "reparations_ended",
             f"Reparations proceedings ended, and what the Trust Fund did instead. n = {len(ended)}.",
             labels={"name": "Person", "date": "Date", "decision": "What happened", "note": "Note", "source_id": "Source"},
             person_links="Person")

# %% [markdown]
# ## Other tribunals, as they published it
#
# Reparations elsewhere, each with its own definition (the ECCC awards collective and moral
# reparations only). These figures are not computed from this dataset.

# %%
comp = ds.comparators
rep_comp = comp[comp["metric"].str.contains("repar|civil_part|award|beneficiar", regex=True)]
rep_comp = rep_comp.assign(label=nb.plain_labels(rep_comp["label"], rep_comp["metric"]))
nb.table(rep_comp[["tribunal", "label", "value", "unit", "refers_to", "definition", "source_id"]],
         "comparators_reparations", f"Published reparations figures of other courts. n = {len(rep_comp)} figures.",
         labels={"tribunal": "Court", "label": "Figure", "value": "Value", "unit": "Unit", "refers_to": "Refers to",
                 "definition": "Definition (as published)", "source_id": "Source"})

# %% [markdown]
# ## Limitations
#
# - Implementation and payments are not tracked: an award is what was ordered.
# - The number of beneficiaries means different things in different decisions (identified
#   victims, or an estimate of those eligible); it is shown with what it counts.
# - Participating-victim figures exist only for the cases listed; others are gaps.
