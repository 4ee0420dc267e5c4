from django import forms
from django.utils.translation import gettext_lazy as _

from heritage.dates import YEAR_ORDER_ERROR, years_out_of_order
from heritage.selectors import CatalogFilters

YEAR_HELP = _("Signed year: -500 is 500 BCE.")


class CatalogFilterForm(forms.Form):
    """The public listing's filters, read from the query string (every search has a stable URL)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    culture = forms.MultipleChoiceField(label=_("Culture"), required=False)
    period = forms.MultipleChoiceField(label=_("Period"), required=False)
    material = forms.MultipleChoiceField(label=_("Material"), required=False)
    object_type = forms.MultipleChoiceField(label=_("Object type"), required=False)
    method = forms.MultipleChoiceField(label=_("Recovery method"), required=False)
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=-10000, max_value=2100, help_text=YEAR_HELP
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=-10000, max_value=2100, help_text=YEAR_HELP
    )

    def __init__(self, *args, facets: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, pairs in (facets or {}).items():
            if name in self.fields:
                self.fields[name].choices = [
                    (term.code, f"{term} ({count})") for term, count in pairs
                ]

    def clean(self):
        cleaned = super().clean()
        if years_out_of_order(cleaned.get("year_from"), cleaned.get("year_to")):
            self.add_error("year_to", YEAR_ORDER_ERROR)
        return cleaned

    def to_filters(self) -> CatalogFilters:
        data = self.cleaned_data
        return CatalogFilters(
            text=data.get("q", "").strip(),
            culture=data.get("culture", []),
            period=data.get("period", []),
            material=data.get("material", []),
            object_type=data.get("object_type", []),
            method=data.get("method", []),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
        )
