from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.publishing import refresh_all_public_data


class Command(BaseCommand):
    help = _(
        "Make public again what every article is now: its stored page, search document and counts "
        "(after deploying new templates or code, or writing articles with bulk_create or update())."
    )

    def handle(self, *args, **options):
        count = refresh_all_public_data()
        self.stdout.write(_("%(count)s articles made public again.") % {"count": count})
