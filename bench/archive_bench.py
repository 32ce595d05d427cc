"""`make bench`, part two: every reader page at the size of a real archive, on PostgreSQL.

A throwaway database (BENCH_DATABASE, `newsreader_bench`, on BENCH_POSTGRES,
postgres://postgres@127.0.0.1:5432; created, then dropped) gets the migrations, the seed
article and BENCH_ARTICLES (10,000) generated articles (`manage.py generate_articles N --seed 1`). Then,
in process through Django's test client, with production settings and the page cache off,
each reader page is asked for up to BENCH_RUNS (100) times or BENCH_PAGE_SECONDS (8) seconds:
p50 and p99 in milliseconds, queries, and size. Every query of each page is run again under
`EXPLAIN (ANALYZE, BUFFERS)`: all plans go to artefacts/bench/explain.txt, and the summary
names each page's slowest query, its time and the scans it uses.

    BENCH_ARTICLES=2000 .venv/bin/python bench/archive_bench.py

BENCH_KEEP=1 keeps the database afterwards and reuses it on the next run (its public data
refreshed, as after a deploy), to measure a code change without writing the archive again.
"""

import math
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "100"))
PAGE_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "8"))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "newsreader_bench")
# Keep the filled database after the run, and reuse it on the next one (after a code change,
# `refresh_public_data` re-renders what is stored), instead of writing the archive again.
KEEP = os.environ.get("BENCH_KEEP", "").lower() in {"1", "true", "yes"}
# With BENCH_KEEP, BENCH_REFRESH=0 skips re-rendering the kept archive's public data (ten minutes
# at 10,000 articles) when the change measured does not touch what it stores.
REFRESH = os.environ.get("BENCH_REFRESH", "1").lower() not in {"0", "false", "no"}
REWRITTEN_BY_REFRESH = (
    "articles_searchdocument",
    "articles_searchpart",
    "articles_article",
    "articles_publicversion",
    "articles_publictopic",
    "articles_articlesource",
)
EXPLAIN_FILE = serving.PROJECT / "artefacts" / "bench" / "explain.txt"
SEED = serving.PROJECT / "articles" / "seed" / "000_a09af1157bd9f9d3.txt"
SEED_TAGS = "Rusia, Corea del Norte, OTAN, Ucrania"
P99_FLOOR_MS = 100
WORD = re.compile(r"[^\W\d_]{5,}")


def setup_django():
    os.environ.update(
        {
            "DATABASE_URL": f"{SERVER}/{DATABASE}",
            "DJANGO_DEBUG": "false",
            "DJANGO_INSECURE_HTTP": "true",
            "DJANGO_STATIC_MANIFEST": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_PAGE_CACHE": "off",
            "DJANGO_LOG_LEVEL": "ERROR",
            "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    sys.path.insert(0, str(serving.PROJECT))
    import django

    django.setup()


def fill_archive():
    """Migrate, import the seed article, write the generated articles; seconds it took."""
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("import_article", str(SEED), "--publish", "--tags", SEED_TAGS, stdout=StringIO())
    call_command("generate_articles", ARTICLES, "--seed", "1", stdout=StringIO())
    # As an operator does after writing articles in bulk: their public pages are stored, as every
    # article saved through the admin or the importer has its own.
    call_command("refresh_public_data", stdout=StringIO())
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.monotonic() - started


def search_words():
    """A common word, a rare word, a phrase, and a word no article has, read from the archive."""
    from articles.models import Paragraph

    texts = list(Paragraph.objects.order_by("pk").values_list("text", flat=True)[:: max(1, ARTICLES // 20)][:400])
    counts = Counter(word.lower() for text in texts for word in WORD.findall(text))
    common = counts.most_common(1)[0][0]
    rare, fewest = common, None
    for word in [word for word, count in counts.items() if count == 1][:15]:
        found = Paragraph.objects.filter(text__icontains=word).count()
        if found and (fewest is None or found < fewest):
            rare, fewest = word, found
    phrase_words = WORD.findall(texts[len(texts) // 2])[:2]
    return {"common": common, "rare": rare, "phrase": f'"{" ".join(phrase_words)}"', "none": "zqxjvkwplm"}


def reverse_or_none(name, **kwargs):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def pages():
    """(label, URL or None where this version of the site has no such page)."""
    from django.db.models import Count
    from django.urls import reverse
    from taggit.models import Tag

    from articles.models import Article, Block, Source

    published = Article.objects.published()
    last_page = max(1, math.ceil(published.count() / 20))
    seed = Article.objects.get(slug__startswith="el-acercamiento")
    generated = published.exclude(pk=seed.pk).order_by("pk")[published.count() // 2]
    topic = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses").first()
    topic_last = max(1, math.ceil(published.filter(tags=topic).count() / 20))
    cited = (
        Block.sources.through.objects.values("source").annotate(uses=Count("pk")).order_by("-uses").first()["source"]
    )
    source = Source.objects.get(pk=cited)
    words = search_words()
    search = reverse("articles:search")
    topic_url = reverse("articles:tag_detail", kwargs={"slug": topic.slug})
    return [
        ("article (seed)", seed.get_absolute_url()),
        ("article (generated)", generated.get_absolute_url()),
        ("front page", reverse("articles:article_list")),
        (f"front page, last ({last_page})", f"{reverse('articles:article_list')}?page={last_page}"),
        ("topic (most used)", topic_url),
        (f"topic, last page ({topic_last})", f"{topic_url}?page={topic_last}"),
        ("source (most cited)", source.get_absolute_url()),
        ("source list", reverse("articles:source_list")),
        (f"search, common ({words['common']})", f"{search}?q={words['common']}"),
        (f"search, rare ({words['rare']})", f"{search}?q={words['rare']}"),
        (f"search, phrase ({words['phrase']})", f"{search}?q={words['phrase']}"),
        ("search, no hits", f"{search}?q={words['none']}"),
        ("sitemap index", reverse("articles:sitemap")),
        ("sitemap page (articles 1)", reverse_or_none("articles:sitemap_section", section="articles")),
        ("news sitemap", reverse("articles:news_sitemap")),
        ("feed, latest (RSS)", reverse("articles:latest_feed_rss")),
        ("feed, topic (Atom)", reverse("articles:tag_feed_atom", kwargs={"slug": topic.slug})),
        ("feed, source (RSS)", reverse("articles:source_feed_rss", kwargs={"slug": source.slug})),
    ]


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm: templates, URL resolver, the database's caches
    if response.status_code != 200:
        return {"status": response.status_code}
    timings, started = [], time.monotonic()
    while len(timings) < RUNS and (len(timings) < 5 or time.monotonic() - started < PAGE_SECONDS):
        before = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - before) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return {
        "status": 200,
        "runs": len(timings),
        "p50": statistics.median(timings),
        "p99": percentile(timings, 0.99),
        "queries": [query["sql"] for query in captured.captured_queries],
        "kb": len(response.content) / 1024,
    }


def explain(sql):
    """(execution time in ms, plan text) of `sql` run under EXPLAIN ANALYZE."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    found = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return (float(found.group(1)) if found else 0.0), plan


SCAN_NAMES = {"Seq": "seq", "Index Only": "index only", "Index": "index", "Bitmap Index": "bitmap"}


def scans(plan, most=8):
    """The scans a plan uses, each once, shortly: `seq articles_block`, `index article_published_order`."""
    found = re.findall(r"(Seq|Index Only|Index|Bitmap Index) Scan (?:on|using) (\S+)", plan)
    found = list(dict.fromkeys(f"{SCAN_NAMES[kind]} {name}" for kind, name in found))
    return found[:most] + ([f"… {len(found) - most} more"] if len(found) > most else [])


def explain_page(label, url, result, out):
    """Every SELECT of the page under EXPLAIN ANALYZE, written to `out`; the slowest one's time and scans."""
    slowest = (0.0, "", "")
    out.write(f"\n{'=' * 100}\n{label}: {url}\n{'=' * 100}\n")
    for number, sql in enumerate(result["queries"], start=1):
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        milliseconds, plan = explain(sql)
        out.write(f"\n--- query {number}: {milliseconds:.2f} ms\n{sql}\n\n{plan}\n")
        if milliseconds >= slowest[0]:
            slowest = (milliseconds, plan, sql)
    return slowest


def main():
    from django.test import Client

    reuse = KEEP and database_has_articles()
    if not reuse:
        serving.recreate_database(SERVER, DATABASE)
    try:
        setup_django()
        if reuse:
            started = time.monotonic()
            from django.core.management import call_command

            call_command("migrate", "--noinput", verbosity=0)
            if REFRESH:
                call_command("refresh_public_data", stdout=StringIO())
            from django.db import connection

            with connection.cursor() as cursor:
                # As after a fresh fill: a refresh rewrites every article's public rows, and the
                # dead versions left by earlier ones were read too (a common word's search read
                # 125 MB of search documents instead of 26 after three refreshes).
                cursor.execute(f"VACUUM FULL ANALYZE {', '.join(REWRITTEN_BY_REFRESH)}" if REFRESH else "ANALYZE")
            print(
                f"\nReusing the kept archive in {DATABASE}; public data refreshed in {time.monotonic() - started:.0f} s"
            )
        else:
            seconds = fill_archive()
            print(f"\n{ARTICLES} generated articles written in {seconds:.0f} s; PostgreSQL, in process, page cache off")
        client = Client()
        rows = []
        EXPLAIN_FILE.parent.mkdir(parents=True, exist_ok=True)
        with EXPLAIN_FILE.open("w") as out:
            out.write(f"EXPLAIN (ANALYZE, BUFFERS) of every query of every reader page, {ARTICLES} articles\n")
            for label, url in pages():
                result = measure(client, url) if url else {"status": None}
                slowest = explain_page(label, url, result, out) if result["status"] == 200 else None
                rows.append((label, url, result, slowest))
    finally:
        from django.db import connections

        connections.close_all()
        if not KEEP:
            serving.drop_database(SERVER, DATABASE)
    report(rows)


def database_has_articles():
    """Whether BENCH_DATABASE already holds a filled archive that BENCH_KEEP may reuse."""
    import psycopg

    try:
        with psycopg.connect(f"{SERVER}/{DATABASE}", connect_timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0] > ARTICLES
    except psycopg.Error:
        return False


def report(rows):
    print(f"{'page':<42}{'p50 ms':>8}{'p99 ms':>8}{'runs':>6}{'queries':>8}{'KB':>7}{'main query ms':>15}")
    for label, _url, result, slowest in rows:
        if result["status"] != 200:
            print(f"{label:<42}{'n/a' if result['status'] is None else 'HTTP ' + str(result['status']):>8}")
            continue
        mark = "" if result["p99"] < P99_FLOOR_MS else "  p99 over 100 ms"
        print(
            f"{label:<42}{result['p50']:>8.1f}{result['p99']:>8.1f}{result['runs']:>6}{len(result['queries']):>8}"
            f"{result['kb']:>7.0f}{slowest[0]:>15.2f}{mark}"
        )
    print(f"\nThe slowest query of each page and the scans it uses (all plans: {EXPLAIN_FILE}):")
    for label, _url, result, slowest in rows:
        if result["status"] == 200 and slowest[2]:
            print(f"- {label}: {slowest[0]:.2f} ms; {'; '.join(scans(slowest[1])) or 'no table scanned'}")


if __name__ == "__main__":
    main()
