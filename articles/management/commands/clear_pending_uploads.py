from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.pending_uploads import clear_expired


class Command(BaseCommand):
    help = _(
        "Deletes the files kept for forms that were refused and never saved again, once they are a day old. "
        "Safe to run at any time, for example daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(_("%(count)s kept uploads deleted.") % {"count": clear_expired()})
