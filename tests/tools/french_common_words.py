"""Writes src/checks/french_common_words.txt: the long words (seven letters or more) among
the 20,000 most frequent French words, for the French jargon check.

Source: wordfreq 3.1.1 (pip install wordfreq==3.1.1), top_n_list("fr", 20000), by Robyn
Speer; its word lists combine subtitles, Wikipedia, news, books, web text and social
media. The data is under the Creative Commons Attribution-ShareAlike 4.0 licence.
"""
import pathlib

import wordfreq

words = sorted({w for w in wordfreq.top_n_list("fr", 20000) if len(w) >= 7 and w.isalpha()})
out = pathlib.Path(__file__).resolve().parents[2] / "src" / "checks" / "french_common_words.txt"
out.write_text(
    "# Long French words (seven letters or more) among the 20,000 most frequent, for the\n"
    "# French jargon check. Made by tests/tools/french_common_words.py from wordfreq 3.1.1\n"
    "# (Robyn Speer; top_n_list(\"fr\", 20000)); data under CC BY-SA 4.0. Do not edit.\n"
    + "\n".join(words) + "\n",
    encoding="utf-8",
)
print(len(words), "words")
