"""What the newsroom's roles may do beyond Django's model permissions.

Contributors have no permission to delete articles at all; this also keeps anyone who may
delete articles but not publish them (`articles.publish_article`) from deleting published
work, which would be unpublishing it for good.
"""

from articles.models import Article

PUBLISH_PERMISSION = "articles.publish_article"


class PublishedWorkMixin:
    """For ArticleAdmin: a published article is deleted only by someone who may unpublish it."""

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == Article.Status.PUBLISHED and not request.user.has_perm(PUBLISH_PERMISSION):
            return False
        return super().has_delete_permission(request, obj)
