"""Third-party apps under a name the admin can translate: django-axes gives none of its own."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AccessControlConfig(AxesAppConfig):
    verbose_name = _("Axes")
