"""Every label the report shows for a coded value: one place, checked against the schema.

The keys of each vocabulary are values of a field in ``data/datapackage.json`` (an ``enum``
constraint) or categories the analysis derives; ``SCHEMA_VOCABULARIES`` says which field each
label set covers, and ``tests/test_vocab.py`` holds every label set against the schema, so a value
added to the schema without a label fails a test instead of a case page. Notebooks import these
names from :mod:`justicegap.context` (and the analysis modules), where they are re-exported.
"""

from __future__ import annotations

EVENT_LABELS = {
    "arrest_warrant": "Arrest warrant issued",
    "summons": "Summons to appear issued",
    "warrant_unsealed": "Warrant made public",
    "warrant_withdrawn": "Warrant withdrawn",
    "in_custody": "In the Court's custody / first appearance",
    "initial_appearance": "Initial appearance",
    "confirmation_decision": "Confirmation decision",
    "charges_amended": "Charges amended",
    "charges_withdrawn": "Charges withdrawn",
    "trial_opening": "Trial opens",
    "charges_vacated": "Charges vacated",
    "trial_judgment": "Trial judgment",
    "admission_of_guilt": "Admission of guilt",
    "sentence": "Sentence",
    "appeal_judgment": "Appeal judgment",
    "sentence_appeal_judgment": "Appeal judgment on sentence",
    "sentence_review": "Sentence review",
    "proceedings_terminated": "Proceedings terminated",
    "death": "Death",
    "released": "Released",
    "case_inadmissible": "Case declared inadmissible",
    "national_arrest": "Arrested or held by national authorities",
    "national_release": "Released by national authorities",
    "appeal_discontinued": "Appeals discontinued (judgment final)",
}
SITUATION_LABELS = {
    "uganda": "Uganda",
    "drc": "DR Congo",
    "car": "Central African Republic I",
    "car-ii": "Central African Republic II",
    "darfur": "Darfur (Sudan)",
    "kenya": "Kenya",
    "libya": "Libya",
    "cote-divoire": "Côte d'Ivoire",
    "mali": "Mali",
    "georgia": "Georgia",
    "burundi": "Burundi",
    "bangladesh-myanmar": "Bangladesh/Myanmar",
    "afghanistan": "Afghanistan",
    "palestine": "Palestine",
    "philippines": "Philippines",
    "ukraine": "Ukraine",
    "venezuela": "Venezuela",
}
QUALIFICATION_LABELS = {
    "crime_against_humanity": "Crime against humanity",
    "war_crime": "War crime",
    "genocide": "Genocide",
    "administration_of_justice": "Offence against justice (Art. 70)",
    "": "Not verified",
}
# Short forms for dense tables (the case pages' charge table); the page says what they stand for.
QUALIFICATION_SHORT = {
    "crime_against_humanity": "CAH",
    "war_crime": "WC",
    "genocide": "Genocide",
    "administration_of_justice": "Art. 70",
    "": "not verified",
}

# Where a charge ended up, in funnel order. Used for colours, labels and tables.
OUTCOMES = {
    "pending_confirmation": "Awaiting confirmation",
    "terminated_before_confirmation": "Ended before confirmation",
    "not_confirmed": "Not confirmed",
    "withdrawn": "Withdrawn",
    "pending_trial": "Confirmed, awaiting trial judgment (incl. in absentia)",
    "vacated": "Vacated (no case to answer)",
    "terminated": "Proceedings terminated",
    "acquitted": "Acquitted at trial",
    "not_entered": "No conviction entered (cumulative charging, or acquittal not verified)",
    "reversed_on_appeal": "Conviction reversed on appeal",
    "pending_appeal": "Convicted, appeal pending",
    "conviction_final": "Conviction final",
}
STAGES = ("charged", "confirmed", "tried", "convicted", "final")
STAGE_LABELS = {
    "charged": "Charged (warrant or document containing the charges)",
    "confirmed": "Confirmed",
    "tried": "Reached a trial judgment",
    "convicted": "Convicted at trial",
    "final": "Conviction final after appeal",
}

# What a charge's cell at one stage says, in words (the case pages' charge table).
CONFIRMATION_LABELS = {
    "confirmed": "confirmed",
    "not_confirmed": "not confirmed",
    "withdrawn": "withdrawn",
    "pending": "pending",
    "not_reached": "not reached",
}
TRIAL_LABELS = {
    "convicted": "convicted",
    "acquitted": "acquitted",
    "not_entered": "no conviction entered",
    "withdrawn": "withdrawn",
    "vacated": "vacated (no case to answer)",
    "terminated": "terminated",
    "pending": "pending",
    "not_reached": "not reached",
}
APPEAL_LABELS = {
    "upheld": "upheld",
    "reversed": "reversed",
    "pending": "pending",
    "not_appealed": "not appealed",
    "not_reached": "not reached",
}
# The appeal cell as the case pages show it (stages.appeal_shown adds a derived value).
APPEAL_SHOWN_LABELS = {**APPEAL_LABELS, "appeals_discontinued": "appeals discontinued"}
SENTENCE_DECISION_LABELS = {
    "trial_sentence": "Sentence at trial",
    "appeal_sentence": "Sentence on appeal",
    "resentence": "New sentence (after remand)",
    "sentence_review": "Sentence review (Art. 110)",
    "vacated": "Sentence fell away (convictions reversed)",
}
SUSPENDED_LABELS = {"yes": "yes", "no": "no"}
VICTIM_STAGES = {
    "pre_trial": "Pre-trial",
    "trial": "Trial",
    "appeal": "Appeal",
    "reparations": "Reparations",
}

SCOPE_LABELS = {"narrow": "sexual crimes (narrow scope)", "broad": "sexual and gender-based crimes (broad scope)"}

# Procedural order the validator checks, named in its messages.
ORDER_LABEL = {
    "first_warrant": "first warrant or summons",
    "in_custody": "custody",
    "confirmation_decision": "confirmation decision",
    "trial_opening": "trial opening",
    "trial_judgment": "trial judgment",
    "appeal_judgment": "appeal judgment",
}

# Which schema field each vocabulary labels: (resource, field, labels). Every enum value of the
# field must have a label; a label for a value the field does not allow is an error too ("" is
# the label of an empty cell).
SCHEMA_VOCABULARIES = [
    ("events", "event", EVENT_LABELS),
    ("persons", "situation", SITUATION_LABELS),
    ("charges", "qualification", QUALIFICATION_LABELS),
    ("charges", "qualification", QUALIFICATION_SHORT),
    ("crime_outcomes", "qualification", QUALIFICATION_LABELS),
    ("crime_outcomes", "qualification", QUALIFICATION_SHORT),
    ("charges", "confirmation", CONFIRMATION_LABELS),
    ("charges", "trial", TRIAL_LABELS),
    ("charges", "appeal", APPEAL_LABELS),
    ("crime_outcomes", "confirmation", CONFIRMATION_LABELS),
    ("crime_outcomes", "trial", TRIAL_LABELS),
    ("crime_outcomes", "appeal", APPEAL_LABELS),
    ("sentences", "decision", SENTENCE_DECISION_LABELS),
    ("sentences", "suspended", SUSPENDED_LABELS),
    ("victims", "stage", VICTIM_STAGES),
]


def label(vocabulary: dict[str, str], value) -> str:
    """The label of ``value``, or the value itself if it has none (never a KeyError on a page)."""
    return vocabulary.get(value, str(value))
