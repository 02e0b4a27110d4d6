"""The label vocabularies against the schema: every coded value the data may hold has a label."""

import pytest

from justicegap import context, paths, vocab
from justicegap.analysis import sgbc, stages
from justicegap.data.schema import load_package
from justicegap.figures import style

PACKAGE = load_package(paths.ROOT / "data")


def field(resource: str, name: str):
    res = PACKAGE.resources[resource]
    return next(f for f in res.fields if f.name == name)


@pytest.mark.parametrize(
    "resource,name,labels",
    vocab.SCHEMA_VOCABULARIES,
    ids=[f"{r}.{n}:{i}" for i, (r, n, _) in enumerate(vocab.SCHEMA_VOCABULARIES)],
)
def test_every_enum_value_has_a_label_and_no_label_is_unknown(resource, name, labels):
    fd = field(resource, name)
    assert fd.enum, f"{resource}.{name} has no enum in datapackage.json"
    missing = sorted(set(fd.enum) - set(labels))
    assert missing == [], f"{resource}.{name}: values without a label in vocab.py: {missing}"
    allowed = set(fd.enum) | {""}  # "" labels an empty cell
    unknown = sorted(set(labels) - allowed)
    assert unknown == [], f"{resource}.{name}: labels for values the schema does not allow: {unknown}"
    assert all(isinstance(v, str) and v.strip() for v in labels.values())


def test_the_old_import_paths_still_work():
    assert context.EVENT_LABELS is vocab.EVENT_LABELS
    assert context.SITUATION_LABELS is vocab.SITUATION_LABELS
    assert context.QUALIFICATION_LABELS is vocab.QUALIFICATION_LABELS
    assert context.QUALIFICATION_SHORT is vocab.QUALIFICATION_SHORT
    assert stages.OUTCOMES is vocab.OUTCOMES and stages.STAGE_LABELS is vocab.STAGE_LABELS
    assert sgbc.SCOPE_LABELS is vocab.SCOPE_LABELS


def test_derived_categories_are_labelled_and_coloured_alike():
    assert set(vocab.SCOPE_LABELS) == set(sgbc.SCOPES)
    assert set(vocab.STAGE_LABELS) == set(vocab.STAGES)
    assert set(style.OUTCOME_COLOURS) == set(vocab.OUTCOMES)


def test_label_falls_back_to_the_value():
    assert vocab.label(vocab.EVENT_LABELS, "trial_judgment") == "Trial judgment"
    assert vocab.label(vocab.SITUATION_LABELS, "atlantis") == "atlantis"
