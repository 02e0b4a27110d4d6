"""Modes of liability: the recorded text sorted into the Rome Statute's categories.

``charges.csv`` records the mode of liability as short text with articles ("25(3)(a) indirect
co-perpetration; 28(a)"). The categories follow Articles 25(3) and 28; a row may fall in
several (modes charged in the alternative or cumulatively).
"""

from __future__ import annotations

import re

import pandas as pd

CATEGORIES = {
    "25(3)(a)": "Commission (direct, joint or indirect perpetration), 25(3)(a)",
    "25(3)(b)": "Ordering, soliciting or inducing, 25(3)(b)",
    "25(3)(c)": "Aiding and abetting, 25(3)(c)",
    "25(3)(d)": "Common-purpose contribution, 25(3)(d)",
    "25(3)(f)": "Attempt, 25(3)(f)",
    "28": "Command or superior responsibility, 28",
    "several": "Several modes charged (in the alternative or together); the mode of conviction is not recorded",
}
_PATTERNS = [
    (
        "25(3)(a)",
        r"25\s*\(3\)\s*\(a\)|co-?perpetrat|direct perpetrat|indirect perpetrat|direct commission|committed personally",
    ),
    ("25(3)(b)", r"25\s*\(3\)\s*\(b\)|\border|solicit|induc"),
    ("25(3)(c)", r"25\s*\(3\)\s*\(c\)|\baid|abet|assist"),
    ("25(3)(d)", r"25\s*\(3\)\s*\(d\)|common purpose|common-purpose|contribut"),
    ("25(3)(f)", r"25\s*\(3\)\s*\(f\)"),
    ("28", r"\b28\b|\b28\s*\(|command|superior"),
]


def _expand(text: str) -> str:
    """ "25(3)(b), (c) and (d)" -> "25(3)(b) 25(3)(c) 25(3)(d)" """

    def spell(match: re.Match) -> str:
        return " ".join(f"25(3)({x})" for x in re.findall(r"\(([a-f])\)", match.group(0)))

    return re.sub(r"25\s*\(3\)\s*\([a-f]\)(?:\s*(?:,|and|or|/)\s*\([a-f]\))+", spell, text)


def categories(text: str) -> list[str]:
    """The categories a mode-of-liability text names, in the order of :data:`CATEGORIES`."""
    text = _expand((text or "").lower())
    return [key for key, pattern in _PATTERNS if re.search(pattern, text)]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def applied_categories(recorded, regulation_55_text) -> list[str]:
    """The categories of the mode the trial judgment assessed: those a Regulation 55 note names
    when it recharacterises the *mode* ("Mode recharacterised to 25(3)(d) ..."), else those of the
    mode recorded. A note that changes only the crime or the conflict keeps the recorded mode."""
    note = _text(regulation_55_text)
    if re.search(r"\bmode\b", note, re.IGNORECASE) and categories(note):
        return categories(note)
    return categories(_text(recorded))


def mode_text(rows: pd.DataFrame) -> str:
    """The modes of some rows, for a table cell: "25(3)(a)", or "25(3)(a) → 25(3)(d)
    (recharacterised)" where the judgment assessed a mode other than the one charged."""
    found: list[str] = []
    reg55 = rows["regulation_55"] if "regulation_55" in rows else pd.Series("", index=rows.index)
    for mode, note in zip(rows["mode_of_liability"], reg55):
        charged, applied = categories(_text(mode)), applied_categories(mode, note)
        item = "; ".join(applied)
        if applied != charged:
            item = f"{'; '.join(charged) or 'not recorded'} → {item} (recharacterised)"
        if item and item not in found:
            found.append(item)
    return "; ".join(found)


def by_mode(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Rows decided at trial, by mode-of-liability category and by SGBC group if marked: decided,
    convicted, people. A row charged under one mode counts under it; a row charged under several
    (in the alternative or together) counts once under "several", because the data records the
    modes charged, not the one the conviction rests on: crediting a conviction to every mode
    charged would credit modes the judges rejected. Where a Regulation 55 note records that the
    judgment assessed another mode (Katanga: 25(3)(a) charged, 25(3)(d) applied), the row counts
    under the mode applied (:func:`applied_categories`). Rows with no mode are "not recorded", a
    row of their own, so that the table adds up to every row decided. ``reversed``: convictions
    at trial since reversed on appeal (a mode whose every conviction fell, as Bemba's under
    article 28, says so); ``under_appeal``: convictions whose appeal is pending (neither upheld nor
    reversed yet, so a 0 in ``reversed`` is not read as survival)."""
    decided = outcomes[outcomes["trial"].isin(["convicted", "acquitted"])]
    rows = []
    for _, r in decided.iterrows():
        cats = applied_categories(r.get("mode_of_liability"), r.get("regulation_55")) or ["not recorded"]
        if len(cats) > 1:
            cats = ["several"]
        group = (
            "SGBC"
            if r.get("sgbc") and r.get("sgbc_known", True)
            else ("Other crimes" if r.get("sgbc_known", True) else "Not verified")
        )
        for c in cats:
            rows.append(
                {
                    "mode": c,
                    "group": group,
                    "person_id": r["person_id"],
                    "convicted": r["trial"] == "convicted",
                    "reversed": r["trial"] == "convicted" and r.get("appeal") == "reversed",
                    "under_appeal": r["trial"] == "convicted" and r.get("appeal") == "pending",
                }
            )
    frame = pd.DataFrame(rows, columns=["mode", "group", "person_id", "convicted", "reversed", "under_appeal"])
    if frame.empty:
        return pd.DataFrame(
            columns=["mode", "label", "group", "decided", "convicted", "reversed", "under_appeal", "persons"]
        )
    out = (
        frame.groupby(["mode", "group"])
        .agg(
            decided=("convicted", "size"),
            convicted=("convicted", "sum"),
            reversed=("reversed", "sum"),
            under_appeal=("under_appeal", "sum"),
            persons=("person_id", "nunique"),
        )
        .reset_index()
    )
    out["label"] = out["mode"].map(CATEGORIES).fillna("Not recorded")
    order = {k: i for i, k in enumerate([*CATEGORIES, "not recorded"])}
    out = out.sort_values(["mode", "group"], key=lambda s: s.map(order) if s.name == "mode" else s)
    return out[["mode", "label", "group", "decided", "convicted", "reversed", "under_appeal", "persons"]].reset_index(
        drop=True
    )


def recharacterisations(charges: pd.DataFrame, persons: pd.DataFrame) -> pd.DataFrame:
    """Every count whose legal characterisation was changed or notified under Regulation 55."""
    rows = charges[charges["regulation_55"].fillna("") != ""]
    names = persons.set_index("person_id")["name"]
    out = rows.assign(name=rows["person_id"].map(names))
    return out[["person_id", "name", "charge_no", "count", "crime", "qualification", "regulation_55", "trial"]]
