"""Drawn charts kept between builds, keyed on everything a drawing depends on.

A chart of :mod:`.charts` is a pure function of its arguments, the project's code, the installed
packages, matplotlib's settings and the fonts it draws with. An edit to one data row moves a few
of a chapter's charts; the rest are drawn from exactly the same inputs again, which is most of
a chapter's cells. So a build points ``JUSTICEGAP_FIGURE_CACHE`` at a folder, and a chart whose
key is there comes back as a :class:`Drawn`: the PNG bytes and the alt text that
:func:`..notebook.figure` would have written (it writes those bytes). Without the variable (a
notebook opened in Jupyter) every chart is drawn.

The key covers: the chart function, its arguments (pickled; an argument that refers to code
defined in the notebook itself cannot be keyed, and that chart is drawn), the files of every
project module loaded in the kernel, the lock file, the interpreter, matplotlib's settings
(``rcParams``) and the font files it resolves. A missed key costs a drawing; a wrong hit would
put a stale chart in the report, so everything uncertain is a miss.
"""

from __future__ import annotations

import functools
import io
import os
import pickle
import sys
import types
from pathlib import Path

from .. import paths
from ..hashing import digest, sha256_bytes, sha256_file

ENV = "JUSTICEGAP_FIGURE_CACHE"
VERSION = "figure-1"


class Drawn:
    """A chart from the cache: the PNG and the text that describes it (its title and caption)."""

    def __init__(self, png: bytes, described: str):
        self.png = png
        self.described = described


class Uncacheable(Exception):
    """An argument the key cannot cover (code defined in the notebook)."""


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, (types.FunctionType, types.MethodType, type)):
            module = getattr(obj, "__module__", None)
            if module is None or module == "__main__" or module.startswith("__"):
                raise Uncacheable(f"{obj!r} is defined in the notebook")
        return NotImplemented


def _arguments(args: tuple, kwargs: dict) -> bytes:
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=4).dump((args, sorted(kwargs.items())))
    except Uncacheable:
        raise
    except Exception as exc:  # noqa: BLE001 - anything that cannot be pickled cannot be keyed
        raise Uncacheable(str(exc)) from exc
    return buffer.getvalue()


_code: dict[tuple, str] = {}


def _code_digest() -> str:
    """The files of the project's modules loaded in this process (the chart's code and all it uses)."""
    src = str(paths.SRC)
    files = tuple(
        sorted(
            (name, module.__file__)
            for name, module in list(sys.modules.items())
            if name.startswith("justicegap") and getattr(module, "__file__", None) and module.__file__.startswith(src)
        )
    )
    if files not in _code:
        _code[files] = digest(*(f"{name}={sha256_file(Path(file))}" for name, file in files))
    return _code[files]


def _drawing_digest() -> str:
    """What the drawing depends on besides the code: packages, interpreter, settings, fonts."""
    import matplotlib
    from matplotlib import font_manager

    lock = sha256_file(paths.LOCK_FILE) if paths.LOCK_FILE.exists() else "no lock"
    settings = repr(sorted((k, repr(v)) for k, v in matplotlib.rcParams.items()))
    fonts = []
    for weight in ("normal", "bold"):
        found = font_manager.findfont(font_manager.FontProperties(weight=weight), fallback_to_default=True)
        fonts.append(f"{weight}={sha256_file(Path(found))}")
    return digest(lock, sys.version, matplotlib.__version__, settings, *fonts)


def key(chart, args: tuple, kwargs: dict) -> str:
    """The cache key of ``chart(*args, **kwargs)``; raises :class:`Uncacheable`."""
    return digest(
        VERSION,
        f"{chart.__module__}.{chart.__qualname__}",
        _code_digest(),
        _drawing_digest(),
        sha256_bytes(_arguments(args, kwargs)),
    )


def _folder() -> Path | None:
    root = os.environ.get(ENV)
    return Path(root) if root else None


def remembered(chart):
    """Decorate a chart function: with a cache folder set, a chart drawn before from the same
    inputs comes back as :class:`Drawn`; one drawn now carries its key so that
    :func:`..notebook.figure` stores it (:func:`store`) once it has passed its checks."""

    @functools.wraps(chart)
    def wrapper(*args, **kwargs):
        folder = _folder()
        if folder is None:
            return chart(*args, **kwargs)
        from . import style

        style.apply()  # what every chart does first: the key sees the settings it draws with
        try:
            chart_key = key(chart, args, kwargs)
        except Uncacheable:
            return chart(*args, **kwargs)
        png, text = folder / f"{chart_key}.png", folder / f"{chart_key}.txt"
        if png.exists() and text.exists():
            return Drawn(png.read_bytes(), text.read_text(encoding="utf-8"))
        fig = chart(*args, **kwargs)
        fig._jg_cache_key = chart_key
        return fig

    return wrapper


def store(fig, png: bytes, described: str) -> None:
    """Keep a chart drawn by a :func:`remembered` function (its PNG and text), if it has a key."""
    chart_key, folder = getattr(fig, "_jg_cache_key", None), _folder()
    if chart_key is None or folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, data in ((".txt", described.encode("utf-8")), (".png", png)):  # the PNG last: it marks a hit
        path = folder / f"{chart_key}{suffix}"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
