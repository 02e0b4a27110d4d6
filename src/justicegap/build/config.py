"""The report config (report.yml): loaded, validated, expanded into concrete notebook runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
from pathlib import Path

import yaml

from .. import paths
from ..params import ParameterError, Params

ENTRY_KEYS = {"notebook", "title", "nav", "kind", "runs", "for_each", "parameters"}
TOP_KEYS = {"title", "defaults", "notebooks", "notebook_dir", "case_order"}
FOR_EACH = ("person_confirmation",)
# Placeholders a title or nav label may use besides the parameter names: the person's name.
TITLE_FIELDS = {"person"}


class ConfigError(ValueError):
    pass


@dataclasses.dataclass(frozen=True)
class Run:
    """One execution of one notebook with one parameter set."""

    name: str  # readable, from the notebook and its non-default parameters
    notebook: Path
    title: str  # the page title, placeholders filled
    kind: str  # chapter | case
    parameters: dict  # exactly what papermill injects
    nav: str = ""  # the label in the pages' navigation (chapters)

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
    case_order: tuple[str, ...] = ()  # case pages listed first, in this order; the rest alphabetically


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
        for key in ("title", "nav"):
            _check_placeholders(entry.get(key, ""), f"{where}: {key}")
    case_order = raw.get("case_order") or []
    if not isinstance(case_order, list) or not all(isinstance(p, str) for p in case_order):
        raise ConfigError(f"{path.name}: case_order must be a list of person_id values")
    return ReportConfig(
        path=path,
        title=raw.get("title", "Report"),
        defaults=defaults,
        entries=entries,
        notebook_dir=nb_dir,
        case_order=tuple(case_order),
    )


def _check_placeholders(template: str, where: str) -> None:
    allowed = set(Params.__dataclass_fields__) | TITLE_FIELDS
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(str(template)) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    unknown = names - allowed
    if unknown:
        raise ConfigError(
            f"{where}: unknown placeholder(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}"
        )


def fill_title(template: str, parameters: dict, names: dict[str, str] | None = None) -> str:
    """A title or nav label from report.yml with ``{parameter}`` and ``{person}`` filled in."""
    pid = parameters.get("person_id")
    values = {**{k: _value_slug(v) if v is not None else "" for k, v in parameters.items()}}
    values["person"] = (names or {}).get(pid, pid or "")
    return str(template).format(**values)


def order_cases(person_ids: list[str], case_order: tuple[str, ...] = ()) -> list[str]:
    """Case pages in report order: those named in ``case_order`` first (in that order), then the rest."""
    present = set(person_ids)
    first = [p for p in case_order if p in present]
    return first + sorted(p for p in person_ids if p not in set(first))


def _value_slug(value) -> str:
    if isinstance(value, (list, tuple)):
        return "-".join(map(str, value)) or "all"
    return str(value)


def expand(config: ReportConfig, person_ids: list[str] | None = None, names: dict[str, str] | None = None) -> list[Run]:
    """Concrete runs in report order. ``person_ids`` feeds ``for_each: person_confirmation`` (in
    the order given); ``names`` (person_id to name) fills ``{person}`` in titles."""
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
            title = fill_title(entry.get("title", nb.stem), params, names)
            nav = fill_title(entry["nav"], params, names) if "nav" in entry else title.split(":")[0]
            runs.append(
                Run(
                    name=name,
                    notebook=nb,
                    title=title,
                    kind=entry.get("kind", "chapter"),
                    parameters=params,
                    nav=nav,
                )
            )
    return runs
