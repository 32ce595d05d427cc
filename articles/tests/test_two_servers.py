"""Two app servers sharing one database, each with its own memory cache or both with Redis: an
editor's save through one shows on the other on the very next request.

Real processes (`manage.py runserver`), since threads of one process would share what the test
is about. They use a database of their own, next to the test database: a SQLite file, or a
PostgreSQL database dropped afterwards.
"""

import html
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from articles.tests.admin_helpers import change_form_data
from articles.tests.cache_helpers import REDIS_TEST_URL, redis_or_skip

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "articles" / "seed" / "000_a09af1157bd9f9d3.txt"
PASSWORD = "two-servers-editor-password"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A database of the servers' own, migrated, with the seed article and an editor."""
    folder = tmp_path_factory.mktemp("two-servers")
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        url, drop = postgres_database(database, f"{database['NAME']}_servers")
    else:
        url, drop = f"sqlite:///{folder / 'servers.sqlite3'}", None
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_DEBUG": "true",
        "DJANGO_EDITOR_PASSWORD": PASSWORD,
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    slug = manage(env, "import_article", str(SEED), "--publish").strip().splitlines()[-1]
    manage(env, "create_editor", "editor")
    yield SimpleNamespace(env=env, article_path=f"/articles/{slug}/")
    if drop:
        drop()


def postgres_database(database, name):
    import psycopg

    options = {"host": database["HOST"] or "127.0.0.1", "port": database["PORT"] or 5432, "user": database["USER"]}
    if database["PASSWORD"]:
        options["password"] = database["PASSWORD"]

    def run(statement):
        with psycopg.connect(dbname="postgres", autocommit=True, **options) as connection:
            connection.execute(statement)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    credentials = urllib.parse.quote(options["user"]) + (
        ":" + urllib.parse.quote(options["password"]) if "password" in options else ""
    )
    url = f"postgres://{credentials}@{options['host']}:{options['port']}/{name}"
    return url, lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *arguments):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`manage.py runserver` in a process of its own, and a browser with its own cookies."""

    def __init__(self, env):
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", self.url.removeprefix("http://")],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/robots.txt", timeout=2)
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"runserver at {self.url} did not start") from None
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def read(self, path):
        """A reader's request: no cookie."""
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read().decode()

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        with self.opener.open(self.url + path, body, timeout=30) as response:
            return SimpleNamespace(url=response.url, content=response.read())

    def csrf_token(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def log_in(self, username, password):
        self.open("/admin/login/")
        done = self.open(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf_token(), "next": "/admin/"},
        )
        assert done.url.endswith("/admin/"), "the editor could not log in"

    def rename_source(self, old_name, new_name):
        """Through the admin's source list and change form, as an editor's browser would."""
        search = self.open("/admin/articles/source/?" + urllib.parse.urlencode({"q": old_name})).content.decode()
        found = re.search(
            r'href="(/admin/articles/source/\d+/change/)[^"]*">' + re.escape(html.escape(old_name)) + "<", search
        )
        path = found.group(1)
        data = change_form_data(self.open(path), "source_form")
        data.update({"name": new_name, "csrfmiddlewaretoken": self.csrf_token()})
        saved = self.open(path, data)
        assert saved.url.endswith("/admin/articles/source/"), "the save was refused"


@pytest.fixture
def servers(site, request):
    env = dict(site.env)
    if request.param == "redis":
        redis_or_skip()
        env["REDIS_URL"] = REDIS_TEST_URL
    first = Server(env)
    try:
        second = Server(env)
    except RuntimeError:
        first.stop()
        raise
    yield first, second
    first.stop()
    second.stop()


@pytest.mark.parametrize("servers", ["memory", "redis"], indirect=True)
def test_a_save_through_one_server_is_served_by_the_other_on_the_next_request(site, servers):
    first, second = servers
    for server in (first, second, first, second):
        assert ">KCNA<" in server.read(site.article_path)
        assert "KCNA (Pyongyang)" not in server.read("/sources/")

    first.log_in("editor", PASSWORD)
    first.rename_source("KCNA", "KCNA (Pyongyang)")

    assert "KCNA (Pyongyang)" in second.read(site.article_path)
    assert "KCNA (Pyongyang)" in second.read("/sources/")
    assert "KCNA (Pyongyang)" in first.read(site.article_path)
    first.rename_source("KCNA (Pyongyang)", "KCNA")
    assert "KCNA (Pyongyang)" not in second.read(site.article_path)
