"""Reference figures for the French reading measures (src/checks/french.rs).

Run with Python textstat 0.7.13 (pip install textstat==0.7.13): writes
src/checks/french_reference.in, Kandel and Moles' reading ease and LIX for each text,
as textstat gives them with set_lang("fr"). The texts were written for this test:
plain and academic French, lists, numbers, abbreviations, quotes, drug names.
"""
import json
import pathlib

import textstat

textstat.set_lang("fr")

TEXTS = [
    # Plain French.
    "Nous avons parlé avec des personnes qui consomment des drogues. Elles nous ont dit ce qui les aide. Un salaire juste aide. Un rôle clair aide aussi. Certaines personnes se sont senties utilisées. On leur a demandé des idées, puis on les a ignorées.",
    "Participer au travail en santé peut être bon pour votre santé. Cela peut aussi vous faire du mal. Tout dépend des conditions autour du travail. Le soutien des autres compte. Un rôle clair compte aussi.",
    "Payez les gens le jour même, en argent. Dites-leur ce que leur travail va changer. Gardez du temps pour parler après les réunions difficiles.",
    "Les pairs aidants connaissent bien la rue. Ils savent qui a besoin d'aide et comment la trouver. Ils gagnent la confiance des gens plus vite que le personnel.",
    "Le centre ouvre à neuf heures. On peut y prendre un café, parler à quelqu'un et recevoir du matériel neuf. Personne ne vous demande votre nom.",
    "Nous avons lu quarante études. Elles viennent du Canada, des États-Unis, d'Australie et d'Europe. La plupart parlent de travail payé. Quelques-unes parlent de bénévolat.",
    # Numbers and abbreviations.
    "En 2023, la clinique a reçu 10 024 visites de 1 250 personnes dans 12 villes. Le nombre de visites a doublé en deux ans.",
    "Les personnes qui utilisent des drogues (PUD) doivent être payées pour leur temps. L'ACSP et le RPUD ont publié des guides à ce sujet en 2021.",
    "La dose moyenne était de 4,2 mg par jour. Environ 35 % des participants ont arrêté avant la fin de l'étude, surtout pendant les trois premiers mois.",
    # Lists and headings written as sentences.
    "Ce que les équipes doivent offrir : un salaire juste, une formation, du soutien après les réunions et une vraie place dans les décisions. Sans cela, la participation reste symbolique.",
    "Première étape : lire les études. Deuxième étape : noter ce qui aide et ce qui nuit. Troisième étape : vérifier nos idées avec des personnes concernées.",
    # Quotes.
    "« On nous demandait notre avis, puis plus rien », a dit une participante. « J'avais l'impression de servir de décor. » Ce sentiment revient dans plusieurs études.",
    "Un pair aidant a expliqué : « Quand on me paie en retard, je ne peux pas payer mon loyer. » Les retards de paiement reviennent souvent dans les témoignages.",
    # Drug names and health words.
    "La naloxone peut inverser une surdose d'opioïdes comme le fentanyl ou l'héroïne. Les pairs distribuent des trousses de naloxone dans les refuges et les centres d'accueil.",
    "Le traitement par agonistes opioïdes, avec la méthadone ou la buprénorphine, réduit le risque de décès. L'accès reste difficile dans les régions rurales.",
    "La méthamphétamine et la cocaïne sont des stimulants. Leur consommation peut causer de l'anxiété, des troubles du sommeil et des problèmes cardiaques.",
    # Academic French.
    "La recherche participative fondée sur la communauté privilégie des partenariats équitables entre chercheurs universitaires et acteurs communautaires tout au long du processus de recherche. De tels partenariats nécessitent un partage réel du pouvoir décisionnel.",
    "Les méthodologies de synthèse qualitative, notamment la méta-ethnographie et la synthèse thématique, facilitent l'intégration des résultats issus d'études primaires hétérogènes. La transparence méthodologique demeure essentielle pour évaluer la crédibilité des interprétations.",
    "La stigmatisation des troubles liés à l'utilisation de substances contribue considérablement à l'évitement des soins de santé, au retard de l'initiation des traitements et à des issues cliniques défavorables.",
    "L'intervention a démontré des réductions statistiquement significatives de la mortalité par surdose comparativement aux juridictions témoins. Toutefois, une confusion résiduelle attribuable à des modifications concomitantes des politiques ne peut être définitivement exclue.",
    "Les pairs aidants occupent une position organisationnelle liminale, simultanément intégrés aux hiérarchies cliniques et responsables envers les communautés. Ce double positionnement engendre une ambiguïté de rôle, un travail émotionnel et une vulnérabilité à l'épuisement professionnel.",
    "Les approches de réduction des méfaits privilégient des stratégies pragmatiques, fondées sur des données probantes, qui minimisent les conséquences sanitaires, sociales et juridiques négatives associées à la consommation de drogues, sans exiger l'abstinence comme condition préalable à l'accès aux services.",
    # Mixed.
    "La rémunération compte. La reconnaissance compte. La transparence compte. La réciprocité compte. Chacun de ces thèmes revient sans cesse.",
    "Quand nous avons demandé aux personnes qui venaient au centre ce qui les ferait revenir plus souvent, la plupart ont répondu qu'elles voulaient être payées à temps, être traitées avec respect et avoir leur mot à dire sur la façon dont l'endroit était géré.",
    "Le personnel doit comprendre que les personnes qui consomment des drogues sont des experts de leur propre vie. Elles savent ce qui fonctionne pour elles.",
]

rows = []
for t in TEXTS:
    figures = [textstat.flesch_reading_ease(t), textstat.lix(t)]
    rows.append("    (%s, [%s])," % (json.dumps(t, ensure_ascii=False), ", ".join("%.4f" % f for f in figures)))

out = pathlib.Path(__file__).resolve().parents[2] / "src" / "checks" / "french_reference.in"
out.write_text("// Made by tests/tools/french_reference.py from Python textstat 0.7.13: do not edit.\n&[\n" + "\n".join(rows) + "\n]\n")
print(out.read_text())
