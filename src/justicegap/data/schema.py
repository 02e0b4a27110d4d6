"""The dataset's schema, read from ``data/datapackage.json`` (a Frictionless Data Package)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import cached_property
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool
    unique: bool
    enum: tuple[str, ...] | None
    pattern: str | None
    minimum: float | None


@dataclasses.dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (field, resource, field)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclasses.dataclass(frozen=True)
class Package:
    path: Path
    raw: dict

    @property
    def version(self) -> str:
        return self.raw["version"]

    @property
    def cutoff(self) -> dt.date:
        return dt.date.fromisoformat(self.raw["cutoff"])

    @cached_property
    def resources(self) -> dict[str, Resource]:
        out = {}
        for res in self.raw["resources"]:
            fields = []
            for fd in res["schema"]["fields"]:
                c = fd.get("constraints", {})
                fields.append(
                    Field(
                        name=fd["name"],
                        type=fd.get("type", "string"),
                        description=fd.get("description", ""),
                        required=bool(c.get("required")),
                        unique=bool(c.get("unique")),
                        enum=tuple(c["enum"]) if "enum" in c else None,
                        pattern=c.get("pattern"),
                        minimum=c.get("minimum"),
                    )
                )
            fks = tuple(
                (fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
                for fk in res["schema"].get("foreignKeys", [])
            )
            out[res["name"]] = Resource(
                name=res["name"],
                path=res["path"],
                title=res.get("title", res["name"]),
                description=res.get("description", ""),
                fields=tuple(fields),
                primary_key=tuple(res["schema"].get("primaryKey", [])),
                foreign_keys=fks,
            )
        return out


def load_package(data_dir: Path) -> Package:
    path = Path(data_dir) / "datapackage.json"
    return Package(path=path, raw=json.loads(path.read_text(encoding="utf-8")))
