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
from justicegap.analysis import stages
from justicegap.context import SITUATION_LABELS, setup

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
ds = ctx.ds
people = stages.person_status(ds.persons, ds.events, ds.charges, ctx.as_of, ctx.params.situations)
outcomes = ctx.outcomes()
individuals = people.loc[people["same_person_as"].fillna("") == "", "person_id"].nunique()

# %% [markdown]
# ## Coverage

# %%
nb.metric("persons", int(individuals), "People publicly sought by the ICC (warrant or summons)")
nb.metric("case_rows", int(len(people)), "Person-case records (one person can face two cases)")
nb.metric("charges", int(len(outcomes)), "Charges (counts or warrant crimes) in the data")
nb.metric("situations", int(people["situation"].nunique()), "Situations with at least one public warrant or summons")
nb.metric("sources", int(len(ds.sources)), "Public sources cited")
unverified = int(outcomes["crime"].isin(["unverified", "unverified_sgbc"]).sum())
nb.metric("charges_crime_unverified", unverified, "Charges whose crime could not be verified")
nb.prose(
    "Data version **{version}**, cut-off **{cutoff}**; this analysis is **as of {as_of}**. "
    "On that date the data holds **{n_people}** people (**{n_rows}** person-case records) in "
    "**{n_sit}** situations, **{n_charges}** charges and **{n_events}** dated procedural events, "
    "resting on **{n_sources}** public sources. For **{n_unverified}** charges the count is known but "
    "the crime it charges could not be verified; they are kept (so totals are right) and listed as gaps.",
    version=ds.version, cutoff=ds.cutoff.isoformat(), as_of=ctx.as_of_text, n_people=individuals,
    n_rows=len(people), n_sit=people["situation"].nunique(), n_charges=len(outcomes),
    n_events=int((ds.events["date"] <= ctx.as_of).sum()), n_sources=len(ds.sources),
    n_unverified=unverified)

# %% [markdown]
# ## People by situation and status
#
# Status is each person's position on the as-of date, derived from their dated events and the
# outcomes of their charges (see the data dictionary for each event's definition).

# %%
by_sit = (people.assign(situation=people["situation"].map(SITUATION_LABELS))
          .pivot_table(index="situation", columns="status", values="person_id", aggfunc="count",
                       fill_value=0))
by_sit["Total"] = by_sit.sum(axis=1)
by_sit = by_sit.sort_values("Total", ascending=False).reset_index().rename(columns={"situation": "Situation"})
nb.table(by_sit, "persons_by_situation_status",
         f"Person-case records by situation and status. n = {len(people)}, as of {ctx.as_of_text}.")
status_counts = people["status"].value_counts()
at_large = int(status_counts.get("at large", 0) + status_counts.get("charges confirmed, at large", 0))
nb.metric("at_large", at_large, "Person-case records at large (warrant outstanding)")
nb.finding("Of **{n}** people the ICC has publicly sought, **{large}** records are of people still at large "
           "on {as_of}; **{final}** records end in a final conviction.",
           n=individuals, large=at_large, as_of=ctx.as_of_text,
           final=int(status_counts.get("convicted (final)", 0)))

# %%
import matplotlib.pyplot as plt

from justicegap.figures import style

style.apply()
counts = people["status"].value_counts().sort_values()
fig, ax = plt.subplots(figsize=(8, 4))
ax.barh(counts.index, counts.values, color=style.OKABE_ITO["blue"])
for y, v in enumerate(counts.values):
    ax.text(v + 0.2, y, str(v), va="center", fontsize=9)
ax.set_xlabel("Number of person-case records")
ax.grid(axis="y", visible=False)
style.finish(fig, f"Most people sought by the ICC are at large or awaiting a stage ({counts.idxmax()})",
             style.caption(len(people), ctx.as_of_text, "person-case records"))
nb.figure(fig, "persons_by_status", "Bar chart of person-case records by status")

# %% [markdown]
# ## The people
#
# Every person-case record, with the date of the first warrant or summons. Each has a case page
# if the case reached a confirmation decision.

# %%
listing = people[["person_id", "name", "case_id", "situation", "case_type", "first_warrant", "status"]].copy()
listing = dates.attach_precision(listing, ds.events, "first_warrant", event_types=stages.WARRANT_EVENTS)
listing["situation"] = listing["situation"].map(SITUATION_LABELS)
listing = listing.sort_values(["situation", "first_warrant", "name"])
nb.table(listing, "persons", f"All person-case records. n = {len(listing)}, as of {ctx.as_of_text}.",
         labels={"name": "Name", "case_id": "Case", "situation": "Situation", "case_type": "Case type",
                 "first_warrant": "First warrant or summons", "status": "Status on as-of date"},
         person_links="Name")

# %% [markdown]
# ## Known gaps
#
# Facts that could not be verified from a public source are left empty, never guessed. Each is
# listed here; the full list is `data/gaps.csv`.

# %%
gaps = ds.gaps.copy()
nb.metric("gaps", int(len(gaps)), "Known gaps recorded")
gap_table = (gaps.assign(table=gaps["table"]).groupby("table").size().rename("Gaps").reset_index()
             .rename(columns={"table": "Table"}))
nb.table(gap_table, "gaps_by_table", f"Known gaps by table. n = {len(gaps)} gaps.")
nb.table(gaps[["person_id", "table", "field", "description"]], "gaps",
         f"Known gaps, by person. n = {len(gaps)}.", max_rows=40,
         labels={"person_id": "Person", "table": "Table", "field": "Field", "description": "What is missing"},
         person_links="Person")

# %% [markdown]
# ## Limitations
#
# - Counting units differ: a *person* may face one or two cases; a *charge* is a count as the Court
#   numbered it (or, before confirmation, a crime in the warrant). Each chapter states its unit.
# - Where only aggregate outcomes were public (for example "61 of 70 counts"), rows were created
#   from the totals with the crime marked as not verified; totals are exact, crime-level detail is not.
# - Sources include copies of Court documents hosted by third parties; the publisher column says so.
