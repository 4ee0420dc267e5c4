"""The program listing's filters: everything in the URL, errors in the reader's language."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_rendering import PlainWidgets
from core.params import ascii_digits
from culture.geo import KM_PER_MILE, Place, locate
from culture.models import Audience, ProgramCategory, ProgramLanguage, Venue


def read_filters(form: forms.Form) -> tuple[bool, dict]:
    """(valid, filters) of a filter form built from the query string: an unbound form (no
    query) is valid with no filters; an invalid one gives no filters (the page explains)."""
    if not form.is_bound:
        return True, {}
    valid = form.is_valid()
    return valid, form.cleaned_data if valid else {}


MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)  # digits of other scripts: core.params
# Months the month view can show: its grid and its links to the months around stay in dates
# Python can represent (year 1 to 9999).
MONTH_YEARS = (1900, 9998)
RADII_MILES = (10, 25, 50, 100, 250)


class NearMeMixin(forms.Form):
    """ "Near me": a postal code or city typed, or the browser's location (filled in by
    static/js/near-me.js), within a radius. `cleaned_data["origin"]` is a Place or None.
    Its widgets are written in Python (core.form_rendering): every listing request shows them."""

    default_renderer = PlainWidgets

    near = forms.CharField(
        label=_("Near (postal code or city)"), required=False, max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text",
                                      "placeholder": _("e.g. 60607 or Chicago, IL")}),
    )  # fmt: skip
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180,
                           widget=forms.HiddenInput)  # fmt: skip
    radius = forms.TypedChoiceField(
        label=_("Within"), required=False, coerce=int, empty_value=None,
        choices=[("", _("any distance"))]
        + [(miles, _("%(miles)s mi (%(km)s km)") % {"miles": miles,
                                                     "km": round(miles * KM_PER_MILE)})
           for miles in RADII_MILES],
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        data["origin"] = None
        if data.get("lat") is not None and data.get("lng") is not None:
            data["origin"] = Place(data["lat"], data["lng"], str(_("your location")))
        elif (data.get("lat") is None) != (data.get("lng") is None):
            self.add_error("near", _("Your location came incomplete; please try again."))
        elif data.get("near"):
            venues = Venue.objects.only("city", "state", "latitude", "longitude")
            data["origin"] = locate(data["near"], venues=venues)
            if data["origin"] is None:
                self.add_error(
                    "near",
                    _("We do not know this place. Try a 5-digit postal code or “City, State”."),
                )
        if data.get("radius") and data["origin"] is None and "near" not in self.errors:
            self.add_error("near", _("Give a postal code, a city or your location."))
        return data


def _vocabulary_choices() -> dict[str, list[tuple[str, str]]]:
    """The facets' choices in the reader's language, kept like routes (core.routes) until any
    record changes: every listing request builds this form."""
    from django.utils.translation import get_language

    from core import routes

    def read():
        return {
            name: [(term.code, str(term)) for term in model.objects.all()]
            for name, model in (
                ("category", ProgramCategory),
                ("audience", Audience),
                ("language", ProgramLanguage),
            )  # fmt: skip
        }

    return routes.remember("program-vocabularies", (get_language(),), read)


class ProgramFilterForm(NearMeMixin, forms.Form):
    MODES = [("", _("Online or in person")), ("in-person", _("In person")), ("online", _("Online"))]
    SORTS = [
        ("", _("Nearest first when a place is given")),
        ("soonest", _("Soonest first")),
        ("nearest", _("Nearest first")),
    ]
    VIEWS = [("", _("List")), ("month", _("Month"))]

    city = forms.CharField(label=_("City"), required=False, max_length=120)
    state = forms.CharField(label=_("State"), required=False, max_length=120)
    country = forms.CharField(label=_("Country"), required=False, max_length=2, min_length=2,
                              widget=forms.TextInput(attrs={"placeholder": "US"}))  # fmt: skip
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
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)
    view = forms.ChoiceField(label=_("View"), required=False, choices=VIEWS)
    month = forms.CharField(label=_("Month"), required=False, max_length=7,
                            widget=forms.TextInput(attrs={"type": "month"}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in _vocabulary_choices().items():
            self.fields[name].choices = choices

    def clean_country(self):
        return self.cleaned_data["country"].strip().upper()

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        if not text:
            return None
        match = MONTH.match(ascii_digits(text))
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError(_("Not a month: use YYYY-MM, e.g. 2026-12."))
        year, month = int(match.group(1)), int(match.group(2))
        if not MONTH_YEARS[0] <= year <= MONTH_YEARS[1]:
            raise forms.ValidationError(
                _("Choose a month between the years %(first)s and %(last)s.")
                % {"first": MONTH_YEARS[0], "last": MONTH_YEARS[1]}
            )
        return date(year, month, 1)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot come before the start date."))
        if data.get("sort") == "nearest" and data.get("origin") is None and not self.errors:
            self.add_error("near", _("Give a postal code, a city or your location."))
        return data


class StopFilterForm(NearMeMixin, forms.Form):
    """The mobile consulate page's "next stop near me"."""


def _directory_choices() -> dict[str, list[tuple[str, str]]]:
    """The directory's facets in the reader's language, kept like the programs' (above)."""
    from django.utils.translation import get_language

    from core import routes
    from culture.directory import STOP_KIND
    from culture.models import OrganizationPage, Service

    def read():
        return {
            "service": [(term.code, str(term)) for term in Service.objects.all()],
            "language": [(term.code, str(term)) for term in ProgramLanguage.objects.all()],
            "kind": [
                *((code, str(label)) for code, label in OrganizationPage.Kind.choices),
                (STOP_KIND, str(_("Mobile consulate"))),
            ],  # fmt: skip
        }

    return routes.remember("directory-vocabularies", (get_language(),), read)


class DirectoryFilterForm(NearMeMixin, forms.Form):
    """The directory's filters (culture.directory.directory_entries reads its cleaned data)."""

    service = forms.MultipleChoiceField(label=_("Service"), required=False,
                                        widget=forms.CheckboxSelectMultiple)  # fmt: skip
    language = forms.MultipleChoiceField(label=_("Language"), required=False,
                                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    kind = forms.MultipleChoiceField(label=_("Kind"), required=False,
                                     widget=forms.CheckboxSelectMultiple)  # fmt: skip
    cost = forms.MultipleChoiceField(label=_("Cost"), required=False,
                                     widget=forms.CheckboxSelectMultiple)  # fmt: skip
    appointment = forms.MultipleChoiceField(label=_("Appointment"), required=False,
                                            widget=forms.CheckboxSelectMultiple)  # fmt: skip
    open_now = forms.BooleanField(label=_("Open now"), required=False)

    def __init__(self, *args, **kwargs):
        from culture.models import Offering

        super().__init__(*args, **kwargs)
        for name, choices in _directory_choices().items():
            self.fields[name].choices = choices
        self.fields["cost"].choices = Offering.Cost.choices
        self.fields["appointment"].choices = Offering.Appointment.choices
