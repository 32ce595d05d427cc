"""Topics in the admin: taggit's own page, with names that are one line of text and ASCII addresses."""

from django import forms
from django.contrib import admin
from django.core.validators import validate_slug, validate_unicode_slug
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin
from taggit.models import Tag

from articles.topics import validate_topic_name


class TopicForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(validate_topic_name)
        slug = self.fields["slug"]
        # taggit's slug field takes Unicode, which the reader's URLs refuse; an ASCII field also
        # makes the admin fill it in from the name by transliteration ("Japón" → "japon").
        slug.allow_unicode = False
        slug.validators = [validate_slug if v is validate_unicode_slug else v for v in slug.validators]
        slug.help_text = _("The topic's web address: letters without accents, digits and hyphens.")


admin.site.unregister(Tag)


@admin.register(Tag)
class TopicAdmin(TagAdmin):
    form = TopicForm
