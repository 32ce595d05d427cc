"""Files an editor chose in a form that was refused, kept until the form is saved or abandoned
(articles/pending_uploads.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingUpload(models.Model):
    """A chosen file, as it was sent, for its uploader alone.

    Its bytes live in the database, never under MEDIA_ROOT: a picture nobody has saved yet (with
    its metadata still in it) is not served to anyone, and goes when the row does."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_uploads", verbose_name=_("owner")
    )
    name = models.CharField(_("file name"), max_length=255, blank=True, default="")
    content_type = models.CharField(_("content type"), max_length=100, blank=True, default="")
    content = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")
        indexes = [models.Index(fields=["created_at"], name="pending_upload_created")]

    def __str__(self):
        return self.name
