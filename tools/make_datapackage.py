"""Write data/datapackage.json, the one declaration of the dataset's schema.

Run once when the schema changes (python tools/make_datapackage.py); the JSON is what code reads.
"""
import json
from pathlib import Path

SITUATIONS = ["uganda", "drc", "car", "car-ii", "darfur", "kenya", "libya", "cote-divoire", "mali",
              "georgia", "burundi", "bangladesh-myanmar", "afghanistan", "palestine", "philippines",
              "ukraine", "venezuela"]
EVENTS = ["arrest_warrant", "summons", "warrant_unsealed", "warrant_withdrawn", "in_custody",
          "initial_appearance", "confirmation_decision", "charges_amended", "charges_withdrawn",
          "trial_opening", "charges_vacated", "trial_judgment", "admission_of_guilt", "sentence",
          "appeal_judgment", "sentence_appeal_judgment", "sentence_review", "proceedings_terminated",
          "death", "released", "case_inadmissible"]
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SID = r"^[a-z0-9][a-z0-9.-]*$"
D = {"type": "date", "format": "%Y-%m-%d"}


def f(name, desc, type_="string", **constraints):
    field = {"name": name, "type": type_, "description": desc}
    if type_ == "date":
        field["format"] = "%Y-%m-%d"
    if constraints:
        field["constraints"] = constraints
    return field


def src(required=True):
    return f("source_id", "The source (sources.csv) this row rests on.", required=required, pattern=SID)


resources = [
    {"name": "persons", "path": "persons.csv", "title": "Persons",
     "description": "Everyone against whom the ICC publicly issued an arrest warrant or a summons to "
                    "appear, one row per person and case.",
     "schema": {"fields": [
         f("person_id", "Stable identifier of the person in this case (lowercase slug).", required=True,
           unique=True, pattern=SLUG),
         f("name", "Full name as the Court writes it.", required=True),
         f("case_id", "ICC case number, e.g. ICC-01/12-01/18 (blank where none is public).",
           pattern=r"^ICC-\d\d/\d\d(-\d\d)?-\d\d/\d\d$"),
         f("situation", "Situation the case belongs to.", required=True, enum=SITUATIONS),
         f("case_type", "core: genocide, crimes against humanity, war crimes; article_70: offences "
           "against the administration of justice.", required=True, enum=["core", "article_70"]),
         f("same_person_as", "person_id of this individual's other case row, if any (counts of "
           "persons use the individual once).", pattern=SLUG),
         src(), f("note", "Free text."),
     ], "primaryKey": ["person_id"],
        "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]}},
    {"name": "events", "path": "events.csv", "title": "Procedural events",
     "description": "Dated procedural steps, one row per person, event and date.",
     "schema": {"fields": [
         f("person_id", "Person (persons.csv).", required=True, pattern=SLUG),
         f("event", "What happened; see the data dictionary for each event's definition.",
           required=True, enum=EVENTS),
         f("date", "Date of the event (YYYY-MM-DD).", "date", required=True),
         f("date_precision", "day, or month/year when only that is known (date is then the 1st).",
           enum=["day", "month", "year"]),
         src(), f("alt_source_id", "A source that gives a different date or account.", pattern=SID),
         f("note", "Free text: disagreements between sources, definitions applied."),
     ], "primaryKey": ["person_id", "event", "date"],
        "foreignKeys": [{"fields": ["person_id"], "reference": {"resource": "persons", "fields": ["person_id"]}},
                        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
                        {"fields": ["alt_source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]}},
    {"name": "charges", "path": "charges.csv", "title": "Charges",
     "description": "One row per charged count (per crime and legal qualification) per person, with "
                    "its outcome at each stage.",
     "schema": {"fields": [
         f("person_id", "Person (persons.csv).", required=True, pattern=SLUG),
         f("charge_no", "Running number of the charge within the person.", "integer", required=True, minimum=1),
         f("count", "The Court's count number, where it numbered counts.", "integer", minimum=1),
         f("crime", "Crime, from the controlled vocabulary in crimes.csv.", required=True, pattern=r"^[a-z0-9_]+$"),
         f("qualification", "Legal qualification (blank where not verified).",
           enum=["crime_against_humanity", "war_crime", "genocide", "administration_of_justice"]),
         f("conflict", "For war crimes: international or non-international armed conflict.",
           enum=["international", "non_international"]),
         f("article", "Rome Statute article(s), e.g. 7(1)(g); several separated by '; '.",
           pattern=r"^\d+(\(\w+\))*(; \d+(\(\w+\))*)*$"),
         f("mode_of_liability", "Mode(s) of liability with articles."),
         f("origin", "warrant: crime listed in a warrant/summons (case never reached a confirmation "
           "decision); dcc: charge brought to confirmation.", required=True, enum=["warrant", "dcc"]),
         f("confirmation", "Outcome at confirmation.", required=True,
           enum=["confirmed", "not_confirmed", "withdrawn", "pending", "not_reached"]),
         f("trial", "Outcome at trial.", required=True,
           enum=["convicted", "acquitted", "not_entered", "withdrawn", "vacated", "terminated", "pending", "not_reached"]),
         f("appeal", "Outcome on appeal (upheld: the trial outcome stands).", required=True,
           enum=["upheld", "reversed", "pending", "not_appealed", "not_reached"]),
         f("regulation_55", "Change of legal characterisation under Regulation 55, if any."),
         src(), f("note", "Free text."),
     ], "primaryKey": ["person_id", "charge_no"],
        "foreignKeys": [{"fields": ["person_id"], "reference": {"resource": "persons", "fields": ["person_id"]}},
                        {"fields": ["crime"], "reference": {"resource": "crimes", "fields": ["crime"]}},
                        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]}},
    {"name": "sentences", "path": "sentences.csv", "title": "Sentences",
     "description": "Sentences imposed and their changes on appeal or review.",
     "schema": {"fields": [
         f("person_id", "Person (persons.csv).", required=True, pattern=SLUG),
         f("decision", "Which decision imposed or changed the sentence.", required=True,
           enum=["trial_sentence", "appeal_sentence", "resentence", "sentence_review"]),
         f("date", "Date of the decision.", "date", required=True),
         f("imprisonment_months", "Joint sentence of imprisonment in months.", "integer", minimum=0),
         f("fine_eur", "Fine in euros.", "number", minimum=0),
         f("suspended", "Whether the imprisonment was suspended.", enum=["yes", "no"]),
         src(), f("note", "Free text."),
     ], "primaryKey": ["person_id", "decision", "date"],
        "foreignKeys": [{"fields": ["person_id"], "reference": {"resource": "persons", "fields": ["person_id"]}},
                        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]}},
    {"name": "crimes", "path": "crimes.csv", "title": "Crimes and the SGBC taxonomy",
     "description": "The controlled vocabulary of crimes, with the sexual and gender-based crimes "
                    "taxonomy used by the analysis.",
     "schema": {"fields": [
         f("crime", "Crime code used in charges.csv.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
         f("label", "Human label.", required=True),
         f("sgbc", "sexual: in the narrow and broad scope; gender_based: broad scope only; none.",
           required=True, enum=["sexual", "gender_based", "none"]),
         f("articles", "Rome Statute articles under which it is charged."),
         f("rationale", "Why it is (or is not) counted as SGBC.", required=True),
         src(),
     ], "primaryKey": ["crime"],
        "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]}},
    {"name": "comparators", "path": "comparators.csv", "title": "Comparator tribunals",
     "description": "Published aggregate figures of other international tribunals.",
     "schema": {"fields": [
         f("tribunal", "Tribunal.", required=True),
         f("metric", "What is counted.", required=True, pattern=r"^[a-z0-9_]+$"),
         f("value", "The published figure.", "number", required=True),
         f("refers_to", "Date the figure refers to.", "date"),
         f("definition", "What exactly is counted, as the source defines it.", required=True),
         src(), f("note", "Free text."),
     ], "primaryKey": ["tribunal", "metric"],
        "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}]}},
    {"name": "sources", "path": "sources.csv", "title": "Sources",
     "description": "Every public source a row rests on.",
     "schema": {"fields": [
         f("source_id", "Identifier used by other tables.", required=True, unique=True, pattern=SID),
         f("title", "Title or short description.", required=True),
         f("publisher", "Who published it (ICC, a trial monitor, a newspaper...)."),
         f("document_number", "Court document number, e.g. ICC-01/12-01/18-2594."),
         f("date", "Date of the document.", "date"),
         f("url", "Where it was read.", required=True, pattern=r"^https?://\S+$"),
         f("accessed", "When it was read.", "date", required=True),
     ], "primaryKey": ["source_id"]}},
    {"name": "gaps", "path": "gaps.csv", "title": "Known gaps",
     "description": "Facts that could not be verified from a public source and are left empty.",
     "schema": {"fields": [
         f("person_id", "Person concerned (blank: general).", pattern=SLUG),
         f("table", "Table concerned.", required=True),
         f("field", "Field or event concerned."),
         f("description", "What is missing and what was tried.", required=True),
     ]}},
]

package = {
    "name": "icc-justice-gap",
    "title": "ICC accountability dataset: persons, charges, procedural events, sentences",
    "version": "2025.12.31-1",
    "cutoff": "2025-12-31",
    "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                  "title": "Creative Commons Attribution 4.0"}],
    "resources": resources,
}
out = Path(__file__).resolve().parents[1] / "data" / "datapackage.json"
out.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {out}")
