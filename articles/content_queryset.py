"""The queryset of every row readers' pages show (articles/content_version.py).

Saves and deletes send signals that move the content version; changes made in bulk send none,
so this queryset moves it itself, and notes the articles whose public data must be made again
(articles/public_changes.py). Kept apart from the models so that modules the models import
(old addresses, source merges) can use it too.
"""

from django.db import models


class ContentQuerySet(models.QuerySet):
    """The rows readers' pages show: changes made in bulk, which send no signals, still tell the
    page cache that content changed (articles/content_version.py; saves and deletes signal it)."""

    def update(self, **kwargs):
        from .public_changes import note_rows

        note_rows(self)
        rows = super().update(**kwargs)
        if rows:
            self.content_changed()
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        from .public_changes import note_created

        created = super().bulk_create(objs, *args, **kwargs)
        note_created(created)
        if created:
            self.content_changed()
        return created

    def content_changed(self):
        # content_version reads the models, which import this module.
        from .content_version import content_changed
        from .models import Article

        content_changed(articles=issubclass(self.model, Article))
