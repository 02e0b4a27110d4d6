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


# --- presentation: every page fits, describes its images, links its people and data ------------

FIT_JS = """() => {
  const vw = document.documentElement.clientWidth, bad = [];
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    const main = t.closest('main');
    const limit = Math.min(vw, main ? main.getBoundingClientRect().right : vw);
    let box = null;
    for (let e = t.parentElement; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll', 'hidden'].includes(s.overflowX)) { box = e; break; }
    }
    if (r.right > limit + 1 || box)
      bad.push(`${Math.round(r.right)} > ${Math.round(limit)}${box ? ' in a scrolled box' : ''}: `
               + t.innerText.slice(0, 60).replace(/\\s+/g, ' '));
  }
  return bad;
}"""


def _pages(built):
    return sorted((built["reports"] / built["version"]).glob("*.html"))


@pytest.mark.parametrize("media, width", [("screen", 1280), ("print", 680)])  # 680 px = A4's 180 mm text width
def test_no_table_passes_the_page_or_sits_in_a_scroll_box(built, browser, media, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.emulate_media(media=media)
    problems, tables = [], 0
    for page_file in _pages(built):
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        tables += page.eval_on_selector_all("table.jg-table", "els => els.length")
        problems += [f"{page_file.name}: {p}" for p in page.evaluate(FIT_JS)]
    page.close()
    assert tables > 50  # the check ran over the report's tables
    assert problems == []


def test_every_image_has_its_own_alt_text(built, browser):
    page = browser.new_page()
    alts = {}
    for page_file in _pages(built):
        page.goto(page_file.as_uri())
        for alt in page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt'))"):
            alts.setdefault(page_file.name, []).append(alt)
    page.close()
    every = [a for v in alts.values() for a in v]
    assert len(every) >= 10  # 5 chapter pages and 5 case pages have figures
    assert all(a and a.strip() and "No description has been provided" not in a for a in every), alts
    funnel = alts["01__charge_gap.html"][0]
    assert funnel.startswith("Person-level funnel from warrant to final conviction, with the exits at each step: Of 7")
    assert funnel.endswith("n = 7 people · as of 2025-12-31 · core crimes; one bar per step.")


def test_names_in_chapter_tables_link_to_case_pages_only_where_one_exists(built):
    out = built["reports"] / built["version"]
    overview = (out / "00__overview.html").read_text()
    links = dict(
        (name, href) for href, name in re.findall(r'<a href="(04__case_profile__[^"]+)">([^<]+)</a>', overview)
    )
    # case pages: acq par plea wdr xss (a confirmation decision); ded and fug have none
    assert links["Papa Partial"] == "04__case_profile__person_id_par.html"
    assert links["Alpha Reversed-On-Appeal"] == "04__case_profile__person_id_acq.html"
    assert "Foxtrot Fugitive" not in links and "Delta Deceased" not in links
    assert "<td>Foxtrot Fugitive</td>" in overview
    for chapter in ("01__charge_gap.html", "03__durations.html", "02__gender_crimes.html"):
        assert 'href="04__case_profile__person_id_' in (out / chapter).read_text(), chapter


def test_dates_show_at_their_recorded_precision_everywhere(built):
    """The fixture records plea's warrant to the month (2015-09-01) and xss's to the year
    (2006-01-01): no page, the PDF included, may show them as days."""
    from pypdf import PdfReader

    out = built["reports"] / built["version"]
    overview = (out / "00__overview.html").read_text().replace("\u00a0", " ")
    assert re.search(r">Golf Guilty-Plea</a></td>.*?<td>Sep 2015</td>", overview)
    assert "<td>2006</td>" in overview
    assert "<td>Sep 2015</td>" in (out / "04__case_profile__person_id_plea.html").read_text().replace("\u00a0", " ")
    wrong = ("2015-09-01", "1 Sep 2015", "2006-01-01", "1 Jan 2006")
    for page_file in _pages(built):
        text = page_file.read_text().replace("\u00a0", " ")
        assert not [w for w in wrong if w in text], page_file.name
    pdf = " ".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages).replace("\u00a0", " ")
    assert "Sep 2015" in pdf and not [w for w in wrong if w in pdf]
    # the CSV keeps the ISO date and its precision
    csv = (out / "tables" / "00__overview" / "persons.csv").read_text().splitlines()
    assert csv[0].split(",")[:1] == ["person_id"] and "First warrant or summons precision" in csv[0]
    assert any(line.startswith("plea,") and ",2015-09-01,month," in line for line in csv)


def test_chapters_link_the_data_dictionary_the_package_and_each_tables_csv(built):
    out = built["reports"] / built["version"]
    for chapter in ("00__overview.html", "01__charge_gap.html", "03__durations.html"):
        text = (out / chapter).read_text()
        assert 'href="data_dictionary.html"' in text and 'href="data/datapackage.json"' in text
        assert text.count('<div class="jg-table-block">') == text.count('Full table: <a href="tables/') > 0
    dictionary = (out / "data_dictionary.html").read_text()
    assert "events.csv" in dictionary and "date_precision" in dictionary and "<table" in dictionary


def test_comparators_print_integers_with_plain_labels(built):
    text = (built["reports"] / built["version"] / "02__gender_crimes.html").read_text()
    table = text[
        text.index("Published figures of other tribunals") - 6000 : text.index("Published figures of other tribunals")
    ]
    assert not re.search(r"<td class=\"num\">\d+\.0</td>", table)
    assert "accused_" not in re.sub(r'href="[^"]*"', "", table)


def test_pdf_has_no_heading_anchor_and_no_header_word_broken(built):
    from pypdf import PdfReader

    out = built["reports"] / built["version"]
    texts = [p.extract_text() for p in PdfReader(out / "report.pdf").pages]
    whole = "\n".join(texts).replace("\u00a0", " ")
    assert "¶" not in whole
    assert not re.search(r"(?m)(?:^[A-Za-z]-?\n){3}", whole), "a word broken letter by letter"
    words = set()
    for page_file in _pages(built):
        if page_file.name.endswith(".code.html") or page_file.name in ("index.html", "data_dictionary.html"):
            continue
        for th in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page_file.read_text()):
            words |= {w.strip("().,;:") for w in re.sub(r"<[^>]+>", "", th).split() if len(w.strip("().,;:")) >= 4}
    assert len(words) > 20
    missing = sorted(w for w in words if w not in whole)
    assert missing == [], f"header words not printed whole: {missing}"


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
    relative = internal = across = 0
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
                if "--" not in name:  # a link to another page of the report: its first page in the PDF
                    assert lands in starts, f"page {number + 1}: {name} lands on page {lands + 1}, not a part's start"
                    across += 1
                    continue
                assert bisect.bisect_right(starts, lands) == bisect.bisect_right(starts, number), (
                    f"page {number + 1}: #{name} lands on page {lands + 1}, in another part of the report"
                )
                internal += 1
    assert relative > 10 and internal > 10 and across > 0
    # every page of the report (a part of the PDF, after the cover and contents) has its first
    # page named after its HTML file
    parts = sorted(pdf.get_destination_page_number(names[n]) for n in names if "--" not in n)
    assert parts == starts[1:] and all((out / f"{n}.html").exists() for n in names if "--" not in n)


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
