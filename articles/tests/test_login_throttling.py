"""The admin login after wrong passwords: a few are forgiven, then that username from that
address is locked out for the cool-off period, whatever password comes next."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-password"
LOCKOUT_ES = "Demasiados inicios de sesión fallidos"
LOCKOUT_EN = "Too many failed logins"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="maria", password=PASSWORD, is_staff=True)


def log_in(client, password, username="maria", address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_the_right_password_works_after_wrong_ones_below_the_limit(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_fifty_wrong_passwords_then_the_right_one_is_refused_with_the_lockout_message(client, editor, settings):
    for _ in range(50):
        log_in(client, "wrong")
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKOUT_ES in html
    assert f"{settings.AXES_FAILURE_LIMIT} contraseñas incorrectas" in html
    assert "30 minutos" in html
    assert 'name="password"' not in html
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_the_editors_language(editor, settings):
    client = Client(headers={"accept-language": "en"})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    html = log_in(client, PASSWORD).content.decode()
    assert LOCKOUT_EN in html
    assert "Try again in 30 minutes" in html


def test_a_lockout_holds_one_username_from_one_address_only(client, editor, django_user_model, settings):
    django_user_model.objects.create_user(username="juan", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 429
    assert log_in(Client(), PASSWORD, username="juan").status_code == 302
    assert log_in(Client(), PASSWORD, address="198.51.100.4").status_code == 302
