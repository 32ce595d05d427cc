"""Splitting a photo credit line such as "SPUTNIK/VLADIMIR SMIRNOV via REUTERS" into its parts.

The parts are the source (who made or owns the picture), the photographer, and the
distributor (the agency named after "via").
"""

import re
from dataclasses import dataclass

VIA = re.compile(r"\s+(?:via|vía)\s+", re.IGNORECASE)
SLASH = re.compile(r"\s*/\s*")


@dataclass(frozen=True)
class CreditParts:
    source: str = ""
    photographer: str = ""
    distributor: str = ""


def normalise_credit(credit):
    return " ".join(credit.split())


def split_credit(credit, is_known_source=None):
    """Split a credit line into CreditParts.

    "SOURCE/PHOTOGRAPHER via DISTRIBUTOR" is the common agency order; some agencies
    print "PHOTOGRAPHER / SOURCE" instead. When ``is_known_source`` (a callable taking
    a name) recognises only the second name, the order is swapped.
    """
    credit = normalise_credit(credit)
    if not credit:
        return CreditParts()
    maker, distributor = credit, ""
    via_parts = VIA.split(credit, maxsplit=1)
    if len(via_parts) == 2:
        maker, distributor = via_parts
    names = [name for name in SLASH.split(maker) if name]
    if not names:
        return CreditParts(distributor=distributor)
    if len(names) == 1:
        return CreditParts(source=names[0], distributor=distributor)
    source, photographer = names[0], " / ".join(names[1:])
    if is_known_source and len(names) == 2 and is_known_source(names[1]) and not is_known_source(names[0]):
        source, photographer = names[1], names[0]
    return CreditParts(source=source, photographer=photographer, distributor=distributor)
