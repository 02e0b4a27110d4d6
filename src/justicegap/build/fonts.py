"""The report's fonts come with the project, not from the machine.

The fonts are DejaVu Sans and DejaVu Sans Mono as shipped inside matplotlib (pinned in
requirements.lock; the same files the figures are drawn with; licence: ``LICENSE_DEJAVU``, a
free licence). The HTML pages load them from the report's ``fonts/`` folder; WeasyPrint finds
them through a fontconfig file that lists only them, so the PDF has the same glyphs and page
breaks on any machine, whatever fonts it has installed.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

from ..hashing import files_digest

FACES = (  # (file, CSS family, weight, style)
    ("DejaVuSans.ttf", "DejaVu Sans", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "DejaVu Sans", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "DejaVu Sans", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "DejaVu Sans", "bold", "italic"),
    ("DejaVuSansMono.ttf", "DejaVu Sans Mono", "normal", "normal"),
    ("DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono", "bold", "normal"),
)
LICENCE = "LICENSE_DEJAVU"
FOLDER = "fonts"  # in a published version
SANS, MONO = "DejaVu Sans", "DejaVu Sans Mono"


def source_dir() -> Path:
    """matplotlib's bundled font folder (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed: run make venv")
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"


def files() -> list[str]:
    return [f for f, *_ in FACES] + [LICENCE]


def digest() -> str:
    return files_digest(source_dir(), files())


def copy_to(dest: Path) -> None:
    """The font files and their licence, into ``dest`` (a version's ``fonts/``)."""
    dest.mkdir(parents=True, exist_ok=True)
    src = source_dir()
    for name in files():
        shutil.copyfile(src / name, dest / name)


def face_css(prefix: str = f"{FOLDER}/") -> str:
    """@font-face rules for the pages, the files relative to the page (``fonts/...``)."""
    rules = [
        f'@font-face {{ font-family: "{family}"; src: url("{prefix}{name}") format("truetype"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, family, weight, style in FACES
    ]
    # JupyterLab's own variables, so code and output areas use the same faces
    rules.append(
        f':root {{ --jp-ui-font-family: "{SANS}", sans-serif; --jp-content-font-family: "{SANS}", sans-serif; '
        f'--jp-code-font-family: "{MONO}", monospace; }} '
        f'pre, code, kbd, samp {{ font-family: "{MONO}", monospace; }}'
    )
    return "\n".join(rules) + "\n"


def use_only_project_fonts(cache_dir: Path) -> Path:
    """Point fontconfig (hence WeasyPrint) at the project's fonts and nothing else.

    Writes ``fonts.conf`` in ``cache_dir`` and sets ``FONTCONFIG_FILE``; call it before anything
    typesets, in the process whose children typeset. Every family (``sans-serif``, ``Arial``,
    ``monospace`` ...) then resolves to one of the project's faces."""
    cache_dir = Path(cache_dir)
    font_dir = cache_dir / "files"
    font_dir.mkdir(parents=True, exist_ok=True)
    src = source_dir()
    for name, *_ in FACES:  # a folder of exactly these faces (matplotlib's holds others too)
        target = font_dir / name
        if not target.exists() or target.stat().st_size != (src / name).stat().st_size:
            shutil.copyfile(src / name, target)
    conf = cache_dir / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{font_dir}</dir>\n  <cachedir>{cache_dir / 'fc-cache'}</cachedir>\n"
        f"  <alias binding='same'><family>sans-serif</family><prefer><family>{SANS}</family></prefer></alias>\n"
        f"  <alias binding='same'><family>serif</family><prefer><family>{SANS}</family></prefer></alias>\n"
        f"  <alias binding='same'><family>monospace</family><prefer><family>{MONO}</family></prefer></alias>\n"
        "</fontconfig>\n"
    )
    if not conf.exists() or conf.read_text() != text:
        conf.write_text(text)
    os.environ["FONTCONFIG_FILE"] = str(conf)
    return conf


# Tables WeasyPrint drops from the fonts it embeds (as its own HarfBuzz subsetter does).
_DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def _subset(font, to_unicode, hinting) -> None:
    """WeasyPrint's ``Font.subset``, done by the pinned HarfBuzz of ``uharfbuzz`` (requirements.lock).

    WeasyPrint subsets with the machine's libharfbuzz-subset if it finds one (Debian installs it
    with chromium) and with fontTools otherwise: the same inputs then gave different PDF bytes
    on two machines, and fontTools took most of the time spent writing the PDF. This does what
    WeasyPrint's HarfBuzz path does (two passes: keep the glyphs used, with their ids; then drop
    the empty glyphs after the last), with a library whose version the lock fixes."""
    import uharfbuzz as hb

    if not to_unicode:
        return
    face = hb.Face(hb.Blob(font.file_content), font.index)
    request = hb.SubsetInput()
    request.glyph_set.update(sorted(to_unicode))
    flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if font.missing:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    request.flags = flags
    request.drop_table_tag_set.update(int.from_bytes(tag, "big") for tag in _DROP_TABLES)
    kept = hb.subset(face, request)
    request.glyph_set.update(range(max(to_unicode) + 1))
    flags = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if not hinting:
        flags |= hb.SubsetFlags.NO_HINTING
    if font.missing:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    request.flags = flags
    font.file_content = hb.subset(kept, request).blob.data


def pin_subsetter() -> None:
    """Make WeasyPrint subset the embedded fonts with :func:`_subset` (in this process)."""
    from weasyprint.pdf import fonts as weasy_fonts

    weasy_fonts.Font.subset = _subset
