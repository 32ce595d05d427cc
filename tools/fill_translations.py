"""Fill msgstr entries of a .po file from a JSON map {msgid: msgstr}; clears the fuzzy flag.

Used by maintainers after `makemessages`:  python tools/fill_translations.py locale/es/LC_MESSAGES/django.po map.json
"""

import json
import re
import sys


def fill(po_text, translations):
    entries = po_text.split("\n\n")
    for number, entry in enumerate(entries):
        match = re.search(r'^msgid ((?:".*"\n)+)msgstr', entry + "\n", re.M)
        msgid = "".join(re.findall(r'"(.*)"', match.group(1))) if match else None
        if msgid not in translations or "msgid_plural" in entry:
            continue
        entry = re.sub(
            r'^msgstr (?:".*"\n?)+', lambda _, text=translations[msgid]: f'msgstr "{text}"', entry + "\n", flags=re.M
        ).rstrip("\n")
        entry = re.sub(r"^#, fuzzy\n", "", entry, flags=re.M)
        entries[number] = re.sub(r"^#\| .*\n", "", entry, flags=re.M)
    return "\n\n".join(entries)


if __name__ == "__main__":
    path, map_path = sys.argv[1:3]
    with open(path, encoding="utf-8") as po_file:
        text = po_file.read()
    with open(map_path, encoding="utf-8") as map_file:
        text = fill(text, json.load(map_file))
    with open(path, "w", encoding="utf-8") as po_file:
        po_file.write(text)
