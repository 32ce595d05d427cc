"""Who has an article open in the admin, and since when: a light heartbeat, no lock.

Each open change page of an article says "still here" every `HEARTBEAT` seconds (and when it
opens); an editor not heard from for `GONE_AFTER` is gone. Kept in Django's cache, one entry per
article: shared by every app server when the cache is (Redis, `REDIS_URL`), else each process
knows only the pages it served. Nothing is refused because someone else is there: saving from
a stale page is handled by the edit version (admin/conflicts.py).
"""

import datetime

from django.core.cache import cache
from django.utils import timezone

HEARTBEAT = 20  # seconds, the page's own rhythm (static/js/admin-presence.js)
GONE_AFTER = datetime.timedelta(seconds=3 * HEARTBEAT)


def key_for(article_id):
    return f"presence:article:{article_id}"


def heartbeat(article_id, user, now=None):
    """Record that `user` has the article open now; returns who else has it open (see `others`)."""
    now = now or timezone.now()
    present = current(article_id, now)
    seen = present.get(user.pk)
    present[user.pk] = {
        "name": user.get_full_name() or user.get_username(),
        "since": seen["since"] if seen else now,
        "seen": now,
    }
    cache.set(key_for(article_id), present, timeout=int(GONE_AFTER.total_seconds()) * 2)
    return others(present, user)


def leave(article_id, user, now=None):
    """`user` closed the page: no longer counted, without waiting for `GONE_AFTER`."""
    present = current(article_id, now or timezone.now())
    if present.pop(user.pk, None) is not None:
        cache.set(key_for(article_id), present, timeout=int(GONE_AFTER.total_seconds()) * 2)


def current(article_id, now):
    """Everyone heard from within `GONE_AFTER`, by user id."""
    present = cache.get(key_for(article_id)) or {}
    return {user_id: entry for user_id, entry in present.items() if now - entry["seen"] <= GONE_AFTER}


def others(present, user):
    """The entries (name, since) of everyone but `user`, the earliest first."""
    return sorted(
        ({"name": entry["name"], "since": entry["since"]} for user_id, entry in present.items() if user_id != user.pk),
        key=lambda entry: entry["since"],
    )
