"""The names an import recognises: the sources in the database, their other names, and the
people an article introduces, found in a paragraph's text as whole words."""

import re
from dataclasses import dataclass

from .attribution_words import ORGANISATION_WORDS
from .models import Source

# A name joined to the previous one by these words is part of it ("Comité … de la ONU").
NAME_CONNECTORS = re.compile(r"^\s+(?:de la|de las|del|de los|de|of the|of)\s+$")
# A character that continues a name: a name must not start or end next to one.
NAME_CHARACTER = re.compile(r"[\wÀ-ÿ-]")
# A Korean given name after the surname: "Min-seo", "Jong-un".
SURNAME_FIRST_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")


@dataclass(frozen=True)
class SourceRef:
    """A source named in the text: an existing row, or one the importer will create."""

    name: str
    kind: str = Source.Kind.OTHER


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    source: SourceRef


def guess_kind(name):
    words = set(name.split())
    for kind, keywords in ORGANISATION_WORDS.items():
        if words & keywords:
            return kind
    return Source.Kind.PERSON


class SourceIndex:
    """Every name and alias of the known sources, matched case-sensitively as whole words.

    Names live in a character tree rather than one big regular expression, so that the people
    an import introduces are added without rebuilding anything.
    """

    END_OF_NAME = ""  # the tree's key for "a name ends here": no character is the empty string

    def __init__(self, sources=()):
        self.by_name = {}
        self.by_folded_name = {}
        self._tree = {}
        self._starts = None
        # A surname stands for one person only once the article has named that person in full, and
        # never when the article names two people who share it: other articles' people never match.
        self.surname_owners = {}
        self.ambiguous = set()
        for source in sources:
            self.add(SourceRef(source.name, source.kind), [source.name, *source.alias_list()])

    @classmethod
    def from_database(cls):
        return cls(Source.objects.all())

    def add(self, source_ref, names):
        for name in names:
            name = " ".join(name.split())
            if name and name not in self.by_name:
                self.by_name[name] = source_ref
                self.by_folded_name.setdefault(name.casefold(), source_ref)
                if name[0] not in self._tree:
                    self._starts = None
                node = self._tree
                for character in name:
                    node = node.setdefault(character, {})
                node[self.END_OF_NAME] = True

    def add_surnames(self, people):
        """Later mentions use the surname alone ("aseguró Howell"); a surname two people share stays unknown.

        Returns whether a surname became known, so that the caller may read its text again."""
        added = False
        for person in people:
            parts = person.name.split()
            if len(parts) < 2 or len(parts[-1]) < 3:
                continue
            # Spanish names carry two surnames and use the first alone: "Garza" for Héctor Garza Treviño;
            # Korean names put the surname first: "Kim" for Kim Min-seo.
            if len(parts) == 3 and parts[-2][0].isupper():
                surnames = {parts[-1], parts[-2]}
            else:
                surnames = {parts[0]} if SURNAME_FIRST_GIVEN_NAME.fullmatch(parts[-1]) else {parts[-1]}
            for surname in surnames:
                owner = self.surname_owners.setdefault(surname, person)
                if owner != person:
                    self.ambiguous.add(surname)
                elif surname not in self.by_name:
                    self.add(person, [surname])
                    added = True
        return added

    def add_person(self, name):
        """Remember a person the text introduces ("el Dr. Edward Howell")."""
        person = self.by_name.get(name)
        if person is None:
            person = SourceRef(name, guess_kind(name))
            self.add(person, [name])
        if person.kind == Source.Kind.PERSON:
            self.add_surnames([person])
        return person

    def lookup(self, name):
        """The source with exactly this name or alias, ignoring case (for credit lines)."""
        return self.by_folded_name.get(" ".join(name.split()).casefold())

    def find_all(self, text):
        """Non-overlapping mentions, longest name first, names continued by "de la …" merged."""
        if not self.by_name:
            return []
        if self._starts is None:
            first_characters = "".join(re.escape(character) for character in sorted(self._tree))
            self._starts = re.compile(rf"(?<![\wÀ-ÿ-])[{first_characters}]")
        matches = []
        position = 0
        while candidate := self._starts.search(text, position):
            start = candidate.start()
            end = self.longest_name_at(text, start)
            if end is None:
                position = start + 1
                continue
            if text[start:end] in self.ambiguous:
                position = end
                continue
            if not (matches and NAME_CONNECTORS.match(text[matches[-1].end : start])):
                matches.append(NameMatch(start, end, self.by_name[text[start:end]]))
            position = end
        return matches

    def longest_name_at(self, text, start):
        """Where the longest name starting at `start` ends, if one does where a word ends."""
        node, longest = self._tree, None
        for position in range(start, len(text)):
            node = node.get(text[position])
            if node is None:
                break
            if self.END_OF_NAME in node and not NAME_CHARACTER.match(text, position + 1):
                longest = position + 1
        return longest
