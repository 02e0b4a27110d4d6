"""Invariants that must hold on any valid dataset (hypothesis drives synthetic datasets)."""

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from justicegap.analysis import durations as du
from justicegap.analysis import funnel as fn
from justicegap.analysis import stages
from justicegap.analysis.stages import STAGES
from justicegap.data.dataset import Dataset
from justicegap.data.schema import load_package
from justicegap.data.validate import validate
from justicegap.synthetic import generate

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
dates = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2025, 12, 31))


def dataset(seed: int, n: int) -> Dataset:
    out = Path(tempfile.mkdtemp(prefix="jg-prop-"))
    generate(out, n, seed=seed)
    return Dataset(out, load_package(out))


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 40), as_of=dates)
def test_funnel_never_increases_along_stages(seed, n, as_of):
    ds = dataset(seed, n)
    out = stages.charge_outcomes(ds.charges, ds.events, ds.persons, as_of)
    for unit in ("charge", "person"):
        row = fn.funnel_counts(out, unit=unit).iloc[0]
        values = [int(row[s]) for s in STAGES]
        assert values == sorted(values, reverse=True), (unit, values)


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 40), early=dates, late=dates)
def test_moving_as_of_earlier_never_adds_convictions(seed, n, early, late):
    early, late = min(early, late), max(early, late)
    ds = dataset(seed, n)
    a = stages.charge_outcomes(ds.charges, ds.events, ds.persons, early)
    b = stages.charge_outcomes(ds.charges, ds.events, ds.persons, late)
    assert a["convicted"].sum() <= b["convicted"].sum()
    assert a["final"].sum() <= b["final"].sum()
    assert len(a) <= len(b)


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 40), as_of=dates)
def test_durations_non_negative_and_incidence_bounded_monotone(seed, n, as_of):
    ds = dataset(seed, n)
    table = du.intervals(ds.persons, ds.events, ds.charges, as_of)
    assert (table["days"] >= 0).all()
    assert (table["end"] <= __import__("pandas").Timestamp(as_of)).all()
    for key in du.INTERVALS:
        if not (table["interval"] == key).any():
            continue
        curves = du.incidence_curves(table, key)
        total = None
        for curve in curves.values():
            s = curve.set_index("days")["share"]
            assert ((s >= 0) & (s <= 1 + 1e-9)).all()
            assert (s.to_numpy()[1:] >= s.to_numpy()[:-1] - 1e-12).all()  # a cumulative incidence never falls
            if total is None:
                total = s
            else:
                index = total.index.union(s.index)
                total = total.reindex(index).ffill().fillna(0) + s.reindex(index).ffill().fillna(0)
        # the incidences of all the ways a stage ends never add up to more than everyone
        assert total is None or (total <= 1 + 1e-6).all()


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 60))
def test_synthetic_data_is_valid(seed, n):
    out = Path(tempfile.mkdtemp(prefix="jg-prop-"))
    assert validate(generate(out, n, seed=seed)) == []
