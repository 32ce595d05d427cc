from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row that changes with everything readers' pages show, in the same transaction as the
    change, so that a page cached under a version number is never served after a change, by any
    process sharing the database. articles/content_version.py keeps it; articles/pagecache.py reads it.
    """

    # Grows at each change, and never falls below the time in microseconds: a database restored
    # from an older backup goes on from numbers never used before.
    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()
    # When the version before this one was made: two versions within one second cannot be told
    # apart by If-Modified-Since, which counts whole seconds.
    previous_changed_at = models.DateTimeField(null=True, blank=True)
    # The earliest publication time still to come: when it passes, pages change by themselves.
    next_publication = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.number)
