from django.core.management.base import BaseCommand, CommandError

from articles.site_export import SiteTransferError, counted, export_site


class Command(BaseCommand):
    help = (
        "Write every article (article.v1 JSON lines), source and topic, and the pictures the figures show, "
        "into DIR, which must not exist or be empty. import_site reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the export (created; must not exist or be empty).")

    def handle(self, *args, directory, **options):
        try:
            counts = export_site(directory, warn=self.stderr.write)
        except (SiteTransferError, OSError) as error:
            raise CommandError(f"Cannot export the site: {SiteTransferError(error)}") from None
        self.stdout.write(
            f"Exported {counted(counts['articles'], 'article')}, {counted(counts['sources'], 'source')}, "
            f"{counted(counts['topics'], 'topic')} and {counted(counts['media'], 'picture')} to {directory}"
        )
