"""Build the staged tables of batch f-enforcement-2026 from the current data/ rows plus this batch's changes."""
import csv, io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
DATA = ROOT / "data"
OUT = Path(__file__).resolve().parent
OWNED = ["lubanga", "katanga", "al-mahdi", "ntaganda", "ongwen", "al-hassan", "kilolo", "mangenda",
         "babala", "arido", "abd-al-rahman", "yekatom", "ngaissona"]
ACC = "2026-12-02"


def read(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        return list(r.fieldnames), [dict(x) for x in r]


def write(name, header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    (OUT / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")


def find(rows, **kw):
    hits = [r for r in rows if all(r[k] == v for k, v in kw.items())]
    assert len(hits) == 1, (kw, len(hits))
    return hits[0]


def append(row, text):
    row["note"] = (row["note"].rstrip() + " " + text).strip()


# ---------------- events ----------------
eh, ev = read("events")
ev = [r for r in ev if r["person_id"] in OWNED]
ev.append({"person_id": "al-hassan", "event": "sentence_review", "date": "2025-07-23", "date_precision": "day",
           "source_id": "kaweru-2025-07-24-al-hassan-sentence-reduced", "alt_source_id": "",
           "note": ("Art 110 review by a panel of three Appeals Chamber judges (presided by Judge Ibáñez Carranza, "
                    "africapresse-2025-07-al-hassan-release-2027): sentence reduced by one year, from 10 to 9 years; "
                    "release set for 28 March 2027, after the cut-off. The panel weighed his not appealing the "
                    "conviction, his apology and the views of Mali and the victims. The defence had asked for a "
                    "reduction on 12 March 2025 and Mali opposed it (wavn-2025-al-hassan-early-release-request). "
                    "Same outcome in AFP (malikonews-2025-07-al-hassan-sentence-reduced) and the FIDH statement of "
                    "19 Sep 2025 (fidh-2025-09-19-al-hassan-reparations-hearing). Reported by the press and an NGO "
                    "only in the sources seen: the Court's decision and press release were not read.")})
conn = ("The ICC communique reproduced by Connection Ivoirienne on 23 Oct 2014 "
        "(connectionivoirienne-2014-10-23-art70-releases) says that, after the Appeals Chamber refused on 22 Oct "
        "2014 to give the Prosecutor's appeal suspensive effect, Kilolo, Arido and Babala had been released from "
        "ICC custody (to Belgium, France and the DRC), Mangenda's release to follow once the Registry had made "
        "arrangements; it gives no day.")
for p in ("kilolo", "babala", "arido"):
    append(find(ev, person_id=p, event="released"), conn)
ev.sort(key=lambda r: (OWNED.index(r["person_id"]), r["date"], r["event"]))
write("events", eh, ev)

# ---------------- sentences ----------------
sh, se = read("sentences")
se = [r for r in se if r["person_id"] in OWNED]
se.append({"person_id": "al-hassan", "decision": "sentence_review", "date": "2025-07-23", "imprisonment_months": "108",
           "fine_eur": "", "suspended": "no", "source_id": "kaweru-2025-07-24-al-hassan-sentence-reduced",
           "note": ("Art 110 review: reduced by 12 months (120 to 108); release date 28 March 2027 (after the "
                    "cut-off), i.e. nine years from the start of the credited detention on 28 March 2018. Press "
                    "(kaweru, AFP via malikonews-2025-07-al-hassan-sentence-reduced, africapresse-2025-07-al-hassan-release-2027) "
                    "and FIDH (fidh-2025-09-19-al-hassan-reparations-hearing) agree; the Court's own decision was not "
                    "read. No State of enforcement designated and no transfer found up to 2026-06-30: in Dec 2024 the "
                    "Court said he would stay in the ICC detention centre until one is designated "
                    "(miragenews-2024-12-17-al-hassan-appeals-dropped).")})
append(find(se, person_id="katanga", decision="sentence_review", date="2015-11-13"),
       ("Enforcement: transferred to a prison in Kinshasa, DRC, on 19 Dec 2015 to serve the rest "
        "(xinhua-2015-12-21-lubanga-katanga-transfer). The ICC sentence ended on 18 Jan 2016 but the DRC kept him in "
        "custody on national charges (icc-katanga-defence-2016-01-22-drc-detention); his national trial before the "
        "military High Court opened in Feb 2016 (afriwave-2020-03-17-katanga-released). The press reports that he "
        "left Makala prison in Kinshasa on Monday 16 Mar 2020, the day after Lubanga, on grounds not made public "
        "(actualite-2020-03-16-katanga-released; AFP via afriwave). Not a release from ICC custody, so no released event."))
append(find(se, person_id="lubanga", decision="sentence_review", date="2017-11-03"),
       ("Enforcement: transferred on 19 Dec 2015 to a prison in the DRC to serve the rest of the sentence "
        "(xinhua-2015-12-21-lubanga-katanga-transfer); final release on 15 Mar 2020 (events, icc-cases-drc-convicted)."))
append(find(se, person_id="al-mahdi", decision="sentence_review", date="2021-11-25"),
       ("Enforcement: transferred on 29 Aug 2018 to a prison in Scotland, United Kingdom; the Presidency announced "
        "it only on 3 May 2019, for his safety (icc-pr-2019-05-03-al-mahdi-transfer-uk). Released on 18 Sep 2022 (events)."))
append(find(se, person_id="ntaganda", decision="appeal_sentence", date="2021-03-30"),
       ("Enforcement: transferred on 14 Dec 2022 to a Belgian prison (Leuze-en-Hainaut) to serve the sentence "
        "(icc-pr-2022-12-14-ntaganda-belgium). No Art 110 review decision found up to 2026-06-30."))
append(find(se, person_id="ongwen", decision="appeal_sentence", date="2022-12-15"),
       ("Enforcement: the Presidency designated Norway as State of enforcement on 9 Nov 2023 and he was transferred "
        "to a Norwegian prison on 18 Dec 2023 (icc-pr-2023-12-18-ongwen-norway, which calls him the fifth person "
        "the Court has transferred to a State to serve a sentence). No Art 110 review decision found up to 2026-06-30."))
append(find(se, person_id="abd-al-rahman", decision="trial_sentence", date="2025-12-09"),
       ("The Court said he would stay in the ICC detention centre until a State of enforcement is designated "
        "(prokurator-2025-12-09-abd-al-rahman-sentence); no designation found up to 2026-06-30."))
se.sort(key=lambda r: (OWNED.index(r["person_id"]), r["date"], r["decision"]))
write("sentences", sh, se)

# ---------------- gaps ----------------
gh, ga = read("gaps")
ga = [r for r in ga if r["person_id"] in OWNED]
find(ga, person_id="katanga", table="events", field="released")["description"] = (
    "No released row. His ICC sentence ended on 18 Jan 2016 while he was in a DRC prison (transferred 19 Dec 2015), "
    "and the DRC kept him in custody on national charges (icc-katanga-defence-2016-01-22-drc-detention), so he did "
    "not leave custody when the ICC sentence ended. The press reports his release from Makala prison, Kinshasa, on "
    "16 Mar 2020 (actualite-2020-03-16-katanga-released; afriwave-2020-03-17-katanga-released), a release from "
    "national custody whose grounds were not made public. The event vocabulary has no code for either step (lead to "
    "decide). The Court's own record of the completion (a Presidency decision or statement) was not seen.")
for p in ("kilolo", "babala"):
    find(ga, person_id=p, table="events", field="released")["description"] = (
        "The exact day of release after the 21 October 2014 order (22 or 23 October 2014) is uncertain, so the row "
        "uses month precision. The ICC communique reproduced on 23 Oct 2014 "
        "(connectionivoirienne-2014-10-23-art70-releases) confirms the release after the Appeals Chamber ruling of "
        "22 Oct but gives no day. Settled by the Registry's report on the implementation of the release order.")
g = find(ga, person_id="mangenda", table="events", field="released")
g["description"] = g["description"].rstrip() + (
    " As of 13 Nov 2014 he was still held (7sur7-2014-11-13-mangenda-visa: UK letter of 22 Oct 2014 revoking his "
    "visa); the ICC communique of 23 Oct 2014 said his release would follow once the Registry had made arrangements "
    "(connectionivoirienne-2014-10-23-art70-releases). One further search in this pass (2026-12-02) found no date.")
g = find(ga, person_id="abd-al-rahman", table="events", field="appeal_judgment")
g["description"] = g["description"].rstrip() + (
    " A further sweep on 2026-12-02 (pages corpus; appeal hearing, sentence appeal, 2026) found nothing later than "
    "the release of 9 Dec 2025.")
g = find(ga, person_id="yekatom", table="charges", field="appeal")
g["description"] = g["description"].rstrip() + (
    " A sweep on 2026-12-02 (pages corpus, English and French: appeal hearing, notices of appeal, 2026) found no "
    "appeal filing, hearing or judgment; only the 2025 defence announcement for Ngaissona (izuba).")
g = find(ga, person_id="ngaissona", table="charges", field="appeal")
g["description"] = g["description"].rstrip() + (
    " A sweep on 2026-12-02 (pages corpus, English and French) found no appeal hearing or judgment up to 2026-06-30.")
ga += [
    {"person_id": "al-hassan", "table": "events", "field": "sentence_review",
     "description": ("The Art 110 decision of 23 Jul 2025 (sentence cut by 12 months, release 28 Mar 2027) rests on "
                     "press reports (Kaweru, AFP via Maliko News, Africa Presse) and an FIDH statement; the decision "
                     "itself, its document number and the Court's press release were not seen (three searches). "
                     "Settled by the Appeals Chamber panel's decision on the review concerning reduction of sentence.")},
    {"person_id": "al-hassan", "table": "sentences", "field": "enforcement",
     "description": ("No Presidency decision designating a State of enforcement, and no transfer out of the ICC "
                     "detention centre, found up to 2026-06-30 (two searches). Settled by a Presidency decision under "
                     "article 103 or an ICC press release on his transfer.")},
    {"person_id": "abd-al-rahman", "table": "sentences", "field": "enforcement",
     "description": ("Sentence not final (defence appeal against conviction pending); the Court said he stays in ICC "
                     "detention until a State is designated. No designation or transfer found up to 2026-06-30.")},
    {"person_id": "yekatom", "table": "sentences", "field": "enforcement",
     "description": ("Sentence of 24 Jul 2025 not final (appeals reported); no State of enforcement designated and "
                     "no transfer found up to 2026-06-30.")},
    {"person_id": "ngaissona", "table": "sentences", "field": "enforcement",
     "description": ("Sentence of 24 Jul 2025 not final (defence appeal reported); no State of enforcement designated "
                     "and no transfer found up to 2026-06-30.")},
]
ga.sort(key=lambda r: OWNED.index(r["person_id"]))
write("gaps", gh, ga)

# ---------------- sources ----------------
srh, _ = read("sources")
new = [
    ("kaweru-2025-07-24-al-hassan-sentence-reduced",
     "Mali-CPI: Al Hassan to be released early in March 2027 (review of Wednesday 23 July 2025 cut the sentence by one year)",
     "Kaweru", "press", "", "2025-07-24",
     "https://www.kaweru.com/politique-societe/2025/07/24/mali-cpi-al-hassan-beneficiera-dune-liberation-anticipee-en-mars-2027"),
    ("malikonews-2025-07-al-hassan-sentence-reduced",
     "ICC cuts the sentence of a Malian jihadist who did not appeal by one year; release in March 2027 instead of 2028 (AFP)",
     "Maliko News (AFP)", "press", "", "",
     "https://malikonews.com/cpi-un-chef-jihadiste-malien-renonce-a-faire-appel-sa-peine-reduite-dun-an"),
    ("africapresse-2025-07-al-hassan-release-2027",
     "Al Hassan to be freed in 2027: ICC cuts the Timbuktu official's sentence by one year (decision of 23 July 2025, panel presided by Judge Ibáñez Carranza)",
     "Africa Presse", "press", "", "",
     "https://africapresse.com/al-hassan-libere-en-2027-la-cpi-reduit-dun-an-la-peine-du-responsable-de-tombouctou"),
    ("wavn-2025-al-hassan-early-release-request",
     "Malian authorities oppose Al Hassan's early release bid (defence article 110 request of 12 March 2025)",
     "WAVN", "press", "", "",
     "https://www.wavn.org/malian-authorities-oppose-early-release-of-convicted-war-criminal-al-hassan-urges-icc-to-reject-request/"),
    ("actualite-2020-03-16-katanga-released",
     "DRC: former warlord Germain Katanga leaves prison in Kinshasa (Monday 16 March 2020)",
     "Actualite.cd", "press", "", "2020-03-16",
     "https://actualite.cd/2020/03/16/rdc-lex-chef-de-guerre-germain-katanga-est-sorti-de-prison-kinshasa"),
    ("afriwave-2020-03-17-katanga-released",
     "DRC: a second former warlord convicted by the ICC released in Kinshasa (Africanews/AFP)",
     "Afriwave (Africanews, AFP)", "press", "", "2020-03-17",
     "https://afriwave.com/2020/03/17/rdc-un-2eme-ex-chef-de-guerre-condamne-par-la-cpi-libere-a-kinshasa/amp"),
    ("connectionivoirienne-2014-10-23-art70-releases",
     "ICC communique reproduced: Appeals Chamber refuses suspensive effect (22 Oct 2014); Kilolo, Arido and Babala released, Mangenda's release pending",
     "International Criminal Court (copy on Connection Ivoirienne)", "court", "", "2014-10-23",
     "https://connectionivoirienne.net/2014/10/23/appel-contre-liberte-provisoire-4-suspects-bensouda-deboutee-affaire-bemba"),
    ("7sur7-2014-11-13-mangenda-visa",
     "A Bemba lawyer declared persona non grata in the United Kingdom (Mangenda still in ICC detention)",
     "7sur7.cd", "press", "", "2014-11-13",
     "https://7sur7.cd/index.php/avocat-bemba-declare-persona-grata-au-royaume-uni"),
    ("prokurator-2025-12-09-abd-al-rahman-sentence",
     "ICC sentences Abd-Al-Rahman to 20 years; he remains in the ICC detention centre until a State of enforcement is designated",
     "prokurator.eu", "press", "", "2025-12-09", "https://prokurator.eu/?p=3093"),
]
rows = [dict(zip(["source_id", "title", "publisher", "kind", "document_number", "date", "url"], n), accessed=ACC) for n in new]
write("sources", srh, rows)

(OUT / "owned.txt").write_text("\n".join(OWNED) + "\n", encoding="utf-8")
