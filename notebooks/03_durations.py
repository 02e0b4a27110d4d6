# %% [markdown]
# # Question 3: how long do proceedings take?
#
# Each stage is timed from the event that opens it to the one that closes it. Cases still waiting
# on the as-of date are **censored**: they count as "at least this long", not as missing. Where a
# case ended another way before the stage closed (a death, withdrawn or vacated charges), it is
# censored at that date. Medians and their 95% confidence intervals come from Kaplan-Meier
# estimates (the lifelines library), which use both finished and censored cases.
#
# **Unit**: person-case records (one row per person per case). **Custody** means the first day in
# the Court's custody, or the first voluntary appearance under a summons.

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
from justicegap.context import SITUATION_LABELS, setup
from justicegap.figures import charts, style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
ds = ctx.ds
table = du.intervals(ds.persons, ds.events, ds.charges, ctx.as_of, ctx.params.situations)
core = table[table["case_type"] == "core"]

# %% [markdown]
# ## Stage by stage

# %%
summary = du.km_summary(core)
years = lambda d: None if d is None or pd.isna(d) else round(d / 365.25, 1)  # noqa: E731
view = summary.assign(median_years=summary["median_days"].map(years), low=summary["ci_low"].map(years),
                      high=summary["ci_high"].map(years))
nb.table(view[["label", "n", "observed", "censored", "median_days", "median_years", "low", "high"]],
         "stage_durations",
         f"Kaplan-Meier median time per stage, core-crime cases. n = {len(core)} intervals over "
         f"{core['person_id'].nunique()} person-case records, as of {ctx.as_of_text}. Blank median: "
         "fewer than half have finished the stage.",
         labels={"label": "Stage", "n": "Cases", "observed": "Finished", "censored": "Still running or ended",
                 "median_days": "Median (days)", "median_years": "Median (years)", "low": "95% CI low (years)",
                 "high": "95% CI high (years)"})
for _, r in summary.iterrows():
    nb.metric(f"median_days_{r['interval']}", r["median_days"], f"Median days: {r['label']}",
              note=f"n={r['n']}, censored={r['censored']}")
trial = summary.set_index("interval").loc["trial_to_judgment"]
final = summary.set_index("interval").loc["custody_to_final"]
nb.finding("A trial takes a median of **{t} years** from opening statements to judgment "
           "(n = {tn}, {tc} still running), and a person waits a median of **{f} years** from custody "
           "to a final judgment (n = {fn}, {fc} censored).",
           t=years(trial["median_days"]) if trial["median_days"] is not None else "more than half unfinished",
           tn=int(trial["n"]), tc=int(trial["censored"]),
           f=years(final["median_days"]) if final["median_days"] is not None else "more than half unfinished",
           fn=int(final["n"]), fc=int(final["censored"]))

# %%
curves = {du.INTERVALS[k][0]: du.km_curve(core, k)
          for k in ("custody_to_confirmation", "confirmation_to_trial", "trial_to_judgment", "judgment_to_appeal")}
med = {k: years(v) for k, v in zip(summary["interval"], summary["median_days"])}
fig = charts.survival(curves, f"Trials are the longest stage: median {med['trial_to_judgment']} years from opening to judgment",
                      style.caption(len(core), ctx.as_of_text, "intervals", "shaded: 95% CI"))
nb.figure(fig, "stage_survival", "Kaplan-Meier curves of time spent in each stage")

# %% [markdown]
# ## The longest waits

# %%
longest = du.longest_waits(core, 12)
longest = longest.assign(years=(longest["days"] / 365.25).round(1),
                         status=longest["end_reason"], situation=longest["situation"].map(SITUATION_LABELS))
longest = dates.interval_precision(longest, ds.events, durations=("days", "years"))
nb.table(dates.select(longest, ["person_id", "name", "situation", "label", "start", "end", "days", "years", "status"]),
         "longest_waits",
         f"The 12 longest intervals, finished or still running. As of {ctx.as_of_text}.",
         labels={"name": "Person", "situation": "Situation", "label": "Stage", "start": "From", "end": "To",
                 "days": "Days", "years": "Years", "status": "How it ended"}, person_links="Person")

# %% [markdown]
# ## Time at large

# %%
at_large = du.time_at_large(core, ds.events, ctx.as_of)
nb.metric("fugitives", int(at_large["person_id"].nunique()), "Person-case records at large on the as-of date")
nb.metric("median_years_at_large", years(at_large["days"].median()) if len(at_large) else None,
          "Median years at large so far (people still sought)")
large = at_large.assign(years=(at_large["days"] / 365.25).round(1),
                        situation=at_large["situation"].map(SITUATION_LABELS))
large = dates.interval_precision(large, ds.events, durations="years")
nb.table(dates.select(large, ["person_id", "name", "situation", "start", "since", "years"]), "at_large",
         f"People still at large, with years since the search for them began (the first warrant or summons, or "
         f"a later warrant for someone who had appeared and is sought again). n = {len(large)}, as of {ctx.as_of_text}.",
         labels={"name": "Person", "situation": "Situation", "start": "Sought since", "since": "Counted from",
                 "years": "Years at large"}, person_links="Person")

# %% [markdown]
# ## Detention before judgment

# %%
det = du.detention_before_judgment(ds.persons, ds.events, ds.charges, ctx.as_of, ctx.params.situations)
det = det[det["case_type"] == "core"]
det_view = det.assign(years=(det["days"] / 365.25).round(1), situation=det["situation"].map(SITUATION_LABELS))
det_view = dates.interval_precision(det_view, ds.events, durations="years")
nb.table(dates.select(det_view, ["person_id", "name", "situation", "start", "end", "ended_by", "years"]), "detention",
         f"Time from custody or first appearance to trial judgment (or release, end, as-of date). "
         f"n = {len(det)}, as of {ctx.as_of_text}. People appearing under a summons were not detained.",
         labels={"name": "Person", "situation": "Situation", "start": "From", "end": "To", "ended_by": "Ended by",
                 "years": "Years"}, person_links="Person")
nb.metric("max_years_before_judgment", years(det["days"].max()) if len(det) else None,
          "Longest time from custody to trial judgment or release (years)")

# %% [markdown]
# ## Limitations
#
# - Custody dates follow the Court's stated surrender/transfer date; other sources sometimes give
#   the arrival at the detention centre a day or more later.
# - Few cases reach each stage, so confidence intervals are wide.
# - A case that ended early (death, withdrawal) is censored at that date, which treats it as if it
#   might have continued; this is the usual, and debatable, choice.
