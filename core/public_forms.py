"""What every form the public sends us shares: a consent box that must be ticked, a honeypot
field bots fill and people never see (its answers are dropped), and a per-client rate limit
(core.ratelimit). Consultations (culture) and story contributions (stories) use these; the
template include `core/includes/public_form_fields.html` draws the fields alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.ratelimit import over_limit

HONEYPOT = "website_url"
CONSENT = "privacy_consent"


def add_consent_and_honeypot(form: forms.BaseForm, *, consent_label) -> forms.BaseForm:
    """Append the required consent box and the honeypot to `form`'s fields."""
    form.fields[CONSENT] = forms.BooleanField(label=consent_label, required=True)
    # Hidden from people (CSS and aria-hidden), filled by bots: such answers are dropped.
    form.fields[HONEYPOT] = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )  # fmt: skip
    return form


def honeypot_filled(request) -> bool:
    return bool(request.POST.get(HONEYPOT))


def rate_limited(request, scope: str, limit: tuple[int, int]) -> bool:
    """Counts this answer; True once the client sent more than `limit` = (answers, seconds)."""
    answers, window = limit
    return over_limit(request, scope, answers, window) is not None
