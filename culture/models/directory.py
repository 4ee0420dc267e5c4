"""The public directory of services: an index page (/es/directorio/, /en/directory/) and a page
per organization (legal aid, lawyers' networks, community and rights organizations, government
offices, consulates), each with what it offers (culture/models/offering.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.i18n import title_row, translated_row, translated_sections
from core.models import BasePage
from culture.models.offering import Offering
from culture.models.places import Venue


class DirectoryPage(RoutablePageMixin, BasePage):
    """Services near the reader: organizations, consulates and the mobile consulate's coming
    stops, filtered by service, language, kind, cost, appointment and "open now"."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["culture.OrganizationPage", "culture.StopRequestPage"]
    max_count = 1

    class Meta:
        verbose_name = _("directory page")

    @path("")
    def index(self, request):
        from culture.directory_views import directory_index

        return directory_index(request, page=self)


class OrganizationPage(RoutablePageMixin, Offering, BasePage):
    """An organization, office or consulate as the public sees it. Its place (a Venue) gives the
    address, coordinates, time zone, opening hours and accessibility; without one, a service area
    says where it works."""

    class Kind(models.TextChoices):
        LEGAL_AID = "legal-aid", _("Legal-aid organization")
        LAWYERS = "lawyers", _("Lawyers' network")
        COMMUNITY = "community", _("Community organization")
        RIGHTS = "rights", _("Rights organization")
        MX_GOVERNMENT = "mx-government", _("Mexican government office")
        US_GOVERNMENT = "us-government", _("US state or local government office")
        CONSULATE = "consulate", _("Consulate")

    parent_page_types = ["culture.DirectoryPage"]
    subpage_types: list[str] = []
    reader_fields = ("title", "summary", "intro", "body")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    venue = models.ForeignKey(
        Venue, verbose_name=_("place"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("Its address, coordinates, time zone, opening hours and accessibility."),
    )  # fmt: skip
    service_area = models.CharField(
        _("service area"), max_length=255, blank=True,
        help_text=_("Where it works when it has no office to visit (e.g. “All of Illinois”)."),
    )  # fmt: skip
    service_states = models.CharField(
        _("states served"), max_length=255, blank=True,
        help_text=_("State codes, separated by commas (e.g. IL, IN, WI)."),
    )  # fmt: skip
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    verified_on = models.DateField(
        _("verified on"), null=True, blank=True,
        help_text=_("When a curator last checked these data with the organization."),
    )  # fmt: skip

    content_panels = [
        title_row(_("Title")),
        translated_row("summary", _("Summary")),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("venue"),
                translated_row("service_area", _("Service area")),
                FieldPanel("service_states"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")]),
                FieldPanel("verified_on"),
            ],
            heading=_("Organization"),
        ),
        Offering.offering_panel(),
        translated_row("intro", _("Introduction")),
        *translated_sections("body", _("Body")),
    ]

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    @property
    def states(self) -> list[str]:
        return [code.strip().upper() for code in self.service_states.split(",") if code.strip()]

    @path("")
    def organization(self, request):
        from culture.directory_views import organization_detail

        return organization_detail(request, page=self)
