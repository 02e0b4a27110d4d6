"""Recompute the ICC's 'The Court today' counts (17 Dec 2024) from data/persons.csv and data/events.csv.

Run from the project root: python3 docs/research/2026-12-02/e-comparators/reconcile_2024-12-17.py
Rules: a person counts once (same_person_as rows are folded into the main row); a warrant or
summons counts from its issue date, or, where a warrant_unsealed event follows it, from the
unsealing; custody from in_custody events after a warrant (for summons cases in_custody is the
first voluntary appearance); 'withdrawn on death' = warrant_withdrawn or proceedings_terminated
after a death event; at large = warrant public, never in custody, no death-termination/withdrawal.
"""
import csv
import sys
from collections import defaultdict

AS_OF = sys.argv[1] if len(sys.argv) > 1 else "2024-12-17"
persons = {r["person_id"]: r for r in csv.DictReader(open("data/persons.csv", encoding="utf-8"))}
ev = defaultdict(list)
for r in csv.DictReader(open("data/events.csv", encoding="utf-8")):
    ev[r["person_id"]].append(r)

def main_id(pid):
    return persons[pid]["same_person_as"] or pid

# the one person whose warrant_unsealed row belongs to a later warrant, not the first one
UNSEAL_OF_LATER_WARRANT = {"abd-al-rahman"}

def public_from(pid, kind):
    """Earliest date on which a warrant (kind='arrest_warrant') or summons of pid was public."""
    es = ev[pid]
    issued = sorted(e["date"] for e in es if e["event"] == kind)
    if not issued:
        return None
    unseal = sorted(e["date"] for e in es if e["event"] == "warrant_unsealed")
    first = issued[0]
    if unseal and unseal[0] > first and pid not in UNSEAL_OF_LATER_WARRANT:
        # sealed at issue: public from the unsealing, or from a later warrant issued publicly
        later = [d for d in issued if d > unseal[0]]
        return min([unseal[0]] + later)
    return first

rows = {}
for pid in persons:
    mid = main_id(pid)
    w = public_from(pid, "arrest_warrant")
    s = public_from(pid, "summons")
    d = lambda name: sorted(e["date"] for e in ev[pid] if e["event"] == name and e["date"] <= AS_OF)
    r = rows.setdefault(mid, {"warrant": None, "summons": None, "custody": [], "released": [], "death": [],
                              "terminated": [], "withdrawn": [], "charges_withdrawn": [], "ids": []})
    r["ids"].append(pid)
    for k, v in (("warrant", w), ("summons", s)):
        if v and (r[k] is None or v < r[k]):
            r[k] = v
    r["custody"] += d("in_custody"); r["released"] += d("released"); r["death"] += d("death")
    r["terminated"] += d("proceedings_terminated"); r["withdrawn"] += d("warrant_withdrawn")
    r["charges_withdrawn"] += d("charges_withdrawn")

W = {m for m, r in rows.items() if r["warrant"] and r["warrant"] <= AS_OF}
S = {m for m, r in rows.items() if r["summons"] and r["summons"] <= AS_OF}
S_only = S - W
# custody under a warrant: an in_custody date on/after the public warrant date or any in_custody for a warrant-only person
impl = {m for m in W if rows[m]["custody"] and not (m in S and min(rows[m]["custody"]) < rows[m]["warrant"])}
dead_end = {m for m in W if rows[m]["death"] and (rows[m]["terminated"] or rows[m]["withdrawn"])}
dead_open = {m for m in W if rows[m]["death"] and not (rows[m]["terminated"] or rows[m]["withdrawn"])}
withdrawn_alive = {m for m in W if rows[m]["withdrawn"] and not rows[m]["death"]}
at_large = W - impl - dead_end - dead_open - withdrawn_alive
in_custody_now = {m for m in impl if max(rows[m]["custody"]) > max(rows[m]["released"] or [""]) and not rows[m]["death"]}

def show(name, s):
    print(f"{name}: {len(s)}\n   " + ", ".join(sorted(s)))

show("persons with a public arrest warrant", W)
show("persons with a public summons", S)
show("  of whom also a warrant", S & W)
show("warrant persons ever in ICC custody (implemented)", impl)
show("warrant persons dead, proceedings ended/warrant withdrawn", dead_end)
show("warrant persons reported dead, proceedings not ended", dead_open)
show("warrant withdrawn, person alive", withdrawn_alive)
show("at large (public warrant, never in custody, not dead, not withdrawn)", at_large)
show("implemented AND dead with proceedings ended (counted in both)", impl & dead_end)
show("custody under a warrant, no release/death event by the date (NOT a detention count: transfers to serve a sentence abroad are not events)", in_custody_now)
n_warrant_rows = sum(1 for es in ev.values() for e in es if e["event"] == "arrest_warrant")
print("warrant rows in events.csv issued on/before date (incl. sealed):",
      sum(1 for es in ev.values() for e in es if e["event"] == "arrest_warrant" and e["date"] <= AS_OF))
sealed_incl = {main_id(p) for p, es in ev.items() for e in es if e["event"] == "arrest_warrant" and e["date"] <= AS_OF}
show("persons with a warrant issued on/before date, sealed included", sealed_incl)
show("  of whom the warrant was still sealed on the date", sealed_incl - W)
