"""core.form_rendering writes the widgets Django's templates write, byte for byte: every widget
of the public filter forms, unbound, bound with values (escaping included) and with errors."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from core.form_rendering import PlainWidgets
from culture.forms import ProgramFilterForm, StopFilterForm

pytestmark = pytest.mark.django_db

STATES = [
    None,
    {"near": 'Chicago, "IL" <&>', "radius": "25", "city": "Ciudad <b>", "state": "IL",
     "country": "us", "date_from": "2026-01-02", "date_to": "2026-03-04", "mode": "online",
     "sort": "soonest", "free": "on", "category": ["arts", "health"], "language": ["nah"],
     "view": "month", "month": "2026-02", "lat": "41.8", "lng": "-87.6"},
    {"radius": "7", "date_from": "not a date", "month": "2026-13", "lat": "north"},
]  # fmt: skip


class Everything(forms.Form):
    """Widgets the renderer writes itself, and one it leaves to Django's template."""

    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": '"a" & <b>'}))
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0, "required": False}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    boolean = forms.BooleanField()
    grouped = forms.ChoiceField(choices=[("Group", [("1", "one"), ("2", "<two>")]), ("3", "3")])
    radios = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    area = forms.CharField(widget=forms.Textarea)


@pytest.mark.parametrize("form_class", [ProgramFilterForm, StopFilterForm, Everything])
@pytest.mark.parametrize("data", STATES)
def test_every_widget_is_written_as_djangos_templates_write_it(form_class, data):
    if form_class is Everything and data:
        data = {"text": "<x>", "number": "3", "hidden": '"', "boolean": "on", "grouped": "2",
                "radios": "b", "area": "</textarea>"}  # fmt: skip
    plain = form_class(data, renderer=PlainWidgets())
    templates = form_class(data, renderer=DjangoTemplates())
    assert plain.is_bound == templates.is_bound
    for name in plain.fields:
        assert str(plain[name]) == str(templates[name]), name
        tied = {"form": "program-filters", "aria-describedby": "err_x help_x"}
        assert plain[name].as_widget(attrs=tied) == templates[name].as_widget(attrs=tied)
        for mine, theirs in zip(plain[name], templates[name], strict=True):
            assert mine.tag() == theirs.tag(), name


def test_the_public_filter_forms_use_it():
    assert isinstance(ProgramFilterForm().renderer, PlainWidgets)
    assert isinstance(StopFilterForm().renderer, PlainWidgets)
