# %% [markdown]
# # The data: who, what and how complete
#
# This chapter describes the dataset every other chapter rests on: the people the International
# Criminal Court (ICC) has publicly sought by an arrest warrant or a summons to appear, the charges
# against them, the dated steps of their proceedings, and the public source behind each row.
# It also lists what could not be verified, so that a reader knows where the numbers are thin.

# %% tags=["parameters"]
as_of = None
sgbc_scope = "narrow"
unit = "charge"
situations = "all"

# %%
import pandas as pd

from justicegap import dates
from justicegap import notebook as nb
from justicegap.analysis import status, units
from justicegap.analysis.stages import JUDGED
from justicegap.context import SITUATION_LABELS, setup

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
ds = ctx.ds
people = ctx.status()
outcomes = ctx.outcomes()
pairs = ctx.pairs()
individuals = people.loc[people["same_person_as"].fillna("") == "", "person_id"].nunique()

# %% [markdown]
# ## Coverage
#
# Three counting units appear in this report, and each table says which it uses: the **person**
# (one row per person and case; Jean-Pierre Bemba, tried in a war-crimes case and in a contempt
# case, has two), the **charge** (a count as the Court numbered it, or, before confirmation, a
# crime of the warrant) and the **person–crime pair** (one person × crime × legal qualification).

# %%
nb.metric("persons", int(individuals), "People publicly sought by the ICC (warrant or summons)")
nb.metric("case_rows", int(len(people)), "Person-case records (one person can face two cases)")
nb.metric("charges", int(len(outcomes)), "Charges (counts or warrant crimes) in the data")
nb.metric("situations", int(people["situation"].nunique()), "Situations with at least one public warrant or summons")
nb.metric("sources", int(len(ds.sources)), "Public sources cited")
unverified = units.placeholders(outcomes)
# a judgment summary can state the crimes only of counts that reached the judgment (not, e.g., of
# counts never confirmed)
covered = (unverified["person_id"].isin(set(ds.crime_outcomes["person_id"]))
           & unverified["trial"].isin(JUDGED))
nb.metric("charges_crime_unverified", int(len(unverified)), "Charges whose crime could not be verified")
no_charges = sorted(set(people["person_id"]) - set(outcomes["person_id"]))
nb.prose(
    "Data version **{version}**, cut-off **{cutoff}**; this analysis is **as of {as_of}**. On that date the data "
    "holds **{n_people}** people (**{n_rows}** person-case records) in **{n_sit}** situations, **{n_charges}** "
    "charges, **{n_pairs}** person–crime pairs and **{n_events}** dated procedural events, resting on "
    "**{n_sources}** public sources. For **{n_unverified}** charges of **{p_unverified}** people the count is "
    "known but not the crime it charges; for **{n_covered}** of them, decided in a trial judgment, the Court's "
    "judgment summaries state the crimes of conviction and acquittal (used as person–crime pairs). **{n_nocharge}** people have no charge "
    "recorded because the public record does not state their warrant's crimes (listed in the gaps).",
    version=ds.version, cutoff=ds.cutoff.isoformat(), as_of=ctx.as_of_text, n_people=individuals,
    n_rows=len(people), n_sit=people["situation"].nunique(), n_charges=len(outcomes), n_pairs=len(pairs),
    n_events=int((ds.events["date"] <= ctx.as_of).sum()), n_sources=len(ds.sources),
    n_unverified=len(unverified), p_unverified=unverified["person_id"].nunique(), n_covered=int(covered.sum()),
    n_nocharge=len(no_charges))

# %% [markdown]
# ## Where each person stands
#
# Each person has exactly one status on the as-of date, from one function
# (`analysis.status.person_status`) that every chapter and case page reads. The groups gather
# statuses; the second table gives each status.

# %%
by_sit = (people.assign(situation=people["situation"].map(SITUATION_LABELS),
                        group=pd.Categorical(people["group"], categories=list(status.GROUPS)))
          .pivot_table(index="situation", columns="group", values="person_id", aggfunc="count", fill_value=0,
                       observed=False))
by_sit = by_sit.rename(columns=status.GROUPS)
by_sit["Total"] = by_sit.sum(axis=1)
by_sit = by_sit.sort_values("Total", ascending=False).reset_index().rename(columns={"situation": "Situation"})
by_sit.columns.name = None
nb.table(by_sit, "persons_by_situation_group",
         f"Person-case records by situation and where they stand. n = {len(people)}, as of {ctx.as_of_text}.")
st_counts = status.counts(people)
st_table = pd.DataFrame([{"Status": status.label(k), "Group": status.GROUPS[status.STATUSES[k][1]],
                          "Person-case records": v} for k, v in st_counts.items() if v])
nb.table(st_table, "persons_by_status", f"Person-case records by status. n = {len(people)}, as of {ctx.as_of_text}.")
large = status.at_large(people)
nb.metric("at_large", int(len(large)), "Person-case records at large, all cases including Article 70 (warrant outstanding)")
nb.metric("held_by_state", int(st_counts["held_by_state"]), "Held by a state that has not surrendered them, all cases including Article 70")

# %%
import matplotlib.pyplot as plt

from justicegap.figures import style

style.apply()
grouped = people["group"].map(status.GROUPS).value_counts().sort_values()
by_type = (people.assign(g=people["group"].map(status.GROUPS))
           .pivot_table(index="g", columns="case_type", values="person_id", aggfunc="count", fill_value=0)
           .reindex(grouped.index, fill_value=0))
linked = ctx.ds.persons[ctx.ds.persons["same_person_as"].fillna("") != ""]
twice = "; ".join(sorted(set(ctx.ds.persons.set_index("person_id")["name"].reindex(linked["same_person_as"]).dropna())))
fig, ax = plt.subplots(figsize=(8, 3.6))
core_n = by_type.get("core", pd.Series(0, index=by_type.index)).to_numpy()
a70_n = by_type.get("article_70", pd.Series(0, index=by_type.index)).to_numpy()
ax.barh(grouped.index, core_n, color=style.OKABE_ITO["blue"], label="Core crimes")
ax.barh(grouped.index, a70_n, left=core_n, color=style.OKABE_ITO["orange"], label="Article 70 (offences against justice)")
for y, v in enumerate(grouped.values):
    ax.text(v + 0.2, y, str(v), va="center", fontsize=9)
ax.set_xlabel("Number of person-case records")
ax.grid(axis="y", visible=False)
ax.legend(fontsize=8, loc="lower right")
top_group = people["group"].map(status.GROUPS) == grouped.index[-1]
top_core = int((top_group & (people["case_type"] == "core")).sum())
style.finish(fig, f"{grouped.iloc[-1]} of {len(people)} person-case records: {grouped.index[-1].lower()} "
             f"({top_core} in core-crime cases, {grouped.iloc[-1] - top_core} in Article 70 cases)",
             style.caption(len(people), ctx.as_of_text, "person-case records",
                           f"a person in two cases appears once per case ({twice})" if twice else ""))
nb.figure(fig, "persons_by_group", "Bar chart of person-case records by where they stand")

# %% [markdown]
# ## The people
#
# Every person-case record, with the date of the first warrant or summons and the day it became
# public (a warrant issued under seal counts from its unsealing). Each has a case page if the case
# reached a confirmation decision.

# %%
listing = people[["person_id", "name", "case_id", "situation", "case_type", "first_warrant", "public_from",
                  "status_label"]].copy()
listing = dates.attach_precision(listing, ds.events, ["first_warrant", "public_from"])
listing["situation"] = listing["situation"].map(SITUATION_LABELS)
listing["case_type"] = listing["case_type"].map({"core": "core crimes", "article_70": "Article 70"})
listing = listing.sort_values(["situation", "first_warrant", "name"])
nb.table(listing, "persons", f"All person-case records. n = {len(listing)}, as of {ctx.as_of_text}.",
         labels={"name": "Name", "case_id": "Case", "situation": "Situation", "case_type": "Case type",
                 "first_warrant": "First warrant or summons", "public_from": "Public from",
                 "status_label": "Status on as-of date"}, person_links="Name")

# %% [markdown]
# ## Known gaps
#
# Facts that could not be verified from a public source are left empty, never guessed. Each is
# listed here with the document that would settle it; the full list is `data/gaps.csv`.

# %%
gaps = ds.gaps.copy()
nb.metric("gaps", int(len(gaps)), "Known gaps recorded")
gap_table = gaps.groupby("table").size().rename("Gaps").reset_index().rename(columns={"table": "Table"})
nb.table(gap_table, "gaps_by_table", f"Known gaps by table. n = {len(gaps)} gaps.")
nb.table(gaps[["person_id", "table", "field", "description"]], "gaps",
         f"Known gaps, by person. n = {len(gaps)}.", max_rows=40,
         labels={"person_id": "Person", "table": "Table", "field": "Field", "description": "What is missing"},
         person_links="Person")

# %% [markdown]
# ## Limitations
#
# - Counting units differ; each chapter states its unit, and rates are given over those decided
#   at a stage, never over everything charged.
# - Where only aggregate outcomes were public (for example "61 of 70 counts"), rows were created
#   from the totals with the crime marked as not verified; totals are exact, crime-level detail is
#   taken from the judgment summaries where they state it.
# - Sources include copies of Court documents hosted by third parties; the publisher column says so.
