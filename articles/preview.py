"""Previews of an article as readers will see it, draft or not.

Staff open it from the article's admin page; anyone else needs a signed link (`preview_url`).
A link is for reading an article before it is out: the admin gives it only to those who may
change the article, and it works for PREVIEW_MAX_AGE, until the article is unpublished or an
editor revokes the links. It carries the article's `preview_version`, which both raise
(`publishing.unpublish` and `set_unpublished`, `ArticleQuerySet.revoke_previews`), so every link
given out before stops working; the admin's change page then shows a new one. Both previews
render the reader's page through `views.article_page`, with a "Preview" banner, and ask search
engines not to index it.
"""

from datetime import timedelta

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from . import views
from .models import Article

PREVIEW_SALT = "articles.preview"
PREVIEW_MAX_AGE = timedelta(days=7)


def preview_signer():
    return signing.TimestampSigner(salt=PREVIEW_SALT)


def preview_token(article):
    return preview_signer().sign(f"{article.pk}:{article.preview_version}")


def preview_url(article):
    """A link that shows `article` to whoever holds it (see the module's docstring)."""
    return reverse("articles:preview", kwargs={"token": preview_token(article)})


def article_from_token(token):
    """The article a signed preview link names, while the link is valid; otherwise 404."""
    try:
        pk, version = (int(part) for part in preview_signer().unsign(token, max_age=PREVIEW_MAX_AGE).split(":"))
    except (signing.BadSignature, ValueError):
        # An expired link is a BadSignature too (SignatureExpired).
        raise Http404("Invalid or expired preview link.") from None
    return get_object_or_404(Article.objects.with_body(), pk=pk, preview_version=version)


def render_preview(request, article, signed_link=None, unsaved=False):
    context = {"preview": True, "preview_link": signed_link, "unsaved": unsaved}
    response = views.article_page(request, article, context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@views.reader_page
def signed_preview(request, token):
    """The article named by a signed preview link, published or not.

    **Template:** ``articles/article_detail.html`` with ``preview`` set.
    """
    return render_preview(request, article_from_token(token))


def staff_preview(request, article, share=False, unsaved=False):
    """The admin's "Preview" of `article`, loaded `with_body()` (the caller checks the editor may
    view it), with a signed link to share when `share` (the caller checks they may change it).
    `unsaved`: the rows are an editor's form saved only for the preview (admin/live_preview.py)."""
    signed_link = request.build_absolute_uri(preview_url(article)) if share else None
    return render_preview(request, article, signed_link=signed_link, unsaved=unsaved)
