"""Typed, validated notebook parameters.

Papermill's ``-p`` guesses types; here every parameter a notebook receives is checked by name
and value, and a wrong one fails at once with a message naming it and the allowed values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

SGBC_SCOPES = ("narrow", "broad")
UNITS = ("charge", "crime", "person")


class ParameterError(ValueError):
    """A notebook or report parameter has an unknown name or a value outside its domain."""


@dataclasses.dataclass(frozen=True)
class Params:
    as_of: dt.date
    sgbc_scope: str = "narrow"
    unit: str = "charge"
    situations: tuple[str, ...] = ()  # empty = all situations
    person_id: str | None = None

    @classmethod
    def from_mapping(
        cls,
        values: dict[str, Any],
        *,
        cutoff: dt.date | None = None,
        known_situations: set[str] | None = None,
        known_persons: set[str] | None = None,
    ) -> Params:
        """Build and validate parameters. ``as_of`` None/"" defaults to the data cut-off."""
        allowed = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
        raw_as_of = values.get("as_of")
        if raw_as_of in (None, ""):
            if cutoff is None:
                raise ParameterError("as_of: no value given and no data cut-off to default to")
            as_of = cutoff
        else:
            as_of = _parse_date("as_of", raw_as_of)
        if cutoff is not None and as_of > cutoff:
            raise ParameterError(
                f"as_of: {as_of.isoformat()} is after the data cut-off {cutoff.isoformat()}; "
                "the data says nothing about later events"
            )
        scope = values.get("sgbc_scope", "narrow")
        if scope not in SGBC_SCOPES:
            raise ParameterError(f"sgbc_scope: {scope!r} is not allowed; use one of {', '.join(SGBC_SCOPES)}")
        unit = values.get("unit", "charge")
        if unit not in UNITS:
            raise ParameterError(f"unit: {unit!r} is not allowed; use one of {', '.join(UNITS)}")
        situations = values.get("situations") or ()
        if isinstance(situations, str):
            situations = tuple(s.strip() for s in situations.split(",") if s.strip())
        situations = tuple(situations)
        if situations == ("all",):
            situations = ()
        if known_situations is not None:
            bad = [s for s in situations if s not in known_situations]
            if bad:
                raise ParameterError(
                    f"situations: unknown {', '.join(map(repr, bad))}; "
                    f"use 'all' or some of {', '.join(sorted(known_situations))}"
                )
        person_id = values.get("person_id") or None
        if person_id is not None and known_persons is not None and person_id not in known_persons:
            raise ParameterError(f"person_id: {person_id!r} is not a person_id in persons.csv")
        return cls(as_of=as_of, sgbc_scope=scope, unit=unit, situations=situations, person_id=person_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "sgbc_scope": self.sgbc_scope,
            "unit": self.unit,
            "situations": list(self.situations),
            "person_id": self.person_id,
        }


def _parse_date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD") from None
