from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from .search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="articles.search.sqlite_functions")
