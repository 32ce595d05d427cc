"""Median time of the article page: the seed article and a long one (40 sections, 480 paragraphs),
rendered (page cache off), served from the page cache, and answered 304 Not Modified.

Runs against a throwaway test database (SQLite by default, PostgreSQL when DATABASE_URL
says so), through Django's test client, so it measures the view, the queries and the templates.

    make bench                   # or: .venv/bin/python bench/render_article.py --runs 50
"""

import argparse
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# With DJANGO_DEBUG=false the test client's plain-HTTP requests would only measure the HTTPS redirect.
os.environ.setdefault("DJANGO_INSECURE_HTTP", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402


def measure(client, url, runs, page_cache, **headers):
    settings.PAGE_CACHE = page_cache
    expected = 304 if headers else 200
    client.get(url)  # warm caches: templates, URL resolver, the page cache
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == expected, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return statistics.median(timings), min(timings), max(timings), len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    arguments = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from articles.tests.factories import build_long_article

        seed = Path(__file__).resolve().parents[1] / "articles" / "seed" / "000_a09af1157bd9f9d3.txt"
        output = StringIO()
        call_command("import_article", str(seed), "--publish", stdout=output)
        seed_slug = output.getvalue().strip().splitlines()[-1]
        long_article = build_long_article(slug="long-article")

        from django.urls import reverse

        client = Client()
        print(f"database: {connection.vendor}, runs: {arguments.runs}")
        print(f"{'page':<14}{'served':<10}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'queries':>9}{'KB':>8}")
        for label, slug in (("seed", seed_slug), ("long (40×12)", long_article.slug)):
            url = reverse("articles:article_detail", kwargs={"slug": slug})
            etag = client.get(url)["ETag"]
            for way, page_cache, headers in (
                ("rendered", False, {}),
                ("cached", True, {}),
                ("304", True, {"if-none-match": etag}),
            ):
                median, fastest, slowest, query_count, size = measure(
                    client, url, arguments.runs, page_cache, **headers
                )
                print(
                    f"{label:<14}{way:<10}{median:>10.2f}{fastest:>9.2f}{slowest:>9.2f}{query_count:>9}{size / 1024:>8.0f}"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
