"""The admin in the editor's language: history entries, refusals and their messages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.tests.admin_helpers import make_editor, opened
from articles.tests.factories import ArticleFactory, SectionFactory
from articles.tests.history_helpers import edit, open_change_form, revisions_of

pytestmark = pytest.mark.django_db


def client_in(language, user):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return make_editor(django_user_model)


@pytest.fixture
def section():
    return SectionFactory(article=ArticleFactory(headline="Inundaciones"), heading="La tormenta")


def history_of(client, article):
    return client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()


def test_a_history_entry_is_shown_in_the_language_of_whoever_reads_it(editor, section):
    spanish, english = client_in("es", editor), client_in("en", editor)
    edit(spanish, section, {"heading": "La tormenta llega"})

    assert "Sección “La tormenta llega”: Modificado título." in history_of(spanish, section.article)
    assert "Section “La tormenta llega”: Changed heading." in history_of(english, section.article)


def test_the_arrange_page_refuses_a_stale_move_in_spanish(editor, section):
    spanish = client_in("es", editor)
    stale = opened(section.article)
    edit(spanish, section, {"heading": "La tormenta llega"})

    refused = spanish.post(
        reverse("admin:articles_article_arrange", args=[section.article.pk]),
        {"move": f"section:{section.pk}:down", **stale},
    )

    assert refused.status_code == 409
    assert "Otra persona guardó antes" in refused.content.decode()


def test_a_refused_save_writes_no_revision(editor, section):
    spanish = client_in("es", editor)
    url = reverse("admin:articles_section_change", args=[section.pk])
    edit(spanish, section, {"heading": "La tormenta llega"})
    recorded = len(revisions_of(section.article))

    refused = spanish.post(url, {**open_change_form(spanish, section), "anchor": "no válido!"})

    assert refused.status_code == 200
    assert len(revisions_of(section.article)) == recorded


@pytest.mark.parametrize(
    ("content", "spanish"),
    [
        (b"\x00\x01binary", "No se puede importar este archivo: el archivo es binario, no texto."),
        (b"Only a headline\n", "No se puede importar este archivo: el artículo tiene titular pero no cuerpo."),
        (b'{"schema": "article.v1", "headline": ', "No se puede importar este archivo: JSON no válido en la línea 1"),
    ],
)
def test_import_errors_are_in_the_editors_language(editor, content, spanish):
    refused = client_in("es", editor).post(
        reverse("admin:articles_article_import"), {"file": SimpleUploadedFile("article.txt", content)}
    )

    assert spanish in refused.content.decode()
