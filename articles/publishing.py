"""Publishing an article: its state, what must be true first, and the changes of state.

An article is a draft or published. Published with a time still to come, it is scheduled: it
appears by itself when the time comes; with an expiry time, it leaves the site by itself then
(`ArticleQuerySet.published`). It cannot be published
while a figure with a picture lacks alt text. The admin (its form and list actions), the
importer and anything else that publishes call these functions, so that the rules are written
once: a publication without a time gets the present one, and taking an article down revokes
its preview links. `refresh_public_data` makes public what an article is now: readers' pages
are served from what it stores (articles/public_pages.py).

**Working and public versions.** An article's rows are its working version; its public version
is what `refresh_public_data` stored. Editors' saves are drafts (`drafting`, entered by the
admin): a change to an article readers can see (published or scheduled) leaves its public
version as it was and marks the article as having **unpublished changes**
(`Article.has_unpublished_changes`: the working version differs from the public one). `publish`,
`schedule` and `make_public` make the working version public and clear the mark; taking the
article down clears it too (a draft has no public version to differ from). A draft that was
never public is made public as it is (which drops any public data it had), as before.

While an article has unpublished changes, nothing else makes its working version public:
`refresh_public_data` (after a source or topic it names is renamed, or `manage.py
refresh_public_data` after deploying) leaves it out, so a source renamed meanwhile shows on its
public page when the article is next published, and the reader's page serves its stored public
page even when other code rendered it (articles/public_pages.py).
"""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .counts import refresh_counts
from .models import Article, Figure
from .public_changes import drafting as drafting  # editors' saves: the admin enters it
from .public_changes import publish_on_commit
from .public_pages import render_public_versions
from .public_summaries import refresh_public_topics
from .review import clear_review
from .search.documents import update_search_documents

REFRESH_BATCH = 200


def refresh_public_data(article_ids):
    """Make public what the articles in `article_ids` are now: the one definition of "make public".

    Renders and stores the page of each published one (articles/public_pages.py; a draft's is
    dropped) with its summary and citations, and rebuilds what readers' lists, search and source
    pages read from the article's rows: its search document, its counts and its topics. Runs
    when a transaction changing an article commits (articles/public_changes.py). Leaves out the
    articles with unpublished changes: their working version is made public only by publishing
    them (`make_public`)."""
    article_ids = set(article_ids) - set(
        Article.objects.filter(pk__in=article_ids).with_unpublished_changes().values_list("pk", flat=True)
    )
    if not article_ids:
        return
    refresh_counts(article_ids)
    refresh_public_topics(article_ids)
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


def publication_time_at_once(article, now=None):
    """The time a publication at once gives `article`: the one it has while readers can see it
    (publishing its changes does not make it new), the present otherwise."""
    now = now or timezone.now()
    return article.published_at if is_on_the_site(article, now) else now


def is_on_the_site(article, now=None):
    """Whether readers can see `article` now (`ArticleQuerySet.published`, for one loaded row)."""
    now = now or timezone.now()
    return (
        article.status == Article.Status.PUBLISHED
        and article.published_at is not None
        and article.published_at <= now
        and not (article.expire_at and article.expire_at <= now)
    )


def set_published(article, when=None):
    """Mark `article` published at `when`; without one, at the time it has, or else now. Neither
    checks nor saves: for a form that has checked and saves itself (then calls `make_public`)."""
    article.status = Article.Status.PUBLISHED
    if when is not None:
        article.published_at = when
    elif article.published_at is None:
        article.published_at = timezone.now()


def set_unpublished(article):
    """Mark `article`, which was published, a draft again and revoke its preview links. Does not
    save: for a form that has taken it down and saves itself."""
    article.status = Article.Status.DRAFT
    # Taken down, it has no public version for its rows to differ from.
    article.has_unpublished_changes = False
    # A preview link is for reading an article before it is out, not after it was taken down.
    article.preview_version += 1


def make_public(article):
    """Make the working version of the saved `article` public when the transaction commits: its
    unpublished changes, if any, become its public version (`refresh_public_data`). Making an
    article public ends its review (articles/review.py)."""
    clear_review(article)
    Article.objects.filter(pk=article.pk).update(has_unpublished_changes=False)
    article.has_unpublished_changes = False
    publish_on_commit([article.pk])


def publish(article, when=None):
    """Publish the stored `article` at `when` (see `set_published`), save it and make its working
    version public; raises `CannotPublish`, saving nothing, while a figure with a picture lacks
    alt text."""
    check_can_publish(article)
    set_published(article, when)
    if article.expire_at and article.expire_at <= timezone.now():
        # Published again after it left the site: it stays until taken down or given a new expiry.
        article.expire_at = None
    article.save(update_fields=["status", "published_at", "expire_at", "updated_at"])
    make_public(article)


def check_can_schedule(article, when, now=None):
    """Raise `CannotPublish` when `article` may not be scheduled to appear at `when`: the time must
    be still to come, and an article readers see now is published, not scheduled (scheduling it
    would take it off the site until then)."""
    now = now or timezone.now()
    if when is None or when <= now:
        raise CannotPublish(_("Choose a time still to come to schedule the article."), code="time_passed")
    if is_on_the_site(article, now):
        raise CannotPublish(
            _("The article is on the site already: publish your changes now, or unpublish it before scheduling it."),
            code="on_the_site",
        )


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
    article.save(update_fields=["status", "preview_version", "has_unpublished_changes", "updated_at"])
    return True
