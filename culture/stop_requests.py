"""The stop-request form (culture.models.StopRequestPage): parse, guard, store, thank."""

import logging

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.public_forms import add_consent_and_honeypot, honeypot_filled, rate_limited
from culture.models import StopRequest
from culture.models.community import CONSENT_LABEL

logger = logging.getLogger(__name__)


class StopRequestForm(forms.ModelForm):
    class Meta:
        model = StopRequest
        fields = ["postal_code", "city", "state", "services", "languages", "people", "contact"]
        widgets = {
            "services": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "postal_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),  # fmt: skip
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "people": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = self.fields["services"].queryset.order_by(
            *StopRequest.services.field.related_model._meta.ordering
        )
        self.fields["services"].required = True
        self.fields["people"].label = _("About how many people would come?")
        add_consent_and_honeypot(self, consent_label=CONSENT_LABEL)


def stop_request_submit(*, form: StopRequestForm, language: str) -> StopRequest:
    """Store a valid request with the language it was made in (consent and honeypot dropped)."""
    request = form.save(commit=False)
    request.language = language
    request.save()
    form.save_m2m()
    logger.info("stop request %s received for %s", request.pk, request.postal_code or "-")
    return request


def stop_request_view(request, *, page) -> TemplateResponse:
    context = page.get_context(request)
    template = page.get_template(request)
    if request.method != "POST":
        context["form"] = StopRequestForm()
        return TemplateResponse(request, template, context)
    if rate_limited(request, f"stop-request-{page.pk}", settings.CONSULTATION_RATE_LIMIT):
        context.update(form=StopRequestForm(), refused=429)
        return TemplateResponse(request, template, context, status=429)
    if honeypot_filled(request):
        logger.info("stop request: an answer filled the honeypot and was dropped")
        context["sent"] = True
        return TemplateResponse(request, template, context)
    form = StopRequestForm(request.POST)
    if not form.is_valid():
        context["form"] = form
        return TemplateResponse(request, template, context, status=400)
    stop_request_submit(form=form, language=get_language())
    context["sent"] = True
    return TemplateResponse(request, template, context)
