"""Build the staged tables of batch g-victims-finality from the current data/ rows.

Run from the project root: python3 docs/research/2026-12-02/g-victims-finality/build.py
Owned persons: bett, gicheru, al-bashir, hussein, dela-rosa (persons, events, gaps are copied
whole for them, then edited). Owned cases (victims): see OWNED_CASES.
"""

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
DATA = ROOT / "data"
OUT = Path(__file__).resolve().parent
ACC = "2026-12-02"

OWNED = ["bett", "gicheru", "al-bashir", "hussein", "dela-rosa"]
OWNED_CASES = [
    "ICC-02/11-01/15",  # Gbagbo and Blé Goudé
    "ICC-01/09-01/11",  # Ruto and Sang
    "ICC-01/09-02/11",  # Kenyatta (Muthaura, Ali)
    "ICC-01/04-01/10",  # Mbarushimana
    "ICC-02/05-02/09",  # Abu Garda
    "ICC-01/04-02/06",  # Ntaganda (also owned by d-reparations: rows here are a superset)
    "ICC-01/12-01/15",  # Al Mahdi (also owned by d-reparations: data has no row for it)
    "ICC-01/05-01/08",  # Bemba (also owned by d-reparations: same row, note extended)
]


def read(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        return list(r.fieldnames), list(r)


def write(path, header, rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({h: r.get(h, "") for h in header})
    path.write_text(out.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------- sources
S = []


def src(source_id, title, publisher, kind, url, date="", document_number=""):
    S.append(dict(source_id=source_id, title=title, publisher=publisher, kind=kind,
                  document_number=document_number, date=date, url=url, accessed=ACC))


src("icc-pr-2014-06-25-katanga-appeals-discontinued",
    "Defence and Prosecution discontinue respective appeals against judgment in Katanga case (ICC press release of 25 June 2014, reproduced)",
    "International Criminal Court (copy on African Press International)", "court",
    "https://africanpress.wordpress.com/2014/07/12/defence-and-prosecution-discontinue-respective-appeals-against-judgment-in-katanga-case/",
    "2014-06-25")
src("icc-otp-2014-06-25-katanga-discontinuance",
    "Statement of the Prosecutor, Fatou Bensouda, on Germain Katanga's notice of discontinuance of his appeal against his judgment of conviction",
    "International Criminal Court (Office of the Prosecutor)", "court",
    "https://www.icc-cpi.int/news/statement-prosecutor-international-criminal-court-fatou-bensouda-germain-katangas-notice",
    "2014-06-25")
src("ijm-2014-06-no-appeal-katanga", "No appeal in Katanga case", "International Justice Monitor", "ngo",
    "https://ijmonitor.org/2014/06/no-appeal-in-katanga-case", "2014-06-25")
src("ijm-2016-01-gbagbo-goude-lrv-726",
    "Lawyer: victims of Ivory Coast violence place their hopes in ICC (legal representative speaks for 726 victims)",
    "International Justice Monitor", "ngo",
    "https://www.ijmonitor.org/2016/01/lawyer-victims-of-ivory-coast-violence-place-their-hopes-in-icc/")
src("afp-2013-11-ruto-sang-628-victims",
    "ICC says 20 victims leave case against Kenya's Ruto (AFP; ICC spokesman: some 628 victims represented)",
    "Business Standard (AFP)", "press",
    "https://www.business-standard.com/amp/article/pti-stories/icc-says-20-victims-leave-case-against-kenya-s-ruto-113111500059_1.html",
    "2013-11-15")
src("cicc-2011-09-ruto-kosgey-sang-confirmation-summary",
    "Ruto, Kosgey & Sang: informal summary of the confirmation of charges hearing, 1-8 September 2011 (327 victims participating)",
    "Coalition for the International Criminal Court (copy on docsbay.net)", "ngo",
    "https://docsbay.net/ruto-kosgey-sang")
src("standardmedia-kenyatta-154-new-victims",
    "154 new victims join Hague case against President Uhuru Kenyatta (11th periodic report: 725 victims verified within the scope of the case)",
    "The Standard (Kenya)", "press",
    "http://www.standardmedia.co.ke/article/2000136080/154-new-victims-join-hague-case-against-president-uhuru-kenyatta")
src("justiceinfo-2011-09-13-mbarushimana-victims",
    "ICC/Mbarushimana: Registrar flooded with victims' requests (130 victims allowed to participate before the confirmation hearing)",
    "JusticeInfo.net (Hirondelle News Agency)", "press",
    "https://www.justiceinfo.net/en/23745-en-en-130911-iccmbarushimana-registrar-flooded-with-victims-requests1456014560.html",
    "2011-09-13")
src("icc-pr-2009-10-30-abu-garda-hearing-ends",
    "The hearing on the confirmation of charges in the Abu Garda case ends today, 30 October 2009 (78 victims authorised to participate)",
    "International Criminal Court", "court",
    "https://www.icc-cpi.int/news/hearing-confirmation-charges-abu-garda-case-ends-today-30-october-2009",
    "2009-10-30", "ICC-CPI-20091030-PR470")
src("pressenza-2019-07-ntaganda-verdict-2123",
    "Il Tribunale penale internazionale giudica colpevole l'ex ribelle congolese Bosco Ntaganda (2,123 victims took part in the trial)",
    "Pressenza", "press",
    "https://www.pressenza.com/it/2019/07/il-tribunale-penale-internazionale-giudica-colpevole-lex-ribelle-congolese-bosco-ntaganda/",)
src("actualite-2021-03-08-ntaganda-reparations-2123",
    "CPI/Affaire Ntaganda: l'ordonnance de reparation aux victimes attendue ce lundi (2,123 victims took part in the trial)",
    "Actualite.cd", "press",
    "https://actualite.cd/2021/03/08/cpiaffaire-ntaganda-lordonnance-de-reparation-aux-victimes-attendue-ce-lundi",
    "2021-03-08")
src("icc-lrv-2016-08-17-al-mahdi-disclosure-request",
    "Al Mahdi: request by the Legal Representative of Victims (Mayombo Kassongo) for disclosure of redacted participation applications, 17 August 2016 (recalls that three victims were authorised on 8 June 2016)",
    "International Criminal Court (filing in ICC-01/12-01/15; copy on 123dok)", "court",
    "https://123dok.net/document/zpnm4mlr-chambre-premi%C3%A8re-instance-viii-pangalangan-unique-situation-republique.html",
    "2016-08-17")
src("fidh-2016-03-bemba-verdict-5229",
    "21 March: ICC to issue long-awaited verdict in trial against Jean-Pierre Bemba (5,229 victims granted participating status)",
    "FIDH (via The Nigerian Voice)", "ngo",
    "https://www.thenigerianvoice.com/movie/209997/21-march-icc-to-issue-long-awaited-verdict-in-trial-agains.html",)
src("pana-2018-06-ai-bemba-acquittal",
    "AI says Bemba's acquittal blow to victims (5,229 survivors participated)",
    "Panafrican News Agency (PANA)", "press",
    "http://www.panapress.com/Ai-says-Bemba-s-acquittal-blow-to-victims--12-630549530-135-lang4-index.html",
    "2018-06-08")
src("ijm-2018-02-kenyan-judge-icc-erred",
    "Kenyan judge says ICC erred in issuing arrest warrant for two Kenyans wanted in bribery case (High Court judgment of 16 November 2017)",
    "International Justice Monitor", "ngo",
    "https://www.ijmonitor.org/2018/02/kenyan-judge-says-icc-erred-in-issuing-arrest-warrant-for-two-kenyans-wanted-in-bribery-case/",)
src("kenyans-high-court-quashes-icc-orders",
    "High Court quashes ICC orders (Judge Kimaru dismisses the application to execute the warrant and lifts the court's warrant of arrest)",
    "Kenyans.co.ke", "press", "https://www.kenyans.co.ke/news/27163-high-court-quashes-icc-orders")
src("standardmedia-lawyers-off-icc-hook",
    "Lawyers Paul Gicheru and Philip Bett off ICC hook (High Court dismisses the extradition application)",
    "The Standard (Kenya)", "press",
    "https://www.standardmedia.co.ke/counties/article/2001260514/lawyers-wanted-by-icc-off-the-hook")
src("ahram-ap-2023-04-26-bashir-hussein-aliyaa",
    "Former President al-Bashir in military hospital: Sudanese army (AP; Bashir and Abdel-Rahim Muhammad Hussein moved to Aliyaa hospital before 15 April)",
    "Ahram Online (AP)", "press",
    "https://english.ahram.org.eg/NewsContent/2/8/496456/World/Region/Former-President-alBashir-in-military-hospital-Sud.aspx",
    "2023-04-26")
src("theeastafrican-2024-09-24-bashir-hussein-merowe",
    "Sudan's Bashir moved to northern town for treatment, lawyer says (Reuters; Hussein transferred to Merowe with him)",
    "The EastAfrican (Reuters)", "press",
    "https://theeastafrican.co.ke/tea/rest-of-africa/sudan-bashir-moved-to-northern-town-for-treatment-lawyer-4774172?view=htmlamp",
    "2024-09-24")
src("imarabic-icc-asks-whereabouts-bashir-haroun-hussein",
    "The ICC demands the disclosure of Bashir and Haroun's whereabouts (OTP adviser in Kampala: the three suspects are still at large; via Al-Taghyeer)",
    "IM Arabic (English edition)", "press",
    "https://en.imarabic.com/amidst-the-crimes-of-the-muslim-brotherhood-in-sudan-the-icc-demands-the-disclosure-of-bashir-and-harouns-whereabouts")
src("mb-2026-05-11-senate-protective-custody-dela-rosa",
    "Senate grants Bato dela Rosa protective custody (NBI operatives tasked to serve the ICC warrant)",
    "Manila Bulletin", "press",
    "https://mb.com.ph/2026/05/11/senate-grants-bato-dela-rosa-protective-custody", "2026-05-11")
src("mb-2026-05-14-nbi-bato-escape-rumors",
    "Don't look at us, NBI chief says amid rumors of Bato 'escape'",
    "Manila Bulletin", "press",
    "https://mb.com.ph/2026/05/14/dont-look-at-us-nbi-chief-says-amid-rumors-of-bato-escape", "2026-05-14")
src("mb-2026-05-24-nbi-bato-escape",
    "Senate should not be a shelter for fugitives, NBI says after Bato's 'escape'",
    "Manila Bulletin", "press",
    "https://mb.com.ph/2026/05/24/senate-should-not-be-a-shelter-for-fugitives-nbi-says-after-batos-escape",
    "2026-05-24")
src("philstar-tags-human-rights-2026-05",
    "Philstar tag page 'human rights' (items of 24 May 2026: PNP chief urges Bato to surrender amid an operation to track him; 26 May 2026: concurring opinion against a TRO for dela Rosa)",
    "The Philippine Star", "press", "https://qa.philstar.com/tags/human-rights")

# ---------------------------------------------------------------- victims
vh, vrows = read("victims")
victims = [r for r in vrows if r["case_id"] in OWNED_CASES]
for r in victims:
    if r["case_id"] == "ICC-01/05-01/08" and r["victims"] == "5229":
        r["note"] += (" Same figure in FIDH before the trial judgment (fidh-2016-03-bemba-verdict-5229: 5,229 granted"
                      " participating status in the trial) and Amnesty International after the acquittal"
                      " (pana-2018-06-ai-bemba-acquittal); the Court's own statement of the number was not seen in this pass.")


def vic(case_id, stage, n, date, prec, source_id, note):
    victims.append(dict(case_id=case_id, stage=stage, victims=str(n), date=date, date_precision=prec,
                        source_id=source_id, note=note))


vic("ICC-02/11-01/15", "trial", 726, "2016-01-01", "month", "ijm-2016-01-gbagbo-goude-lrv-726",
    "Joint Gbagbo and Blé Goudé trial: victims represented by the OPCV's Paolina Massidda, as stated when she made the victims' "
    "opening statement on the second day of the trial (opened 28 January 2016). Pre-trial figures belong to the two cases "
    "before joinder (ICC-02/11-01/11, ICC-02/11-02/11) and are not recorded here.")
vic("ICC-01/09-01/11", "pre_trial", 327, "2011-09-01", "day", "cicc-2011-09-ruto-kosgey-sang-confirmation-summary",
    "Victims participating in the confirmation of charges hearing of Ruto, Kosgey and Sang (1-8 September 2011), "
    "represented by Sureta Chana (NGO informal summary of the hearing).")
vic("ICC-01/09-01/11", "trial", 628, "2013-11-01", "month", "afp-2013-11-ruto-sang-628-victims",
    "Ruto and Sang trial: about 628 victims to be represented by the common legal representative Wilfred Nderitu, per the "
    "ICC spokesman quoted by AFP in mid-November 2013, when 20 victims had withdrawn. Press only.")
vic("ICC-01/09-02/11", "trial", 725, "2014-01-01", "year",  "standardmedia-kenyatta-154-new-victims",
    "Kenyatta case (Muthaura's charges had been withdrawn in March 2013): victims verified as within the scope of the case "
    "by the common legal representative (Fergal Gaynor), as the 11th periodic report on victims put it, after 154 new "
    "victims were admitted. The article is undated in the copy seen; it is placed in 2014 because it refers to the "
    "Prosecutor's admission that the evidence was insufficient (December 2013) and to a case still pending (terminated "
    "March 2015), so the year is an inference (see gaps_general). Under the Kenya scheme victims registered with the "
    "common legal representative rather than applying individually.")
vic("ICC-01/04-01/10", "pre_trial", 130, "2011-09-13", "day", "justiceinfo-2011-09-13-mbarushimana-victims",
    "Victims allowed to participate in the Mbarushimana confirmation hearing (16-21 September 2011) as of 13 September 2011, "
    "represented by Ghislain Mabanga and Mayombo Kassongo; REDRESS said at least 470 further applications had not been "
    "processed. The charges were not confirmed, so there was no trial stage.")
vic("ICC-02/05-02/09", "pre_trial", 78, "2009-10-30", "day", "icc-pr-2009-10-30-abu-garda-hearing-ends",
    "Victims authorised to participate in the Abu Garda confirmation hearing (19-30 October 2009), represented by four "
    "legal representatives. The charges were not confirmed (February 2010).")
vic("ICC-01/04-02/06", "trial", 2123, "2019-07-01", "month", "pressenza-2019-07-ntaganda-verdict-2123",
    "Victims who took part in the Ntaganda trial, as reported after the judgment of 8 July 2019 (press); the same figure in "
    "actualite-2021-03-08-ntaganda-reparations-2123. A figure of 2,129 was not found in any source seen; the Court's own "
    "figure (case information sheet or judgment) was not read.")
vic("ICC-01/12-01/15", "trial", 3, "2016-06-08", "day", "icc-lrv-2016-08-17-al-mahdi-disclosure-request",
    "Trial Chamber VIII authorised three victims to participate on 8 June 2016 and set a deadline for further applications, "
    "as the Legal Representative of Victims recalls in his filing of 17 August 2016. Whether more were authorised before "
    "the trial (22-24 August 2016) was not verified.")
victims.sort(key=lambda r: (r["case_id"], r["stage"], r["date"]))
write(OUT / "victims.csv", vh, victims)
(OUT / "owned_cases.txt").write_text("\n".join(OWNED_CASES) + "\n", encoding="utf-8")

# ---------------------------------------------------------------- persons
ph, prows = read("persons")
persons = [r for r in prows if r["person_id"] in OWNED]
for r in persons:
    pid = r["person_id"]
    if pid == "bett":
        r["note"] = r["note"].replace(
            "(ijm-2017-07-bett-challenges-warrant speaks of national proceedings;",
            "(ijm-2017-07-bett-challenges-warrant speaks of national proceedings; on 16 Nov 2017 the High Court refused to "
            "execute the ICC warrant and lifted its own warrant of arrest, national_release row;")
    if pid == "gicheru":
        r["note"] += (" Arrested by the Kenyan police on 30 Jul 2015 on the ICC request; on 16 Nov 2017 the Kenyan High Court "
                      "refused to execute the ICC warrant and lifted its own warrant of arrest (national_release row).")
    if pid in ("al-bashir", "hussein"):
        r["note"] += ((" Per his lawyer (Reuters, Sept 2024) moved with Hussein from an army base in Omdurman to Merowe"
                       " for medical treatment" if pid == "al-bashir" else
                       " Per Bashir's lawyer (Reuters, Sept 2024) transferred with Bashir to Merowe for treatment")
                      + "; still held by the Sudanese military in the sources seen, not released or surrendered.")
    if pid == "dela-rosa":
        r["note"] = r["note"].replace(
            "Not in ICC custody at the cut-off as far as found.",
            "Not in ICC custody at the cut-off as far as found: on 11 May 2026, when National Bureau of Investigation agents "
            "came to serve the ICC warrant, the Senate placed him under its 'protective custody' (not an arrest; "
            "mb-2026-05-11-senate-protective-custody-dela-rosa); he left the Senate premises within days and by 24 May "
            "2026 the NBI spoke of his escape and the PNP chief urged him to surrender while police tried to track him "
            "(mb-2026-05-14-nbi-bato-escape-rumors, mb-2026-05-24-nbi-bato-escape, philstar-tags-human-rights-2026-05). "
            "Nothing later than 26 May 2026 was found.")
write(OUT / "persons.csv", ph, persons)

# ---------------------------------------------------------------- events
eh, erows = read("events")
events = [r for r in erows if r["person_id"] in OWNED]
for r in events:
    pid, ev = r["person_id"], r["event"]
    if ev == "national_arrest" and pid == "bett":
        r["note"] = r["note"].replace(
            "Never surrendered; the date of his release by the Kenyan authorities was not found.",
            "Never surrendered. The day he left Kenyan custody after this arrest was not found; the Kenyan proceedings "
            "ended with the High Court judgment of 16 Nov 2017 (national_release row).")
    if ev == "national_arrest" and pid == "gicheru" and r["date"] == "2015-07-30":
        r["note"] = r["note"].replace(
            "not surrendered then. The date of his release by the Kenyan authorities was not found.",
            "not surrendered then. The day he left Kenyan custody after this arrest was not found; the Kenyan proceedings "
            "ended with the High Court judgment of 16 Nov 2017 (national_release row).")
    if ev == "national_arrest" and pid == "al-bashir":
        r["note"] = r["note"].replace(
            "In April 2023 the army said he was in the Alia military hospital under judicial police guard (africanews-2023-04-26-haroun-escapes-bashir-hospital); his custody after that not verified.",
            "In April 2023 the army said he had been moved, with Abdel Raheem Muhammad Hussein, to the Aliyaa military "
            "hospital before the fighting of 15 April and was under guard (africanews-2023-04-26-haroun-escapes-bashir-hospital; "
            "ahram-ap-2023-04-26-bashir-hussein-aliyaa). In September 2024 his lawyer said he had been moved from an army "
            "base in Omdurman to a detention centre in Merowe for treatment (theeastafrican-2024-09-24-bashir-hussein-merowe), "
            "so he remained in military custody; an OTP adviser described the three Darfur suspects as still at large, i.e. "
            "not surrendered (imarabic-icc-asks-whereabouts-bashir-haroun-hussein, undated; it refers to the war begun in April of the previous year). No national_release. "
            "Reported by the press only.")
    if ev == "national_arrest" and pid == "hussein":
        r["note"] = r["note"].replace(
            "Whereabouts after April 2023 not verified.",
            "After the April 2023 fighting the army said he and Bashir had been moved to the Aliyaa military hospital before "
            "15 April (ahram-ap-2023-04-26-bashir-hussein-aliyaa); in September 2024 Bashir's lawyer said Hussein had been "
            "transferred with Bashir to Merowe for heart treatment (theeastafrican-2024-09-24-bashir-hussein-merowe), so he "
            "remained in military custody in the sources seen. No national_release.")
        r["alt_source_id"] = r["alt_source_id"] or "justiceinfo-2023-kober-icc-suspects"
for pid in ("bett", "gicheru"):
    events.append(dict(
        person_id=pid, event="national_release", date="2017-11-16", date_precision="day",
        source_id="ijm-2018-02-kenyan-judge-icc-erred", alt_source_id="kenyans-high-court-quashes-icc-orders",
        note=("End of the Kenyan proceedings on the ICC request: in a judgment of 16 November 2017 (published online only "
              "in early 2018) Judge Luka Kimaru of the High Court dismissed the government's application to execute the ICC "
              "warrant against Gicheru and Bett and lifted the warrant of arrest the High Court had issued against them "
              "(kenyans-high-court-quashes-icc-orders; standardmedia-lawyers-off-icc-hook). This dates the end of national "
              "custody in law, not the day he left physical custody after the arrest of 30 July 2015, which was not found "
              "(the application was still being argued before the High Court in July 2017, ijm-2017-07-bett-challenges-warrant). "
              "Reported by monitors and the press; the Kenyan judgment itself was not read.")))
events.sort(key=lambda r: (r["person_id"], r["date"], r["event"]))
write(OUT / "events.csv", eh, events)

# ---------------------------------------------------------------- gaps
gh, grows = read("gaps")
gaps = []
for r in grows:
    pid = r["person_id"]
    if pid not in OWNED:
        continue
    if pid in ("bett", "gicheru") and r["table"] == "events" and r["field"] == "national_release":
        r["description"] = ("Arrested by the Kenyan police on 30 Jul 2015 on the ICC request; the day he was freed (bond or "
                            "court order) after that arrest was not found. The national_release row uses the High Court "
                            "judgment of 16 Nov 2017 that lifted the Kenyan warrant. Settled by the Kenyan court record "
                            "(Misc. application by the DPP, High Court, Nairobi, 2015) or the PTC II order of 10 Sep 2015.")
    if pid == "al-bashir" and r["table"] == "events" and r["field"] == "national_release":
        r["description"] = ("No release or surrender found: army statement of 26 Apr 2023 (Aliyaa military hospital) and his "
                            "lawyer in Sept 2024 (moved to Merowe) both place him in military custody. His custody status "
                            "at the cut-off (2026-06-30) was not found; a Prosecutor's report to the Security Council or a "
                            "Sudanese government statement would settle it.")
    if pid == "hussein" and r["table"] == "events" and r["field"] == "national_release":
        r["description"] = ("No release or surrender found: the army (AP, 26 Apr 2023) named him with Bashir among those moved "
                            "to the Aliyaa military hospital, and Bashir's lawyer said in Sept 2024 he was moved with Bashir "
                            "to Merowe. His custody status at the cut-off (2026-06-30) was not found; a Prosecutor's report "
                            "to the Security Council would settle it.")
    if pid == "dela-rosa" and r["table"] == "events" and r["field"] == "national_arrest":
        r["description"] = ("No arrest or surrender found between the unsealing (11 May 2026) and the cut-off. The Senate's "
                            "'protective custody' of 11 May 2026 (granted as NBI agents came to serve the warrant) is not "
                            "recorded as a national_arrest: it shielded him from arrest. He left the Senate within days and "
                            "was being sought on 24 May 2026; nothing later than 26 May was found. Philippine government "
                            "statements or the ICC case page for June 2026 would settle his status at the cut-off.")
    gaps.append(r)
write(OUT / "gaps.csv", gh, gaps)

gen = [
    dict(person_id="", table="victims", field="victims",
         description=("Said (ICC-01/14-01/21 per the brief, not verified): no victims row can be written because the case "
                      "number is not in persons.csv; no participating-victims figure was searched. The case information "
                      "sheet would settle both.")),
    dict(person_id="", table="victims", field="victims",
         description=("Ngudjolo after severance (ICC-01/04-02/12): no figure of participating victims found for the appeal "
                      "stage (the 2015 appeal judgment lists legal representatives Gilissen and Nsita Luvengika, no number). "
                      "The rows under ICC-01/04-01/07 (345 in 2009, 363 in 2011) are for the joint Katanga/Ngudjolo trial and "
                      "so cover both accused up to the severance of 21 Nov 2012. Settled by the Ngudjolo trial judgment "
                      "(18 Dec 2012) or the appeal judgment ICC-01/04-02/12-271-Corr.")),
    dict(person_id="", table="victims", field="date",
         description=("ICC-01/09-02/11 (Kenyatta): the 725 victims row is dated 2014 (year) by inference from the article's "
                      "content; the date of the Registry's 11th periodic report on victims would settle it. No figure found "
                      "for the confirmation hearing of Muthaura, Kenyatta and Ali (Sept-Oct 2011).")),
    dict(person_id="", table="victims", field="victims",
         description=("Gbagbo and Blé Goudé: the victims authorised at the two confirmation stages belong to the cases "
                      "before joinder (ICC-02/11-01/11, ICC-02/11-02/11), which are not case_id values in persons.csv, so "
                      "they cannot be recorded; only the joint trial figure (726) is. Also not found: the number at the "
                      "end of the trial (acquittal of 15 Jan 2019).")),
    dict(person_id="", table="victims", field="victims",
         description=("Ntaganda trial: 2,123 (press, 2019 and 2021) recorded; the figure of about 2,129 mentioned in the "
                      "brief was not found. The case information sheet (icc-cis-ntaganda-2021) or trial judgment would "
                      "settle it. Al Mahdi: only the three victims authorised on 8 June 2016 are recorded; the final "
                      "number at trial would be settled by the case information sheet (icc-cis-al-mahdi) or judgment.")),
]
write(OUT / "gaps_general.csv", gh, gen)

# ---------------------------------------------------------------- appeal_discontinued (new table for the lead)
ad = [
    dict(person_id="katanga", date="2014-06-25", date_precision="day",
         source_id="icc-pr-2014-06-25-katanga-appeals-discontinued",
         note=("The Defence notified the Appeals Chamber that Katanga discontinued his appeal against the judgment of "
               "7 March 2014, accepted its findings and would not appeal the sentence of 23 May 2014; the Prosecutor then "
               "discontinued her appeal (which concerned the acquittals on rape and sexual slavery) and said she would not "
               "appeal the sentence. The Court said the judgment was final (ICC release); the Prosecutor called it the "
               "first final judgment of the Court (icc-otp-2014-06-25-katanga-discontinuance; also ijm-2014-06-no-appeal-katanga).")),
    dict(person_id="al-hassan", date="2024-12-17", date_precision="day",
         source_id="icc-otp-2024-12-17-al-hassan-appeals-discontinued",
         note=("Both the Defence and the Prosecution discontinued the appeals they had filed against the trial judgment of "
               "26 June 2024 (notices of 18 September 2024) and neither appealed the sentence of 20 November 2024; verdict "
               "and sentence final (ICC release copy miragenews-2024-12-17-al-hassan-appeals-dropped). Already in data/events.csv "
               "as an appeal_discontinued event; confirmed from the sources the data cites, not re-read in this pass.")),
]
write(OUT / "appeal_discontinued.csv", ["person_id", "date", "date_precision", "source_id", "note"], ad)

write(OUT / "sources.csv", read("sources")[0], S)
(OUT / "owned.txt").write_text("\n".join(OWNED) + "\n", encoding="utf-8")
print(len(victims), "victims rows;", len(events), "events;", len(gaps), "gaps;", len(S), "sources")
