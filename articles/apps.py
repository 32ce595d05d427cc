from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from taggit.models import Tag

        from . import counts, public_changes
        from .content_version import connect_signals as track_content_changes
        from .revisions import register_article_rows
        from .search.documents import index_articles_without_document
        from .search.sqlite import register_sqlite_functions
        from .topics import give_ascii_address

        # Every change to what readers' pages show moves the content version the page cache keys on.
        track_content_changes()
        register_article_rows()
        connection_created.connect(register_sqlite_functions, dispatch_uid="articles.search.sqlite_functions")
        pre_save.connect(give_ascii_address, sender=Tag, dispatch_uid="articles.topics.ascii_address")
        post_migrate.connect(index_articles_without_document, sender=self, dispatch_uid="articles.search.index")
        # Each article's word count and the sources it cites, stored for lists and source pages.
        counts.connect_signals()
        post_migrate.connect(counts.fill_after_migrate, sender=self, dispatch_uid="articles.counts.fill_after_migrate")
        # What readers are served of each article is made again when a change to it commits.
        public_changes.connect_signals()
