# %% [markdown]
# # Case profile
#
# One person's case: what they were charged with, what happened at each stage, when, and on
# which public source each fact rests.

# %% tags=["parameters"]
as_of = None
sgbc_scope = "narrow"
unit = "charge"
situations = "all"
person_id = "al-hassan"

# %%
import html

import pandas as pd
from IPython.display import HTML, display

from justicegap import notebook as nb
from justicegap import vocab
from justicegap.analysis import liability, stages
from justicegap.analysis.sgbc import sgbc_crimes
from justicegap.context import EVENT_LABELS, QUALIFICATION_SHORT, SITUATION_LABELS, setup
from justicegap.figures import charts, style

ctx = setup(as_of=as_of, sgbc_scope=sgbc_scope, unit=unit, situations=situations, person_id=person_id)
one = ctx.ds.for_person(ctx.params.person_id)
person = one.persons.iloc[0]
events = one.events[one.events["date"] <= ctx.as_of]
outcomes = stages.charge_outcomes(one.charges, one.events, one.persons, ctx.as_of)
sg = sgbc_crimes(one.crimes, "broad")
from justicegap.analysis.status import person_status

status = person_status(one.persons, one.events, one.charges, ctx.as_of)

# %%
nb.prose("## {name}\n\n**Case** {case} · **Situation** {sit} · **Status on {as_of}**: {status}",
         name=person["name"], case=person["case_id"] or "number not recorded (see the known gaps)", sit=SITUATION_LABELS[person["situation"]],
         as_of=ctx.as_of_text, status=status["status_label"].iloc[0] if len(status) else "not yet publicly sought")
if person["note"]:
    nb.prose("{note}", note=person["note"])
convicted = int(outcomes["convicted"].sum())
nb.metric("charges", int(len(outcomes)), "Charges")
nb.metric("confirmed", int(outcomes["confirmed"].sum()), "Charges confirmed")
nb.metric("convicted", convicted, "Charges convicted at trial")
nb.metric("final", int(outcomes["final"].sum()), "Convictions final")
nb.prose("Of **{n}** {charges}, **{c}** {were} confirmed, **{v}** ended in a conviction at trial and **{f}** "
         "in a final conviction. Sexual or gender-based crimes among them (broad scope): **{s}**.",
         charges="charge" if len(outcomes) == 1 else "charges",
         were="was" if int(outcomes["confirmed"].sum()) == 1 else "were",
         n=len(outcomes), c=int(outcomes["confirmed"].sum()), v=convicted, f=int(outcomes["final"].sum()),
         s=int(outcomes["crime"].isin(sg).sum()))

# %% [markdown]
# ### Timeline

# %%
fig = charts.timeline(events, ctx.as_of, f"{person['name']}: {len(events)} dated procedural steps",
                      style.caption(len(events), ctx.as_of_text, "events"), EVENT_LABELS)
nb.figure(fig, "timeline", "Timeline of procedural steps")
ev = events.assign(event=events["event"].map(EVENT_LABELS), date=events["date"].dt.strftime("%Y-%m-%d"))
nb.table(ev[["date", "event", "date_precision", "source_id", "note"]], "events",
         f"Procedural events. n = {len(ev)}, as of {ctx.as_of_text}. Sources are listed below.",
         labels={"date": "Date", "event": "Event", "date_precision": "Precision", "source_id": "Source",
                 "note": "Note"}, source_links=("Source",))

# %% [markdown]
# ### Charges and their outcome at each stage
#
# Crimes marked **(SGBC)** are sexual or gender-based crimes (broad scope). Qualification: CAH = crime
# against humanity, WC = war crime, Art. 70 = offence against the administration of justice. Mode of
# liability: the paragraph of article 25 or 28 charged, and "→" the one the trial judgment applied
# where it recharacterised the mode (Regulation 55).

# %%
ch = outcomes.assign(
    crime=outcomes["crime"].map(ctx.crime_label) + outcomes["crime"].isin(sg).map({True: " (SGBC)", False: ""}),
    confirmation=outcomes["confirmation"].fillna("").map(lambda v: vocab.label(vocab.CONFIRMATION_LABELS, v)),
    trial=outcomes["trial"].fillna("").map(lambda v: vocab.label(vocab.TRIAL_LABELS, v)),
    appeal=stages.appeal_shown(outcomes, one.events, ctx.as_of).fillna("").map(
        lambda v: vocab.label(vocab.APPEAL_SHOWN_LABELS, v)),
    qualification=outcomes["qualification"].fillna("").map(QUALIFICATION_SHORT),
    outcome=outcomes["outcome"].map(stages.OUTCOMES),
    mode=[liability.mode_text(outcomes.iloc[[i]]) or "not recorded" for i in range(len(outcomes))])
cols = ["charge_no", "count", "crime", "qualification", "article", "mode", "confirmation", "trial", "appeal",
        "outcome", "source_id"]
labels = {"charge_no": "No.", "count": "Count", "crime": "Crime", "qualification": "Qualification",
          "article": "Article", "mode": "Mode of liability", "confirmation": "Confirmation", "trial": "Trial",
          "appeal": "Appeal",
          "outcome": "Where it ended", "source_id": "Source", "rows": "Charges"}
shown = nb.collapse_rows(ch[cols], ids="charge_no")
if len(shown) < len(ch):  # identical rows (typically counts whose crime is not verified) shown once, counted
    nb.table(shown, "charges",
             f"Charges. n = {len(ch)} in {len(shown)} distinct rows (identical rows shown once: 'No.' lists their "
             f"row numbers in charges.csv and 'Charges' how many there are), outcomes as of {ctx.as_of_text}.",
             labels=labels, source_links=("Source",), full=ch[cols])
else:
    nb.table(ch[cols], "charges",
             f"Charges. n = {len(ch)} ('No.' is the row number in charges.csv; 'Count' the Court's count number where "
             f"known), outcomes as of {ctx.as_of_text}.", labels=labels, source_links=("Source",))

# %% [markdown]
# Notes recorded with the charges: where the facts come from, where sources disagree, and what is not verified.

# %%
notes = nb.collapse_rows(ch.loc[ch["note"].fillna("") != "", ["charge_no", "note"]], ids="charge_no")
if len(notes):
    nb.table(notes[["charge_no", "note"]], "charge_notes",
             f"Notes on the charges. {len(notes)} distinct notes on {int(notes['rows'].sum())} of {len(ch)} charges.",
             labels={"charge_no": "No.", "note": "Note"})
else:
    nb.prose("No notes are recorded with these charges.")

# %% [markdown]
# ### Sentence

# %%
sent = one.sentences[one.sentences["date"] <= ctx.as_of]
if len(sent):
    view = sent.assign(years=(sent["imprisonment_months"].astype(float) / 12).round(2),
                       decision=sent["decision"].map(lambda v: vocab.label(vocab.SENTENCE_DECISION_LABELS, v)))
    nb.table(view[["decision", "date", "imprisonment_months", "years", "fine_eur", "suspended", "source_id", "note"]],
             "sentences", f"Sentences. n = {len(sent)}, as of {ctx.as_of_text}.",
             labels={"decision": "Decision", "date": "Date", "imprisonment_months": "Months", "years": "Years",
                     "fine_eur": "Fine (EUR)", "suspended": "Suspended", "source_id": "Source", "note": "Note"},
             source_links=("Source",))
else:
    nb.prose("No sentence on record as of {as_of}.", as_of=ctx.as_of_text)

# %% [markdown]
# ### Reparations and victims

# %%
from justicegap.analysis import reparations as rp

rep = rp.known(one.reparations, ctx.as_of)
if len(rep):
    rv = rep.assign(decision=rep["decision"].map(rp.DECISION_LABELS),
                    amount_text=[("" if pd.isna(a) else f"{a:,.0f} {c}") for a, c in zip(rep["amount"], rep["currency"])])
    nb.table(rv[["date", "date_precision", "decision", "amount_text", "kind", "beneficiaries", "source_id", "note"]],
             "reparations",
             f"Reparations decisions. n = {len(rep)}, as of {ctx.as_of_text}; amounts in their own currency, as ordered.",
             labels={"date": "Date", "decision": "Decision", "amount_text": "Amount", "kind": "Kinds",
                     "beneficiaries": "Beneficiaries", "source_id": "Source", "note": "Note", "date_precision": "Precision"},
             source_links=("Source",))
else:
    nb.prose(rp.case_page_sentence(status["status"].iloc[0] if len(status) else "at_large", ctx.as_of_text))
vic = one.victims[one.victims["date"] <= ctx.as_of]
if len(vic):
    mates = one.case_events[one.case_events["date"] <= ctx.as_of]
    opened = bool((events["event"] == "trial_opening").any())  # Kenyatta's case never reached one
    others = bool(((mates["event"] == "trial_opening") & (mates["person_id"] != person["person_id"])).any())
    vic = vic.assign(stage=vic["stage"].map(lambda v: rp.victim_stage_label(v, opened, others)))
    nb.table(vic[["stage", "victims", "date", "date_precision", "source_id", "note"]], "victims",
             f"Victims authorised to participate in the case. n = {len(vic)} "
             f"{'figure' if len(vic) == 1 else 'figures'}, as of {ctx.as_of_text}.",
             labels={"stage": "Stage", "victims": "Victims", "date": "Figure of", "date_precision": "Precision",
                     "source_id": "Source", "note": "Note"}, source_links=("Source",))
else:
    nb.prose("No published figure of the victims authorised to participate in this case number was found as of "
             "{as_of}. Where the accused was tried jointly under another case number, the figure is recorded under "
             "that case (question 4 lists it beside every accused of the joint trial).", as_of=ctx.as_of_text)

# %% [markdown]
# ### Known gaps for this case

# %%
if len(one.gaps):
    nb.table(one.gaps[["table", "field", "description"]], "gaps", f"Known gaps. n = {len(one.gaps)}.",
             labels={"table": "Table", "field": "Field", "description": "What is missing"})
else:
    nb.prose("No gap recorded for this case.")

# %% [markdown]
# ### Sources

# %%
items = []
for _, s in one.sources.sort_values("source_id").iterrows():
    date = s["date"].strftime("%Y-%m-%d") if pd.notna(s["date"]) else "undated"
    items.append(f'<li id="src-{html.escape(s["source_id"])}"><code>{html.escape(s["source_id"])}</code>: '
                 f'<a href="{html.escape(s["url"])}">{html.escape(s["title"])}</a> '
                 f'({html.escape(s["publisher"] or "")}, {date}'
                 f'{", " + html.escape(s["document_number"]) if s["document_number"] else ""}; '
                 f'accessed {s["accessed"].strftime("%Y-%m-%d")})</li>')
display(HTML(f"<ul>{''.join(items)}</ul><p class='jg-caption'>n = {len(items)} sources.</p>"))
