"""Synthetic datasets with realistic shapes, valid under the schema (benchmarks, property tests).

Persons get a warrant, and with some probability custody, confirmation, trial, judgment and
appeal, in procedural order; charges follow the same path with stage outcomes consistent with
the events. Nothing here is real: these files never go near ``data/``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
from pathlib import Path

from . import paths

CRIMES = [
    "murder",
    "rape",
    "sexual_slavery",
    "torture",
    "pillaging",
    "persecution",
    "forced_marriage",
    "attack_on_civilians",
    "enslavement",
    "other_inhumane_acts",
    "child_conscription",
]
SITUATIONS = ["uganda", "drc", "car", "darfur", "kenya", "libya", "mali", "ukraine"]


def _d(day: dt.date) -> str:
    return day.isoformat()


def generate(out_dir: Path, n_persons: int, seed: int = 0, cutoff: dt.date = dt.date(2025, 12, 31)) -> Path:
    """Write a complete dataset of ``n_persons`` persons into ``out_dir``."""
    rng = random.Random(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    package = json.loads((paths.ROOT / "data" / "datapackage.json").read_text())
    package["cutoff"] = cutoff.isoformat()
    package["version"] = f"synthetic-{n_persons}-{seed}"
    (out / "datapackage.json").write_text(json.dumps(package, indent=2))
    shutil.copy(paths.ROOT / "data" / "crimes.csv", out / "crimes.csv")
    persons, events, charges, sentences = [], [], [], []
    sources = [
        {
            "source_id": "synthetic",
            "title": "Synthetic data",
            "publisher": "",
            "document_number": "",
            "date": "",
            "url": "https://example.org/synthetic",
            "accessed": "2026-01-01",
        }
    ]
    crimes_src = ["rome-statute"]
    for sid in crimes_src:
        sources.append(
            {
                "source_id": sid,
                "title": "Rome Statute",
                "publisher": "",
                "document_number": "",
                "date": "",
                "url": "https://example.org/rome-statute",
                "accessed": "2026-01-01",
            }
        )
    span = (cutoff - dt.date(2005, 1, 1)).days
    for i in range(n_persons):
        pid = f"p{i:06d}"
        persons.append(
            {
                "person_id": pid,
                "name": f"Person {i}",
                "case_id": f"ICC-{i % 90 + 1:02d}/{i % 20:02d}-01/{i % 99:02d}",
                "situation": rng.choice(SITUATIONS),
                "case_type": "core",
                "same_person_as": "",
                "source_id": "synthetic",
                "note": "",
            }
        )
        day = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(span))
        ev = [("arrest_warrant", day)]
        stage = 0
        for name, p, gap in (
            ("in_custody", 0.6, 900),
            ("confirmation_decision", 0.8, 400),
            ("trial_opening", 0.8, 500),
            ("trial_judgment", 0.8, 1600),
            ("appeal_judgment", 0.7, 700),
        ):
            nxt = day + dt.timedelta(days=rng.randrange(1, gap))
            if rng.random() > p or nxt > cutoff:
                break
            day = nxt
            ev.append((name, day))
            stage += 1
        died = stage < 2 and rng.random() < 0.08
        if died:
            end = day + dt.timedelta(days=rng.randrange(1, 800))
            if end <= cutoff:
                ev.append(("death", end))
                ev.append(("proceedings_terminated", end))
            else:
                died = False
        for name, when in ev:
            events.append(
                {
                    "person_id": pid,
                    "event": name,
                    "date": _d(when),
                    "date_precision": "day",
                    "source_id": "synthetic",
                    "alt_source_id": "",
                    "note": "",
                }
            )
        n_charges = rng.randint(1, 12)
        confirmed_any = False
        for c in range(n_charges):
            conf = trial = appeal = None
            if stage >= 2:
                conf = "confirmed" if rng.random() < 0.8 else "not_confirmed"
            elif died:
                conf = "not_reached"
            else:
                conf = "pending"
            confirmed_any |= conf == "confirmed"
            if conf != "confirmed":
                trial = "pending" if conf == "pending" else "not_reached"
            elif stage >= 4:
                trial = "convicted" if rng.random() < 0.65 else "acquitted"
            else:
                trial = "pending"
            if trial in ("convicted", "acquitted"):
                appeal = ("upheld" if rng.random() < 0.8 else "reversed") if stage >= 5 else "not_appealed"
            else:
                appeal = "pending" if trial == "pending" else "not_reached"
            crime = rng.choice(CRIMES)
            charges.append(
                {
                    "person_id": pid,
                    "charge_no": c + 1,
                    "count": c + 1,
                    "crime": crime,
                    "qualification": rng.choice(["crime_against_humanity", "war_crime"]),
                    "conflict": "",
                    "article": "",
                    "mode_of_liability": "",
                    "origin": "dcc" if stage >= 2 else "warrant",
                    "confirmation": conf,
                    "trial": trial,
                    "appeal": appeal,
                    "regulation_55": "",
                    "source_id": "synthetic",
                    "note": "",
                }
            )
        if stage >= 4 and any(ch["trial"] == "convicted" for ch in charges if ch["person_id"] == pid):
            sentences.append(
                {
                    "person_id": pid,
                    "decision": "trial_sentence",
                    "date": _d(ev[4][1]),
                    "imprisonment_months": rng.randint(12, 360),
                    "fine_eur": "",
                    "suspended": "no",
                    "source_id": "synthetic",
                    "note": "",
                }
            )
    for sentence in list(sentences):  # a sentence falls away when every conviction is reversed
        mine = [ch for ch in charges if ch["person_id"] == sentence["person_id"] and ch["trial"] == "convicted"]
        if mine and all(ch["appeal"] == "reversed" for ch in mine):
            when = next(
                e["date"] for e in events if e["person_id"] == sentence["person_id"] and e["event"] == "appeal_judgment"
            )
            sentences.append({**sentence, "decision": "vacated", "date": when, "imprisonment_months": ""})
    comparators = [
        {
            "tribunal": "ICTY",
            "metric": "accused_indicted",
            "label": "Accused indicted",
            "value": 161,
            "unit": "persons",
            "refers_to": "2017-12-21",
            "definition": "Persons indicted.",
            "source_id": "synthetic",
        }
    ]
    tables = {
        "persons": persons,
        "events": events,
        "charges": charges,
        "sentences": sentences,
        "sources": sources,
        "comparators": comparators,
    }
    for res in package["resources"]:
        if res["name"] == "crimes":
            continue
        header = [f["name"] for f in res["schema"]["fields"]]
        _write(out / res["path"], tables.get(res["name"], []), header=header)
    return out


def _write(path: Path, rows: list[dict], header: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n", restval="")
        w.writeheader()
        w.writerows(rows)
