"""The bare view `make bench` compares pages with: mounted by DJANGO_BENCH_BASELINE=true only.

URLs are read once per process, so each case asks in a process of its own (see
test_production_settings.py, whose `manage` runs manage.py with an operator's environment)."""

import json

from .test_production_settings import manage

PROBE = """
import json
from django.test import Client
answer = Client().get("/bench/baseline/")
print(json.dumps({"status": answer.status_code, "body": answer.content.decode()}))
"""


def ask_baseline(tmp_path, **variables):
    # Without collected static files: the 404 page links the site's style sheet.
    plain = {"DJANGO_INSECURE_HTTP": "true", "DJANGO_STATIC_MANIFEST": "false"}
    result = manage(tmp_path, "shell", "-v", "0", "-c", PROBE, **plain, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_bench_baseline_is_a_fixed_answer_when_asked_for(tmp_path):
    assert ask_baseline(tmp_path, DJANGO_BENCH_BASELINE="true") == {"status": 200, "body": "baseline"}


def test_the_bench_baseline_does_not_exist_otherwise(tmp_path):
    assert ask_baseline(tmp_path)["status"] == 404
