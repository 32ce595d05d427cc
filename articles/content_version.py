"""The content version: one number that changes whenever anything readers' pages show changes.

Pages are cached and validated (ETag, Last-Modified) under the version they were rendered
from (articles/pagecache.py), so a change must move the version *in the same transaction*:
a page rendered after the change is committed then reads the new number, and a page rendered
before it was stored under the old one, which nobody reads any more. Every process sharing the
database reads the same row, so a save through one server shows on every other at once.

What moves it:

- a save or delete of any model of this app (but the version itself), of a topic (taggit's
  Tag and TaggedItem), or a change to a many-to-many relation between them: signals, connected
  in `ArticlesConfig.ready()`;
- changes in bulk (`update()`, `bulk_create()`), which send no signal: `ContentQuerySet` calls
  `content_changed()` itself, and so must any code writing rows another way (a through table,
  image files a page shows);
- a scheduled publication time or an expiry time passing: the row keeps the earliest one to
  come, and the first request after it moves the version (`current_version`).
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import IntegrityError, connections, router, transaction
from django.db.models import DateTimeField, F, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from .models import Article, ContentVersion

ROW = 1


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime
    previous_changed_at: datetime | None
    next_publication: datetime | None

    @property
    def last_modified(self):
        """`changed_at` in whole seconds, as HTTP dates count."""
        return int(self.changed_at.timestamp())

    @property
    def alone_in_its_second(self):
        """Whether no earlier version was made within the same second: only then does an
        If-Modified-Since date tell that the reader holds this very version."""
        return self.previous_changed_at is None or int(self.previous_changed_at.timestamp()) < self.last_modified


def current_version(now=None):
    """The version pages are rendered under now: one query, two more when a scheduled
    publication time has just passed (the version moves, whichever process sees it first)."""
    now = now or timezone.now()
    version = read_version()
    if version.next_publication is not None and version.next_publication <= now:
        bump(articles=True, due_by=now)
        version = read_version()
    return version


def read_version():
    row = fetch_version_row()
    if row is None:
        # Only a database emptied by hand (or by a test's flush) lacks the row.
        bump(articles=True)
        row = fetch_version_row()
    return Version(*row)


VERSION_FIELDS = ("number", "changed_at", "previous_changed_at", "next_publication")


def fetch_version_row():
    """The version row's values, read with SQL written once: every request reads it, and building
    the query through the ORM would cost as much as the rest of serving a cached page. The values
    go through the converters the ORM would apply (SQLite returns text for a date)."""
    connection = connections[router.db_for_read(ContentVersion)]
    with connection.cursor() as cursor:
        cursor.execute(version_sql(connection), [ROW])
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, field in zip(row, version_fields(), strict=True):
        column = field.get_col(ContentVersion._meta.db_table)
        for convert in connection.ops.get_db_converters(column) + field.get_db_converters(connection):
            value = convert(value, column, connection)
        values.append(value)
    return values


@functools.cache
def version_fields():
    return [ContentVersion._meta.get_field(name) for name in VERSION_FIELDS]


VERSION_SQL = {}


def version_sql(connection):
    """The query, by database vendor (one per vendor, not per connection: threads have their own)."""
    if connection.vendor not in VERSION_SQL:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in version_fields())
        table, key = quote(ContentVersion._meta.db_table), quote(ContentVersion._meta.pk.column)
        VERSION_SQL[connection.vendor] = f"SELECT {columns} FROM {table} WHERE {key} = %s"
    return VERSION_SQL[connection.vendor]


def content_changed(articles=False):
    """Move the version, in the current transaction if there is one. `articles`: articles were
    saved or deleted, so the next scheduled publication time may have changed too."""
    if not bumped_in_this_transaction():
        bump(articles=articles)
        mark_bumped_in_this_transaction()
    elif articles:
        ContentVersion.objects.filter(pk=ROW).update(next_publication=next_publication(timezone.now()))


def bump(articles=False, due_by=None):
    """One UPDATE of the version row, which holds its lock until the transaction ends; with
    `due_by`, only if the next publication time is due by then (two processes seeing it pass
    move the version once)."""
    now = timezone.now()
    moved = {
        "number": Greatest(F("number") + 1, Value(microseconds(now))),
        "previous_changed_at": F("changed_at"),
        "changed_at": Greatest(F("changed_at"), Value(now, output_field=DateTimeField())),
    }
    if articles:
        moved["next_publication"] = next_publication(now)
    rows = ContentVersion.objects.filter(pk=ROW)
    if due_by is not None:
        rows = rows.filter(next_publication__lte=due_by)
    if rows.update(**moved) or due_by is not None:
        return
    try:
        with transaction.atomic():
            ContentVersion.objects.create(
                pk=ROW, number=microseconds(now), changed_at=now, next_publication=next_publication(now)
            )
    except IntegrityError:
        # Another process created it meanwhile.
        bump(articles=articles)


def next_publication(now):
    """The next time after `now` that a published article appears (published ahead of time) or
    leaves the site (its expiry time)."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    appears = Subquery(published.filter(published_at__gt=now).order_by("published_at").values("published_at")[:1])
    leaves = Subquery(published.filter(expire_at__gt=now).order_by("expire_at").values("expire_at")[:1])
    # SQLite's MIN() of a NULL is NULL, PostgreSQL's LEAST() skips it: either way, the other.
    return Coalesce(Least(appears, leaves), appears, leaves, output_field=DateTimeField())


def microseconds(moment):
    return int(moment.timestamp() * 1_000_000)


# --- Once per transaction ---------------------------------------------------------------------
# A transaction that saves a hundred rows moves the version once: its first change takes the
# row's lock and the new number, and the rest commit with it. What is still to happen at the
# commit is how Django tracks a transaction and its savepoints (a callback registered in a
# savepoint rolled back is dropped), so a no-op callback marks the transaction as counted.


def bumped_marker():
    """Registered with on_commit once the version moved in the current transaction; does nothing."""


def in_transaction(connection):
    # The atomic blocks a test case wraps every test in are not the code's transactions: the
    # code writes as if in autocommit mode there.
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def bumped_in_this_transaction():
    connection = transaction.get_connection()
    if not connection.in_atomic_block or not in_transaction(connection):
        return False
    # A mark made inside a savepoint since released is not trusted: moving again is harmless.
    active = set(connection.savepoint_ids)
    return any(func is bumped_marker and sids <= active for sids, func, _robust in connection.run_on_commit)


def mark_bumped_in_this_transaction():
    connection = transaction.get_connection()
    if connection.in_atomic_block and in_transaction(connection):
        transaction.on_commit(bumped_marker)


# --- What moves it ----------------------------------------------------------------------------


def watched_models():
    """Every model whose rows a reader's page may show: this app's (many-to-many tables
    included) but the version itself and search's own copy of the text (search pages are not
    cached, and it is rebuilt after every change anyway), the counts stored with each article
    (recounted only when the rows counted change), the topics made public (written with a public
    version, which moves it), the files kept for refused admin forms and where articles stand in
    review (editors' bookkeeping); and the topics."""
    from .models import ArticleReview, ArticleSource, PendingUpload, PublicTopic
    from .search.models import SearchDocument, SearchPart

    own = [model for model in apps.get_app_config("articles").get_models(include_auto_created=True)]
    unseen = {ContentVersion, SearchDocument, SearchPart, ArticleSource, PublicTopic, PendingUpload, ArticleReview}
    return [model for model in own if model not in unseen] + [Tag, TaggedItem]


def row_saved_or_deleted(sender, **kwargs):
    content_changed(articles=issubclass(sender, Article))


def relation_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed()


def connect_signals():
    for model in watched_models():
        uid = f"articles.content_version.{model._meta.label_lower}"
        post_save.connect(row_saved_or_deleted, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(row_saved_or_deleted, sender=model, dispatch_uid=f"{uid}.delete")
        m2m_changed.connect(relation_changed, sender=model, dispatch_uid=f"{uid}.m2m")
