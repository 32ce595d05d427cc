"""Search response times on a large archive: a common word, a rare word, two words and no hits.

Medians of the whole page (view and template included), then of its two steps alone.

Runs in process, through Django's test client, against the database DATABASE_URL names (not
a test database, so that an archive generated once serves many runs):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/news_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_articles 10000 --seed 1
    .venv/bin/python bench/search_at_scale.py            # --runs 20

`generate_articles --delete` removes the synthetic articles afterwards.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article, Paragraph  # noqa: E402
from articles.search import ranked_article_ids, search_results  # noqa: E402
from articles.synthetic import RARE_WORDS  # noqa: E402


def rare_word():
    """A word of the synthetic vocabulary that only a few articles contain."""
    for text in Paragraph.objects.filter(section__article__slug__startswith="synthetic-").values_list(
        "text", flat=True
    )[:200]:
        for word in text.lower().replace(".", " ").split():
            if word in RARE_WORDS:
                return word
    return "babebi"


def measure(client, query, runs):
    url = reverse("articles:search")
    response = client.get(url, {"q": query})  # warm caches: templates, URL resolver, query plans
    assert response.status_code == 200, response.status_code
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, {"q": query})
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": query})
    page = response.context["page_obj"]
    timings.sort()
    # The two steps of search on their own, without the view and the template.
    keys, results = [], []
    for _ in range(runs):
        started = time.perf_counter()
        article_ids = ranked_article_ids(query)
        ranked = time.perf_counter()
        search_results(query, article_ids[:10])
        keys.append((ranked - started) * 1000)
        results.append((time.perf_counter() - ranked) * 1000)
    return {
        "keys": statistics.median(keys),
        "results": statistics.median(results),
        "median": statistics.median(timings),
        "p90": timings[int(len(timings) * 0.9) - 1] if len(timings) >= 10 else timings[-1],
        "max": timings[-1],
        "hits": page.paginator.count if page else 0,
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = False
    client = Client()
    published = Article.objects.published().count()
    print(f"database: {connection.vendor}, published articles: {published}, runs: {arguments.runs}")
    print("page: the whole search page; keys: ranked_article_ids; results: search_results for the first page")
    print(
        f"{'search':<28}{'page ms':>9}{'p90 ms':>9}{'max ms':>9}{'keys ms':>9}{'results ms':>11}{'hits':>8}{'queries':>9}"
    )
    for label, query in (
        ("common word (gobierno)", "gobierno"),
        (f"rare word ({rare_word()})", rare_word()),
        ("two words", "presidente frontera"),
        ("no hits", "zzqxjw"),
    ):
        result = measure(client, query, arguments.runs)
        print(
            f"{label:<28}{result['median']:>9.1f}{result['p90']:>9.1f}{result['max']:>9.1f}"
            f"{result['keys']:>9.1f}{result['results']:>11.1f}{result['hits']:>8}{result['queries']:>9}"
        )


if __name__ == "__main__":
    main()
