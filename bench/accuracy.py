"""How well the importer attributes quotes and reads structure, measured on the corpus (issue 10).

Imports every article of articles/tests/corpus/ into a throwaway test database (SQLite in
memory by default, PostgreSQL when DATABASE_URL says so; never db.sqlite3) through the
`import_article` command, in name order and again in reverse order, and the seed article on
its own; reads back what was stored and compares it with each article's expected file.

    make accuracy                          # the report; exit status 0
    .venv/bin/python bench/accuracy.py --floors    # exit status 1 below the floors of issue 10
    .venv/bin/python bench/accuracy.py --verbose   # also every attribution left empty
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

from articles.tests.corpus.judge import floor_failures  # noqa: E402
from articles.tests.corpus.measure import measure, report  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floors", action="store_true", help="Exit with status 1 below the floors of issue 10.")
    parser.add_argument("--verbose", action="store_true", help="Also list attributions left empty and wrong kinds.")
    arguments = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        measurement = measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    print(f"database: {connection.vendor}")
    print(report(measurement, verbose=arguments.verbose))
    failures = floor_failures(measurement.scores, measurement.seed)
    print()
    print("Below the floors:" if failures else "All floors met.")
    for failure in failures:
        print(f"  - {failure}")
    if arguments.floors and failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
