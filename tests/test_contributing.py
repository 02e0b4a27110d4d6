"""Replays the worked example of CONTRIBUTING.md on a copy of the real data (slow: builds a page)."""

import os
import re
import shutil

import pytest

from justicegap import paths
from justicegap.data.validate import validate

pytestmark = [pytest.mark.slow]
GUIDE = (paths.ROOT / "CONTRIBUTING.md").read_text()


def blocks(kind: str) -> list[tuple[str, str]]:
    return re.findall(rf"```{kind} ([^\n]+)\n(.*?)```", GUIDE, flags=re.S)


def appends() -> list[tuple[str, str]]:
    return [(meta.split("=", 1)[1], body.strip("\n")) for meta, body in blocks("csv") if meta.startswith("append=")]


@pytest.fixture
def before(tmp_path):
    """A copy of the real data as it was before the ruling: the documented rows removed."""
    data = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", data, ignore=shutil.ignore_patterns("staging"))
    for target, row in appends():
        path = data / os.path.basename(target)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [ln for ln in lines if ln.rstrip("\n") != row]
        assert len(kept) == len(lines) - 1, f"the guide's row is not in {target}: {row[:60]}"
        path.write_text("".join(kept), encoding="utf-8")
    return data


def apply(data):
    for target, row in appends():
        path = data / os.path.basename(target)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(row + "\n")


def test_guide_documents_three_rows():
    assert [t for t, _ in appends()] == ["data/sources.csv", "data/events.csv", "data/sentences.csv"]


def test_worked_example_validates_and_rebuilds_only_the_case_page(before, tmp_path):
    from justicegap.build.pipeline import build

    assert validate(before) == []
    config = tmp_path / "report.yml"
    config.write_text(
        f"title: t\nnotebook_dir: {paths.NOTEBOOKS}\nnotebooks:\n"
        "  - notebook: 03_durations.py\n    title: Durations\n"
        "  - notebook: 04_case_profile.py\n    title: Case profile\n    kind: case\n"
        "    runs:\n      - {person_id: al-hassan}\n"
    )
    reports = tmp_path / "reports"
    log = []
    assert build(data_dir=before, reports_dir=reports, config_path=config, echo=log.append) == 0
    page = "04__case_profile__person_id_al-hassan"
    # before: only the later reduction on review (108 months) is on record, not the sentence itself
    html = (reports / "latest" / f"{page}.html").read_text()
    assert ">120<" not in html and ">108<" in html

    apply(before)
    assert validate(before) == []
    log.clear()
    assert build(data_dir=before, reports_dir=reports, config_path=config, echo=log.append) == 0
    executed = sorted(line.split()[0] for line in log if " executed " in line)
    assert executed == ["03__durations", page]  # events.csv changed; sentences only feed the case page
    html = (reports / "latest" / f"{page}.html").read_text()
    assert ">120<" in html and ">108<" in html
    # the index names the rows the guide added, as CONTRIBUTING.md says
    index = (reports / "latest" / "index.html").read_text()
    assert "<td>sentences</td><td>al-hassan/trial_sentence/2024-11-20</td>" in index
    assert "<td>events</td><td>al-hassan/sentence/2024-11-20</td>" in index


def test_documented_error_message_is_what_the_validator_says(before):
    apply(before)
    events = before / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("al-hassan,sentence,2024-11-20", "al-hassan,sentence,2024-11-2"), encoding="utf-8")
    line = next(i for i, ln in enumerate(events.read_text().splitlines(), 1) if "2024-11-2," in ln)
    (documented,) = [body.strip() for meta, body in blocks("text") if meta == "validate-error"]
    expected = documented.replace("LINE", str(line)).split(":", 1)[1]  # the part after the file name
    got = [str(p) for p in validate(before)]
    assert len(got) == 1 and got[0].endswith(expected) and f"events.csv:{line}: date:" in got[0]
