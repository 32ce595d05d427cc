"""What an article is made of, and how each of its parts cites a source: the one description
that the article page, the sources' pages, JSON-LD, the export, the revision history and the
counts of citations all read.

An article has a lead figure and sections of blocks. Each kind of block is a model that
inherits from `Block` (the Block row holds its section, position and sources; the kind's row
the rest), sets `KIND` and `template_name`, and has an entry in BLOCK_KINDS. Parts cite
sources through the relations their entry lists in `cites`:

- every block through `sources`, the chips on its Block row;
- a pull quote also through its speaker and the outlet that reported it;
- a paragraph through the speaker and outlet of each of its quotes (`contains`);
- the lead figure through its `sources`.

A new kind of block (a video, a fact box) is a `Block.Kind` value named after its model, the
model (a Block subclass with `KIND`, `template_name` and `excerpt`, and its migration), the template, an
entry in BLOCK_KINDS and its form in article.v1 (articles/importing/); README.md ("Adding a block
kind") lists every file it touches. The page, the sources' pages, the source counts, JSON-LD, the
history and the citation lookups then follow. articles/tests/test_kinds.py fails while a Block
subclass, a `Block.Kind`, a template, an excerpt, an export form or a relation to Source is missing.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from .models import Block, Figure, LeadFigure, Paragraph, PullQuote, Quote

FIGURE_FIELDS = ("image", "caption", "alt_text", "credit", "credit_source", "credit_photographer", "credit_distributor")
# Who said the words and the outlet that reported them.
QUOTE_CITES = ("speaker", "source")
QUOTE_FIELDS = ("text", *QUOTE_CITES)


@dataclass(frozen=True)
class Part:
    """A kind of row in an article that a reader can be sent to and that may cite sources.

    `name` tells the kinds apart on pages (``citation--quote``; for a block, its `Block.kind`
    and the start of its anchor); `label` is what readers are told it is. `cites` are the
    relations of the row to Source, foreign keys or many-to-many, in the order pages list
    them; `contains` pairs a related name with the Part of the rows inside this one that cite
    on their own (a paragraph's quotes). `compared` are the fields the revision history shows.
    A `quotation` is words someone said (a JSON-LD Quotation, a quote to check after an
    import); a `photo` counts the sources it lists as photos rather than statements; the
    `word_count` of a part with `words` makes up the reading time.
    """

    name: str
    model: type
    label: str
    cites: tuple = ()
    contains: tuple = ()
    compared: tuple = ()
    quotation: bool = False
    photo: bool = False
    words: bool = False
    # The field search reads (articles/search/parts.py), and whether it holds sanitised HTML.
    searched: str = ""
    searched_html: bool = False

    def relations(self):
        """The fields named in `cites`."""
        return [self.model._meta.get_field(name) for name in self.cites]

    def citing(self, source):
        """A filter for the rows of this part that cite `source`."""
        return reduce(or_, (Q(**{name: source}) for name in self.cites))

    def sources_cited_by(self, row, block=None):
        """The sources `row` cites, in the order of `cites`, a source cited twice listed twice.

        Relations held by the Block row are read from `block` when given: that is where
        `ArticleQuerySet.with_body` prefetches them."""
        found = []
        for field in self.relations():
            holder = block if block is not None and field.model is Block else row
            if field.many_to_many:
                found += getattr(holder, field.name).all()
            elif (source := getattr(holder, field.name)) is not None:
                found.append(source)
        return found

    def contained(self, row):
        """(Part, row) for every row inside `row` that cites on its own, in order."""
        for related, part in self.contains:
            for inner in getattr(row, related).all():
                yield part, inner


QUOTE = Part("quote", Quote, _("Quote"), cites=QUOTE_CITES, compared=QUOTE_FIELDS, quotation=True, searched="text")
LEAD_FIGURE = Part(
    "lead_figure",
    LeadFigure,
    _("Lead photo"),
    cites=("sources",),
    compared=(*FIGURE_FIELDS, "sources"),
    photo=True,
    searched="caption",
)
BLOCK_KINDS = {
    Block.Kind.PARAGRAPH: Part(
        Block.Kind.PARAGRAPH,
        Paragraph,
        _("Paragraph"),
        cites=("sources",),
        contains=(("quotes", QUOTE),),
        compared=("text", "sources"),
        words=True,
        searched="text_html",
        searched_html=True,
    ),
    Block.Kind.FIGURE: Part(
        Block.Kind.FIGURE,
        Figure,
        _("Photo"),
        cites=("sources",),
        compared=(*FIGURE_FIELDS, "sources"),
        photo=True,
        searched="caption",
    ),
    # The history has never listed a pull quote's chips: the importer gives it its speaker and outlet.
    Block.Kind.PULLQUOTE: Part(
        Block.Kind.PULLQUOTE,
        PullQuote,
        _("Pull quote"),
        cites=("sources", *QUOTE_CITES),
        compared=QUOTE_FIELDS,
        quotation=True,
        searched="text",
    ),
}
# Every part by name, for what pages say about it.
PARTS = {part.name: part for part in (LEAD_FIGURE, *BLOCK_KINDS.values(), QUOTE)}


def kind_of(block):
    """The Part of a block's kind."""
    return BLOCK_KINDS[block.kind]


def contained_parts():
    """(block kind, related name, Part, name of the contained row's link to its block) for every
    kind of row inside a block."""
    for kind in BLOCK_KINDS.values():
        for related, part in kind.contains:
            yield kind, related, part, kind.model._meta.get_field(related).field.name


def source_relations():
    """Every field by which a row of an article refers to a Source, each once."""
    fields = [field for part in PARTS.values() for field in part.relations()]
    return list(dict.fromkeys(fields))


def article_lookup(model):
    """The lookup from a row of `model` (a part of an article) to its Article."""
    if model is LEAD_FIGURE.model:
        return "article"
    if model is Block or model in {kind.model for kind in BLOCK_KINDS.values()}:
        return "section__article"
    for _kind, _related, part, link in contained_parts():
        if model is part.model:
            return f"{link}__section__article"
    raise LookupError(f"{model.__name__} is not a part of an article in articles/kinds.py")


def citing_related_names():
    """The names by which a Source reaches each kind of row citing it (``blocks``, ``quotes_spoken``…)."""
    return list(dict.fromkeys(field.related_query_name() for field in source_relations()))


def block_lookup(kind, field):
    """`field` of a block of `kind` seen from the Block row: ``sources``, ``pullquote__speaker``."""
    return field.name if field.model is Block else f"{kind.name}__{field.name}"


def blocks_citing(source):
    """A filter for the blocks, of every kind, that cite `source` on their own row or their kind's."""
    lookups = dict.fromkeys(block_lookup(kind, field) for kind in BLOCK_KINDS.values() for field in kind.relations())
    return reduce(or_, (Q(**{lookup: source}) for lookup in lookups))


def block_select_related():
    """What `Block.objects.select_related` needs for every kind's row and its foreign keys to sources."""
    foreign_keys = [
        block_lookup(kind, field)
        for kind in BLOCK_KINDS.values()
        for field in kind.relations()
        if field.model is not Block and not field.many_to_many
    ]
    return [*BLOCK_KINDS, *foreign_keys]


def block_prefetches():
    """What `Block.objects.prefetch_related` needs for the sources and contained rows of every kind."""
    many = dict.fromkeys(
        block_lookup(kind, field) for kind in BLOCK_KINDS.values() for field in kind.relations() if field.many_to_many
    )
    contained = [
        Prefetch(
            f"{kind.name}__{related}",
            queryset=part.model.objects.select_related(
                *(field.name for field in part.relations() if not field.many_to_many)
            ).prefetch_related(*(field.name for field in part.relations() if field.many_to_many)),
        )
        for kind, related, part, _link in contained_parts()
    ]
    return [*many, *contained]


def lead_figure_prefetches():
    """What `Article.objects.prefetch_related` needs for the sources of the lead figure."""
    return [f"lead_figure__{field.name}" for field in LEAD_FIGURE.relations() if field.many_to_many]


def block_sources(block):
    """Every source a block loaded `with_body()` cites, its contained rows' included."""
    kind, item = kind_of(block), block.specific
    found = kind.sources_cited_by(item, block)
    for part, row in kind.contained(item):
        found += part.sources_cited_by(row)
    return found


def quotations(block):
    """The words quoted in a block loaded `with_body()`: a pull quote itself, a paragraph's quotes."""
    kind, item = kind_of(block), block.specific
    if kind.quotation:
        yield item
    for part, row in kind.contained(item):
        if part.quotation:
            yield row
