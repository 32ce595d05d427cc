"""`make bench`, part one: the seed article over HTTP, next to a bare Django view.

gunicorn (2 sync workers, DJANGO_DEBUG=false, DJANGO_INSECURE_HTTP=true since this is plain
HTTP on loopback) serves a throwaway SQLite database holding the seed article; wrk asks for

- the bare Django view at /bench/baseline/ (DJANGO_BENCH_BASELINE=true mounts it): what
  Django, the middleware and gunicorn cost with nothing of ours;
- the article rendered on every request (DJANGO_PAGE_CACHE=off);
- the article served from the page cache (the server started without that variable);
- the article answered 304 Not Modified (If-None-Match with the ETag of a first answer;
  "n/a" when the page sends no ETag);

and prints requests per second, latency, and the ratio of each to the baseline of the same
server, then the resident memory of each gunicorn worker after the run.

    BENCH_SECONDS=10 BENCH_CONNECTIONS=4 .venv/bin/python bench/server_bench.py
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8070"))
BASE_URL = f"http://127.0.0.1:{PORT}"
SEED = serving.PROJECT / "articles" / "seed" / "000_a09af1157bd9f9d3.txt"
SEED_TAGS = "Rusia, Corea del Norte, OTAN, Ucrania"
BASELINE = "/bench/baseline/"
# The floors, as ratios to the baseline, and the memory a worker may hold.
FLOORS = {"off": 0.15, "cached": 0.5, "304": 0.6}
MAX_WORKER_MB = 150


def site_environment(workdir):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DJANGO_DEBUG": "false",
        "DJANGO_INSECURE_HTTP": "true",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_BENCH_BASELINE": "true",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def manage(env, *arguments):
    """manage.py with `arguments` in the site's environment; its last line of output."""
    output = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=serving.PROJECT, env=env, capture_output=True, text=True
    )
    if output.returncode:
        raise SystemExit(f"bench: manage.py {arguments[0]} failed:\n{output.stderr}")
    return (output.stdout.strip().splitlines() or [""])[-1]


def fetch(url, headers=None):
    """(status, headers) of a GET, 304 included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def measure(server_env, article_path, workdir, cached):
    """{label: wrk summary or None} and the workers' memory after the run, for one server."""
    server = serving.start_server(PORT, env=server_env)
    results = {}
    try:
        status, headers = fetch(BASE_URL + article_path)
        if status != 200:
            raise SystemExit(f"bench: the article answered {status}")
        for _ in range(4):  # every worker has imported and rendered (and, when caching, cached) it
            fetch(BASE_URL + article_path)
        baselines = [serving.run_wrk(BASE_URL, [BASELINE], SECONDS, CONNECTIONS, workdir)]
        results["cached" if cached else "off"] = serving.run_wrk(
            BASE_URL, [article_path], SECONDS, CONNECTIONS, workdir
        )
        if cached:
            etag = headers.get("ETag")
            conditional = {"If-None-Match": etag} if etag else None
            if conditional and fetch(BASE_URL + article_path, conditional)[0] == 304:
                results["304"] = serving.run_wrk(
                    BASE_URL, [article_path], SECONDS, CONNECTIONS, workdir, headers=[f"If-None-Match: {etag}"]
                )
            else:
                results["304"] = None
        # Measured again at the end: on a shared machine one run may be slowed by others, and the
        # faster of the two keeps the ratios from looking better than they are.
        baselines.append(serving.run_wrk(BASE_URL, [BASELINE], SECONDS, CONNECTIONS, workdir))
        results["baseline"] = max(baselines, key=rate)
        memory = serving.worker_memory(server)
    finally:
        serving.stop_server(server)
    return results, memory


def rate(summary):
    return summary["requests"] / (summary["duration_us"] / 1e6)


def errors(summary):
    return sum(summary[kind] for kind in ("connect", "read", "write", "timeout", "status"))


def main():
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is missing: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        env = site_environment(workdir)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        slug = manage(env, "import_article", str(SEED), "--publish", "--tags", SEED_TAGS)
        article_path = f"/articles/{slug}/"
        off, off_memory = measure({**env, "DJANGO_PAGE_CACHE": "off"}, article_path, workdir, cached=False)
        on, on_memory = measure(env, article_path, workdir, cached=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report(off, off_memory, on, on_memory)


def report(off, off_memory, on, on_memory):
    print(
        f"\nThe seed article over HTTP: gunicorn, 2 sync workers, SQLite, DJANGO_DEBUG=false; "
        f"wrk, {CONNECTIONS} connections, {SECONDS} s each"
    )
    print(f"{'':<40}{'requests/s':>11}{'× baseline':>12}{'floor':>7}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}")
    rows = [
        ("bare Django view, best of 2 (cache off)", off["baseline"], off["baseline"], None),
        ("article, page cache off", off["off"], off["baseline"], FLOORS["off"]),
        ("bare Django view, best of 2 (cache on)", on["baseline"], on["baseline"], None),
        ("article, from the page cache", on["cached"], on["baseline"], FLOORS["cached"]),
        ("article, 304 Not Modified", on["304"], on["baseline"], FLOORS["304"]),
    ]
    for label, summary, baseline, floor in rows:
        floor_text = f"≥{floor:.2f}" if floor else ""
        if summary is None:
            print(f"{label:<40}{'n/a':>11}{'n/a':>12}{floor_text:>7}   (no ETag, or no 304 for it)")
            continue
        ratio = rate(summary) / rate(baseline)
        mark = "" if floor is None else (" ok" if ratio >= floor else " BELOW")
        print(
            f"{label:<40}{rate(summary):>11.1f}{ratio:>12.3f}{floor_text:>7}"
            f"{summary['p50_us'] / 1000:>8.1f}{summary['p99_us'] / 1000:>8.1f}{errors(summary):>8}{mark}"
        )
    for label, memory in (("page cache off", off_memory), ("page cache on", on_memory)):
        sizes = ", ".join(f"{megabytes:.0f} MB" for megabytes in sorted(memory.values()))
        mark = "ok" if memory and max(memory.values()) < MAX_WORKER_MB else "OVER"
        print(f"memory per worker after the run ({label}): {sizes} (floor < {MAX_WORKER_MB} MB: {mark})")


if __name__ == "__main__":
    main()
