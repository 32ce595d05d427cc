"""The CSS and JavaScript every reader downloads: small, and nothing fetched from elsewhere;
and the admin's own styles, in static files rather than inline."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

STATIC = Path(settings.BASE_DIR) / "static"
READER_ASSETS = [STATIC / "css" / "reader.css", STATIC / "js" / "reader.js"]
BUDGET_BYTES = 30_000


def test_reader_css_and_javascript_together_stay_under_30_kb():
    assert sum(path.stat().st_size for path in READER_ASSETS) < BUDGET_BYTES


def test_reader_css_and_javascript_load_nothing_from_another_site():
    for path in READER_ASSETS:
        assert not re.search(r"@import|url\(\s*['\"]?//|https?://|fetch\(|XMLHttpRequest", path.read_text()), path.name


def test_the_admin_templates_keep_their_styles_in_static_files_that_exist():
    templates = list((Path(settings.BASE_DIR) / "templates" / "admin").rglob("*.html"))
    linked = {name for path in templates for name in re.findall(r"{% static '([^']+\.css)' %}", path.read_text())}

    assert [path.name for path in templates if "<style" in path.read_text()] == []
    assert {name for name in linked if name.startswith("admin-extra/")} >= {
        "admin-extra/arrange.css",
        "admin-extra/change-form.css",
        "admin-extra/history.css",
        "admin-extra/import.css",
    }
    assert [name for name in linked if finders.find(name) is None] == []
