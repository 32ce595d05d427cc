from django.core.management.base import BaseCommand, CommandError
from taggit.utils import parse_tags

from articles.importing import ArticleImportError, read_article_file, save_article, slug_for
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Import an article from a plain-text file (the seed's format) or an article.v1 JSON file. "
        "Prints the new article's slug as the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .txt article or an article.v1 .json export.")
        parser.add_argument("--publish", action="store_true", help="Publish now instead of creating a draft.")
        parser.add_argument("--tags", help='Topic tags, comma-separated: "Rusia, Corea del Norte".')
        parser.add_argument("--slug", help="The article's slug (default: from the headline, or the JSON's slug).")
        parser.add_argument("--replace", action="store_true", help="Overwrite an article that has the same slug.")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="Do nothing, successfully, when an article with the same slug is already there.",
        )

    def handle(self, *args, path, publish, tags, slug, replace, skip_existing, **options):
        try:
            parsed = read_article_file(path)
            if skip_existing:
                existing_slug = slug or parsed.slug or slug_for(parsed.headline)
                if Article.objects.filter(slug=existing_slug).exists():
                    self.stdout.write(f"Already imported: {existing_slug}")
                    self.stdout.write(existing_slug)
                    return
            article = save_article(
                parsed,
                slug=slug,
                publish=publish,
                tags=parse_tags(tags) if tags is not None else None,
                replace=replace,
            )
        except ArticleImportError as error:
            raise CommandError(f"Cannot import {path}: {error}.") from None
        sections = article.sections.count()
        self.stdout.write(
            f"Imported “{article.headline}” ({article.get_status_display()}, {sections} sections) "
            f"at {article.get_absolute_url()}"
        )
        self.stdout.write(article.slug)
