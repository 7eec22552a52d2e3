#!/usr/bin/env python3
"""Writes src/load/theme_history.txt: every version of every file of themes/default that
plainsite has shipped (from git history, and the working tree), as `path<TAB>sha256`
lines, sorted. `plainsite update-theme` replaces a site's copy of a theme file only when
it is one of these: a copy nobody changed.

The hash is of the bytes with CRLF line ends read as LF (a checkout on Windows may
convert them). Run from the repository root after changing the theme:

    python3 tests/theme_history.py > src/load/theme_history.txt
"""
import hashlib
import os
import subprocess

THEME = "themes/default/"


def digest(data: bytes) -> str:
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def git(*args: str) -> bytes:
    return subprocess.run(["git", *args], check=True, capture_output=True).stdout


seen = set()
commits = git("log", "--format=%H", "--", THEME).decode().split()
for commit in commits:
    listing = git("ls-tree", "-r", "-z", commit, THEME).split(b"\0")
    for entry in filter(None, listing):
        meta, path = entry.split(b"\t", 1)
        _, kind, blob = meta.split()
        if kind != b"blob":
            continue
        rel = path.decode()[len(THEME):]
        seen.add((rel, digest(git("cat-file", "blob", blob.decode()))))
for folder, _, files in os.walk(THEME):
    for name in files:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            seen.add((os.path.relpath(path, THEME).replace(os.sep, "/"), digest(f.read())))
for rel, sha in sorted(seen):
    print(f"{rel}\t{sha}")
