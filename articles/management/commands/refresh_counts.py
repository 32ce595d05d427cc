from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.counts import refresh_all_counts


class Command(BaseCommand):
    help = _(
        "Count again every article's words and the sources it cites, as lists and source pages show them "
        "(needed only after writing articles with bulk_create or update())."
    )

    def handle(self, *args, **options):
        count = refresh_all_counts()
        self.stdout.write(_("%(count)s articles counted.") % {"count": count})
