"""Every inline form on a change page, the nested ones included (the article's page nests a
section's blocks and a paragraph's quotes inside the section's form: admin/one_page.py)."""


def formsets_within(formset):
    """`formset` and, depth first, every formset nested in its forms."""
    yield formset
    for form in formset.forms:
        for nested in getattr(form, "nested_formsets", ()):
            yield from formsets_within(nested)


def inline_formsets(context):
    """Every inline formset of a change page's context, nested ones included."""
    for inline in context.get("inline_admin_formsets", []):
        yield from formsets_within(inline.formset)


def inline_forms(context):
    """Every inline form of a change page's context, nested ones included."""
    for formset in inline_formsets(context):
        yield from formset.forms
