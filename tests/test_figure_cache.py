"""The figure cache: a chart drawn before from the same inputs comes back as the same bytes."""

import matplotlib
import pytest

from justicegap import notebook as nb
from justicegap.figures import cache, charts

COUNTS = {"warrant": 10, "confirmation": 7, "trial": 5, "judgment": 3}


@pytest.fixture
def drawing(monkeypatch, tmp_path):
    """nb.figure into tmp_path/out with the cache in tmp_path/figures; what it displayed."""
    monkeypatch.setenv("JUSTICEGAP_OUT_DIR", str(tmp_path / "out"))
    monkeypatch.setenv(cache.ENV, str(tmp_path / "figures"))
    shown = []
    monkeypatch.setattr(nb, "_display", shown.append)

    def draw(counts, title="Three of ten reached judgment", name="f"):
        fig = charts.funnel(counts, title, "Caption.", "people")
        nb.figure(fig, name, "Bars of people by stage")
        return fig, (tmp_path / "out" / "figures" / f"{name}.png").read_bytes(), shown[-1]

    return draw


def test_a_chart_from_the_same_inputs_comes_from_the_cache_as_the_same_bytes(drawing, tmp_path):
    fig, png, image = drawing(COUNTS, name="first")
    assert isinstance(fig, matplotlib.figure.Figure)  # drawn, then kept
    assert len(list((tmp_path / "figures").glob("*.png"))) == 1
    again, png_again, image_again = drawing(dict(COUNTS), name="second")
    assert isinstance(again, cache.Drawn)  # not drawn: the same inputs
    assert png_again == png and image_again.data == image.data
    assert image_again.alt == image.alt == "Bars of people by stage: Three of ten reached judgment. Caption."


def test_any_input_that_moves_the_drawing_moves_the_key(drawing, tmp_path, monkeypatch):
    drawing(COUNTS)
    changed, _, _ = drawing({**COUNTS, "judgment": 4})  # one number
    assert isinstance(changed, matplotlib.figure.Figure)
    retitled, _, _ = drawing(COUNTS, title="Another title")  # the title
    assert isinstance(retitled, matplotlib.figure.Figure)
    monkeypatch.setitem(matplotlib.rcParams, "lines.linewidth", 3.0)  # matplotlib's settings
    restyled, _, _ = drawing(COUNTS)
    assert isinstance(restyled, matplotlib.figure.Figure)
    monkeypatch.setattr(cache, "_code_digest", lambda: "other code")  # the project's code
    recoded, _, _ = drawing(COUNTS)
    assert isinstance(recoded, matplotlib.figure.Figure)
    assert len(list((tmp_path / "figures").glob("*.png"))) == 5


def test_code_defined_in_the_notebook_cannot_be_keyed():
    def local_helper():  # a function of the notebook's own: its body is not in any key
        return 1

    local_helper.__module__ = "__main__"
    with pytest.raises(cache.Uncacheable):
        cache.key(charts.funnel, (COUNTS, local_helper), {})
    assert cache.key(charts.funnel, (COUNTS, "t"), {}) == cache.key(charts.funnel, (dict(COUNTS), "t"), {})


def test_without_a_cache_folder_every_chart_is_drawn(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("JUSTICEGAP_OUT_DIR", str(tmp_path))
    monkeypatch.setattr(nb, "_display", lambda obj: None)
    for _ in range(2):
        fig = charts.funnel(COUNTS, "Title", "Caption.", "people")
        assert isinstance(fig, matplotlib.figure.Figure)
        nb.figure(fig, "f")
    assert not list(tmp_path.rglob("*.txt"))


def test_every_chart_is_remembered_and_applies_the_style_first():
    """The cache applies the style before keying a chart (so the key sees the settings it draws
    with); that is the same drawing only if the chart itself starts by applying it."""
    import inspect
    import types

    public = {n: f for n, f in vars(charts).items() if isinstance(f, types.FunctionType) and not n.startswith("_")}
    public = {n: f for n, f in public.items() if f.__module__ == charts.__name__}
    assert {"funnel", "outcome_bars", "timeline", "incidence"} <= set(public)
    for name, wrapper in public.items():
        assert hasattr(wrapper, "__wrapped__"), f"charts.{name} is not @remembered"
        body = inspect.getsource(wrapper.__wrapped__).split('"""')[-1]
        first = next(line.strip() for line in body.splitlines()[1:] if line.strip())
        assert first == "style.apply()", f"charts.{name} starts with {first!r}"
