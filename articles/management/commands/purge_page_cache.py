from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.content_version import content_changed, current_version


class Command(BaseCommand):
    help = _(
        "Moves the content version, so that every page cached by any app server is rendered anew and "
        "no reader or CDN is answered 304 for a page it holds. For changes made outside the site "
        "(SQL by hand, files copied into MEDIA_ROOT)."
    )

    def handle(self, *args, **options):
        content_changed(articles=True)
        self.stdout.write(_("Content version is now %(number)s.") % {"number": current_version().number})
