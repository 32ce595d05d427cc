"""Publishing an article: its state, what must be true first, and the changes of state.

An article is a draft or published. Published with a time still to come, it is scheduled: it
appears by itself when the time comes; with an expiry time, it leaves the site by itself then
(`ArticleQuerySet.published`). It cannot be published
while a figure with a picture lacks alt text. The admin (its form and list actions), the
importer and anything else that publishes call these functions, so that the rules are written
once: a publication without a time gets the present one, and taking an article down revokes
its preview links. `refresh_public_data` makes public what an article is now: readers' pages
are served from what it stores (articles/public_pages.py).
"""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .counts import refresh_counts
from .models import Article, Figure
from .public_pages import render_public_versions
from .search.documents import update_search_documents

REFRESH_BATCH = 200


def refresh_public_data(article_ids):
    """Make public what the articles in `article_ids` are now: the one definition of "make public".

    Renders and stores the page of each published one (articles/public_pages.py; a draft's is
    dropped), and rebuilds what readers' lists, search and source pages read from the article's
    rows: its search document and its counts. Runs when a transaction changing an article commits
    (articles/public_changes.py)."""
    article_ids = set(article_ids)
    if not article_ids:
        return
    refresh_counts(article_ids)
    update_search_documents(article_ids)
    render_public_versions(article_ids)


def refresh_all_public_data():
    """`refresh_public_data` for every article, a batch at a time; returns how many."""
    article_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(article_ids), REFRESH_BATCH):
        refresh_public_data(article_ids[start : start + REFRESH_BATCH])
    return len(article_ids)


class CannotPublish(ValidationError):
    """Why an article may not be published, in one sentence an editor can act on."""


def publication_state(article, now=None):
    """ "Draft", "Scheduled" (published, time still to come), "Expired" (published, expiry time
    passed: it has left the site) or "Published"."""
    now = now or timezone.now()
    if article.status != Article.Status.PUBLISHED:
        return _("Draft")
    if article.published_at and article.published_at > now:
        return _("Scheduled")
    if article.expire_at and article.expire_at <= now:
        return _("Expired")
    return _("Published")


def publication_label(article, now=None):
    """The state as editors read it: a scheduled article says when it appears ("Scheduled for …")."""
    now = now or timezone.now()
    if article.status == Article.Status.PUBLISHED and article.published_at and article.published_at > now:
        when = formats.date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        return _("Scheduled for %(time)s") % {"time": when}
    return publication_state(article, now)


def figures_missing_alt_text(article, lead_figure=True):
    """The article's figures that have a picture but no alt text, lead figure first."""
    missing = []
    if lead_figure:
        lead = article.lead_figure_or_none
        if lead and lead.image and not lead.alt_text.strip():
            missing.append(lead)
    pictures = (
        Figure.objects.filter(section__article=article)
        .exclude(image="")
        .select_related("section")
        .order_by("section__position", "position")
    )
    # Blank alt text (spaces only, as an imported file may have it) tells a blind reader nothing either.
    missing += [figure for figure in pictures if not figure.alt_text.strip()]
    return missing


def describe_figure(figure):
    # A caption may run over several lines; the message is one.
    name = " ".join(str(figure).split())
    section = getattr(figure, "section", None)
    if section is None:
        return _("the lead figure (“%(figure)s”)") % {"figure": name}
    return _("the figure “%(figure)s” in section “%(section)s”") % {"figure": name, "section": section}


def missing_alt_text_error(figures):
    return CannotPublish(
        ngettext(
            "Add alt text before publishing: %(figures)s has a picture without it.",
            "Add alt text before publishing: %(figures)s have pictures without it.",
            len(figures),
        )
        % {"figures": "; ".join(str(describe_figure(figure)) for figure in figures)},
        code="missing_alt_text",
    )


def check_can_publish(article, lead_figure=True):
    """Raise `CannotPublish` when `article`, as stored, may not be published.

    `lead_figure=False` leaves the lead figure to the caller: the admin's form checks the one
    the editor is about to save."""
    missing = figures_missing_alt_text(article, lead_figure=lead_figure)
    if missing:
        raise missing_alt_text_error(missing)


def can_publish(article):
    """Whether `article`, as stored, may be published (`check_can_publish` says why not)."""
    try:
        check_can_publish(article)
    except CannotPublish:
        return False
    return True


def set_published(article, when=None):
    """Mark `article` published at `when`; without one, at the time it has, or else now. Neither
    checks nor saves: for a form that has checked and saves itself."""
    article.status = Article.Status.PUBLISHED
    if when is not None:
        article.published_at = when
    elif article.published_at is None:
        article.published_at = timezone.now()


def set_unpublished(article):
    """Mark `article`, which was published, a draft again and revoke its preview links. Does not
    save: for a form that has taken it down and saves itself."""
    article.status = Article.Status.DRAFT
    # A preview link is for reading an article before it is out, not after it was taken down.
    article.preview_version += 1


def publish(article, when=None):
    """Publish the stored `article` at `when` (see `set_published`) and save it; raises
    `CannotPublish`, saving nothing, while a figure with a picture lacks alt text."""
    check_can_publish(article)
    set_published(article, when)
    if article.expire_at and article.expire_at <= timezone.now():
        # Published again after it left the site: it stays until taken down or given a new expiry.
        article.expire_at = None
    article.save(update_fields=["status", "published_at", "expire_at", "updated_at"])


def schedule(article, when):
    """Publish `article` at `when`, a time still to come: it appears by itself then."""
    if when <= timezone.now():
        raise ValueError(f"{when} has passed: publish the article instead of scheduling it")
    publish(article, when)


def unpublish(article):
    """Take `article` down: a draft again, its preview links revoked. Returns whether it was
    published (a draft stays as it is)."""
    if article.status != Article.Status.PUBLISHED:
        return False
    set_unpublished(article)
    article.save(update_fields=["status", "preview_version", "updated_at"])
    return True
