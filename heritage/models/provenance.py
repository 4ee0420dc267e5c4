"""Provenance: the ordered hands a piece passed through, with uncertain dates and open gaps."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from core.i18n import translated_row
from heritage.choices import Confidence, DateQualifier, ProvenanceEventType
from heritage.dates import YEAR_ORDER_ERROR, date_text, years_out_of_order


class ProvenanceEvent(Orderable):
    piece = ParentalKey(
        "heritage.Piece", related_name="provenance_events", on_delete=models.CASCADE
    )
    event_type = models.CharField(_("event"), max_length=20, choices=ProvenanceEventType.choices)
    year_start = models.IntegerField(
        _("from year"), null=True, blank=True, help_text=_("Signed year; empty when unknown.")
    )
    year_end = models.IntegerField(_("to year"), null=True, blank=True)
    date_qualifier = models.CharField(
        _("date qualifier"),
        max_length=10,
        choices=DateQualifier.choices,
        default=DateQualifier.EXACT,
    )
    party_from = models.CharField(_("from (party)"), max_length=255, blank=True)
    party_to = models.CharField(_("to (party)"), max_length=255, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    lot_number = models.CharField(_("lot number"), max_length=40, blank=True)
    sale_number = models.CharField(_("sale number"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    source_citation = models.CharField(_("source"), max_length=500, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )

    panels = [
        FieldRowPanel(["event_type", "confidence"]),
        FieldRowPanel(["date_qualifier", "year_start", "year_end"]),
        FieldRowPanel(["party_from", "party_to"]),
        FieldRowPanel(["place", "lot_number", "sale_number"]),
        translated_row("description", _("Description")),
        MultiFieldPanel(["source_citation", "source_url"], heading=_("Source")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("provenance event")
        verbose_name_plural = _("provenance events")

    def __str__(self) -> str:
        return f"{self.get_event_type_display()} {self.year_label}"

    def clean(self):
        super().clean()
        if self.date_qualifier == DateQualifier.UNKNOWN:
            if self.year_start is not None or self.year_end is not None:
                raise ValidationError(
                    {"date_qualifier": _("An unknown date cannot have years; clear them.")}
                )
        elif self.year_start is None and self.year_end is None:
            raise ValidationError({"year_start": _("Give a year, or mark the date as unknown.")})
        if years_out_of_order(self.year_start, self.year_end):
            raise ValidationError({"year_end": YEAR_ORDER_ERROR})

    @property
    def earliest(self) -> int | None:
        return self.year_start if self.year_start is not None else self.year_end

    @property
    def latest(self) -> int | None:
        return self.year_end if self.year_end is not None else self.year_start

    @property
    def year_label(self) -> str:
        return date_text(self.year_start, self.year_end, self.date_qualifier)


@dataclass(frozen=True)
class ProvenanceGap:
    after_year: int
    before_year: int


@dataclass(frozen=True)
class TimelineEntry:
    event: ProvenanceEvent | None = None
    gap: ProvenanceGap | None = None


def provenance_timeline(events: list[ProvenanceEvent], min_gap_years: int = 2) -> list:
    """The events in order, with a gap entry wherever no record covers more than a year."""
    timeline: list[TimelineEntry] = []
    last_known: int | None = None
    for event in events:
        start = event.earliest
        if last_known is not None and start is not None and start - last_known >= min_gap_years:
            timeline.append(
                TimelineEntry(gap=ProvenanceGap(after_year=last_known, before_year=start))
            )
        timeline.append(TimelineEntry(event=event))
        if event.latest is not None:
            last_known = max(last_known, event.latest) if last_known is not None else event.latest
    return timeline
