"""Signed years (-1200 = 1200 BCE) and how they read in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

YEAR_ORDER_ERROR = gettext_lazy("The end year cannot come before the start year.")


def years_out_of_order(start: int | None, end: int | None) -> bool:
    """True when both years are known and the range runs backwards."""
    return start is not None and end is not None and start > end


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


def outside_period(piece) -> str | None:
    """A warning (not an error: periods are conventions, pieces do not read them) when a piece's
    years fall outside its period's span, or None."""
    period = piece.period
    if period is None or (piece.date_start is None and piece.date_end is None):
        return None
    low, high = period.start_year, period.end_year
    start = piece.date_start if piece.date_start is not None else piece.date_end
    end = piece.date_end if piece.date_end is not None else piece.date_start
    if (low is None or start >= low) and (high is None or end <= high):
        return None
    return _("The years %(years)s fall outside %(period)s (%(span)s): is the period right?") % {
        "years": year_range_label(piece.date_start, piece.date_end),
        "period": period,
        "span": year_range_label(low, high),
    }
