"""What a provider offers, declared once: the services, the languages it serves in and those it
interprets on request, its cost, whether an appointment is needed and whom it serves.

Organizations (OrganizationPage), venues (consulates, partner sites) and mobile-consulate stops
inherit it. The relations are modelcluster's ParentalManyToManyField, so a stop's services travel
inside its route's revision: a draft route's services stay off the site until it is published.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.i18n import translated_row
from culture.models.vocabularies import Audience, ProgramLanguage, Service


class Offering(models.Model):
    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        SLIDING = "sliding", _("Sliding scale")
        PAID = "paid", _("Paid")

    class Appointment(models.TextChoices):
        REQUIRED = "required", _("Appointment required")
        RECOMMENDED = "recommended", _("Appointment recommended")
        WALK_IN = "walk-in", _("Walk-in")

    services = ParentalManyToManyField(Service, verbose_name=_("services"), blank=True)
    languages_served = ParentalManyToManyField(
        ProgramLanguage, verbose_name=_("languages served in"), blank=True,
        related_name="%(class)s_served",
    )  # fmt: skip
    languages_on_request = ParentalManyToManyField(
        ProgramLanguage, verbose_name=_("interpretation on request"), blank=True,
        related_name="%(class)s_interpreted",
        help_text=_("Languages an interpreter can be asked for, beside those served in."),
    )  # fmt: skip
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("who they serve"), blank=True, related_name="%(class)s_served"
    )
    cost = models.CharField(_("cost"), max_length=12, choices=Cost.choices, blank=True)
    appointment = models.CharField(
        _("appointment"), max_length=12, choices=Appointment.choices, blank=True
    )
    eligibility = models.CharField(
        _("eligibility"), max_length=255, blank=True,
        help_text=_("Who may come, in a sentence (e.g. “Mexican nationals, any status”)."),
    )  # fmt: skip

    class Meta:
        abstract = True

    @property
    def service_names(self) -> str:
        """The services' labels in the active language, comma-separated (prefetch `services`)."""
        return ", ".join(str(service) for service in self.services.all())

    @classmethod
    def offering_panel(cls) -> MultiFieldPanel:
        return MultiFieldPanel(
            [
                FieldPanel("services", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel(
                    [
                        FieldPanel("languages_served", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("languages_on_request", widget=forms.CheckboxSelectMultiple),
                    ]
                ),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("appointment")]),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                translated_row("eligibility", _("Eligibility")),
            ],
            heading=_("Services and languages"),
        )
