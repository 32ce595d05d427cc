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
