"""The filters a reader chose on a listing, as removable chips.

Every listing (the catalog, the programs) shows its chosen filters the same way: one chip per
chosen value, each a plain link to the same listing without that value, so it works without
JavaScript and stays visible while the filter panel is closed on a phone. The chips are derived
from the listing's own declaration of its filters — the catalog's facet table, the programs'
filter form — through the one builder here; no listing writes its own.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils import formats

# A listing's position (page number, cursor, first row shown) is meaningless once the filters
# change: a chip's link starts again at the first page.
POSITION_PARAMETERS = ("page", "cursor", "start")


@dataclass(frozen=True)
class FilterParameter:
    """One query parameter a listing filters by.

    `values` names its choices (code → label; a code it lacks is shown as given);
    `describe(value, query)` words a free value instead (a date, a year and its era);
    `together` are parameters that mean nothing without it and go when it goes."""

    name: str
    label: str
    values: Mapping[str, str] | None = None
    describe: Callable[[str, QueryDict], str] | None = None
    together: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chip:
    label: str  # what is filtered ("Culture")
    value: str  # the chosen value in words ("Olmec"); empty for a yes/no filter
    url: str  # the same listing without this value ("?q=vessel&period=classic")


def filter_chips(query: QueryDict, parameters: Iterable[FilterParameter]) -> list[Chip]:
    """One chip per chosen value of `parameters` in `query`, in the declaration's order."""
    chips = []
    for parameter in parameters:
        for value in query.getlist(parameter.name):
            if not value.strip():
                continue
            if parameter.describe is not None:
                shown = parameter.describe(value, query)
            elif parameter.values is not None:
                shown = str(parameter.values.get(value, value))
            else:
                shown = value
            chips.append(Chip(str(parameter.label), shown, "?" + _without(query, parameter, value)))
    return chips


def _without(query: QueryDict, parameter: FilterParameter, value: str) -> str:
    """The query string without this value (and, with its last value, the parameters that go
    with it), from the first page; the parameters in their order. Encoded as QueryDict does,
    without copying it (a deep copy per chip)."""
    remaining = [item for item in query.getlist(parameter.name) if item != value]
    dropped = {*POSITION_PARAMETERS, *(() if remaining else parameter.together)}
    return urlencode(
        [
            (name, item)
            for name, values in query.lists()
            if name not in dropped
            for item in (remaining if name == parameter.name else values)
        ]
    )


def _describe_field(field: forms.Field) -> Callable[[str, QueryDict], str] | None:
    if isinstance(field, forms.BooleanField):
        return lambda value, query: ""  # the label says it all ("Free only")
    if isinstance(field, forms.DateField):

        def date_text(value: str, query: QueryDict) -> str:
            try:
                day = field.to_python(value)
            except forms.ValidationError:
                return value
            return formats.date_format(day) if day else value

        return date_text
    return None


def form_filters(form: forms.Form, *, exclude: Iterable[str] = ()) -> list[FilterParameter]:
    """The filters of a listing's filter form: each visible field but `exclude` (those the page
    shows elsewhere, or that order rather than filter), labelled as the form labels it."""
    left_out = set(exclude)
    parameters = []
    for name, field in form.fields.items():
        if name in left_out or field.widget.is_hidden:
            continue
        choices = getattr(field, "choices", None)
        parameters.append(
            FilterParameter(
                name=form.add_prefix(name),
                label=str(field.label or name),
                values={str(code): str(label) for code, label in choices} if choices else None,
                describe=_describe_field(field),
            )
        )
    return parameters
