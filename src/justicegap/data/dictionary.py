"""Generate the data dictionary (docs/DATA_DICTIONARY.md) from data/datapackage.json."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from .schema import load_package

EVENT_DEFINITIONS = {
    "arrest_warrant": "Date a Pre-Trial Chamber issued an arrest warrant (one row per warrant; issue date, not unsealing date).",
    "summons": "Date a summons to appear was issued.",
    "warrant_unsealed": "Date a warrant or summons issued under seal was made public.",
    "warrant_withdrawn": "Date the warrant was withdrawn (e.g. after the suspect's death).",
    "in_custody": "First day in the Court's custody: the surrender or transfer date the Court states; for a summons, the first voluntary appearance. Arrival at the detention centre a day later is noted, not used.",
    "initial_appearance": "First appearance before a Pre-Trial Chamber.",
    "confirmation_decision": "Date of the decision on the confirmation of charges, whatever its outcome.",
    "charges_amended": "Date the confirmed charges were amended or corrected.",
    "charges_withdrawn": "Date charges were withdrawn (the Court's decision, or the Prosecutor's notice where no decision is public; the note says which).",
    "trial_opening": "First day of trial (opening statements).",
    "charges_vacated": "Date the Trial Chamber vacated the charges without acquittal (no case to answer). One rule for every analysis: a trial ends when it reaches a verdict (a trial judgment, including an acquittal on a no-case-to-answer motion) or when the charges are vacated, withdrawn or the proceedings terminated (or the accused dies); each of these closes the trial stage, and none is counted as a trial still running (`analysis.durations.TRIAL_ENDS`).",
    "trial_judgment": "Date of the trial judgment (Art. 74), including an acquittal on a no-case-to-answer motion.",
    "admission_of_guilt": "Date an admission of guilt was made and accepted.",
    "sentence": "Date of the sentencing decision (Art. 76), or a re-sentencing.",
    "appeal_judgment": "Date of the Appeals Chamber's judgment on conviction or acquittal.",
    "appeal_discontinued": "Date the appeals against the trial judgment were discontinued or withdrawn: from this day the trial judgment is final (without it, a judgment not appealed is final from its own date).",
    "sentence_appeal_judgment": "Date of the Appeals Chamber's judgment on the sentence.",
    "sentence_review": "Date of a decision on reducing the sentence (Art. 110), whatever its outcome.",
    "proceedings_terminated": "Date the proceedings were terminated (death, withdrawal).",
    "death": "Date of death, as the Court (or, failing it, the best source) gives it.",
    "released": "Date of release from the Court's custody (final or interim; the note says which).",
    "case_inadmissible": "Date the case was declared inadmissible.",
    "national_arrest": "Date national authorities arrested or began holding the person on (or in connection with) the Court's warrant, before any surrender; with no surrender after it, the person is held by a state that has not surrendered them.",
    "national_release": "Date national authorities released the person without surrendering them to the Court.",
}


def render(data_dir: Path | None = None) -> str:
    package = load_package(Path(data_dir) if data_dir else paths.ROOT / "data")
    lines = [
        "# Data dictionary",
        "",
        "Generated from `data/datapackage.json` by `make dictionary`; do not edit by hand.",
        "",
        f"Dataset **{package.raw['title']}**, version `{package.version}`, cut-off "
        f"**{package.cutoff.isoformat()}** (the one place the cut-off is set).",
        "",
    ]
    for res in package.resources.values():
        lines += [f"## `{res.path}`: {res.title}", "", res.description, ""]
        if res.primary_key:
            lines += [f"Key: {', '.join(f'`{k}`' for k in res.primary_key)}.", ""]
        lines += ["| Column | Type | Required | Allowed values / format | Meaning |", "|---|---|---|---|---|"]
        for f in res.fields:
            allowed = (
                ", ".join(f"`{v}`" for v in f.enum)
                if f.enum
                else ("YYYY-MM-DD" if f.type == "date" else (f"pattern `{f.pattern}`" if f.pattern else ""))
            )
            refs = [f"→ `{t}.{tc}`" for c, t, tc in res.foreign_keys if c == f.name]
            lines.append(
                f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | "
                f"{allowed.replace('|', '/')} {' '.join(refs)} | {f.description} |"
            )
        lines.append("")
        if res.name == "events":
            lines += ["### Event definitions", ""]
            lines += [f"- `{k}`: {v}" for k, v in EVENT_DEFINITIONS.items()]
            lines.append("")
    return "\n".join(lines)


def write_dictionary(path: Path | None = None) -> Path:
    path = Path(path or paths.ROOT / "docs" / "DATA_DICTIONARY.md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
