"""`make loadtest`: readers at full speed and two editors saving, against gunicorn and PostgreSQL.

On loopback only, bounded in time. A throwaway PostgreSQL database (dropped at the end) gets the
migrations, the seed article and two test articles; gunicorn serves it as in production
(DJANGO_DEBUG=false, 2 sync workers; DJANGO_INSECURE_HTTP=true, since this is plain HTTP).
Then, for LOADTEST_SECONDS (300 by default):

- wrk reads the front, article, topic, source, sources and search pages as fast as it can;
- two editors log into the admin and, every few seconds, save through the admin's change forms,
  with their CSRF tokens, as a browser would: one the article's standfirst, the other a
  paragraph of it. When the other's save makes theirs a conflict, they save again, as the
  conflict page tells them to.

The summary gives requests per second, latency p50/p99, errors (any answer that is not 2xx or
3xx, socket errors, an editor's refused save), lost saves (a save the site acknowledged whose
text is in no revision of django-reversion, or a last save that is not what the page holds) and
each gunicorn worker's memory after warm-up and at the end. Exit status 1 on any error, lost
save, worker restart, or memory growing by more than LOADTEST_MAX_RSS_GROWTH (50 %).

    make loadtest                      # five minutes
    LOADTEST_SECONDS=60 make loadtest  # a shorter run
"""

import http.cookiejar
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "300"))
SAVE_INTERVAL = float(os.environ.get("LOADTEST_SAVE_INTERVAL", "3"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "8"))
MAX_RSS_GROWTH = float(os.environ.get("LOADTEST_MAX_RSS_GROWTH", "0.5"))
PORT = int(os.environ.get("LOADTEST_PORT", "8060"))
SERVER = os.environ.get("LOADTEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("LOADTEST_DATABASE", "newsreader_loadtest")
BASE_URL = f"http://127.0.0.1:{PORT}"
EDITOR_PASSWORD = "load-test-" + secrets.token_urlsafe(12)
ARTICLES = [
    (PROJECT / "articles" / "seed" / "000_a09af1157bd9f9d3.txt", "Rusia, Corea del Norte, OTAN, Ucrania"),
    (PROJECT / "articles" / "tests" / "articles_to_import" / "seoul_warns_en.txt", "Corea del Norte, Rusia"),
    (PROJECT / "articles" / "tests" / "articles_to_import" / "plan_sanidad_es.txt", "Sanidad"),
]


def recreate_database():
    serving.recreate_database(SERVER, DATABASE)


def drop_database():
    from django.db import connections

    connections.close_all()
    serving.drop_database(SERVER, DATABASE)


def prepare_site(workdir):
    """The production environment, the database filled, and the pages and objects to work on."""
    os.environ.update(
        {
            "DATABASE_URL": f"{SERVER}/{DATABASE}",
            "DJANGO_DEBUG": "false",
            "DJANGO_INSECURE_HTTP": "true",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_EDITOR_PASSWORD": EDITOR_PASSWORD,
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse
    from taggit.models import Tag

    from articles.models import Article, Paragraph, Source

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    for path, tags in ARTICLES:
        call_command("import_article", str(path), "--publish", "--tags", tags, stdout=open(os.devnull, "w"))
    for username in ("editor-a", "editor-b"):
        call_command("create_editor", username, stdout=open(os.devnull, "w"))
    article = Article.objects.published().get(slug__startswith="el-acercamiento")
    paragraph = Paragraph.objects.filter(section__article=article).order_by("section__position", "position").first()
    pages = [
        reverse("articles:article_list"),
        *(other.get_absolute_url() for other in Article.objects.published()),
        reverse("articles:tag_detail", kwargs={"slug": Tag.objects.get(name="Rusia").slug}),
        Source.objects.get(name="KCNA").get_absolute_url(),
        reverse("articles:source_list"),
        reverse("articles:search") + "?q=Corea",
    ]
    return SimpleNamespace(article=article, paragraph=paragraph, pages=pages)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor(threading.Thread):
    """Logs in, then saves one text field through its admin change form every SAVE_INTERVAL seconds."""

    def __init__(self, username, change_url, form_id, field, until):
        super().__init__(name=username)
        self.username, self.change_url, self.form_id, self.field, self.until = (
            username,
            change_url,
            form_id,
            field,
            until,
        )
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects())
        self.saved, self.errors, self.conflicts, self.save_seconds = [], [], 0, []

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(BASE_URL + path, body, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def form_data(self, html):
        from articles.tests.admin_helpers import change_form_data

        return change_form_data(SimpleNamespace(content=html), self.form_id)

    def log_in(self):
        login = "/admin/login/?next=/admin/"
        status, _, html = self.request(login)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        credentials = {"csrfmiddlewaretoken": token, "username": self.username, "password": EDITOR_PASSWORD}
        status, headers, _ = self.request(login, {**credentials, "next": "/admin/"})
        if status != 302:
            raise RuntimeError(f"{self.username} could not log in ({status})")

    def save(self, number):
        text = f"Saved by {self.username}, save {number}, {secrets.token_hex(6)}."
        status, _, html = self.request(self.change_url)
        if status != 200:
            return self.errors.append(f"GET {self.change_url}: {status}")
        data = {**self.form_data(html), self.field: text, "_continue": "1"}
        started = time.monotonic()
        for _ in range(5):
            status, headers, html = self.request(self.change_url, data)
            if status == 302:
                self.save_seconds.append(time.monotonic() - started)
                return self.saved.append(text)
            if status != 200 or b'id="edit-conflict"' not in html:
                return self.errors.append(f"save {number}: {status} {html[:300]!r}")
            # The other editor saved in between: the form comes back with our text; save again.
            self.conflicts += 1
            data = {**self.form_data(html), "_continue": "1"}
        self.errors.append(f"save {number}: still a conflict after five tries")

    def run(self):
        try:
            self.log_in()
            number = 0
            while time.monotonic() < self.until:
                number += 1
                self.save(number)
                time.sleep(SAVE_INTERVAL)
        except Exception as error:  # noqa: BLE001 - reported as an error of the run, never swallowed
            self.errors.append(f"{type(error).__name__}: {error}")


def run_readers(pages, seconds, workdir):
    return serving.run_wrk(BASE_URL, pages, seconds, CONNECTIONS, workdir)


def lost_saves(site, editors):
    """Acknowledged saves whose text no revision holds, and last saves the page no longer holds."""
    from reversion.models import Version

    site.article.refresh_from_db()
    site.paragraph.refresh_from_db()
    versions = "\n".join(Version.objects.values_list("serialized_data", flat=True))
    lost = [f"{editor.name}: {text}" for editor in editors for text in editor.saved if text not in versions]
    finals = {"editor-a": site.article.standfirst, "editor-b": site.paragraph.text}
    lost += [
        f"{editor.name}: last save {editor.saved[-1]!r} but the page holds {finals[editor.name]!r}"
        for editor in editors
        if editor.saved and finals[editor.name] != editor.saved[-1]
    ]
    return lost


def main():
    if not shutil.which("wrk"):
        raise SystemExit("loadtest: wrk is missing: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    try:
        recreate_database()
    except Exception as error:  # noqa: BLE001 - the one-line reason, not a traceback
        raise SystemExit(f"loadtest: cannot create {DATABASE} on {SERVER}: {error}") from None
    server = None
    try:
        site = prepare_site(workdir)
        server = serving.start_server(PORT)
        for page in site.pages * 3:  # warm-up: every worker has imported and rendered everything
            urllib.request.urlopen(BASE_URL + page, timeout=30).read()
        memory_start = serving.worker_memory(server)
        until = time.monotonic() + SECONDS
        editors = [
            Editor(
                "editor-a", f"/admin/articles/article/{site.article.pk}/change/", "article_form", "standfirst", until
            ),
            Editor(
                "editor-b", f"/admin/articles/paragraph/{site.paragraph.pk}/change/", "paragraph_form", "text", until
            ),
        ]
        for editor in editors:
            editor.start()
        readers = run_readers(site.pages, SECONDS, workdir)
        for editor in editors:
            editor.join()
        memory_end = serving.worker_memory(server)
        lost = lost_saves(site, editors)
    finally:
        if server:
            serving.stop_server(server)
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    return report(readers, editors, lost, memory_start, memory_end)


def report(readers, editors, lost, memory_start, memory_end):
    seconds = readers["duration_us"] / 1e6
    socket_errors = sum(readers[kind] for kind in ("connect", "read", "write", "timeout"))
    saves = sum(len(editor.saved) for editor in editors)
    save_times = sorted(time for editor in editors for time in editor.save_seconds)
    failures = [f"readers: {readers['status']} answers that are not 2xx or 3xx"] if readers["status"] else []
    failures += [f"readers: {socket_errors} socket errors or timeouts"] if socket_errors else []
    failures += [f"{editor.name}: {error}" for editor in editors for error in editor.errors]
    failures += [f"lost save: {text}" for text in lost]
    failures += ["editors: no save was made"] if not saves else []
    if set(memory_start) != set(memory_end):
        failures.append(f"gunicorn workers were restarted: {sorted(memory_start)} -> {sorted(memory_end)}")
    for pid in set(memory_start) & set(memory_end):
        if memory_end[pid] > memory_start[pid] * (1 + MAX_RSS_GROWTH):
            failures.append(f"worker {pid} grew from {memory_start[pid]:.0f} to {memory_end[pid]:.0f} MB")
    memory = ", ".join(
        f"{pid}: {memory_start[pid]:.1f} -> {memory_end.get(pid, 0):.1f} MB" for pid in sorted(memory_start)
    )
    print(
        f"""
load test: {seconds:.0f} s, gunicorn 2 sync workers, PostgreSQL, {CONNECTIONS} reader connections
readers:   {readers["requests"]} requests, {readers["requests"] / seconds:.1f} requests/s
latency:   p50 {readers["p50_us"] / 1000:.1f} ms, p99 {readers["p99_us"] / 1000:.1f} ms, max {readers["max_us"] / 1000:.1f} ms
errors:    {readers["status"]} not 2xx/3xx, {socket_errors} socket errors/timeouts
editors:   {saves} saves acknowledged ({", ".join(f"{editor.name} {len(editor.saved)}" for editor in editors)}), \
{sum(editor.conflicts for editor in editors)} conflicts saved again, \
save p50 {save_times[len(save_times) // 2] * 1000 if save_times else 0:.0f} ms
lost:      {len(lost)} saves
memory:    {memory} (worker RSS after warm-up -> end)
{chr(10).join(["", "FAILED:", *failures] if failures else ["", "OK: no errors, no lost saves, memory flat."])}"""
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
