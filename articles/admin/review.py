"""Review in the admin (the rules are articles/review.py's).

On the article's change page a contributor (who may not publish) gets *Submit for review*,
which saves the form and submits it; an editor opening a submitted article sees who submitted
it and may *Send back* with a comment, which also saves the form. Both buttons belong to the
change form, so a save refused for any reason (a stale page, a missing alt text) submits or
sends back nothing. Each step is an entry of the save's history entry. The article list gets
a filter by review state; the editors' queue is on the admin index (templatetags/review_queue.py).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles import review
from articles.permissions import may_publish

from .publishing import PUBLISHING_BUTTONS

# The names of the buttons, posted with the change form, and of the editor's comment field.
SUBMIT_FOR_REVIEW = "_submit_for_review"
SEND_BACK = "_send_back"
REVIEW_COMMENT = "review_comment"


class ReviewListFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return review.State.choices

    def queryset(self, request, queryset):
        if self.value() in review.State.values:
            return queryset.filter(review__state=self.value())
        return queryset


class SendBackCheck:
    """Mixed into an editor's article form by `ReviewMixin.get_form`: *Send back* needs a
    comment, and an article still waiting for review."""

    def clean(self):
        cleaned_data = super().clean()
        if SEND_BACK not in self.data:
            return cleaned_data
        try:
            cleaned_data[REVIEW_COMMENT] = review.checked_comment(cleaned_data.get(REVIEW_COMMENT))
        except ValidationError as refusal:
            self.add_error(REVIEW_COMMENT, refusal)
            return cleaned_data
        if not review.is_waiting(self.instance):
            self.add_error(REVIEW_COMMENT, review.NOT_WAITING)
        return cleaned_data


class ReviewMixin:
    """For ArticleAdmin; before RevisionMixin, whose history entry it adds the review step to."""

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewListFilter]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or not may_publish(request.user):
            return form
        comment = forms.CharField(
            label=_("Comment for the contributor"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
            help_text=_("Required to send the article back: what should change."),
        )
        return type(form)(form.__name__, (SendBackCheck, form), {REVIEW_COMMENT: comment})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        request.review_step = self.review_step(request, obj, form)
        # The review's own message (`review_response`) tells what became of the article.
        step = (request.review_step or {}).get("review", {}).get("step")
        request.step_says_the_outcome = step in (review.SUBMITTED, review.SENT_BACK)

    def review_step(self, request, obj, form):
        """Take the review step the pressed button asks for, or that publishing is; returns its
        history entry (None when there was none)."""
        if SUBMIT_FOR_REVIEW in request.POST:
            review.submit_for_review(obj, request.user)
            return review.history_entry(review.SUBMITTED)
        if SEND_BACK in request.POST and may_publish(request.user) and REVIEW_COMMENT in form.cleaned_data:
            comment = form.cleaned_data[REVIEW_COMMENT]
            try:
                review.send_back(obj, request.user, comment)
            except review.CannotSendBack as refusal:
                self.message_user(request, refusal.message, messages.WARNING)
                return None
            return review.history_entry(review.SENT_BACK, comment)
        if self.publishes(request, obj, form) and review.clear_review(obj):
            return review.history_entry(review.PUBLISHED)
        return None

    def publishes(self, request, obj, form):
        """Whether this save makes the article public: an editor pressed Publish or Schedule.
        (The list's action goes through `publishing.publish`, which ends the review itself.)"""
        return may_publish(request.user) and getattr(form, "button", None) in PUBLISHING_BUTTONS

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        step = getattr(request, "review_step", None)
        return [*message, step] if step else message

    def response_add(self, request, obj, post_url_continue=None):
        return self.review_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self.review_response(request, obj) or super().response_change(request, obj)

    def review_response(self, request, obj):
        """After submitting or sending back, the article's page, which says so."""
        step = (getattr(request, "review_step", None) or {}).get("review", {}).get("step")
        if step == review.SUBMITTED:
            text = _(
                "“%(article)s” was submitted for review. An editor will publish it or send it back with a comment."
            )
        elif step == review.SENT_BACK:
            text = _("“%(article)s” was sent back to its contributor with your comment.")
        else:
            return None
        self.message_user(request, text % {"article": obj}, messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        may_save = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        context.update(
            {
                "article_review": review.review_of(obj),
                "may_submit_for_review": may_save and not may_publish(request.user),
                "review_comment_field": form[REVIEW_COMMENT] if REVIEW_COMMENT in form.fields else None,
                "submit_for_review_name": SUBMIT_FOR_REVIEW,
                "send_back_name": SEND_BACK,
            }
        )
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
