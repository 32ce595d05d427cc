from django.core.management.base import BaseCommand, CommandError

from articles.importing import export_article_json
from articles.models import Article


class Command(BaseCommand):
    help = "Print an article as article.v1 JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug, **options):
        try:
            self.stdout.write(export_article_json(slug))
        except Article.DoesNotExist:
            raise CommandError(f"No article with the slug “{slug}”.") from None
