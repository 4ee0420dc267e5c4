"""Admin widgets of a program session: a recurrence builder, exception dates with a date picker
and a time-zone picker. Each stores what curators typed before (an RFC 5545 rule, ISO dates,
an IANA zone name), so saved sessions, the feeds and culture.recurrence read them unchanged.

Rules are read with icalendar (as the feeds do) and checked by culture.recurrence (dateutil):
the builder only puts the rule's parts together, and a rule it cannot show is kept as written.
"""

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import available_timezones

from django import forms
from django.urls import reverse
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from icalendar import vRecur, vWeekday

from culture.recurrence import RecurrenceError, parse_dates, rule_text

CUSTOM = "custom"  # the rule as written under "Advanced": one the builder cannot show
FREQUENCIES = (
    ("", _("does not repeat")),
    ("DAILY", _("every day")),
    ("WEEKLY", _("every week")),
    ("MONTHLY", _("every month")),
    ("YEARLY", _("every year")),
    (CUSTOM, _("another way (the rule under Advanced)")),
)
UNITS = {"DAILY": _("day(s)"), "WEEKLY": _("week(s)"), "MONTHLY": _("month(s)"),
         "YEARLY": _("year(s)")}  # fmt: skip
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545's order, Monday first
MONTH_DAY = "day"
ORDINALS = ((MONTH_DAY, _("on day")), ("1", _("on the first")), ("2", _("on the second")),
            ("3", _("on the third")), ("4", _("on the fourth")),
            ("-1", _("on the last")))  # fmt: skip
ENDS = (("never", _("never")), ("count", _("after")), ("until", _("on the day")))
# The builder's end date includes its whole day, in the session's own (wall-clock) time.
UNTIL_TIME = "T235959"
BUILDER_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"}
# The controls, in the order of the widget's subwidgets; "rule" is the text under "Advanced".
CONTROLS = ("freq", "interval", "byday", "monthly", "monthday", "weekday", "ends", "count",
            "until", "rule")  # fmt: skip
BLANK = {"freq": "", "interval": "1", "byday": [], "monthly": MONTH_DAY, "monthday": "",
         "weekday": "MO", "ends": "never", "count": "", "until": "", "rule": ""}  # fmt: skip


def _day_choices(first: int = 0) -> list[tuple[str, str]]:
    """The days with their names, from `first` (0 = Monday)."""
    order = [*range(first, 7), *range(first)]
    return [(DAY_CODES[day], WEEKDAYS[day]) for day in order]


def controls_from_rule(rule: str) -> dict | None:
    """The builder's controls for a rule, or None when the builder cannot show it."""
    controls = dict(BLANK, rule=rule)
    text = rule_text(rule)
    if not text:
        return controls
    try:
        parts = vRecur.from_ical(text)
        days = [vWeekday(day) for day in parts.get("BYDAY", [])]
    except ValueError:
        return None
    freq = parts.get("FREQ", [""])[0]
    singles = (key for key in parts if key != "BYDAY")
    if (set(parts) - BUILDER_PARTS or freq not in UNITS or ("COUNT" in parts and "UNTIL" in parts)
            or any(len(parts[key]) != 1 for key in singles)):  # fmt: skip
        return None
    controls["freq"] = freq
    if "INTERVAL" in parts:
        controls["interval"] = str(parts["INTERVAL"][0])
    if freq == "WEEKLY" and not any(day.relative for day in days):
        controls["byday"] = [day.weekday for day in days]
    elif freq == "MONTHLY" and not days and "BYMONTHDAY" in parts:
        controls["monthday"] = str(parts["BYMONTHDAY"][0])
    elif freq == "MONTHLY" and len(days) == 1 and "BYMONTHDAY" not in parts:
        ordinal = str(days[0].relative)
        if ordinal not in dict(ORDINALS):
            return None
        controls["monthly"], controls["weekday"] = ordinal, days[0].weekday
    elif days or "BYMONTHDAY" in parts:
        return None
    if "COUNT" in parts:
        controls["ends"], controls["count"] = "count", str(parts["COUNT"][0])
    if "UNTIL" in parts:
        until = parts["UNTIL"][0]
        if not isinstance(until, datetime) or until.tzinfo or f"{until:T%H%M%S}" != UNTIL_TIME:
            return None  # a date alone, another time, UTC: only the text says it exactly
        controls["ends"], controls["until"] = "until", until.date().isoformat()
    return controls


def rule_from_controls(controls: dict) -> str:
    """The rule the controls make, values as typed: the model's validation judges them."""
    freq = controls.get("freq") or ""
    if freq == CUSTOM:
        return (controls.get("rule") or "").strip()
    if freq not in UNITS:
        return ""
    parts = [f"FREQ={freq}"]
    interval = (controls.get("interval") or "").strip()
    if interval not in ("", "1"):
        parts.append(f"INTERVAL={interval}")
    days = controls.get("byday") or []
    if freq == "WEEKLY" and days:
        parts.append("BYDAY=" + ",".join(code for code in DAY_CODES if code in days))
    monthly = controls.get("monthly") or MONTH_DAY
    monthday = (controls.get("monthday") or "").strip()
    if freq == "MONTHLY" and monthly != MONTH_DAY:
        parts.append(f"BYDAY={monthly}{controls.get('weekday') or ''}")
    elif freq == "MONTHLY" and monthday:
        parts.append(f"BYMONTHDAY={monthday}")
    ends = controls.get("ends")
    if ends == "count":
        parts.append(f"COUNT={(controls.get('count') or '').strip()}")
    elif ends == "until":
        until = (controls.get("until") or "").strip()
        try:
            parts.append(f"UNTIL={date.fromisoformat(until):%Y%m%d}{UNTIL_TIME}")
        except ValueError:
            parts.append(f"UNTIL={until}")
    return ";".join(parts)


def same_rule(one: str, other: str) -> bool:
    """Two spellings of one rule ("FREQ=WEEKLY;COUNT=10;BYDAY=TU" and "FREQ=WEEKLY;BYDAY=TU;
    COUNT=10"): a session saved unchanged keeps its text, and calendars see no new SEQUENCE."""
    try:
        return bool(rule_text(one)) and vRecur.from_ical(rule_text(one)) == vRecur.from_ical(
            rule_text(other)
        )
    except ValueError:
        return False


class RecurrenceWidget(forms.MultiWidget):
    """Repeats: how often, on which days, until when; with the rule as text under "Advanced"
    and the next dates, asked of the server (culture.admin_views.session_dates) as they change.

    It hands the form the rule text, so the model's validation (and its messages) apply. The
    controls win over the text unless "another way" is chosen (the script chooses it when the
    text is edited); when both say the same, the text as written is kept."""

    template_name = "culture/widgets/recurrence.html"

    class Media:
        js = ["js/recurrence-builder.js"]
        css = {"all": ["css/recurrence-builder.css"]}

    def __init__(self, attrs=None):
        number = {"min": 1, "class": "recurrence-number"}

        def target(name: str) -> dict[str, str]:  # what the script (a Stimulus controller) finds
            return {"data-recurrence-builder-target": name}

        widgets = {
            "freq": forms.Select(choices=FREQUENCIES, attrs=target("freq")),
            "interval": forms.NumberInput(attrs={**number, "max": 99}),
            "byday": forms.CheckboxSelectMultiple(choices=_day_choices()),
            "monthly": forms.Select(choices=ORDINALS, attrs=target("monthly")),
            "monthday": forms.NumberInput(attrs={**number, "max": 31}),
            "weekday": forms.Select(choices=_day_choices()),
            "ends": forms.Select(choices=ENDS, attrs=target("ends")),
            "count": forms.NumberInput(attrs={**number, "max": 999}),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "rule": forms.TextInput(attrs={
                **target("rule"), "data-action": "input->recurrence-builder#ruleTyped",
                "spellcheck": "false", "autocomplete": "off",
            }),
        }  # fmt: skip
        super().__init__(widgets, attrs)

    def decompress(self, value):
        controls = controls_from_rule(value or "") or dict(BLANK, freq=CUSTOM, rule=value)
        return [controls[name] for name in CONTROLS]

    def value_from_datadict(self, data, files, name):
        controls = dict(zip(CONTROLS, super().value_from_datadict(data, files, name), strict=True))
        rule = rule_from_controls(controls)
        written = controls["rule"] or ""
        return written.strip() if same_rule(written, rule) else rule

    def get_context(self, name, value, attrs):
        # The week starts on the day the editor's language starts it (Sunday in English).
        first = (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7
        self.widgets[CONTROLS.index("byday")].choices = _day_choices(first)
        context = super().get_context(name, value, attrs)
        controls = dict(zip(CONTROLS, context["widget"]["subwidgets"], strict=True))
        context["widget"].update(
            controls=controls,
            units=UNITS.items(),
            cannot_show=CUSTOM in controls["freq"]["value"],
            # The session form's other fields share the widget's prefix ("sessions-0-").
            prefix=name[: name.rfind("-") + 1],
            dates_url=reverse("culture_session_dates"),
        )
        return context


class ExceptionDatesWidget(forms.Widget):
    """Dates without a session as date pickers, one per row (rows added and removed by the
    script), stored one per line. Text that is not dates stays one text row, as typed, and the
    model's validation says what is wrong with it."""

    template_name = "culture/widgets/exception_dates.html"

    class Media:
        js = ["js/recurrence-builder.js"]
        css = {"all": ["css/recurrence-builder.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        text = value or ""
        try:
            days, written = [day.isoformat() for day in parse_dates(text)], ""
        except RecurrenceError:
            days, written = [], text
        context["widget"].update(days=days, written=written)
        return context

    def format_value(self, value):
        return value or ""

    def value_from_datadict(self, data, files, name):
        rows = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return "\n".join(row.strip() for row in rows if row and row.strip())

    def value_omitted_from_data(self, data, files, name):
        return False  # no rows posted: every date was removed


# The zones of the diaspora's cities and of Mexico, first; then every zone by region.
COMMON_ZONES = (
    "America/Los_Angeles", "America/Denver", "America/Phoenix", "America/Chicago",
    "America/New_York", "America/Anchorage", "Pacific/Honolulu", "America/Mexico_City",
    "America/Tijuana", "America/Hermosillo", "America/Mazatlan", "America/Chihuahua",
    "America/Monterrey", "America/Cancun", "America/Merida",
)  # fmt: skip
REGIONS = (
    ("America", _("Americas")), ("Europe", _("Europe")), ("Africa", _("Africa")),
    ("Asia", _("Asia")), ("Atlantic", _("Atlantic")), ("Pacific", _("Pacific")),
    ("Australia", _("Australia")), ("Indian", _("Indian Ocean")),
    ("Antarctica", _("Antarctica")), ("Arctic", _("Arctic")),
)  # fmt: skip


@lru_cache(maxsize=1)
def _zones_by_region() -> dict[str, list[str]]:
    """IANA's zones by region, without the old aliases ("US/Central", "Mexico/General")."""
    regions: dict[str, list[str]] = {}
    for zone in sorted(available_timezones()):
        region = zone.split("/", 1)[0]
        if region in dict(REGIONS) and zone not in COMMON_ZONES:
            regions.setdefault(region, []).append(zone)
    return regions


def timezone_choices() -> list:
    def option(zone: str) -> tuple[str, str]:
        return zone, zone.replace("_", " ")

    zones = _zones_by_region()
    return [(_("Most used"), [option(zone) for zone in COMMON_ZONES])] + [
        (label, [option(zone) for zone in zones[region]])
        for region, label in REGIONS
        if region in zones
    ]


class TimezoneSelect(forms.Select):
    """IANA time zones, the most used first, then by region. A zone saved before that the list
    does not offer (an alias such as "US/Central") stays on top, chosen, until changed."""

    def get_context(self, name, value, attrs):
        self.choices = timezone_choices()
        offered = {zone for _label, group in self.choices for zone, _name in group}
        if value and value not in offered:
            self.choices.insert(0, (value, value))
        return super().get_context(name, value, attrs)
