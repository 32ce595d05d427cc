"""manage.py generate_articles N [--seed S] | --delete: synthetic articles for benchmarks (see articles/synthetic.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.synthetic import SyntheticArticlesExist, delete_synthetic_articles, generate_articles


class Command(BaseCommand):
    help = (
        "Write N synthetic published articles (slugs starting with “synthetic-”, byline “Synthetic article”) "
        "for measuring the site at the size of a real archive; --delete removes them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, help="How many articles to write.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed writes the same articles (default 1).")
        parser.add_argument("--delete", action="store_true", help="Delete every synthetic article instead.")

    def handle(self, count, seed, delete, **options):
        verbosity = options["verbosity"]
        started = time.monotonic()
        if delete:
            deleted = delete_synthetic_articles()
            self.stdout.write(f"Deleted {deleted} synthetic articles in {time.monotonic() - started:.1f} s.")
            return
        if count is None or count < 1:
            raise CommandError("say how many articles to write, a number of at least 1 (or use --delete)")

        def progress(done):
            if verbosity > 1:
                self.stdout.write(f"{done}/{count} articles, {time.monotonic() - started:.1f} s")

        try:
            generate_articles(count, seed, progress=progress)
        except SyntheticArticlesExist as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Wrote {count} synthetic articles (seed {seed}) in {time.monotonic() - started:.1f} s.")
