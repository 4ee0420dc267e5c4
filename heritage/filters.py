"""Admin listing filters for pieces and cases."""

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from core.i18n import language_codes, language_label, localized_name, site_name
from heritage.models import Culture, Period, Piece, RecoveryCase, RecoveryMethod


def _missing_translation_choices():
    return [
        (code, language_label(code)) for code in language_codes() if code != settings.LANGUAGE_CODE
    ]


class MissingTranslationFilter(django_filters.ChoiceFilter):
    """Records whose title or description is empty in the chosen language."""

    def __init__(self, *args, fields=("title",), **kwargs):
        self.translated_fields = fields
        super().__init__(*args, choices=_missing_translation_choices, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        missing = Q()
        for field in self.translated_fields:
            column = localized_name(field, value)
            source = site_name(field)
            # Missing = nothing in this language while the site's language (Spanish) has text.
            has_source = Q(**{f"{source}__gt": ""})  # not NULL and not empty
            missing |= (Q(**{f"{column}__isnull": True}) | Q(**{column: ""})) & has_source
        return queryset.filter(missing)


class PieceFilterSet(WagtailFilterSet):
    case = django_filters.ModelChoiceFilter(
        label=_("Recovery case"), queryset=RecoveryCase.objects.order_by("code")
    )
    method = django_filters.ModelChoiceFilter(
        label=_("Recovery method"), field_name="case__method", queryset=RecoveryMethod.objects.all()
    )
    culture = django_filters.ModelChoiceFilter(label=_("Culture"), queryset=Culture.objects.all())
    period = django_filters.ModelChoiceFilter(label=_("Period"), queryset=Period.objects.all())
    restricted = django_filters.BooleanFilter(label=_("Restricted"))
    has_images = django_filters.BooleanFilter(
        label=_("Has images"),
        field_name="images",
        lookup_expr="isnull",
        exclude=True,
        distinct=True,
    )
    missing_translation = MissingTranslationFilter(
        label=_("Missing translation"), fields=("title", "description")
    )

    class Meta:
        model = Piece
        fields = ["live"]


class RecoveryCaseFilterSet(WagtailFilterSet):
    method = django_filters.ModelChoiceFilter(
        label=_("Recovery method"), queryset=RecoveryMethod.objects.all()
    )
    missing_translation = MissingTranslationFilter(
        label=_("Missing translation"), fields=("title", "summary")
    )

    class Meta:
        model = RecoveryCase
        fields = ["live", "country"]
