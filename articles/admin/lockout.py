"""The page an editor gets after too many wrong passwords (django-axes calls `lockout_response`)."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render

# Too Many Requests: the login is refused for now, not forbidden for good.
LOCKOUT_STATUS = 429


def lockout_response(request, original_response=None, credentials=None):
    """A plain, translated page saying how long to wait; no form, so nothing more to try."""
    context = {
        **admin.site.each_context(request),
        "title": admin.site.site_title,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)),
    }
    return render(request, "admin/lockout.html", context, status=LOCKOUT_STATUS)
