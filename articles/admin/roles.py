"""What the newsroom's roles may do beyond Django's model permissions.

Published work is deleted only by someone who may also unpublish it (`articles.publish_article`,
the Editors): a published article, and the sections, blocks, quotes and lead figure of one.
Contributors, who may not publish, delete parts of drafts only, and no articles at all (they
do not hold `articles.delete_article`).
"""

from articles.models import Article
from articles.revisions import article_of

PUBLISH_PERMISSION = "articles.publish_article"


def may_delete_from(user, article):
    """Whether `user` may delete `article` or any part of it, as far as publication goes."""
    return article.status != Article.Status.PUBLISHED or user.has_perm(PUBLISH_PERMISSION)


class PublishedWorkMixin:
    """For the admins and inlines of articles and their parts. An inline's `obj` is the row
    whose page it is on (the article, section or paragraph): its rows belong to that article."""

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_delete_from(request.user, article_of(obj)):
            return False
        return super().has_delete_permission(request, obj)
