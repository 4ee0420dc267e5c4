"""The program listing's filters: everything in the URL, errors in the reader's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from culture.models import Audience, ProgramCategory, ProgramLanguage


class ProgramFilterForm(forms.Form):
    MODES = [("", _("Online or in person")), ("in-person", _("In person")), ("online", _("Online"))]

    city = forms.CharField(label=_("City"), required=False, max_length=120)
    state = forms.CharField(label=_("State"), required=False, max_length=120)
    category = forms.MultipleChoiceField(label=_("Category"), required=False,
                                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    audience = forms.MultipleChoiceField(label=_("For"), required=False,
                                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    language = forms.MultipleChoiceField(label=_("Language"), required=False,
                                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    date_to = forms.DateField(label=_("Until"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    free = forms.BooleanField(label=_("Free only"), required=False)
    mode = forms.ChoiceField(label=_("Where"), required=False, choices=MODES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in (("category", ProgramCategory), ("audience", Audience),
                            ("language", ProgramLanguage)):  # fmt: skip
            self.fields[name].choices = [(term.code, str(term)) for term in model.objects.all()]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot come before the start date."))
        return data
