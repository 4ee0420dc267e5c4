"""A form renderer that writes the plain inputs, selects and their options in Python.

Public listings render their filter form on every request: some forty inputs, options and
checkboxes. Through Django's template renderer each is a template with two includes, which
cost more than the rest of the listing page (issue 15). `PlainWidgets` writes exactly what
Django's own templates write for those widgets (a test renders every widget of the program
filters both ways and compares) and leaves every other template to them.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
# Django's templates that are only django/forms/widgets/input.html
INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in ("input", "text", "date", "datetime", "time", "number", "email", "url", "tel",
                 "search", "hidden", "password", "color", "checkbox")
)  # fmt: skip
OPTIONS = frozenset((f"{WIDGETS}input_option.html", f"{WIDGETS}checkbox_option.html",
                     f"{WIDGETS}radio_option.html"))  # fmt: skip


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, none for False."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    html = format_html('<input type="{}" name="{}"', widget["type"], widget["name"])
    if widget["value"] is not None:
        html += format_html(' value="{}"', str(widget["value"]))
    return html + _attrs(widget["attrs"]) + ">"


def _option(option: dict) -> str:
    return (
        format_html('<option value="{}"', str(option["value"]))
        + _attrs(option["attrs"])
        + format_html(">{}</option>", option["label"])
    )


def _select(widget: dict) -> str:
    html = format_html('<select name="{}"', widget["name"]) + _attrs(widget["attrs"]) + ">"
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html += format_html('\n  <optgroup label="{}">', group_name)
        for option in group_choices:
            if option["template_name"] != f"{WIDGETS}select_option.html":
                return ""  # not a plain option: Django's template writes it
            html += "\n  " + _option(option) + "\n"  # the included template's last line
        if group_name:
            html += "\n  </optgroup>"
    return html + "\n</select>"


class PlainWidgets(DjangoTemplates):
    """Django's template renderer, with the common widgets written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = ""
        if widget is not None:
            plain_option = template_name in OPTIONS and not widget.get("wrap_label")
            if template_name in INPUTS or plain_option:
                html = _input(widget)
            elif template_name == f"{WIDGETS}select.html":
                html = _select(widget)
            elif template_name == f"{WIDGETS}select_option.html":
                html = _option(widget)
        if html:
            return mark_safe(html)  # noqa: S308 - every value escaped above
        return super().render(template_name, context, request)
