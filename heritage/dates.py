"""Signed years (-1200 = 1200 BCE) and how they read in the reader's language."""

from collections.abc import Mapping

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import fallback_chain
from heritage.choices import DateQualifier

YEAR_ORDER_ERROR = gettext_lazy("The end year cannot come before the start year.")


def years_out_of_order(start: int | None, end: int | None) -> bool:
    """True when both years are known and the range runs backwards."""
    return start is not None and end is not None and start > end


def iso_year(year: int) -> str:
    """A signed historical year as ISO 8601 / xsd:dateTime (XSD 1.1) write it.

    Our years count as historians do: -1200 is 1200 BCE and there is no year 0 (1 BCE is
    followed by 1 CE). ISO 8601 and XSD 1.1 number years astronomically: 1 BCE is 0000,
    1200 BCE is -1199. Every standard date we emit (Linked Art timespans, schema.org
    temporalCoverage, dumps) is written through here: -1200 → "-1199", -1 → "0000",
    1 → "0001", 600 → "0600". A 0 (not a historical year, though a form may hold one) is
    written as the astronomical 0000."""
    astronomical = year + 1 if year < 0 else year
    return f"-{-astronomical:04d}" if astronomical < 0 else f"{astronomical:04d}"


def year_label(year: int) -> str:
    if year < 0:
        return _("%(year)s BCE") % {"year": -year}
    if year < 1000:
        return _("%(year)s CE") % {"year": year}
    return str(year)


def year_range_label(start: int | None, end: int | None) -> str:
    """ "600–900 CE", "1200–900 BCE", "300 BCE – 250 CE", "1519–1521"."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return year_label(start if start is not None else end)
    if end < 0:
        return _("%(start)s–%(end)s BCE") % {"start": -start, "end": -end}
    if start >= 0 and end < 1000:
        return _("%(start)s–%(end)s CE") % {"start": start, "end": end}
    if start >= 1000:
        return f"{start}–{end}"
    return f"{year_label(start)} – {year_label(end)}"


# Each qualifier as a whole phrase around the years, so a language's catalogue may put its
# words before or after them.
QUALIFIED_YEARS = {
    DateQualifier.CIRCA: gettext_lazy("ca. %(years)s"),
    DateQualifier.BEFORE: gettext_lazy("before %(years)s"),
    DateQualifier.AFTER: gettext_lazy("after %(years)s"),
    DateQualifier.UNCERTAIN: gettext_lazy("%(years)s (?)"),
}


def date_text(
    start: int | None,
    end: int | None,
    qualifier: str = DateQualifier.EXACT,
    *,
    language: str | None = None,
    written: Mapping[str, str | None] | None = None,
) -> str:
    """The date a reader of `language` (the active one when None) reads: the curator's text
    (`written`, by language code: a piece's `date_display_<code>`) first found along the
    language's fallback chain, as modeltranslation serves every translated field (an English
    reader of a piece dated only in Spanish reads the Spanish text); else the text generated
    from the years and the qualifier in that language: "ca. 600–900 CE", "ca. 600–900 d. C.",
    "300 a. C. – 250 d. C."; "" without years. A language whose catalogue lacks a phrase reads
    it as the site falls back (Nahuatl: Spanish, as gettext does).

    The piece's pages, cards, API and exports (Piece.date_label) and the editor's placeholders
    (heritage.panels, the date_texts endpoint) all ask here, so a box left empty shows exactly
    what its readers will read."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for code in fallback_chain(language):
        text = (written or {}).get(code)
        if text and text.strip():
            return text
    with translation.override(language):
        return _generated(start, end, qualifier)


def _generated(start: int | None, end: int | None, qualifier: str) -> str:
    if qualifier == DateQualifier.UNKNOWN:
        return _("date unknown")
    years = year_range_label(start, end)
    phrase = QUALIFIED_YEARS.get(qualifier)
    if not years or phrase is None:
        return years
    return str(phrase) % {"years": years}


def _outside(start: int | None, end: int | None, term) -> bool:
    """True when a dating runs past a term's span (an open end of either is no bound)."""
    if term is None or (start is None and end is None):
        return False
    start = start if start is not None else end
    end = end if end is not None else start
    low, high = term.start_year, term.end_year
    return (low is not None and start < low) or (high is not None and end > high)


def outside_spans(piece) -> list[str]:
    """Warnings (not errors: periods are conventions and a culture's span is what has been
    documented so far, pieces read neither) when a piece's years fall outside its period's span
    or its culture's."""
    start, end = piece.date_start, piece.date_end
    years = year_range_label(start, end)
    warnings = []
    if _outside(start, end, piece.period):
        period = piece.period
        warnings.append(
            _("The years %(years)s fall outside %(period)s (%(span)s): is the period right?")
            % {
                "years": years,
                "period": period,
                "span": year_range_label(period.start_year, period.end_year),
            }
        )
    if _outside(start, end, piece.culture):
        culture = piece.culture
        warnings.append(
            _(
                "The years %(years)s fall outside the documented span of the %(culture)s "
                "culture (%(span)s): is the culture right?"
            )
            % {
                "years": years,
                "culture": culture,
                "span": year_range_label(culture.start_year, culture.end_year),
            }
        )
    return warnings
