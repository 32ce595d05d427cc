"""Who has an article open in the admin, and since when: a light heartbeat, no lock.

Each open change page of an article says "still here" every `HEARTBEAT` seconds (and when it
opens); an editor not heard from for `GONE_AFTER` is gone. Kept in Django's cache, one entry per
article: shared by every app server when the cache is (Redis, `REDIS_URL`), else each process
knows only the pages it served. Nothing is refused because someone else is there: saving from
a stale page is handled by the edit version (admin/conflicts.py).

An editor may take over (`take_over`): the others with the article open are told at their next
heartbeat, and their pages become out of date — the article's edit version moves — so a save from
one of them is refused as a stale save and comes back with their changes kept. Loading the page
again (`heartbeat(..., page_loaded=True)`) puts them back in step.
"""

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from .models import Article

HEARTBEAT = 20  # seconds, the page's own rhythm (static/js/admin-presence.js)
GONE_AFTER = datetime.timedelta(seconds=3 * HEARTBEAT)
# How long who took over is remembered: a working session's length.
TAKEN_OVER_KEPT = 12 * 60 * 60


@dataclass(frozen=True)
class Presence:
    """What one editor's page is told: who else has the article open (`others`: name, since and,
    for whoever took over, `took_over_at`), whether this editor took over (`holding`), and who
    took over from them since their page was loaded (`taken_over`: name and time), if anyone."""

    others: list = field(default_factory=list)
    holding: bool = False
    taken_over: dict | None = None


def key_for(article_id):
    return f"presence:article:{article_id}"


def holder_key_for(article_id):
    # Apart from the entries: whoever took over still has when they did after leaving the page to save it.
    return f"presence:article:{article_id}:holder"


def name_of(user):
    return user.get_full_name() or user.get_username()


def heartbeat(article_id, user, now=None, page_loaded=False):
    """Record that `user` has the article open now, and what their page is to show (`Presence`).
    `page_loaded`: the page was just (re)loaded, with the article as it is now, so a take-over
    told before is behind it."""
    now = now or timezone.now()
    present = current(article_id, now)
    seen = present.get(user.pk) or {}
    entry = present[user.pk] = {**seen, "name": name_of(user), "since": seen.get("since", now), "seen": now}
    taken_over = entry.pop("taken_over", None)
    if not page_loaded and taken_over:
        entry["taken_over"] = taken_over
    store(article_id, present)
    holder = cache.get(holder_key_for(article_id))
    return Presence(
        others(present, user, holder),
        holding=bool(holder) and holder["user"] == user.pk,
        taken_over=None if page_loaded else taken_over,
    )


def take_over(article_id, user, now=None):
    """`user` becomes the one editing the article (see the module's docstring). Returns the edit
    version before and after: a page opened at the first may go on at the second."""
    now = now or timezone.now()
    with transaction.atomic():
        before = Article.objects.select_for_update().filter(pk=article_id).values_list("edit_version", flat=True)
        before = before.first()
        # The edit version is no content: readers' pages, and the content version, stay as they are.
        models.QuerySet.update(Article.objects.filter(pk=article_id), edit_version=F("edit_version") + 1)
    present = current(article_id, now)
    for user_id, entry in present.items():
        if user_id != user.pk:
            entry["taken_over"] = {"name": name_of(user), "at": now}
    entry = present.setdefault(user.pk, {"name": name_of(user), "since": now})
    entry["seen"] = now
    entry.pop("taken_over", None)
    store(article_id, present)
    cache.set(holder_key_for(article_id), {"user": user.pk, "at": now}, timeout=TAKEN_OVER_KEPT)
    return before, None if before is None else before + 1


def leave(article_id, user, now=None):
    """`user` closed the page: no longer counted, without waiting for `GONE_AFTER`."""
    present = current(article_id, now or timezone.now())
    if present.pop(user.pk, None) is not None:
        store(article_id, present)


def store(article_id, present):
    cache.set(key_for(article_id), present, timeout=int(GONE_AFTER.total_seconds()) * 2)


def current(article_id, now):
    """Everyone heard from within `GONE_AFTER`, by user id."""
    present = cache.get(key_for(article_id)) or {}
    return {user_id: entry for user_id, entry in present.items() if now - entry["seen"] <= GONE_AFTER}


def others(present, user, holder=None):
    """The entries (name, since, and `took_over_at` for the `holder`) of everyone but `user`, the
    earliest first."""
    found = []
    for user_id, entry in present.items():
        if user_id == user.pk:
            continue
        found.append({"name": entry["name"], "since": entry["since"]})
        if holder and holder["user"] == user_id:
            found[-1]["took_over_at"] = holder["at"]
    return sorted(found, key=lambda entry: entry["since"])
