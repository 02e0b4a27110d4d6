"""What every notebook does first: read its parameters, validate them, open the data."""

from __future__ import annotations

import dataclasses

import pandas as pd

from .analysis import stages
from .data.dataset import Dataset, load_dataset
from .params import Params

# The label vocabularies live in vocab.py; notebooks import them from here.
from .vocab import EVENT_LABELS, QUALIFICATION_LABELS, QUALIFICATION_SHORT, SITUATION_LABELS  # noqa: F401


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

    def outcomes(self, scope: str | None = None) -> pd.DataFrame:
        """Charge outcomes on as_of, for the selected situations, with SGBC marked for the scope."""
        from .analysis.sgbc import mark_sgbc

        out = stages.charge_outcomes(
            self.ds.charges, self.ds.events, self.ds.persons, self.as_of, self.params.situations
        )
        return mark_sgbc(out, self.ds.crimes, scope or self.params.sgbc_scope)

    def status(self) -> pd.DataFrame:
        """Every person's one status on as_of (analysis.status.person_status)."""
        from .analysis.status import person_status

        return person_status(self.ds.persons, self.ds.events, self.ds.charges, self.as_of, self.params.situations)

    def pairs(self, scope: str | None = None) -> pd.DataFrame:
        """Person–crime pairs on as_of (analysis.units.pair_outcomes), SGBC marked for the scope."""
        from .analysis.sgbc import mark_sgbc
        from .analysis.units import pair_outcomes

        out = pair_outcomes(
            self.ds.charges, self.ds.crime_outcomes, self.ds.events, self.ds.persons, self.as_of, self.params.situations
        )
        return mark_sgbc(out, self.ds.crimes, scope or self.params.sgbc_scope)

    def crime_label(self, code: str) -> str:
        labels = dict(zip(self.ds.crimes["crime"], self.ds.crimes["label"]))
        return labels.get(code, code)


def _plain_warning(message, category, filename, lineno, line=None) -> str:
    """A warning without the kernel's temporary file name (which holds its process id), so that
    the reviewer edition, which shows warnings, has the same bytes on every build."""
    return f"{category.__name__}: {message}\n"


def setup(as_of=None, sgbc_scope="narrow", unit="charge", situations="all", person_id=None, data_dir=None) -> Context:
    """Validate the notebook's parameters against the data and return the analysis context."""
    import warnings

    warnings.formatwarning = _plain_warning
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
