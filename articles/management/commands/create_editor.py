"""Create an editor's account: a staff user in the "Editors" group, never a superuser."""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

EDITORS = "Editors"
PASSWORD_VARIABLE = "DJANGO_EDITOR_PASSWORD"


def messages_of(error):
    return " ".join(error.messages)


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editors group, or make an existing account one. "
        f"The password is asked for in a terminal, or read from {PASSWORD_VARIABLE}."
    )
    # Tests pass a stand-in for standard input to decide whether the run is interactive.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default=None, help="The editor's e-mail address.")

    def handle(self, *args, username, email, **options):
        self.stdin = options.get("stdin", sys.stdin)
        User = get_user_model()
        username = username.strip()
        self.check_username(User, username)
        if email is not None:
            self.check_email(email)
        editors = Group.objects.filter(name=EDITORS).first()
        if editors is None:
            raise CommandError(f"The “{EDITORS}” group is missing; run “manage.py migrate” first.")

        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        if created:
            user = User(**{User.USERNAME_FIELD: username})
        if email is not None:
            user.email = email
        password = self.read_password()
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(f"Password refused: {messages_of(error)}") from None

        with transaction.atomic():
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(editors)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} editor “{username}”: staff, in the {EDITORS} group."))

    def check_username(self, User, username):
        if not username:
            raise CommandError("The username is empty.")
        try:
            User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
        except ValidationError as error:
            raise CommandError(f"Username “{username}” refused: {messages_of(error)}") from None

    def check_email(self, email):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an e-mail address.") from None

    def read_password(self):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password:
            return password
        if not (hasattr(self.stdin, "isatty") and self.stdin.isatty()):
            raise CommandError(f"No password: set {PASSWORD_VARIABLE}, or run the command in a terminal to be asked.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was changed.")
        if not password:
            raise CommandError("The password is empty; nothing was changed.")
        return password
