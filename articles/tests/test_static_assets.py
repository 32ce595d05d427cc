"""The CSS and JavaScript every reader downloads (not the admin's): small, and nothing
fetched from elsewhere."""

import re
from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
READER_ASSETS = [STATIC / "css" / "reader.css", STATIC / "js" / "reader.js"]
BUDGET_BYTES = 30_000


def test_reader_css_and_javascript_together_stay_under_30_kb():
    assert sum(path.stat().st_size for path in READER_ASSETS) < BUDGET_BYTES


def test_reader_css_and_javascript_load_nothing_from_another_site():
    for path in READER_ASSETS:
        assert not re.search(r"@import|url\(\s*['\"]?//|https?://|fetch\(|XMLHttpRequest", path.read_text()), path.name
