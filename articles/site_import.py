"""Importing a directory written by `export_site` (its format: articles/site_export.py).

Everything is read and checked before anything is written: a missing or unreadable file, a
line that is not JSON or not an article, a picture that is missing or not a picture, two
articles with one slug, all stop the import with a one-line message. Then the pictures are
stored and sources, topics and articles written in one transaction; if that fails, the
pictures stored for it are removed again.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils.dateparse import parse_datetime

from .images import ALLOWED_FORMATS, generate_renditions, inspect_image
from .importing import ArticleImportError, ParsedFigure, parse_json, save_article, slug_for
from .models import Article, Source
from .site_export import (
    ARTICLES,
    MANIFEST,
    MEDIA,
    SCHEMA,
    SOURCES,
    TOPICS,
    SiteTransferError,
    counted,
    safe_media_name,
    topic_model,
)

# How `import_site` treats an article whose slug the site already has.
REPLACE, SKIP = "replace", "skip"


# --- Reading an export ----------------------------------------------------------------------------


@dataclass
class PlannedArticle:
    where: str
    slug: str
    parsed: object
    created_at: object = None
    updated_at: object = None
    pictures: list = field(default_factory=list)  # (ParsedFigure, media name)


@dataclass
class SiteContent:
    articles: list
    sources: list  # (where, field values)
    topics: list  # (where, field values)


def read_lines(path):
    """(where, text of the line, object) for each line of a JSON-lines file."""
    if not path.is_file():
        raise SiteTransferError(f"{path} is missing: is this a directory written by export_site?")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SiteTransferError(f"cannot read {path}: {error}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError, ValueError) as error:
            raise SiteTransferError(f"{where}: invalid JSON: {error}") from None
        if not isinstance(data, dict):
            raise SiteTransferError(f"{where}: each line must be a JSON object")
        yield where, line, data


def text_of(data, key, where, required=False):
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise SiteTransferError(f"{where}: “{key}” must be {'non-empty ' if required else ''}text")
    return value


def read_source(data, where):
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
        raise SiteTransferError(f"{where}: “aliases” must be a list of names")
    kind = data.get("kind", Source.Kind.OTHER)
    if kind not in Source.Kind.values:
        raise SiteTransferError(f"{where}: “kind” must be one of {', '.join(Source.Kind.values)}")
    return {
        "name": text_of(data, "name", where, required=True),
        "slug": text_of(data, "slug", where, required=True),
        "kind": kind,
        "country": text_of(data, "country", where),
        "url": text_of(data, "url", where),
        "aliases": "\n".join(aliases),
    }


def read_time(data, key, where):
    value = data.get(key)
    if value is None:
        return None
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed, but no such day or hour
        moment = None
    if moment is None:
        raise SiteTransferError(f"{where}: “{key}” must be a date and time such as 2024-05-01T10:00:00+00:00")
    return moment


def parsed_figures(parsed):
    figures = [parsed.lead_figure] if parsed.lead_figure else []
    for section in parsed.sections:
        figures += [block for block in section.blocks if isinstance(block, ParsedFigure)]
    return figures


def check_picture(root, name, where):
    path = root / MEDIA / name
    if not path.is_file():
        raise SiteTransferError(f"{where}: the picture {MEDIA}/{name} is missing")
    with open(path, "rb") as picture:
        try:
            info = inspect_image(picture)
        except ValidationError as error:
            raise SiteTransferError(f"{where}: {MEDIA}/{name}: {' '.join(error.messages)}") from None
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in {ALLOWED_FORMATS[info.format], "jpeg" if info.format == "JPEG" else ""}:
        raise SiteTransferError(f"{where}: {MEDIA}/{name} is a {info.format} picture with another extension")


def read_article(root, where, line, data, media_url):
    try:
        parsed = parse_json(line, require_body=False)
        slug = parsed.slug or slug_for(parsed.headline)
    except ArticleImportError as error:
        raise SiteTransferError(f"{where}: {error}") from None
    planned = PlannedArticle(
        where, slug, parsed, read_time(data, "created_at", where), read_time(data, "updated_at", where)
    )
    for figure in parsed_figures(parsed):
        if not figure.image:
            continue
        name = safe_media_name(unquote(figure.image.removeprefix(media_url)))
        if not figure.image.startswith(media_url) or name is None:
            raise SiteTransferError(f"{where}: the picture {figure.image} is not in the export's {MEDIA} directory")
        check_picture(root, name, where)
        planned.pictures.append((figure, name))
    return planned


def read_site(directory):
    """Everything in an export, checked; nothing is written."""
    root = Path(directory)
    if not root.is_dir():
        raise SiteTransferError(f"{root} is not a directory")
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA:
        raise SiteTransferError(
            f"{root / MANIFEST} is missing or not a “{SCHEMA}” manifest: is this an export_site directory?"
        )
    media_url = manifest.get("media_url")
    if not isinstance(media_url, str):
        raise SiteTransferError(f"{root / MANIFEST}: “media_url” must be text")
    sources = [(where, read_source(data, where)) for where, _line, data in read_lines(root / SOURCES)]
    topics = [
        (where, {"name": text_of(data, "name", where, required=True), "slug": text_of(data, "slug", where)})
        for where, _line, data in read_lines(root / TOPICS)
    ]
    articles, seen = [], {}
    for where, line, data in read_lines(root / ARTICLES):
        planned = read_article(root, where, line, data, media_url)
        if planned.slug in seen:
            raise SiteTransferError(f"{where}: the slug “{planned.slug}” is also on {seen[planned.slug]}")
        seen[planned.slug] = where
        articles.append(planned)
    return SiteContent(articles, sources, topics)


# --- Import ---------------------------------------------------------------------------------------


def messages_of(error):
    if hasattr(error, "message_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def save_sources(sources, overwrite):
    for where, values in sources:
        source = (
            Source.objects.filter(slug=values["slug"]).first() or Source.objects.filter(name=values["name"]).first()
        )
        if source is not None and not overwrite:
            continue
        source = source or Source()
        for name, value in values.items():
            setattr(source, name, value)
        try:
            source.full_clean()
        except ValidationError as error:
            raise SiteTransferError(f"{where}: {messages_of(error)}") from None
        source.save()


def save_topics(topics):
    Topic = topic_model()
    for where, values in topics:
        if Topic.objects.filter(name__iexact=values["name"]).exists():
            continue
        # A slug another topic has is made anew from the name, as for a topic typed in the admin.
        slug = "" if Topic.objects.filter(slug=values["slug"]).exists() else values["slug"]
        topic = Topic(name=values["name"], slug=slug)
        try:
            topic.full_clean(exclude=["slug"] if not slug else None)
        except ValidationError as error:
            raise SiteTransferError(f"{where}: {messages_of(error)}") from None
        topic.save()


def copy_in(root, articles, copied):
    """Store the pictures the articles show; point their figures at the stored names. Files
    stored are added to `copied`, so that they can be removed if the import fails."""
    stored = {}
    for planned in articles:
        for figure, name in planned.pictures:
            if name not in stored:
                path = root / MEDIA / name
                if default_storage.exists(name) and same_bytes(path, name):
                    stored[name] = name
                else:
                    with open(path, "rb") as picture:
                        stored[name] = default_storage.save(name, File(picture, name=PurePosixPath(name).name))
                    copied.append(stored[name])
            figure.image = default_storage.url(stored[name])


def same_bytes(path, name):
    with open(path, "rb") as ours, default_storage.open(name, "rb") as theirs:
        return ours.read() == theirs.read()


def save_articles(articles, existing):
    imported = []
    for planned in articles:
        try:
            article = save_article(planned.parsed, slug=planned.slug, replace=existing == REPLACE)
        except ValueError as error:  # ArticleImportError, or a publication time with no such day
            raise SiteTransferError(f"{planned.where}: {error}") from None
        except DatabaseError as error:
            # Raised out of the transaction, which is then rolled back.
            raise SiteTransferError(f"{planned.where}: the database refused it: {first_line(error)}") from None
        times = {name: getattr(planned, name) for name in ("created_at", "updated_at") if getattr(planned, name)}
        if times:
            # Saving sets both to now; the export knows when the article was written and last changed.
            Article.objects.filter(pk=article.pk).update(**times)
        imported.append(article)
    return imported


@dataclass
class ImportResult:
    articles: int
    skipped: int
    sources: int
    topics: int
    media: int
    warnings: list


def import_site(directory, existing=None):
    """Import an export_site directory; returns what was done.

    A site that already has articles is refused unless `existing` says what to do with those
    whose slug the export has too: REPLACE them, or SKIP them (keeping those articles, and the
    sources the site already has, as they are). Otherwise the export's sources overwrite those
    with the same slug or name (such as the sources every new site starts with)."""
    root = Path(directory)
    site = read_site(root)
    count = Article.objects.count()
    if count and existing is None:
        raise SiteTransferError(
            f"this site already has {counted(count, 'article')}: pass --replace to overwrite those with the same slug, "
            "or --skip-existing to keep them"
        )
    present = set(
        Article.objects.filter(slug__in=[planned.slug for planned in site.articles]).values_list("slug", flat=True)
    )
    articles = [planned for planned in site.articles if not (existing == SKIP and planned.slug in present)]
    copied = []
    try:
        copy_in(root, articles, copied)
        with transaction.atomic():
            save_sources(site.sources, overwrite=existing != SKIP)
            save_topics(site.topics)
            imported = save_articles(articles, existing)
    except DatabaseError as error:
        remove(copied)
        raise SiteTransferError(f"the database refused the import: {first_line(error)}") from None
    except BaseException:
        remove(copied)
        raise
    warnings = make_renditions(imported)
    media = len({name for planned in articles for _figure, name in planned.pictures})
    return ImportResult(
        len(imported), len(site.articles) - len(articles), len(site.sources), len(site.topics), media, warnings
    )


def first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def remove(names):
    for name in names:
        default_storage.delete(name)


def make_renditions(articles):
    """Renditions for the imported pictures; a picture that fails is reported, not fatal
    (`manage.py build_renditions` tries again)."""
    warnings = []
    for article in Article.objects.with_body().filter(pk__in=[article.pk for article in articles]):
        lead_figure = article.lead_figure_or_none
        figures = [lead_figure] if lead_figure else []
        figures += [
            block.specific
            for section in article.sections.all()
            for block in section.blocks.all()
            if block.kind == "figure"
        ]
        for figure in figures:
            if not figure.image:
                continue
            try:
                generate_renditions(figure)
            except (OSError, ValueError) as error:
                warnings.append(f"{article.slug}: no renditions for {figure.image.name}: {error}")
    return warnings
