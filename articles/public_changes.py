"""Which articles' public data must be made again, noted as rows change and made on commit.

Each save or delete of a row an article's page shows notes the article (or the section or block
it belongs to, looked up later, as search documents do), and so does a change to something
articles share (a source renamed or merged, a topic renamed) for every article it appears in.
When the transaction commits, `publishing.refresh_public_data` runs once for the articles noted.
The reader's article page first refreshes what this thread noted and has not refreshed yet, so
that it never serves a public version older than the rows (a test's transaction never commits).

Editors' saves are drafts (`drafting()`, which the admin enters around every view that saves):
an article noted meanwhile that readers can see (published, scheduled) is not refreshed but
marked as having unpublished changes, and its public version stays as it was until it is
published (`publish_on_commit`, called by articles/publishing.py). A draft that was never public
is refreshed as before, which drops whatever public data it had.

Changes in bulk (`ContentQuerySet.update()`, `bulk_create()`) note their articles too
(`note_rows`); code writing rows another way calls `note_articles` itself, and code writing
thousands of articles at once may leave them to `manage.py refresh_public_data` (`unnoted`).
"""

import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag, TaggedItem

from .kinds import article_lookup, source_relations
from .models import Article, Block, Figure, LeadFigure, Paragraph, PullQuote, Quote, Section, Source


class Noted:
    """Articles, sections and blocks noted, whose articles are looked up when they are refreshed."""

    def __init__(self):
        self.articles, self.sections, self.blocks = set(), set(), set()

    def __bool__(self):
        return bool(self.articles or self.sections or self.blocks)

    def article_ids(self):
        article_ids, section_ids = set(self.articles), set(self.sections)
        if self.blocks:
            section_ids |= set(Block.objects.filter(pk__in=self.blocks).values_list("section_id", flat=True))
        if section_ids:
            article_ids |= set(Section.objects.filter(pk__in=section_ids).values_list("article_id", flat=True))
        return article_ids


class Pending(threading.local):
    def __init__(self):
        # Changed outside `drafting()`, changed within it, and published.
        self.changed, self.drafted, self.published = Noted(), Noted(), set()
        self.ignoring = self.drafting = 0

    def __bool__(self):
        return bool(self.changed or self.drafted or self.published)

    def take(self):
        """What was noted so far, forgotten here: (changed, drafted, published)."""
        taken = self.changed, self.drafted, self.published
        self.changed, self.drafted, self.published = Noted(), Noted(), set()
        return taken


pending = Pending()


def note(kind, pks):
    if pending.ignoring:
        return
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return
    getattr(pending.drafted if pending.drafting else pending.changed, kind).update(pks)
    on_commit()


def on_commit():
    # One callback per change: those of a rolled back savepoint are dropped, the notes are not, so
    # a later commit still refreshes them. The callbacks after the first find nothing to do.
    transaction.on_commit(refresh_pending_public_data, robust=True)


@contextmanager
def unnoted():
    """Changes made within are not made public on commit: for writers of many articles that leave
    them to `manage.py refresh_public_data` (their pages are rendered from the rows meanwhile)."""
    pending.ignoring += 1
    try:
        yield
    finally:
        pending.ignoring -= 1


@contextmanager
def drafting():
    """Changes made within are drafts: articles readers can see keep their public version and
    are marked as having unpublished changes when the transaction commits (see the module's
    docstring). For editors' saves; importers and commands make their changes public."""
    pending.drafting += 1
    try:
        yield
    finally:
        pending.drafting -= 1


def forget_drafted(article_id):
    """The changes drafted so far to the article changed nothing readers see (an editor saved the
    form as it was): they leave its public version, and whether it differs, as they are."""
    drafted = pending.drafted
    drafted.articles.discard(article_id)
    if drafted.sections:
        drafted.sections -= set(Section.objects.filter(article_id=article_id).values_list("pk", flat=True))
    if drafted.blocks:
        drafted.blocks -= set(Block.objects.filter(section__article_id=article_id).values_list("pk", flat=True))


def publish_on_commit(article_ids):
    """Make the articles public when the transaction commits, drafted changes included."""
    pending.published.update(article_ids)
    on_commit()


def kept_from_readers():
    """Whether the changes being made now are kept from readers, as drafts (`drafting()`) or
    until `manage.py refresh_public_data` (`unnoted()`): what only making them public may write
    (the counts lists read) must not follow them."""
    return bool(pending.ignoring or pending.drafting)


def note_articles(article_ids):
    note("articles", article_ids)


def refresh_pending_public_data():
    """Refresh the public data of the articles noted since the last refresh, and mark those
    changed while drafting that readers can see; nothing if none."""
    if not pending:
        return
    changed, drafted, published = pending.take()
    drafted_ids = drafted.article_ids() - published
    kept_back = set(
        Article.objects.filter(pk__in=drafted_ids, status=Article.Status.PUBLISHED).values_list("pk", flat=True)
    )
    if kept_back:
        # Readers' pages do not change: nothing to make public.
        with unnoted():
            Article.objects.filter(pk__in=kept_back).update(has_unpublished_changes=True)
    from .publishing import refresh_public_data

    refresh_public_data((changed.article_ids() | drafted_ids | published) - kept_back)


# What each model's rows belong to: (kind of note, attribute).
OWNERS = {
    Article: ("articles", "pk"),
    LeadFigure: ("articles", "article_id"),
    Section: ("articles", "article_id"),
    Block: ("sections", "section_id"),
    Paragraph: ("sections", "section_id"),
    Figure: ("sections", "section_id"),
    PullQuote: ("sections", "section_id"),
    Quote: ("blocks", "paragraph_id"),
}


def row_changed(sender, instance, **kwargs):
    kind, attribute = OWNERS[sender]
    note(kind, [getattr(instance, attribute)])


def note_rows(queryset):
    """Note the articles of the rows of `queryset` (before they change in bulk)."""
    model = queryset.model
    if model is Article:
        note_articles(queryset.values_list("pk", flat=True))
    elif model in (Section, LeadFigure):
        note_articles(queryset.values_list("article_id", flat=True))
    elif model in OWNERS:
        note_articles(queryset.values_list(article_lookup(model), flat=True))
    elif model is Source:
        note_articles(Article.objects.filter(source_uses__source__in=queryset).values_list("pk", flat=True))


def note_created(objs):
    """Note the articles of rows created in bulk."""
    for obj in objs:
        if type(obj) in OWNERS:
            row_changed(type(obj), obj)


def articles_naming(names):
    """Articles whose figures credit one of `names` (their credits link to the source so named)."""
    names = [name for name in names if name]
    if not names:
        return set()
    found = set()
    for model, lookup in ((Figure, "section__article"), (LeadFigure, "article")):
        matches = Q()
        for name in names:
            matches |= Q(credit_source__iexact=name) | Q(credit_distributor__iexact=name)
        found |= set(model.objects.filter(matches).values_list(lookup, flat=True))
    return found


def source_names(source):
    return [source.name, *source.alias_list()]


def source_saving(sender, instance, **kwargs):
    if instance.pk is not None:
        before = Source.objects.filter(pk=instance.pk).first()
        instance._names_before = source_names(before) if before else []


def source_changed(sender, instance, **kwargs):
    """A source renamed, merged or deleted: every article citing it, or crediting it by name."""
    names = source_names(instance) + getattr(instance, "_names_before", [])
    note_articles(set(Article.objects.citing(instance).values_list("pk", flat=True)) | articles_naming(names))


def tag_changed(sender, instance, **kwargs):
    note_articles(Article.objects.filter(tags=instance).values_list("pk", flat=True))


def tagged_item_changed(sender, instance, **kwargs):
    if instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
        note_articles([instance.object_id])


def sources_receiver(field):
    """For the many-to-many `field` from a part of an article to Source, changed from either side."""
    through, owner = field.remote_field.through, field.m2m_field_name()

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                note_rows(field.model._default_manager.filter(pk=instance.pk))
        elif action == "pre_clear":
            owners = through.objects.filter(**{field.m2m_reverse_field_name(): instance.pk}).values(owner)
            note_rows(field.model._default_manager.filter(pk__in=owners))
        elif action in ("post_add", "post_remove"):
            note_rows(field.model._default_manager.filter(pk__in=pk_set))

    return receiver


def connect_signals():
    """Called from `ArticlesConfig.ready`."""
    for model in OWNERS:
        for signal in (post_save, post_delete):
            signal.connect(row_changed, sender=model, dispatch_uid=f"public-changes-{model.__name__}")
    pre_save.connect(source_saving, sender=Source, dispatch_uid="public-changes-source-before")
    post_save.connect(source_changed, sender=Source, dispatch_uid="public-changes-source")
    pre_delete.connect(source_changed, sender=Source, dispatch_uid="public-changes-source")
    post_save.connect(tag_changed, sender=Tag, dispatch_uid="public-changes-tag")
    pre_delete.connect(tag_changed, sender=Tag, dispatch_uid="public-changes-tag")
    for signal in (post_save, post_delete):
        signal.connect(tagged_item_changed, sender=TaggedItem, dispatch_uid="public-changes-tagged-item")
    for field in source_relations():
        if field.many_to_many:
            m2m_changed.connect(
                sources_receiver(field),
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"public-changes.{field.model._meta.model_name}.{field.name}",
            )
