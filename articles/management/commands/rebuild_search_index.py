"""manage.py rebuild_search_index: rebuild every article's search document and the full-text index."""

import time

from django.core.management.base import BaseCommand

from articles.search.documents import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rebuild every article's search document from its rows, then the database's full-text index. "
        "Saves keep them current; run this after writing articles without signals (bulk_create, update())."
    )

    def handle(self, **options):
        started = time.monotonic()

        def progress(done):
            if options["verbosity"] > 1:
                self.stdout.write(f"{done} articles")

        count = rebuild_search_index(progress=progress)
        self.stdout.write(f"Rebuilt the search documents of {count} articles in {time.monotonic() - started:.1f} s.")
