"""Stories: an index page and story pages, with the people and places in them."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.i18n import title_row, translated_row, translated_sections
from core.models import BasePage
from culture.models import ProgramLanguage
from stories.blocks import StoryStreamBlock
from stories.choices import Generation, Licence
from stories.editor_forms import StoryPageForm
from stories.models.vocabularies import StoryTheme

# Coordinates of a place are kept coarse (2 decimals, about 1 km): a story names a town or a
# neighbourhood, never a home.
COORDINATE_PLACES = 2


def coarse(value: float | None) -> float | None:
    return None if value is None else round(float(value), COORDINATE_PLACES)


class StoryIndexPage(BasePage):
    """The stories in the reader's language (/es/historias/, /en/stories/)."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("story index page")

    def serve(self, request, *args, **kwargs):
        from stories.views import story_index

        return story_index(request, page=self)


class StoryPage(BasePage):
    """A person's or a community's story: text, recordings with captions and transcripts,
    linked to the pieces, cases and programs it speaks of. Public only while its consent
    allows the public web (stories.models.consent)."""

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []
    reader_fields = ("title", "teaser", "body")
    base_form_class = StoryPageForm

    teaser = models.TextField(_("teaser"), blank=True)
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("cover image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    cover_alt = models.CharField(_("cover image description"), max_length=250, blank=True)
    themes = ParentalManyToManyField(StoryTheme, verbose_name=_("themes"), blank=True)
    languages = ParentalManyToManyField(
        ProgramLanguage, verbose_name=_("languages spoken"), blank=True, related_name="+"
    )
    licence = models.CharField(
        _("licence"), max_length=24, choices=Licence.choices,
        default=Licence.ALL_RIGHTS_RESERVED,
    )  # fmt: skip
    credit_line = models.CharField(_("credit line"), max_length=250, blank=True)
    cultures = ParentalManyToManyField(
        "heritage.Culture", verbose_name=_("cultures it speaks of"), blank=True,
        related_name="+",
        help_text=_("The piece pages of these cultures list the story."),
    )  # fmt: skip
    related_pieces = ParentalManyToManyField(
        "heritage.Piece", verbose_name=_("related heritage pieces"), blank=True, related_name="+"
    )
    related_cases = ParentalManyToManyField(
        "heritage.RecoveryCase", verbose_name=_("related recovery cases"), blank=True,
        related_name="+",
    )  # fmt: skip
    related_programs = ParentalManyToManyField(
        "culture.ProgramPage", verbose_name=_("related programs"), blank=True, related_name="+"
    )

    content_panels = [
        title_row(_("Title")),
        translated_row("teaser", _("Teaser")),
        MultiFieldPanel(
            [FieldPanel("cover"), translated_row("cover_alt", _("Cover image description"))],
            heading=_("Cover"),
        ),
        *translated_sections("body", _("Body")),
        InlinePanel("people", heading=_("People"), label=_("Person")),
        InlinePanel("places", heading=_("Places"), label=_("Place")),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Themes and languages"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("licence"), FieldPanel("credit_line")])],
            heading=_("Rights"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["related_pieces", "related_cases"]),
                FieldRowPanel(["cultures", "related_programs"]),
            ],
            heading=_("Linked records"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("teaser")]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def serve(self, request, *args, **kwargs):
        from stories.views import story_detail

        return story_detail(request, page=self)


class StoryPerson(Orderable):
    """Someone the story is about, only as far as their consent covers."""

    page = ParentalKey(StoryPage, related_name="people", on_delete=models.CASCADE)
    name = models.CharField(
        _("name or pseudonym"), max_length=200,
        help_text=_("As the person asked to be named; nothing beyond what they consented to."),
    )  # fmt: skip
    community = models.CharField(_("community"), max_length=200, blank=True)
    generation = models.CharField(
        _("generation"), max_length=12, choices=Generation.choices, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)

    panels = [FieldRowPanel(["name", "community"]), FieldRowPanel(["generation", "place"])]

    class Meta(Orderable.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class StoryPlace(Orderable):
    """A place the story happens in: a town, never an address (coordinates coarse)."""

    page = ParentalKey(StoryPage, related_name="places", on_delete=models.CASCADE)
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.CharField(_("state or province"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("e.g. US, MX"))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    panels = [FieldRowPanel(["city", "state", "country"]), FieldRowPanel(["latitude", "longitude"])]

    class Meta(Orderable.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return ", ".join(part for part in (self.city, self.state, self.country) if part)

    def clean(self):
        super().clean()
        self.latitude, self.longitude = coarse(self.latitude), coarse(self.longitude)

    def save(self, *args, **kwargs):
        # Coarse whatever wrote the row (the admin, an import, the demo): never a precise spot.
        self.latitude, self.longitude = coarse(self.latitude), coarse(self.longitude)
        super().save(*args, **kwargs)
