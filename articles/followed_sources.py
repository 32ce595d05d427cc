"""Sources follow the text: a quote's speaker and outlet become sources of its paragraph, and the
parts of a figure's credit line (source, photographer, distributor) that name a known source
become sources of the figure. Only added, never removed: editors may take a chip off again, and
it stays off until the quote or the credit changes."""

from functools import reduce
from operator import or_

from django.db.models import Q

from .models import Source


def cite_quoted_sources(quote):
    """Add the speaker and outlet of `quote` (saved) to its paragraph's sources."""
    if quote.cited_sources:
        quote.paragraph.sources.add(*quote.cited_sources)


def sources_named(names):
    """The known sources whose name or one of whose other names is one of `names` (any case)."""
    wanted = {" ".join(name.split()).casefold() for name in names if name and name.strip()}
    if not wanted:
        return []
    candidates = Source.objects.filter(
        reduce(or_, (Q(name__iexact=name) | Q(aliases__icontains=name) for name in wanted))
    )
    return [
        source
        for source in candidates
        if source.name.casefold() in wanted or wanted & {alias.casefold() for alias in source.alias_list()}
    ]


def cite_credited_sources(figure):
    """Add the sources named by the parts of `figure`'s credit line (saved) to its sources."""
    found = sources_named(figure.credit_parts.values())
    if found:
        figure.sources.add(*found)
