"""Admin widgets of the catalog."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ERAS = (("ce", _("CE")), ("bce", _("BCE")))


class SignedYearWidget(forms.MultiWidget):
    """A signed year (-1200 = 1200 BCE) as the public search asks for it: a positive year and
    its era. What it hands the form is the signed year as text, so the model field's own
    validation (and its messages) apply unchanged; anything but digits goes through as typed."""

    template_name = "heritage/widgets/signed_year.html"

    def __init__(self, attrs=None):
        year = forms.TextInput(attrs={"inputmode": "numeric", "size": 6, **(attrs or {})})
        super().__init__([year, forms.Select(choices=ERAS)], attrs)

    def decompress(self, value):
        if value in (None, ""):
            return ["", "ce"]
        try:
            year = int(value)
        except (TypeError, ValueError):
            return [value, "ce"]
        return [str(abs(year)), "bce" if year < 0 else "ce"]

    def value_from_datadict(self, data, files, name):
        year, era = super().value_from_datadict(data, files, name)
        year = (year or "").strip()
        if era == "bce" and year.isdigit():
            return f"-{year}"
        return year


class GeneratedDateInput(forms.TextInput):
    """A piece's date text in one language; its placeholder (set by heritage.panels) is the text
    generated from the years and the qualifier, which its script keeps current as they change."""

    class Media:
        js = ["heritage/js/generated-date.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-generated-date-url"] = reverse("heritage_date_texts")
        return context
