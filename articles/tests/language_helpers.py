"""The interface language for tests that read the admin's English messages.

The site's default language is Spanish; these tests ask for English as an English-speaking
editor's browser would, so that they check the messages, not their translation.
"""

import pytest
from django.utils import translation


@pytest.fixture
def english_interface(settings, client):
    settings.LANGUAGE_CODE = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
