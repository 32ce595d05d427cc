from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language selector posts here; pages keep one address in every language. Without a CSRF
    # token: the form would set a CSRF cookie on every reader page, so no shared cache could keep
    # it, and a forged request can do no more than switch someone's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # Uploaded images in development; production serves MEDIA_ROOT from the web server.
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

if settings.BENCH_BASELINE:
    # What Django costs with nothing of ours: `make bench` gives every page as a ratio to this.
    urlpatterns += [path("bench/baseline/", lambda request: HttpResponse("baseline"), name="bench_baseline")]
