from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.images import generate_renditions
from articles.models import Figure, LeadFigure


class Command(BaseCommand):
    help = _("Make (again) the narrower WebP and JPEG/PNG copies of every figure's picture that readers download.")

    def add_arguments(self, parser):
        parser.add_argument("--article", help=_("Only the figures of the article with this slug."))

    def handle(self, *args, article=None, **options):
        lead_figures = LeadFigure.objects.exclude(image="")
        figures = Figure.objects.exclude(image="")
        if article:
            lead_figures = lead_figures.filter(article__slug=article)
            figures = figures.filter(section__article__slug=article)
        count = 0
        for figure in [*lead_figures, *figures]:
            try:
                written = generate_renditions(figure)
            except (OSError, ValueError) as error:
                self.stderr.write(_("%(image)s: %(error)s") % {"image": figure.image.name, "error": error})
                continue
            count += len(written)
        self.stdout.write(_("%(count)s renditions written.") % {"count": count})
