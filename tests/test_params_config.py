"""Parameters and the report config are validated up front with messages that name the problem."""

import datetime as dt

import pytest

from justicegap import paths
from justicegap.build.config import ConfigError, expand, load_config
from justicegap.params import ParameterError, Params

CUT = dt.date(2025, 12, 31)


def test_defaults_to_cutoff_and_parses():
    p = Params.from_mapping({"as_of": None, "situations": "mali, drc"}, cutoff=CUT)
    assert p.as_of == CUT and p.situations == ("mali", "drc") and p.unit == "charge"
    assert Params.from_mapping({"as_of": "2014-03-06", "situations": "all"}, cutoff=CUT).situations == ()


@pytest.mark.parametrize(
    "values, fragment",
    [
        ({"as_off": "2020-01-01"}, "unknown parameter(s) as_off; allowed: as_of,"),
        ({"sgbc_scope": "wide"}, "sgbc_scope: 'wide' is not allowed; use one of narrow, broad"),
        ({"unit": "case"}, "unit: 'case' is not allowed; use one of charge, crime, person"),
        ({"as_of": "2020-02-30"}, "as_of: '2020-02-30' is not a date in the form YYYY-MM-DD"),
        ({"as_of": "2026-01-01"}, "is after the data cut-off 2025-12-31"),
        ({"situations": "mali,atlantis"}, "situations: unknown 'atlantis'; use 'all' or some of"),
    ],
)
def test_bad_parameters_are_named(values, fragment):
    with pytest.raises(ParameterError) as err:
        Params.from_mapping(values, cutoff=CUT, known_situations={"mali", "drc"})
    assert fragment in str(err.value)


def test_unknown_person():
    with pytest.raises(ParameterError, match="person_id: 'nobody' is not a person_id"):
        Params.from_mapping({"person_id": "nobody"}, cutoff=CUT, known_persons={"al-hassan"})


def test_real_config_expands_to_readable_names():
    runs = expand(load_config(), ["al-hassan", "ongwen"])
    names = [r.name for r in runs]
    assert names[:2] == ["00__overview", "01__charge_gap"]
    assert "02__gender_crimes" in names and "05__reparations" in names
    assert names[-2:] == ["04__case_profile__person_id_al-hassan", "04__case_profile__person_id_ongwen"]
    assert runs[-1].parameters["person_id"] == "ongwen" and runs[-1].kind == "case"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("title: x\nnotebooks: []\n", "lists no notebook"),
        ("title: x\ncolour: red\nnotebooks:\n  - notebook: 00_overview.py\n", "unknown key(s) colour"),
        ("notebooks:\n  - notebook: 99_missing.py\n", "99_missing.py does not exist in notebooks/"),
        (
            "notebooks:\n  - notebook: 00_overview.py\n    runs:\n      - {scope: narrow}\n",
            "unknown parameter(s) scope",
        ),
        ("notebooks:\n  - notebook: 00_overview.py\n    for_each: everyone\n", "for_each must be one of"),
        ("notebooks: [\n", "not valid YAML"),
    ],
)
def test_bad_config_is_named(tmp_path, text, fragment):
    path = tmp_path / "report.yml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert fragment in str(err.value)


def test_every_configured_notebook_exists():
    config = load_config()
    for entry in config.entries:
        assert (paths.NOTEBOOKS / entry["notebook"]).exists()


def test_yaml_dates_in_any_natural_form_are_accepted(tmp_path):
    cfg = tmp_path / "report.yml"
    nb = paths.NOTEBOOKS / "00_overview.py"
    # YAML reads an unquoted 2016-03-22 as a date object: it must reach papermill as text
    cfg.write_text(
        f"title: t\nnotebook_dir: {paths.NOTEBOOKS}\ndefaults:\n  as_of: 2016-03-22\n"
        f"notebooks:\n  - notebook: {nb.name}\n    runs:\n      - {{as_of: '2015-01-01'}}\n"
    )
    config = load_config(cfg)
    assert config.defaults["as_of"] == "2016-03-22"
    run = expand(config)[0]
    assert run.parameters["as_of"] == "2015-01-01"
    import json

    json.dumps(run.parameters)  # papermill serialises parameters as JSON: no date objects left


def test_command_line_overrides_replace_the_defaults_and_are_named_when_wrong():
    config = load_config(paths.REPORT_CONFIG, {"as_of": "2016-03-22", "sgbc_scope": "broad"})
    assert config.defaults["as_of"] == "2016-03-22" and config.defaults["sgbc_scope"] == "broad"
    assert all(r.parameters["as_of"] == "2016-03-22" for r in expand(config, ["al-hassan"]))
    with pytest.raises(ConfigError, match=r"command line \(AS_OF\): as_of: '22/03/2016' is not a date"):
        load_config(paths.REPORT_CONFIG, {"as_of": "22/03/2016"})
    with pytest.raises(ConfigError, match=r"command line \(SGBC_SCOPE\)"):
        load_config(paths.REPORT_CONFIG, {"sgbc_scope": "wide"})
