"""Files chosen in a refused form, kept so that the editor never has to choose them again.

When a form with a file is refused for another reason (a figure without its alt text, an import
whose slug is taken), the file the editor chose is kept as a `PendingUpload` of theirs and the form
comes back with a signed token for it in a hidden field. Sent back with the token and no new file,
the form gets the same file again and checks it as it checks any upload. Only the uploader can use
a token; a kept file goes when the form is saved, and after `KEEP_FOR` whatever happens (cleared
whenever another is kept, and by `manage.py clear_pending_uploads`).
"""

import datetime

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .models import PendingUpload

KEEP_FOR = datetime.timedelta(days=1)
SALT = "articles.pending_uploads"


def keep(user, upload):
    """Keep `upload` (a file from a request) for `user`; returns the PendingUpload."""
    clear_expired()
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return PendingUpload.objects.create(
        owner=user, name=upload.name or "", content_type=upload.content_type or "", content=content
    )


def token_for(pending):
    return signing.dumps(pending.pk, salt=SALT)


def find(user, token):
    """The kept file `token` names, if it is `user`'s and still kept; else None."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=KEEP_FOR)
    except signing.BadSignature:
        return None
    return PendingUpload.objects.filter(pk=pk, owner=user, created_at__gte=timezone.now() - KEEP_FOR).first()


def as_upload(pending):
    """The kept file as the request first brought it."""
    return SimpleUploadedFile(pending.name, bytes(pending.content), content_type=pending.content_type)


def discard(pendings):
    PendingUpload.objects.filter(pk__in=[pending.pk for pending in pendings]).delete()


def clear_expired(now=None):
    """Delete the files kept longer than `KEEP_FOR`; returns how many."""
    deleted, _by_model = PendingUpload.objects.filter(created_at__lt=(now or timezone.now()) - KEEP_FOR).delete()
    return deleted
