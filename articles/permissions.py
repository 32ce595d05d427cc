"""What the newsroom's roles may do to published work, beyond Django's model permissions.

Editors hold `articles.publish_article`; Contributors do not. Once an article is published (or
scheduled: published with a time still to come), what readers rely on is for those who may also
take it down: deleting the article or any of its parts (sections, blocks, quotes, lead figure),
reordering them, moving them out of it or moving other parts in, and changing its address (the
slug). Everyone who may change an article may still correct its text, and add to it.
"""

from .models import Article

PUBLISH_PERMISSION = "articles.publish_article"


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def may_restructure(user, article):
    """Whether `user` may delete, reorder or move the parts of `article`, move parts into it,
    delete it or change its slug, as far as publication goes (model permissions still apply)."""
    return article.status != Article.Status.PUBLISHED or may_publish(user)
