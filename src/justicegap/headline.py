"""Headline figures under stable keys: ``metrics.json`` → ``headline``.

The keys do not change between report versions, so that a reader (or a script) can follow a
figure from one version to the next. Each is computed by one function in ``analysis/`` and
recorded by the notebook that shows it, with :func:`justicegap.notebook.headline`. The table
below is the definition of each key; ``docs/METRICS.md`` is generated from it
(``python -m justicegap.cli metrics-doc``) and a test keeps the two in step.
"""

from __future__ import annotations

SCOPES = ("narrow", "broad")

_PERSONS = "Unit: person-case records of core-crime cases (genocide, crimes against humanity, war crimes); "

KEYS: dict[str, str] = {
    "persons_sought": _PERSONS + "people publicly sought by an arrest warrant or a summons on the as-of date "
    "(a warrant issued under seal counts from its unsealing). analysis.status.person_status.",
    "persons_at_large": _PERSONS + "people at large on the as-of date: never before the Court, sought again "
    "after having appeared, or charges confirmed in their absence; those held by a state that has not "
    "surrendered them, and those reported dead, are not counted. analysis.status.at_large.",
    "persons_held_by_state": _PERSONS + "people held by a state that has not surrendered them to the Court.",
    "persons_confirmed": _PERSONS + "people with at least one charge confirmed. analysis.funnel.person_funnel.",
    "persons_tried": _PERSONS + "people whose trial reached a judgment (verdict on at least one charge, "
    "including an acquittal on a no-case-to-answer motion). analysis.funnel.person_funnel.",
    "persons_convicted_trial": _PERSONS + "people convicted of at least one charge at trial (including those "
    "later acquitted on appeal). analysis.funnel.person_funnel.",
    "persons_convicted_final": _PERSONS + "people with at least one conviction that is final (upheld on appeal, "
    "not appealed, or appeals discontinued). analysis.funnel.person_funnel.",
    "persons_acquitted_trial": _PERSONS + "people tried to judgment and acquitted of every charge.",
    "persons_died": _PERSONS + "people who died before a final judgment (including a reported death the Court "
    "has not formally recorded); never counted as a loss.",
}
for _scope in SCOPES:
    _what = "sexual crimes (narrow scope)" if _scope == "narrow" else "sexual and gender-based crimes (broad scope)"
    KEYS[f"sgbc_{_scope}_persons_charged"] = (
        f"Unit: people (core crimes). People charged with at least one of the {_what}, counting only rows whose "
        "crime is verified (a count a source places among the sexual crimes without naming it counts in the "
        "broad scope). analysis.sgbc.persons_funnel."
    )
    KEYS[f"sgbc_{_scope}_persons_tried"] = (
        f"Unit: people. Of those, people whose charges of {_what} reached a trial judgment."
    )
    KEYS[f"sgbc_{_scope}_persons_convicted_trial"] = (
        f"Unit: people. People convicted at trial of at least one of the {_what}."
    )
    KEYS[f"sgbc_{_scope}_persons_final"] = (
        f"Unit: people. People with a final conviction for at least one of the {_what}."
    )
    KEYS[f"sgbc_{_scope}_acquitted_sgbc_convicted_other"] = (
        f"Unit: people. Of the people whose {_what} reached a trial judgment, those acquitted of every such "
        "charge but convicted of other crimes in the same judgment. analysis.sgbc.same_judgment."
    )
    KEYS[f"sgbc_{_scope}_conviction_rate_pairs"] = (
        f"Unit: person–crime pairs. Share of {_what} pairs decided at trial (convicted or acquitted) that "
        "ended in a conviction; verified crimes only. analysis.sgbc.compare."
    )
    KEYS[f"other_{_scope}_conviction_rate_pairs"] = (
        f"Unit: person–crime pairs. The same share for all other crimes (complement of the {_scope} scope)."
    )
KEYS["reparations_persons_with_order"] = (
    "Unit: people. Convicted people against whom a reparations order was issued by the as-of date. "
    "analysis.reparations."
)
KEYS["detention_median_years"] = (
    "Unit: people detained by the Court on an arrest warrant. Median time in custody from arrival to the final "
    "judgment, or to release or the as-of date if earlier (a lower bound for those still awaiting it); time serving "
    "a sentence after the final judgment is not included. analysis.durations.detention (before_final_days)."
)


def markdown() -> str:
    """docs/METRICS.md: every key with its definition."""
    lines = [
        "# Headline figures (`metrics.json` → `headline`)",
        "",
        "Generated from `src/justicegap/headline.py`; do not edit by hand. Each key keeps its meaning from",
        'one report version to the next. Each value is recorded as `{"value": ..., "label": ..., "n": ...}`,',
        "where `n` is the denominator or population the value is taken from (blank where none applies).",
        "",
        "| key | definition |",
        "|---|---|",
    ]
    lines += [f"| `{k}` | {v} |" for k, v in KEYS.items()]
    return "\n".join(lines) + "\n"
