from django.core.management.base import BaseCommand, CommandError

from articles.site_export import SiteTransferError, counted
from articles.site_import import REPLACE, SKIP, import_site


class Command(BaseCommand):
    help = (
        "Read a directory written by export_site: sources, topics, every article and its pictures. "
        "A site that already has articles is refused unless --replace or --skip-existing says what to do "
        "with articles whose slug the export has too. Nothing is written when anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory written by export_site.")
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument(
            "--replace",
            action="store_const",
            const=REPLACE,
            dest="existing",
            help="Overwrite articles with the same slug, and sources with the same slug or name.",
        )
        existing.add_argument(
            "--skip-existing",
            action="store_const",
            const=SKIP,
            dest="existing",
            help="Keep articles with the same slug, and the sources already there, as they are.",
        )

    def handle(self, *args, directory, existing, **options):
        try:
            result = import_site(directory, existing=existing)
        except (SiteTransferError, OSError) as error:
            raise CommandError(f"Cannot import {directory}: {SiteTransferError(error)}") from None
        for warning in result.warnings:
            self.stderr.write(warning)
        skipped = f" ({result.skipped} already there, kept)" if result.skipped else ""
        self.stdout.write(
            f"Imported {counted(result.articles, 'article')}{skipped}, {counted(result.sources, 'source')}, "
            f"{counted(result.topics, 'topic')} and {counted(result.media, 'picture')} from {directory}"
        )
