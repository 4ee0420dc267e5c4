"""The chip builder (core.chips): one chip per chosen value, each a link to the same listing
without that value — from a plain declaration, from a filter form, and on the two listings."""

from urllib.parse import parse_qs

import pytest
from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core.chips import FilterParameter, filter_chips, form_filters


def params(url: str) -> dict[str, list[str]]:
    assert url.startswith("?")
    return parse_qs(url[1:])


def test_each_chosen_value_is_a_chip_whose_link_drops_only_it_and_the_position():
    query = QueryDict("q=vasija&culture=olmeca&culture=maya&page=3&cursor=abc&start=41")
    culture = FilterParameter("culture", "Culture", values={"olmeca": "Olmec", "maya": "Maya"})
    chips = filter_chips(query, [culture])
    shown = [(chip.label, chip.value) for chip in chips]
    assert shown == [("Culture", "Olmec"), ("Culture", "Maya")]
    assert params(chips[0].url) == {"q": ["vasija"], "culture": ["maya"]}
    assert params(chips[1].url) == {"q": ["vasija"], "culture": ["olmeca"]}


def test_unknown_codes_show_as_given_empty_values_make_no_chip_and_order_is_declared():
    query = QueryDict("period=clasico&culture=zzz&culture=&city=")
    chips = filter_chips(
        query,
        [
            FilterParameter("culture", "Culture", values={"olmeca": "Olmec"}),
            FilterParameter("period", "Period"),
            FilterParameter("city", "City"),
        ],
    )
    shown = [(chip.label, chip.value) for chip in chips]
    assert shown == [("Culture", "zzz"), ("Period", "clasico")]


def test_a_parameter_takes_its_companions_when_its_last_value_goes():
    query = QueryDict("date_from=1300&date_from_era=bce&sort=date")
    year = FilterParameter(
        "date_from", "Dated between",
        describe=lambda value, query: f"{value} {query.get('date_from_era')}",
        together=("date_from_era",),
    )  # fmt: skip
    (chip,) = filter_chips(query, [year])
    assert chip.value == "1300 bce"
    assert params(chip.url) == {"sort": ["date"]}


class ListingForm(forms.Form):
    near = forms.CharField(label="Near", required=False)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    city = forms.CharField(label="City", required=False)
    kind = forms.MultipleChoiceField(label="Kind", required=False,
                                     choices=[("a", "Arts"), ("s", "Sports")])  # fmt: skip
    free = forms.BooleanField(label="Free only", required=False)
    since = forms.DateField(label="From", required=False)
    sort = forms.ChoiceField(label="Order", required=False, choices=[("", "Any"), ("soon", "Soon")])


def test_a_filter_form_declares_its_chips_labels_and_choice_names():
    query = QueryDict(
        "near=Chicago&lat=41.8&city=Joliet&kind=s&kind=a&free=on&since=2026-12-05&sort=soon"
    )
    with translation.override("en"):
        chips = filter_chips(query, form_filters(ListingForm(query), exclude=["near", "sort"]))
    shown = [(chip.label, chip.value) for chip in chips]
    # hidden inputs (lat) and excluded fields make no chip; a yes/no filter is its label alone
    assert shown == [("City", "Joliet"), ("Kind", "Sports"), ("Kind", "Arts"), ("Free only", ""),
                     ("From", "Dec. 5, 2026")]  # fmt: skip
    without_sports = params(chips[1].url)
    assert without_sports["kind"] == ["a"] and without_sports["near"] == ["Chicago"]
    assert "free" not in params(chips[3].url)


def test_the_template_tag_reads_the_request_and_the_include_renders_links():
    request = RequestFactory().get("/en/programs/", {"city": "Joliet", "near": "60607"})
    template = Template(
        '{% load retorno_tags %}{% form_chips form exclude="near" as chips %}'
        '{% include "core/includes/filter_chips.html" %}'
    )
    with translation.override("en"):
        html = template.render(Context({"request": request, "form": ListingForm(request.GET)}))
    assert 'href="?near=60607"' in html and "City: Joliet" in html and "(remove)" in html
    unbound = template.render(Context({"request": request, "form": ListingForm()}))
    assert "chip" not in unbound


@pytest.mark.django_db
def test_catalog_chips_name_facets_and_years_and_remove_them(client):
    from tests.utils import build_catalog, build_site

    build_catalog(build_site())
    response = client.get(
        "/es/catalogo/",
        {"q": "vasija", "culture": "olmeca", "date_from": "1300", "date_from_era": "bce"},
    )
    assert response.status_code == 200
    chips = {(chip.label, chip.value): chip.url for chip in response.context["chips"]}
    assert set(chips) == {("Cultura", "Olmeca"), ("Fechadas entre", "Desde el año 1300 a. C.")}
    assert params(chips[("Fechadas entre", "Desde el año 1300 a. C.")]) == {
        "q": ["vasija"], "culture": ["olmeca"]
    }  # fmt: skip
