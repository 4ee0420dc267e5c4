"""Admin-only answers for the program editor: a session's next dates as the editor builds its
repetition, read by culture.recurrence exactly as the public calendar and the feeds read them."""

from django import forms
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.api_http import error_response
from core.spreadsheets import FormulaSafeExportMixin
from culture.models import ProgramIndexPage, ProgramPage, ProgramSession
from culture.models.places import validate_timezone
from culture.widgets import ExceptionDatesWidget, RecurrenceWidget

PREVIEW_DATES = 5


def _session_field(name: str, **kwargs) -> forms.Field:
    return ProgramSession._meta.get_field(name).formfield(**kwargs)


class SessionDatesForm(forms.Form):
    """A session form's timing fields, under their own names and with the editor's widgets:
    the builder's controls make the rule here as they do when the page is saved."""

    start = _session_field("start")
    timezone = _session_field("timezone", validators=[validate_timezone])  # the model's check
    recurrence = _session_field("recurrence", widget=RecurrenceWidget)
    exceptions = _session_field("exceptions", widget=ExceptionDatesWidget)

    def clean(self):
        data = super().clean()
        if not self.errors:
            session = ProgramSession(start=data["start"], end=data["start"],
                                     timezone=data["timezone"], recurrence=data["recurrence"],
                                     exceptions=data["exceptions"])  # fmt: skip
            for field, message in session.repetition_errors().items():
                self.add_error(field, message)
            data["session"] = session
        return data


def may_edit_sessions(user) -> bool:
    """Whether the user may change a program page or add one (where programs are added): only
    they edit sessions, so only they ask for a rule's dates."""
    policy = PagePermissionPolicy()
    return user.is_superuser or (
        policy.instances_user_has_permission_for(user, "change").type(ProgramPage).exists()
        or policy.instances_user_has_permission_for(user, "add").type(ProgramIndexPage).exists()
    )


@require_POST
def session_dates(request: HttpRequest) -> JsonResponse:
    """The rule the builder's controls make and the session's next dates from now, in its zone:
    `{rule, timezone, dates: [ISO 8601 with offset], more}`; 400 `{error, message, detail}`;
    403 for a user who may neither change nor add a program."""
    if not may_edit_sessions(request.user):
        return error_response(403, "forbidden", _("You do not have permission to edit programs."))
    form = SessionDatesForm(request.POST)
    found = []
    if form.is_valid():
        try:
            found = form.cleaned_data["session"].occurrences(
                after=timezone.now(), limit=PREVIEW_DATES + 1
            )
        except (OverflowError, ValueError):  # dates past the year 9999 or before the year 1
            form.add_error("start", _("The dates fall outside the calendar."))
    if form.errors:
        detail = [
            {"parameter": name, "message": f"{capfirst(form[name].label)}: {message}"}
            for name, messages in form.errors.items()
            for message in messages
        ]
        return error_response(400, "invalid_parameters", _("Some values are not valid."), detail)
    return JsonResponse({
        "rule": form.cleaned_data["recurrence"],
        "timezone": form.cleaned_data["timezone"],
        "dates": [begins.isoformat() for begins, _ends in found[:PREVIEW_DATES]],
        "more": len(found) > PREVIEW_DATES,
    })  # fmt: skip


class ConsultationSubmissionsView(FormulaSafeExportMixin, SubmissionsListView):
    """A consultation's answers: exported cells never run as formulas (core.spreadsheets)."""


def records_to_verify_report(request: HttpRequest):
    """Reports › "Directory: to verify": organizations and venues not verified for a year."""
    from django.core.exceptions import PermissionDenied
    from django.template.response import TemplateResponse
    from django.urls import reverse

    from culture.directory import records_to_verify

    if not request.user.has_perm("culture.change_venue"):
        raise PermissionDenied
    records = records_to_verify(today=timezone.localdate())
    rows = [
        {"object": page, "kind": page.get_kind_display(), "verified_on": page.verified_on,
         "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])}
        for page in records["organizations"]
    ] + [
        {"object": venue, "kind": venue.get_kind_display(), "verified_on": venue.verified_on,
         "edit_url": reverse("wagtailsnippets_culture_venue:edit", args=[venue.pk])}
        for venue in records["venues"]
    ]  # fmt: skip
    return TemplateResponse(request, "culture/admin/records_to_verify.html", {"rows": rows})
