"""A whole site as a directory, and back: `manage.py export_site DIR` and `manage.py import_site DIR`.

The directory holds:

- ``site.json``: ``{"schema": "site.v1", "media_url": …}`` and how many of each thing follow;
- ``articles.jsonl``: every article, one `article.v1` object per line (articles/importing/article_v1.py),
  with its ``created_at`` and ``updated_at``, in slug order;
- ``sources.jsonl``: every source, cited or not (name, slug, kind, country, url, aliases);
- ``topics.jsonl``: every topic (name, slug);
- ``media/…``: the pictures the figures show, under their stored names.

Exporting the same site twice gives the same bytes, and a site imported into an empty database
exports as the one it came from. Importing reads and checks everything before writing anything,
then writes in one transaction; pictures copied before a failure are removed again (see
articles/site_import.py). Renditions are not exported: they are made again after the import.
"""

import json
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage

from .importing import export_article
from .models import Article, Source

SCHEMA = "site.v1"
MANIFEST, ARTICLES, SOURCES, TOPICS, MEDIA = "site.json", "articles.jsonl", "sources.jsonl", "topics.jsonl", "media"
BATCH = 100


class SiteTransferError(ValueError):
    """A site that cannot be exported or imported; the message is one line."""

    def __init__(self, message):
        super().__init__(" ".join(str(message).split()))


def counted(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def topic_model():
    return Article._meta.get_field("tags").related_model


def json_line(data):
    return json.dumps(data, ensure_ascii=False) + "\n"


def safe_media_name(name):
    """`name` if it is a relative path inside the media directory, else None."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in {"", ".", ".."} for part in name.split("/")):
        return None
    return str(path)


# --- Export ---------------------------------------------------------------------------------------


def source_data(source):
    return {
        "name": source.name,
        "slug": source.slug,
        "kind": source.kind,
        "country": source.country,
        "url": source.url,
        "aliases": source.alias_list(),
    }


def figures_with_data(article, data):
    """(figure row, its part of `data`) for every figure of `article`, exported as `data`."""
    lead_figure = article.lead_figure_or_none
    if lead_figure is not None:
        yield lead_figure, data["lead_figure"]
    for section, section_data in zip(article.sections.all(), data["sections"], strict=True):
        for block, block_data in zip(section.blocks.all(), section_data["blocks"], strict=True):
            if block.kind == "figure":
                yield block.specific, block_data


def copy_out(name, media_dir):
    """Copy the stored file `name` into `media_dir`; False when it cannot be read."""
    safe = safe_media_name(name)
    if safe is None:
        return False
    target = media_dir / safe
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with default_storage.open(safe, "rb") as stored, open(target, "wb") as copy:
            shutil.copyfileobj(stored, copy)
    except OSError:
        target.unlink(missing_ok=True)
        return False
    return True


def write_site(root, warn):
    counts = {"articles": 0, "sources": 0, "topics": 0, "media": 0}
    copied = set()
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    with open(root / ARTICLES, "w", encoding="utf-8", newline="\n") as output:
        for start in range(0, len(slugs), BATCH):
            batch = slugs[start : start + BATCH]
            articles = {article.slug: article for article in Article.objects.with_body().filter(slug__in=batch)}
            for slug in batch:
                article = articles[slug]
                data = export_article(article)
                for figure, figure_data in figures_with_data(article, data):
                    name = figure.image.name if figure.image else ""
                    if not name or name in copied:
                        continue
                    if copy_out(name, root / MEDIA):
                        copied.add(name)
                    else:
                        warn(f"{slug}: the picture {name} cannot be read; the figure is exported without it.")
                        figure_data["image"] = None
                data["created_at"] = article.created_at.isoformat()
                data["updated_at"] = article.updated_at.isoformat()
                output.write(json_line(data))
                counts["articles"] += 1
    sources = sorted(Source.objects.all(), key=lambda source: source.slug)
    (root / SOURCES).write_text("".join(json_line(source_data(source)) for source in sources), encoding="utf-8")
    topics = sorted(topic_model().objects.all(), key=lambda topic: (topic.name, topic.slug))
    (root / TOPICS).write_text(
        "".join(json_line({"name": topic.name, "slug": topic.slug}) for topic in topics), encoding="utf-8"
    )
    counts.update(sources=len(sources), topics=len(topics), media=len(copied))
    manifest = {"schema": SCHEMA, "media_url": default_storage.url(""), **counts}
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def export_site(directory, warn=lambda message: None):
    """Write the whole site into `directory`, which must not exist or be empty; returns the counts.

    The files are written next to it first and moved into place at the end, so that a failure
    leaves nothing behind."""
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SiteTransferError(f"{target} already exists and is not an empty directory")
    if not target.parent.is_dir():
        raise SiteTransferError(f"{target.parent} is not a directory")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        counts = write_site(staging, warn)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return counts
