"""Production mode is HTTPS only by default: `check --deploy` is clean, plain HTTP is redirected,
HSTS is sent, cookies never travel in clear; DJANGO_INSECURE_HTTP=true alone turns that off.

Settings are read once per process, so each case runs manage.py in a process of its own with
exactly the environment an operator would give it."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

# Variables a developer's shell (or this test run: the browser tests' async switch) may hold
# that would change what is under test.
SECURITY_VARIABLES = [
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_DEBUG",
    "DJANGO_INSECURE_HTTP",
    "DJANGO_BEHIND_HTTPS_PROXY",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS",
    "DJANGO_HSTS_PRELOAD",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
]
# Asks the site over plain HTTP and through an HTTPS proxy, and prints what it answered.
PROBE = """
import json
from django.conf import settings
from django.test import Client
plain = Client().get("/robots.txt")
proxied = Client().get("/robots.txt", headers={"x-forwarded-proto": "https"})
print(json.dumps({
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "plain_hsts": plain.headers.get("Strict-Transport-Security", ""),
    "proxied_status": proxied.status_code,
    "proxied_hsts": proxied.headers.get("Strict-Transport-Security", ""),
}))
"""


def manage(tmp_path, *arguments, **variables):
    environment = {name: value for name, value in os.environ.items() if name not in SECURITY_VARIABLES}
    environment.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "news.example.org,testserver",
            # Nothing here touches the database; keep the process off the test run's own.
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "STATIC_ROOT": str(tmp_path / "static"),
            **variables,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def probe(tmp_path, **variables):
    result = manage(tmp_path, "shell", "-v", "0", "-c", PROBE, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_in_production_mode_with_nothing_security_related_set(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_mode_redirects_plain_http_and_keeps_cookies_to_https(tmp_path):
    answers = probe(tmp_path)
    assert answers["ssl_redirect"] and answers["session_cookie_secure"] and answers["csrf_cookie_secure"]
    assert answers["plain_status"] == 301
    assert answers["plain_location"] == "https://testserver/robots.txt"


def test_behind_the_https_proxy_hsts_with_subdomains_and_preload_is_sent(tmp_path):
    answers = probe(tmp_path, DJANGO_BEHIND_HTTPS_PROXY="true")
    assert answers["proxied_status"] == 200
    assert answers["proxied_hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_hsts_duration_subdomains_and_preload_are_configurable_without_a_deploy_warning(tmp_path):
    variables = {
        "DJANGO_BEHIND_HTTPS_PROXY": "true",
        "DJANGO_HSTS_SECONDS": "3600",
        "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "false",
        "DJANGO_HSTS_PRELOAD": "false",
    }
    assert probe(tmp_path, **variables)["proxied_hsts"] == "max-age=3600"
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **variables)
    assert result.returncode == 0, result.stderr


def test_insecure_http_alone_turns_the_https_parts_off_for_local_runs(tmp_path):
    answers = probe(tmp_path, DJANGO_INSECURE_HTTP="true")
    assert not answers["ssl_redirect"]
    assert not answers["session_cookie_secure"] and not answers["csrf_cookie_secure"]
    assert answers["plain_status"] == 200
    assert answers["proxied_hsts"] == ""
    # Which `check --deploy` rightly reports: it is not a production configuration.
    assert manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", DJANGO_INSECURE_HTTP="true").returncode


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_misspelt_insecure_http_value_is_refused_not_guessed(tmp_path, value):
    result = manage(tmp_path, "check", DJANGO_INSECURE_HTTP=value)
    assert result.returncode != 0
    assert "DJANGO_INSECURE_HTTP must be true or false" in result.stderr
