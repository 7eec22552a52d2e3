"""Writes src/checks/chinese_common.txt: the 3,500 first-level characters (一级字表) of the
General Standard Chinese Characters table (通用规范汉字表, State Council of China, 2013),
in the table's order, 50 to a line.

Source: the kTGH field of the Unicode Han Database (Unihan), Unihan_OtherMappings.txt,
which gives each character's number in the 2013 table; numbers 1 to 3500 are the first
level. Debian's unicode-data package ships the file (apt-get install unicode-data);
Unihan is under the Unicode License v3, an open licence.
"""
import bz2
import pathlib
import sys

SOURCE = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_OtherMappings.txt.bz2")

chars = {}
version = ""
with bz2.open(SOURCE, "rt", encoding="utf-8") as f:
    for line in f:
        if line.startswith("# Unihan_OtherMappings.txt") or line.startswith("# Date"):
            version += line.strip("# \n") + "; "
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3 and parts[1] == "kTGH":
            for value in parts[2].split():
                year, number = value.split(":")
                if year == "2013" and int(number) <= 3500:
                    chars[int(number)] = chr(int(parts[0][2:], 16))

assert sorted(chars) == list(range(1, 3501)), len(chars)
ordered = "".join(chars[n] for n in range(1, 3501))
lines = [ordered[i:i + 50] for i in range(0, 3500, 50)]
out = pathlib.Path(__file__).resolve().parents[2] / "src" / "checks" / "chinese_common.txt"
out.write_text(
    "# The 3,500 first-level characters of the General Standard Chinese Characters table\n"
    "# (通用规范汉字表, 2013), in its order. Made by tests/tools/chinese_common_characters.py\n"
    "# from the kTGH field of the Unicode Han Database (Unihan_OtherMappings.txt, Unicode\n"
    "# License v3; " + version.strip("; ") + "). Do not edit.\n" + "\n".join(lines) + "\n",
    encoding="utf-8",
)
print(len(ordered), "characters")
