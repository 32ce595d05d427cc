"""Previews of an article as readers will see it, draft or not.

Staff open it from the article's admin page; anyone else needs a signed link
(`preview_url`), valid for PREVIEW_MAX_AGE. Both render the reader's page through
`views.article_page`, with a "Preview" banner, and ask search engines not to index it.
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
    return preview_signer().sign(str(article.pk))


def preview_url(article):
    """A link that shows `article` to whoever holds it, for PREVIEW_MAX_AGE."""
    return reverse("articles:preview", kwargs={"token": preview_token(article)})


def article_pk_from_token(token):
    try:
        return int(preview_signer().unsign(token, max_age=PREVIEW_MAX_AGE))
    except (signing.BadSignature, ValueError):
        # An expired link is a BadSignature too (SignatureExpired).
        raise Http404("Invalid or expired preview link.") from None


def render_preview(request, article, signed_link=None):
    response = views.article_page(request, article, {"preview": True, "preview_link": signed_link})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@views.reader_page
def signed_preview(request, token):
    """The article named by a signed preview link, published or not.

    **Template:** ``articles/article_detail.html`` with ``preview`` set.
    """
    article = get_object_or_404(Article.objects.with_body(), pk=article_pk_from_token(token))
    return render_preview(request, article)


def staff_preview(request, article):
    """The admin's "Preview" (the caller checks the editor may view `article`)."""
    article = Article.objects.with_body().get(pk=article.pk)
    return render_preview(request, article, signed_link=request.build_absolute_uri(preview_url(article)))
