"""`make audit`: serve the site as in production and let independent judges grade its pages.

Judges (installed by tools/audit/install-judges.sh into .judges/, none written by us):
the Nu HTML Checker (vnu.jar), axe-core (injected with Playwright into Debian's Chromium)
and Lighthouse (mobile and desktop). Pages: home, article, source, topic and search.

The site runs with DJANGO_DEBUG=false under gunicorn, on a throwaway SQLite database
holding the seed article and the test articles, with collected static files, so what is
graded is what a reader would get. Reports go to artefacts/audit/; the exit status is 1
when a judge could not run or a target is missed: 0 HTML errors, 0 axe violations,
Lighthouse ≥ 95 in every category on mobile and desktop.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
NPM_DIR = PROJECT / os.environ.get("JUDGES_NPM_DIR", ".judges/npm")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PORT = int(os.environ.get("AUDIT_PORT", "8050"))
BASE_URL = f"http://127.0.0.1:{PORT}"
REPORTS = PROJECT / "artefacts" / "audit"
LIGHTHOUSE_TARGET = 95
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ARTICLES = [
    (PROJECT / "articles" / "seed" / "000_a09af1157bd9f9d3.txt", "Rusia, Corea del Norte, OTAN, Ucrania"),
    (PROJECT / "articles" / "tests" / "articles_to_import" / "seoul_warns_en.txt", "Corea del Norte, Rusia"),
    (PROJECT / "articles" / "tests" / "articles_to_import" / "plan_sanidad_es.txt", "Sanidad"),
]
# Printed by `manage.py shell` so that page addresses come from reverse(), not from here.
PAGE_PATHS = """
import json
from django.urls import reverse
from articles.models import Article, Source
from taggit.models import Tag
article = Article.objects.published().get(slug__startswith="el-acercamiento")
print(json.dumps({
    "home": reverse("articles:article_list"),
    "article": article.get_absolute_url(),
    "source": Source.objects.get(name="KCNA").get_absolute_url(),
    "topic": reverse("articles:tag_detail", kwargs={"slug": Tag.objects.get(name="Rusia").slug}),
    "search": reverse("articles:search") + "?q=Corea",
}))
"""


def run(command, environment, **options):
    return subprocess.run(command, cwd=PROJECT, env=environment, check=True, **options)


def prepare_site(workdir):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "audit-only-" + os.urandom(16).hex(),
        # Plain HTTP on loopback: no HTTPS redirect, HSTS or HTTPS-only cookies (local testing only).
        "DJANGO_INSECURE_HTTP": "true",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
    }
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v", "0"], environment)
    run([*manage, "collectstatic", "--noinput", "-v", "0"], environment)
    for path, tags in ARTICLES:
        run([*manage, "import_article", str(path), "--publish", "--tags", tags], environment, stdout=subprocess.DEVNULL)
    output = run([*manage, "shell", "-v", "0", "-c", PAGE_PATHS], environment, capture_output=True, text=True).stdout
    return environment, json.loads(output.strip().splitlines()[-1])


def start_server(environment):
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE_URL + "/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"audit: the site did not start on {BASE_URL}")


def html_errors(url, outdir):
    vnu_jar = NPM_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(
        [
            "java",
            "-Dnu.validator.servlet.allow-forbidden-hosts=true",
            "-jar",
            str(vnu_jar),
            "--format",
            "json",
            "--stdout",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    (outdir / "vnu.json").write_text(result.stdout)
    messages = json.loads(result.stdout).get("messages", [])
    if any(message.get("type") == "non-document-error" for message in messages):
        raise RuntimeError(f"vnu could not check {url}: {messages}")
    return [
        f"{message.get('lastLine')}: {message['message']}" for message in messages if message.get("type") == "error"
    ]


def accessibility_violations(browser, url, outdir):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.goto(url, wait_until="load")
    page.add_script_tag(path=str(NPM_DIR / "node_modules" / "axe-core" / "axe.min.js"))
    results = page.evaluate("() => axe.run(document)")
    page.screenshot(path=str(outdir / "screenshot.png"), full_page=True)
    context.close()
    (outdir / "axe.json").write_text(json.dumps(results, indent=1))
    violations = [
        f"{violation['id']} ({len(violation['nodes'])} nodes): {violation['help']}"
        for violation in results["violations"]
    ]
    return violations + [f"console error: {error}" for error in console_errors]


def lighthouse_scores(url, outdir, form_factor):
    report = outdir / f"lighthouse-{form_factor}"
    profile = tempfile.mkdtemp(prefix="lighthouse-profile-")
    command = [
        "node",
        str(NPM_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={report}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)} --user-data-dir={profile}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    try:
        # Lighthouse now and then loses its connection to a freshly started Chromium: one retry.
        for attempt in (1, 2):
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM}
            )
            if result.returncode == 0:
                break
            print(f"audit: Lighthouse failed on {url} ({form_factor}, try {attempt}): {result.stderr.strip()[-500:]}")
        else:
            raise RuntimeError(f"Lighthouse could not grade {url}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    report_data = json.loads(Path(f"{report}.report.json").read_text())
    return {name: round(report_data["categories"][name]["score"] * 100) for name in LIGHTHOUSE_CATEGORIES}


def main():
    from playwright.sync_api import sync_playwright

    if REPORTS.exists():
        shutil.rmtree(REPORTS)
    REPORTS.mkdir(parents=True)
    workdir = Path(tempfile.mkdtemp(prefix="audit-site-"))
    environment, paths = prepare_site(workdir)
    server = start_server(environment)
    lines, failures = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for name, path in paths.items():
                url = BASE_URL + path
                outdir = REPORTS / name
                outdir.mkdir()
                errors = html_errors(url, outdir)
                violations = accessibility_violations(browser, url, outdir)
                scores = {
                    form_factor: lighthouse_scores(url, outdir, form_factor) for form_factor in ("mobile", "desktop")
                }
                score_text = "; ".join(
                    f"{form_factor} " + " ".join(f"{category} {score}" for category, score in form_scores.items())
                    for form_factor, form_scores in scores.items()
                )
                lines.append(
                    f"{name:<8} {path}\n  vnu errors {len(errors)}, axe violations {len(violations)}; {score_text}"
                )
                failures += [f"{name}: HTML: {error}" for error in errors]
                failures += [f"{name}: axe: {violation}" for violation in violations]
                failures += [
                    f"{name}: Lighthouse {form_factor} {category} {score} < {LIGHTHOUSE_TARGET}"
                    for form_factor, form_scores in scores.items()
                    for category, score in form_scores.items()
                    if score < LIGHTHOUSE_TARGET
                ]
            browser.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    summary = "\n".join(lines + ["", *(failures or ["All targets met."])])
    (REPORTS / "summary.txt").write_text(summary + "\n")
    print(summary)
    print(f"\nReports: {REPORTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
