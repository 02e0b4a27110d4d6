# %% [markdown]
# # Appendix: how sensitive are the headline figures?
#
# The headline comparison of sexual and gender-based crimes (SGBC) with other crimes, recomputed
# under each alternative a reviewer may ask about: another counting unit, the counts whose crime
# is not verified all counted as SGBC or none of them, the largest single case left out, and the
# other scope. Every rate is over those decided at trial (convicted or acquitted).

# %% tags=["parameters"]
as_of = None
sgbc_scope = "narrow"
unit = "charge"
situations = "all"

# %%
import pandas as pd

from justicegap import notebook as nb
from justicegap.analysis import sensitivity
from justicegap.analysis import funnel as fn
from justicegap.context import setup

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations)
lead = ctx.params.sgbc_scope
pairs = {s: ctx.pairs(s).query("case_type == 'core'") for s in ("narrow", "broad")}
counts = {s: ctx.outcomes(s).query("case_type == 'core' and origin == 'dcc'") for s in ("narrow", "broad")}
# the person who supplies the largest share of the charge-level convictions at trial
top = fn.conviction_rate(counts[lead]).top
exclude = ""
if top is not None:
    exclude = counts[lead].loc[counts[lead]["name"] == top[0], "person_id"].iloc[0]

# %%
tab = sensitivity.table(pairs, counts, lead, exclude)
nb.table(tab[["variant", "sgbc", "other", "gap_points"]], "sensitivity",
         f"SGBC and other crimes: convicted of those decided at trial, under each alternative. Core crimes, as of "
         f"{ctx.as_of_text}. Gap: SGBC rate minus other-crimes rate, in percentage points (blank for small n).",
         labels={"variant": "Variant", "sgbc": "SGBC", "other": "Other crimes", "gap_points": "Gap (points)"})
gaps = tab["gap_points"].dropna()
below = int((gaps < -5).sum())
same = int((gaps.abs() <= 5).sum())
nb.prose("In **{b}** of the **{n}** variants SGBC fare worse at trial than other crimes by more than 5 percentage "
         "points{same}; the gap ranges from **{lo}** to **{hi}** points. The widest bound is the one where every count "
         "whose crime is not public is assumed to be SGBC: those counts come from a few large cases whose published "
         "totals record mostly convictions, so that bound is an extreme, not an estimate.", b=below, n=len(gaps),
         same=f", and in {same} the two are within 5 points" if same else "",
         lo=int(gaps.min()) if len(gaps) else "n/a", hi=int(gaps.max()) if len(gaps) else "n/a")

# %% [markdown]
# ## Judgment by judgment, one judgment at a time, and an interval that respects them
#
# The person–crime pairs decided at trial are not independent: pairs decided in one trial
# judgment rest on the same evidence and the same judges. So each trial judgment (accused judged
# together count once) is first compared with itself: its SGBC conviction rate against its
# other-crimes rate. Then the pooled gap is recomputed with each judgment left out in turn, and a
# 95% interval is computed by resampling whole judgments.

# %%
groups = sensitivity.judgment_groups(ctx.ds.events, ctx.ds.persons)
tried_in = sensitivity.trial_groups(ctx.ds.events, ctx.ds.persons)
gap = sensitivity.gap_summary(pairs[lead], groups)
within = sensitivity.within_trials(pairs[lead], groups)
by_trial = sensitivity.per_trial(pairs[lead], groups)


def share(x: int, n: int) -> str:
    return f"{x} of {n} ({round(100 * x / n)}%)" if n else "none decided"


trial_view = by_trial.assign(
    sgbc=[share(x, n) for x, n in zip(by_trial["sgbc_convicted"], by_trial["sgbc_decided"])],
    other=[share(x, n) for x, n in zip(by_trial["other_convicted"], by_trial["other_decided"])],
    diff=by_trial["diff_points"].round().astype("Int64"),
)
nb.prose("{sentence}", sentence=sensitivity.within_trial_sentence(gap, within))
left = by_trial[by_trial["left_out"] != ""]
nb.table(trial_view[["names", "persons", "sgbc", "other", "diff", "left_out"]], "per_trial",
         f"Each trial judgment: SGBC and other person–crime pairs convicted, of those decided at trial, and the "
         f"difference (SGBC minus other, percentage points; blank where the judgment decided only one kind). "
         f"n = {len(by_trial)} judgments of {int(by_trial['persons'].sum())} people compared, {lead} scope, as of "
         f"{ctx.as_of_text}."
         + (f" In a judgment that decided SGBC charges only the accused who faced one are compared, so SGBC and "
            f"other crimes are weighed on the same people: "
            + "; ".join(f"{r.left_out} ({r.left_out_pairs} other-crime pairs, no SGBC charge decided)"
                        for r in left.itertuples())
            + " left out of the comparison, though counted in the pooled gap over all judgments."
            if len(left) else ""),
         labels={"names": "Judgment (accused compared)", "persons": "People", "sgbc": "SGBC convicted",
                 "other": "Other crimes convicted", "diff": "Difference (points)",
                 "left_out": "Co-accused left out (no SGBC charge decided)"})
by_person = sensitivity.trial_sign_test(pairs[lead], pd.Series(groups.index, index=groups.index))
apart = sensitivity.judged_apart(ctx.ds.events, ctx.ds.persons)
if within["joint"] or apart:
    nb.prose("{joint}{apart}Counted by accused instead ({k} comparisons), the test gives p = {p}.",
             joint=("Accused judged together are one row, though their outcomes can differ ("
                    + "; ".join(n.replace("; ", " and ") for n in within["joint"]) + "). ") if within["joint"] else "",
             apart=("Accused tried together but judged on different days are separate rows, one per judgment ("
                    + "; ".join(apart) + "). ") if apart else "",
             k=by_person["contrasts"], p=f"{by_person['p']:.2f}")

# %%
loo = sensitivity.leave_one_trial_out(pairs[lead], groups)
nb.table(loo[["names", "gap_points"]].assign(gap_points=loo["gap_points"].round(0)), "leave_one_trial_out",
         f"SGBC minus other crimes, convicted of those decided at trial (percentage points, pooled over the other "
         f"trial judgments), with each judgment left out. n = {len(loo)} judgments, {lead} scope, person–crime "
         f"pairs, as of {ctx.as_of_text}.",
         labels={"names": "Judgment left out", "gap_points": "Gap without it (points)"})
nb.metric("sgbc_gap_points", None if gap["gap"] is None else round(gap["gap"], 1),
          "SGBC minus other crimes, convicted at trial (points, pairs, all trial judgments)",
          note=f"judgments={gap['trials']}; robust={gap['robust']}")
nb.prose("{sentence} The interval resamples whole judgments ({d} draws, fixed seed). The test is {test}: it takes "
         "each trial judgment that decided both kinds of charge as one observation (its SGBC conviction rate minus "
         "its other-crimes rate) and flips the signs in every possible way, so it asks whether the gap holds "
         "judgment by judgment, not pair by pair.", sentence=sensitivity.gap_sentence(gap, sign_test=False).strip(),
         d=gap["draws"], test=sensitivity.TEST_NAME)
