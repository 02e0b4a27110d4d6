"""The report config (report.yml): loaded, validated, expanded into concrete notebook runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from .. import paths
from ..params import ParameterError, Params

ENTRY_KEYS = {"notebook", "title", "kind", "runs", "for_each", "parameters"}
TOP_KEYS = {"title", "defaults", "notebooks", "notebook_dir"}
FOR_EACH = ("person_confirmation",)


class ConfigError(ValueError):
    pass


@dataclasses.dataclass(frozen=True)
class Run:
    """One execution of one notebook with one parameter set."""

    name: str  # readable, from the notebook and its non-default parameters
    notebook: Path
    title: str
    kind: str  # chapter | case
    parameters: dict  # exactly what papermill injects

    @property
    def stem(self) -> str:
        return self.notebook.stem


@dataclasses.dataclass(frozen=True)
class ReportConfig:
    path: Path
    title: str
    defaults: dict
    entries: list[dict]
    notebook_dir: Path = paths.NOTEBOOKS


def _plain(value):
    """A parameter as papermill can pass it: YAML's dates (``as_of: 2016-03-22``) become text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_config(path: Path | None = None, overrides: dict | None = None) -> ReportConfig:
    """Read report.yml. ``overrides`` (e.g. from ``make report AS_OF=...``) replace its defaults."""
    path = Path(path or paths.REPORT_CONFIG)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path.name}{where}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path.name}: expected a mapping with keys {', '.join(sorted(TOP_KEYS))}")
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise ConfigError(
            f"{path.name}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TOP_KEYS))}"
        )
    raw = _plain(raw)
    given = {k: v for k, v in (overrides or {}).items() if v not in (None, "")}
    if given:
        try:
            Params.from_mapping(dict(_plain(given)), cutoff=dt.date.max)
        except ParameterError as exc:
            names = {"as_of": "AS_OF", "sgbc_scope": "SGBC_SCOPE"}
            raise ConfigError(f"command line ({', '.join(names.get(k, k) for k in given)}): {exc}") from None
    defaults = {**(raw.get("defaults") or {}), **_plain(given)}
    nb_dir = (path.parent / raw["notebook_dir"]).resolve() if raw.get("notebook_dir") else paths.NOTEBOOKS
    entries = raw.get("notebooks") or []
    if not entries:
        raise ConfigError(f"{path.name}: 'notebooks' lists no notebook")
    for i, entry in enumerate(entries, 1):
        where = f"{path.name}: notebooks[{i}]"
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise ConfigError(f"{where}: each entry needs a 'notebook' file name")
        bad = set(entry) - ENTRY_KEYS
        if bad:
            raise ConfigError(
                f"{where}: unknown key(s) {', '.join(sorted(bad))}; allowed: {', '.join(sorted(ENTRY_KEYS))}"
            )
        nb = nb_dir / entry["notebook"]
        if not nb.exists():
            raise ConfigError(f"{where}: {entry['notebook']} does not exist in notebooks/")
        if entry.get("for_each") not in (None, *FOR_EACH):
            raise ConfigError(f"{where}: for_each must be one of {', '.join(FOR_EACH)}")
        if entry.get("kind", "chapter") not in ("chapter", "case"):
            raise ConfigError(f"{where}: kind must be chapter or case")
        for params in [defaults, entry.get("parameters") or {}, *(entry.get("runs") or [])]:
            try:
                Params.from_mapping(dict(params), cutoff=dt.date.max)
            except ParameterError as exc:
                raise ConfigError(f"{where}: {exc}") from None
    return ReportConfig(
        path=path, title=raw.get("title", "Report"), defaults=defaults, entries=entries, notebook_dir=nb_dir
    )


def _value_slug(value) -> str:
    if isinstance(value, (list, tuple)):
        return "-".join(map(str, value)) or "all"
    return str(value)


def expand(config: ReportConfig, person_ids: list[str] | None = None) -> list[Run]:
    """Concrete runs in report order. ``person_ids`` feeds ``for_each: person_confirmation``."""
    runs: list[Run] = []
    for index, entry in enumerate(config.entries):
        nb = config.notebook_dir / entry["notebook"]
        base = {**config.defaults, **(entry.get("parameters") or {})}
        sets = entry.get("runs") or [{}]
        if entry.get("for_each") == "person_confirmation":
            sets = [{"person_id": pid} for pid in (person_ids or [])]
        for extra in sets:
            params = {**base, **extra}
            differing = {k: v for k, v in extra.items()}
            suffix = "".join(f"__{k}_{_value_slug(v)}" for k, v in sorted(differing.items()))
            prefix, _, rest = nb.stem.partition("_")
            stem = f"{prefix}__{rest}" if prefix.isdigit() and rest else f"{index:02d}__{nb.stem}"
            name = f"{stem}{suffix}"
            runs.append(
                Run(
                    name=name,
                    notebook=nb,
                    title=entry.get("title", nb.stem),
                    kind=entry.get("kind", "chapter"),
                    parameters=params,
                )
            )
    return runs
