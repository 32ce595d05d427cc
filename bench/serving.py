"""What the benchmarks share: a throwaway PostgreSQL database, gunicorn on loopback, wrk, worker memory."""

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

# Prints wrk's results as one JSON line at the end; `paths` are requested round-robin.
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
"""


def admin_connection(server):
    import psycopg

    return psycopg.connect(f"{server}/postgres", autocommit=True)


def recreate_database(server, name):
    with admin_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(server, name):
    with admin_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(port, env=None, workers=2):
    """gunicorn serving the project on 127.0.0.1:`port` with `workers` sync workers, once it answers."""
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"the site did not start on 127.0.0.1:{port}")


def stop_server(server):
    server.terminate()
    server.wait()


def worker_memory(server):
    """{pid: resident memory in MB} of the gunicorn master's workers."""
    memory = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(server.pid):
            memory[int(status.parent.name)] = int(fields["VmRSS"].split()[0]) / 1024
    return memory


def run_wrk(base_url, paths, seconds, connections, workdir, headers=()):
    """wrk at full speed on `paths` (round-robin) for `seconds`: its summary as a dict."""
    script = Path(workdir) / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(path) for path in paths))
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, base_url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
