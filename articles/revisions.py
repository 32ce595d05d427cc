"""Revisions of whole articles with django-reversion: what is recorded, what an article said in
each (`entries`, which the admin compares: articles/admin/history.py), and bringing an earlier
state back.

One revision holds every row of an article: the article, its lead figure, its topic links,
its sections, each section's blocks (the shared `Block` row and the Paragraph, Figure or
PullQuote row), and each paragraph's quotes. Sources are shared by many articles and are not
part of an article's revisions; revisions refer to them by primary key.

The admin records a revision around every save (see articles/admin/history.py); `add_article`
puts the article's rows into the revision as they stand after the save.
"""

from dataclasses import dataclass

import reversion
from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from .addresses import ArticleSlugRedirect
from .citations import cite_existing_sources
from .counts import counted_once, recount
from .kinds import BLOCK_KINDS, LEAD_FIGURE, contained_parts, kind_of, source_relations
from .models import Article, Block, LeadFigure, Section, Source, SourceMerge
from .public_changes import drafting

# Precise to the second: several saves often fall within the same minute.
REVISION_DATE_FORMAT = "j M Y, H:i:s"
# Added to every position while a revision is restored, so that no restored row meets a
# row still holding the number it needs (positions are unique within their parent).
PARKING_OFFSET = 1_000_000


def register_article_rows():
    """Tell django-reversion which rows an article's revision holds; `ArticlesConfig.ready` calls it."""
    reversion.register(Article, follow=("lead_figure", "sections", "tagged_items"))
    reversion.register(LeadFigure)
    reversion.register(TaggedItem)
    reversion.register(Section, follow=("blocks",))
    # The Block row holds a block's section and position; its kind's row holds the rest (Block's
    # link to it is named after the kind), and the rows inside it, such as a paragraph's quotes.
    reversion.register(Block, follow=tuple(BLOCK_KINDS))
    for kind in BLOCK_KINDS.values():
        reversion.register(kind.model, follow=tuple(related for related, _part in kind.contains))
    for _kind, _related, part, _link in contained_parts():
        reversion.register(part.model)


def article_of(obj):
    """The article a row edited in the admin belongs to."""
    if isinstance(obj, Article):
        return obj
    if isinstance(obj, Section):
        return obj.article
    if isinstance(obj, Block):
        return obj.section.article
    raise TypeError(f"{type(obj).__name__} is not part of an article")


def article_rows(article):
    """Every row of `article` as the database holds it, read in a fixed number of queries.

    Read again rather than taken from the caller: a revision records what was saved, and the
    caller's copy may predate the save (of a part, or of positions renumbered after it)."""
    article = Article.objects.with_body().prefetch_related("tagged_items").get(pk=article.pk)
    yield article
    if article.lead_figure_or_none is not None:
        yield article.lead_figure
    yield from article.tagged_items.all()
    for section in article.sections.all():
        yield section
        for block in section.blocks.all():
            yield block
            specific = block.specific
            if specific is not block:
                yield specific
            for _part, row in kind_of(block).contained(specific):
                yield row


def add_article(article):
    """Put the article's rows, as they are now, into the active revision.

    Rows a save touched earlier were recorded as they were then (a block's position before
    renumbering, say); adding each row again records its final state."""
    for row in article_rows(article):
        reversion.add_to_revision(row)


def article_versions(article):
    """The recorded versions of the article itself, newest first, one per revision."""
    return (
        Version.objects.get_for_object_reference(Article, article.pk)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def is_current(version, article):
    """Whether the article has not been saved since `version` was recorded."""
    return version._local_field_dict.get("edit_version") == article.edit_version


def ensure_history(article):
    """Record the article as it is when it has no revision yet (imported from the command line,
    or saved before revisions were kept), so that the first change made in the admin can be undone.
    Nobody is named as its author: nobody made that version in the admin."""
    if article_versions(article).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(_("The article as it was before its first change in the admin."))
        add_article(article)


def version_at(article, edit_version):
    """The recorded version of the article whose `edit_version` is `edit_version`, if any."""
    for version in article_versions(article)[:200]:
        if version._local_field_dict.get("edit_version") == edit_version:
            return version
    return None


@dataclass(frozen=True)
class Restored:
    """What `restore` did besides bringing the rows back: the citations of sources merged since,
    now citing the source kept, as (merged name, kept name) pairs, and how many citations of
    sources deleted since were left out."""

    article: Article
    replaced: tuple = ()
    dropped: int = 0


@transaction.atomic
def restore(version, user):
    """Bring the article back to the state recorded with `version`: rows changed since are set
    back, rows deleted since come back, rows added since are deleted.

    Whether and when the article is published stays as it is now: restoring text is not
    publishing or unpublishing. The restore is a draft (articles/publishing.py): an article
    readers can see keeps its public version and then has unpublished changes. Sources are not part of a revision: one merged since is replaced
    by the source kept, one deleted since is left out (see articles/citations.py). The restore
    is itself a save: it counts as a new edit version and is recorded as a new revision."""
    article = Article.objects.select_for_update().get(pk=version.object_id)
    # Revoked preview links stay revoked (articles/preview.py).
    kept = {
        "status": article.status,
        "published_at": article.published_at,
        "expire_at": article.expire_at,
        "preview_version": article.preview_version,
    }
    with drafting(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            _("Restored the version of %(date)s.")
            % {"date": date_format(timezone.localtime(version.revision.date_created), REVISION_DATE_FORMAT)}
        )
        park_positions(article)
        # Rows come back as they were recorded, counts included: the article is recounted once, after.
        with counted_once():
            # Foreign keys are checked when the transaction commits, after the citations are mended.
            version.revision.revert(delete=True)
            Block.objects.filter(section__article=article).fill_kinds()
            replaced, dropped = cite_existing_sources(article)
            recount([article.pk])
        Article.objects.filter(pk=article.pk).update(
            edit_version=article.edit_version + 1, updated_at=timezone.now(), **kept
        )
        restored = Article.objects.get(pk=article.pk)
        # Reverting writes the row directly, without Article.save: keep the address it had working.
        ArticleSlugRedirect.objects.record_change(
            restored, article.slug, was_published=article.status == Article.Status.PUBLISHED
        )
        add_article(restored)
    return Restored(restored, replaced, dropped)


def park_positions(article):
    """Move the article's numbered rows and section anchors out of the way of restored values."""
    moved = {"position": models.F("position") + PARKING_OFFSET}
    Section.objects.filter(article=article).update(
        anchor=Concat(models.Value("~"), Cast("pk", models.CharField())), **moved
    )
    Block.objects.filter(section__article=article).update(**moved)
    for _kind, _related, part, link in contained_parts():
        part.model.objects.filter(**{f"{link}__section__article": article}).update(**moved)


# --- What an article looked like ----------------------------------------------------------------

ARTICLE_FIELDS = ("headline", "slug", "standfirst", "byline", "language", "status", "published_at", "correction_note")
SNAPSHOT_MODELS = (
    Article,
    LeadFigure,
    TaggedItem,
    Section,
    Block,
    *(kind.model for kind in BLOCK_KINDS.values()),
    *(part.model for _kind, _related, part, _link in contained_parts()),
)


@dataclass(frozen=True)
class Entry:
    """One thing an article says: `key` names it across versions, `label` tells an editor where it is."""

    key: tuple
    label: str
    value: str


def field_values(row):
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_model._meta.local_fields}
    for field in row._meta.concrete_model._meta.local_many_to_many:
        values[field.attname] = [related.pk for related in getattr(row, field.name).all()]
    return values


def rows_from_database(article):
    rows = {model: {} for model in SNAPSHOT_MODELS}
    for row in article_rows(article):
        rows[type(row)][row.pk] = field_values(row)
    return rows


def rows_from_revision(revision):
    rows = {model: {} for model in SNAPSHOT_MODELS}
    for version in revision.version_set.all():
        if version._model in rows:
            rows[version._model][int(version.object_id)] = version._local_field_dict
    return rows


def tag_names(rows):
    """The names of the topics in `rows`, sorted; a topic deleted since is left out."""
    names = Tag.objects.in_bulk({values["tag_id"] for values in rows[TaggedItem].values()})
    return sorted(names[item["tag_id"]].name for item in rows[TaggedItem].values() if item["tag_id"] in names)


def entries(rows):
    """The article in `rows` as a list of entries in reading order."""
    source_ids = set()
    for field in source_relations():
        for values in rows[field.model].values():
            pks = values.get(field.attname, ()) if field.many_to_many else [values.get(field.attname)]
            source_ids.update(pk for pk in pks if pk)
    source_names = {pk: source.name for pk, source in Source.objects.in_bulk(source_ids).items()}
    # Restoring cites the source kept instead of one merged into it: show it as it will be.
    merged = SourceMerge.objects.kept_for(source_ids - source_names.keys())
    source_names.update({pk: merge.kept.name for pk, merge in merged.items()})

    def source_name(pk):
        return "" if pk is None else source_names.get(pk, _("deleted source %(number)s") % {"number": pk})

    def names(pks):
        return ", ".join(sorted(source_name(pk) for pk in pks))

    def shown(model, field_name, value):
        field = model._meta.get_field(field_name.removesuffix("_id"))
        if field.many_to_many:
            return names(value or [])
        if value is None:
            return ""
        if field.related_model is Source:
            return source_name(value)
        if field_name == "published_at":
            return date_format(timezone.localtime(value), REVISION_DATE_FORMAT)
        if field_name == "status":
            return str(Article.Status(value).label)
        return str(value)

    def label(model, field_name):
        return capfirst(model._meta.get_field(field_name.removesuffix("_id")).verbose_name)

    found = []
    for values in rows[Article].values():
        for name in ARTICLE_FIELDS:
            found.append(Entry(("article", name), label(Article, name), shown(Article, name, values[name])))
    found.append(Entry(("tags",), label(Article, "tags"), ", ".join(tag_names(rows))))
    for values in rows[LeadFigure].values():
        where = capfirst(LeadFigure._meta.verbose_name)
        for name in LEAD_FIGURE.compared:
            found.append(
                Entry(("lead", name), f"{where} · {label(LeadFigure, name)}", shown(LeadFigure, name, values.get(name)))
            )

    blocks_by_section = {}
    for pk, values in rows[Block].items():
        blocks_by_section.setdefault(values["section_id"], []).append((values["position"], pk, values))
    # Rows inside blocks (a paragraph's quotes), by their model and their block.
    contained = {}
    for _kind, _related, part, link in contained_parts():
        for pk, values in rows[part.model].items():
            inside = contained.setdefault((part.model, values[f"{link}_id"]), [])
            inside.append((values["position"], pk, values))

    for section_pk, section in sorted(rows[Section].items(), key=lambda item: item[1]["position"]):
        where = _("Section %(number)s") % {"number": section["position"]}
        found.append(
            Entry(("section", section_pk, "heading"), f"{where} · {label(Section, 'heading')}", section["heading"])
        )
        for number, (_position, block_pk, block) in enumerate(sorted(blocks_by_section.get(section_pk, [])), start=1):
            # Found by its row rather than its `kind`: revisions recorded before blocks stored
            # their kind have none.
            kind = next((kind for kind in BLOCK_KINDS.values() if block_pk in rows[kind.model]), None)
            if kind is None:
                continue
            model, specific = kind.model, rows[kind.model][block_pk]
            block_where = f"{where} · {model._meta.verbose_name} {number}"
            for field in map(model._meta.get_field, kind.compared):
                # The Block row holds the sources of every kind.
                values = block if field.model is Block else specific
                found.append(
                    Entry(
                        ("block", block_pk, field.attname),
                        f"{block_where} · {label(model, field.name)}",
                        shown(model, field.name, values.get(field.attname)),
                    )
                )
            for _related, part in kind.contains:
                inside = sorted(contained.get((part.model, block_pk), []))
                for inner_number, (_position, inner_pk, inner) in enumerate(inside, start=1):
                    inner_where = f"{block_where} · {part.model._meta.verbose_name} {inner_number}"
                    for field in map(part.model._meta.get_field, part.compared):
                        found.append(
                            Entry(
                                (part.name, inner_pk, field.attname),
                                f"{inner_where} · {label(part.model, field.name)}",
                                shown(part.model, field.name, inner.get(field.attname)),
                            )
                        )
    return found


def revision_entries(revision):
    return entries(rows_from_revision(revision))


def current_entries(article):
    return entries(rows_from_database(article))
