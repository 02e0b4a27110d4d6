"""What every notebook does first: read its parameters, validate them, open the data."""

from __future__ import annotations

import dataclasses

import pandas as pd

from .analysis import stages
from .data.dataset import Dataset, load_dataset
from .params import Params

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


@dataclasses.dataclass
class Context:
    ds: Dataset
    params: Params

    @property
    def as_of(self) -> pd.Timestamp:
        return pd.Timestamp(self.params.as_of)

    @property
    def as_of_text(self) -> str:
        return self.params.as_of.isoformat()

    def outcomes(self) -> pd.DataFrame:
        """Charge outcomes on as_of, for the selected situations, with SGBC marked for the scope."""
        from .analysis.sgbc import mark_sgbc

        out = stages.charge_outcomes(
            self.ds.charges, self.ds.events, self.ds.persons, self.as_of, self.params.situations
        )
        return mark_sgbc(out, self.ds.crimes, self.params.sgbc_scope)

    def crime_label(self, code: str) -> str:
        labels = dict(zip(self.ds.crimes["crime"], self.ds.crimes["label"]))
        return labels.get(code, code)


def setup(as_of=None, sgbc_scope="narrow", unit="charge", situations="all", person_id=None, data_dir=None) -> Context:
    """Validate the notebook's parameters against the data and return the analysis context."""
    ds = load_dataset(data_dir)
    persons = ds._frame("persons")
    params = Params.from_mapping(
        {"as_of": as_of, "sgbc_scope": sgbc_scope, "unit": unit, "situations": situations, "person_id": person_id},
        cutoff=ds.cutoff,
        known_situations=set(SITUATION_LABELS),
        known_persons=set(persons["person_id"]),
    )
    ctx = Context(ds=ds, params=params)
    from . import notebook

    notebook.use(ctx)  # nb.table(person_links=...) links the people who have a case page on as_of
    return ctx
