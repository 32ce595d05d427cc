import pytest


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Templates resolve {% static %} without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def isolated_media_root(settings, tmp_path):
    """Uploads made by tests land in a temporary folder, never in media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Every test starts with an empty page cache: a test database rolled back gives the content
    version numbers an earlier test may have cached pages under."""
    from django.core.cache import cache

    cache.clear()
