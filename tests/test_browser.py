"""As a reader: open every page of the built report in headless Chromium, read the PDF back."""

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("build")]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make browser-deps installs Debian's chromium)")
        pytest.skip("chromium not installed; run make browser-deps")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


def test_every_page_opens_offline_without_errors(built, browser, tmp_path):
    out = built["reports"] / built["version"]
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 10
    context = browser.new_context()
    requests, errors = [], []
    context.on("request", lambda r: requests.append(r.url))
    for page_file in pages:
        page = context.new_page()
        name = page_file.name
        page.on("console", lambda m, name=name: errors.append(f"{name}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e, name=name: errors.append(f"{name}: {e}"))
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            if href.startswith(("http://", "https://", "mailto:")):
                continue  # sources: external by design, only followed by the reader
            target, _, anchor = href.partition("#")
            path = (page_file.parent / unquote(target)) if target else page_file
            assert path.exists(), f"{page_file.name}: broken link {href}"
            if anchor and path.suffix == ".html":
                assert f'id="{anchor}"' in path.read_text() or f"id='{anchor}'" in path.read_text(), (
                    f"{page_file.name}: missing anchor {href}"
                )
        if page_file.name == "index.html":
            page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
        page.close()
    context.close()
    assert errors == []
    remote = [u for u in requests if urlparse(u).scheme not in ("file", "data", "about", "blob")]
    assert remote == [], f"pages fetched from the network: {remote[:5]}"
    assert (tmp_path / "index.png").stat().st_size > 10_000


def test_reports_index_lists_versions(built, browser):
    page = browser.new_page()
    page.goto((built["reports"] / "index.html").as_uri())
    assert built["version"] in page.inner_text("body")
    page.close()


def test_pdf_has_contents_and_headline_figures(built):
    from pypdf import PdfReader

    pdf = PdfReader(built["reports"] / built["version"] / "report.pdf")
    text = "\n".join(p.extract_text() for p in pdf.pages)
    # cover + contents + at least one page per chapter and case page (5 + 5)
    assert len(pdf.pages) >= 12
    assert "Contents" in text
    assert re.search(r"Of\s+7\s+people\s+publicly\s+sought", text)
    assert "Papa Partial" in text
    titles = [o.title for o in pdf.outline if not isinstance(o, list)]
    assert "Contents" in titles and any("Question 1" in t for t in titles)


def test_pdf_footers_number_the_whole_document(built):
    """Every page says "Page i of n" for its place in the joined PDF, and the contents page
    points each chapter to the page whose footer carries that number."""
    from pypdf import PdfReader

    pdf = PdfReader(built["reports"] / built["version"] / "report.pdf")
    n = len(pdf.pages)
    texts = [p.extract_text() for p in pdf.pages]
    for i, text in enumerate(texts, start=1):
        assert f"Page {i} of {n}" in text, f"page {i}"
        assert built["version"] in text
    contents = next(t for t in texts if t.lstrip().startswith("Contents"))
    checked = set()
    for outline in pdf.outline:
        if isinstance(outline, list) or outline.title == "Contents":
            continue
        words = r"\s+".join(map(re.escape, outline.title.split()))
        listed = re.search(words + r"\s+(\d+)\s", contents)
        if listed:
            assert int(listed.group(1)) == pdf.get_destination_page_number(outline) + 1, outline.title
            checked.add(outline.title)
    # the fixture report has 4 chapters and at least 2 case pages
    assert len(checked) >= 6, checked


def test_pages_are_small(built):
    out = built["reports"] / built["version"]
    sizes = {p.name: p.stat().st_size for p in out.glob("*.html")}
    assert max(sizes.values()) < 5_000_000


def test_pdf_links_resolve_inside_the_published_version(built):
    """Click through every link of the PDF: relative ones open a file of the version (never the
    builder's disk), internal ones land on a page of the part they are in."""
    import bisect

    from pypdf import PdfReader

    out = built["reports"] / built["version"]
    raw = (out / "report.pdf").read_bytes()
    assert b"file:" not in raw and str(paths_root()).encode() not in raw
    pdf = PdfReader(out / "report.pdf")
    names = pdf.named_destinations
    starts = sorted(pdf.get_destination_page_number(o) for o in pdf.outline if not isinstance(o, list))
    relative = internal = 0
    for number, page in enumerate(pdf.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                uri = str(action.get_object()["/URI"])
                parsed = urlparse(uri)
                if parsed.scheme in ("http", "https", "mailto"):
                    continue
                assert parsed.scheme == "" and not parsed.path.startswith("/"), f"page {number + 1}: {uri}"
                target = out / unquote(parsed.path)
                assert target.exists(), f"page {number + 1}: {uri} opens nothing"
                relative += 1
            elif "/Dest" in annot:
                name = str(annot["/Dest"])
                assert name in names, f"page {number + 1}: no destination {name}"
                lands = pdf.get_destination_page_number(names[name])
                assert bisect.bisect_right(starts, lands) == bisect.bisect_right(starts, number), (
                    f"page {number + 1}: #{name} lands on page {lands + 1}, in another part of the report"
                )
                internal += 1
    assert relative > 10 and internal > 10


def test_the_fonts_come_with_the_report(built):
    from pypdf import PdfReader

    from justicegap.build import fonts

    out = built["reports"] / built["version"]
    assert sorted(p.name for p in (out / "fonts").iterdir()) == sorted(fonts.files())
    used = set()
    for page in PdfReader(out / "report.pdf").pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            used.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert used and all(name.startswith("DejaVu-Sans") for name in used), used
    template = paths_root() / "src/justicegap/build/templates/justicegap/fonts.css"
    assert template.read_text() == fonts.face_css()
    for page in out.glob("*.html"):
        assert 'src: url("fonts/DejaVuSans.ttf")' in page.read_text(), page.name


def paths_root():
    from justicegap import paths

    return paths.ROOT
