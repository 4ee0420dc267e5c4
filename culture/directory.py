"""The directory's one read: organizations and the mobile consulate's coming stops, filtered by
service, language, kind, cost, appointment and "open now", measured from the reader's place.
The directory page uses it, and so does the API (one selector, whatever the door).

Public = live organization pages without view restrictions (as programs: culture.selectors) and
stops of published routes. A constant number of queries whatever the number of results: the
filters are SQL, and so is "near me" within a radius (a box of latitudes and longitudes around
the place, for every database; the exact distance is worked out only for the rows inside it).

The ranking — (stop?, id, km, end of a stop) in the listing's order — depends on the records
and the query only, so it is kept like routes (core.routes: per query and site version, until
any record changes) with the day (the stops' window) and, when "open now" filters, the minute;
the stops over by now are dropped from it on each read. The cards (DirectoryCard, plain values)
are kept the same way, one by one: a repeated query ranks nothing and loads nothing, and a new
one loads only the records no query showed since the last change.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from core import routes
from core.i18n import localized_name, site_name
from core.links import page_path
from culture import hours
from culture.geo import EARTH_RADIUS_KM, KM_PER_MILE, distance_km
from culture.models import OpeningHours, OrganizationPage, RouteStop, Venue
from culture.selectors import filters_key, stops_public

STOP_DAYS = 14  # the coming days whose mobile-consulate stops the directory lists
STOP_KIND = "mobile-consulate"  # the `kind` filter's value for the stops


@dataclass(eq=False)
class DirectoryEntry:
    """One result: an organization page or a mobile-consulate stop, with its distance. For the
    page, `card` (DirectoryCard: what a card shows, kept); for the API, `record` (the page or
    the stop, with its offering) and `venue`. Hours (`open_now`, `today`) are worked out when
    read, on the place's clock at `now`."""

    pk: int
    is_stop: bool
    name: str
    distance_km: float | None
    now: datetime
    zone: str | None  # the place's time zone (None: no place, so no hours)
    week: list = field(default_factory=list)  # an organization's opening-hours rows
    day: date | None = None  # a stop's day
    opens: time | None = None  # a stop's hours, on its day
    closes: time | None = None
    record: OrganizationPage | RouteStop | None = None
    venue: Venue | None = None
    card: "DirectoryCard | None" = None

    @cached_property
    def open_now(self) -> bool | None:
        if self.is_stop:
            return _stop_open(self.day, self.opens, self.closes, self.zone, self.now)
        return hours.is_open(self.week, zone=self.zone, now=self.now) if self.zone else None

    @cached_property
    def today(self) -> list[hours.Span]:
        if self.is_stop:
            today = hours.local(self.now, self.zone).date() == self.day
            return [hours.Span(self.opens, self.closes)] if today else []
        return hours.hours_today(self.week, zone=self.zone, now=self.now) if self.zone else []


def _stop_open(day, opens, closes, zone, now) -> bool:
    starts = datetime.combine(day, opens, tzinfo=ZoneInfo(zone))
    return starts <= now < datetime.combine(day, closes, tzinfo=ZoneInfo(zone))


@dataclass(frozen=True)
class OfferingSummary:
    """What a record offers, as the reader reads it (labels in the active language): the
    directory's cards keep it, the organization page shows it (culture_tags.offering)."""

    services: tuple[str, ...]
    served: tuple[tuple[str, bool], ...]  # (label, indigenous)
    interpreted: tuple[tuple[str, bool], ...]
    cost: str
    appointment: str
    eligibility: str
    eligibility_lang: str  # ` lang="xx"` when shown in another language

    @classmethod
    def of(cls, record, terms: tuple | None = None) -> "OfferingSummary":
        """From an Offering: its services and languages prefetched, or given as `terms`
        (services, served, interpreted: see _offering_terms)."""
        from core.templatetags.retorno_tags import lang_attr

        if terms is None:
            terms = (
                [str(service) for service in record.services.all()],
                [(str(term), term.indigenous) for term in record.languages_served.all()],
                [(str(term), term.indigenous) for term in record.languages_on_request.all()],
            )
        return cls(
            services=tuple(terms[0]), served=tuple(terms[1]), interpreted=tuple(terms[2]),
            cost=str(record.get_cost_display()) if record.cost else "",
            appointment=str(record.get_appointment_display()) if record.appointment else "",
            eligibility=record.eligibility or "",
            eligibility_lang=str(lang_attr(record, "eligibility")) if record.eligibility else "",
        )  # fmt: skip


@dataclass(frozen=True)
class DirectoryCard:
    """What a directory card shows of an organization or a stop, as plain values in the
    reader's language (culture_tags.directory_card writes it): cheap to keep and to copy."""

    is_stop: bool
    pk: int
    name: str
    name_lang: str  # ` lang="xx"` when the name is shown in another language
    kind: str  # the kind's label ("Mobile consulate" for a stop)
    illustrative: bool
    url: str  # an organization's page ("" for a stop)
    place: str  # "venue, address"
    service_area: str
    service_area_lang: str
    zone: str | None
    week: tuple[hours.Weekly, ...]
    day: date | None
    opens: time | None
    closes: time | None
    offering: OfferingSummary
    phone: str
    map_url: str
    website: str
    appointment_url: str

    @classmethod
    def of(cls, record, *, is_stop: bool, terms: tuple, week: tuple) -> "DirectoryCard":
        from django.utils.translation import gettext as _

        from core.templatetags.retorno_tags import lang_attr
        from culture.templatetags.culture_tags import map_url, tel_url

        venue = record.venue
        common = {
            "pk": record.pk, "is_stop": is_stop, "week": week,
            "zone": venue.timezone if venue else None,
            "place": f"{venue.name}, {venue.address}" if venue else "",
            "map_url": map_url(venue) if venue else "",
            "offering": OfferingSummary.of(record, terms),
        }  # fmt: skip
        if is_stop:
            route = record.route
            return cls(
                **common, name=route.name, name_lang=str(lang_attr(route, "name")),
                kind=_("Mobile consulate"), illustrative=route.is_illustrative, url="",
                service_area="", service_area_lang="", day=record.day, opens=record.opens_at,
                closes=record.closes_at, phone="", website="",
                appointment_url=record.appointment_url,
            )  # fmt: skip
        area = "" if venue else record.service_area
        return cls(
            **common, name=record.title, name_lang=str(lang_attr(record, "title")),
            kind=str(record.get_kind_display()), illustrative=record.is_illustrative,
            url=page_path(record) or "", service_area=area,
            service_area_lang=str(lang_attr(record, "service_area")) if area else "",
            day=None, opens=None, closes=None, phone=tel_url(record.phone),
            website=record.website, appointment_url="",
        )  # fmt: skip


class DirectoryResults:
    """The ranked entries, a sequence the paginator slices: the slice asked for is loaded in a
    fixed number of queries — as cards (kept, see DirectoryCard) for the page, as records with
    their offering, places and hours for the API."""

    def __init__(self, ranked: list[tuple], *, now: datetime, cards: bool = False):
        self.ranked = ranked  # (is_stop, pk, km, end of a stop as a timestamp or None)
        self.now = now
        self.cards = cards

    def __len__(self) -> int:
        return len(self.ranked)

    def count(self) -> int:
        return len(self.ranked)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._entries(self.ranked[index])
        return self._entries([self.ranked[index]])[0]

    def __iter__(self):
        return iter(self._entries(self.ranked))

    def _entries(self, chosen: list[tuple]) -> list[DirectoryEntry]:
        if self.cards:
            return self._from_cards(chosen)
        return self._from_records(chosen)

    def _from_cards(self, chosen) -> list[DirectoryEntry]:
        language = get_language()

        def load(missing):
            cards = _cards([(is_stop, pk) for is_stop, pk, _language in missing])
            return {(*key, language): card for key, card in cards.items()}

        # kept card by card: another query showing the same records loads none of them again
        cards = routes.remember_many(
            "directory-card", [(is_stop, pk, language) for is_stop, pk, _km, _ends in chosen], load
        )
        entries = []
        for is_stop, pk, km, _ends in chosen:
            card = cards.get((is_stop, pk, language))
            if card is not None:  # else deleted since it was ranked
                entries.append(DirectoryEntry(
                    pk=pk, is_stop=is_stop, name=card.name, distance_km=km, now=self.now,
                    zone=card.zone, week=list(card.week), day=card.day, opens=card.opens,
                    closes=card.closes, card=card,
                ))  # fmt: skip
        return entries

    def _from_records(self, chosen) -> list[DirectoryEntry]:
        records = _records([(is_stop, pk) for is_stop, pk, _km, _ends in chosen])
        entries = []
        for is_stop, pk, km, _ends in chosen:
            record = records.get((is_stop, pk))
            if record is None:
                continue
            venue = record.venue
            entries.append(DirectoryEntry(
                pk=pk, is_stop=is_stop, name=record.route.name if is_stop else record.title,
                distance_km=km, now=self.now, zone=venue.timezone if venue else None,
                week=list(venue.hours.all()) if venue else [],
                day=record.day if is_stop else None,
                opens=record.opens_at if is_stop else None,
                closes=record.closes_at if is_stop else None, record=record, venue=venue,
            ))  # fmt: skip
        return entries


def _records(keys: list[tuple[bool, int]]) -> dict:
    """The pages and stops named by (is_stop, pk), with their offering, places and hours: in a
    fixed number of queries (one per model and prefetched relation)."""
    pages = [pk for is_stop, pk in keys if not is_stop]
    stops = [pk for is_stop, pk in keys if is_stop]
    records = {}
    if pages:
        found = OrganizationPage.objects.filter(pk__in=pages).select_related("venue")
        records.update({(False, page.pk): page
                        for page in found.prefetch_related(*offering_prefetches())})  # fmt: skip
    if stops:
        found = RouteStop.objects.filter(pk__in=stops).select_related("venue", "route")
        records.update({(True, stop.pk): stop
                        for stop in found.prefetch_related(*offering_prefetches())})  # fmt: skip
    return records


def _cards(keys: list) -> dict:
    """The cards of a page's entries, in a fixed number of queries: the pages and the stops
    with their places, the rows of their relations and the vocabularies (no model instance
    per term: a card needs only labels)."""
    pages = [pk for is_stop, pk in keys if not is_stop]
    stops = [pk for is_stop, pk in keys if is_stop]
    found = []
    if pages:
        queryset = OrganizationPage.objects.filter(pk__in=pages).select_related("venue")
        found += [(False, page) for page in queryset]
    if stops:
        queryset = RouteStop.objects.filter(pk__in=stops).select_related("venue", "route")
        found += [(True, stop) for stop in queryset]
    if not found:
        return {}
    terms = _offering_terms({OrganizationPage: pages, RouteStop: stops})
    week: dict[int, list] = {}
    venue_ids = {record.venue_id for _is_stop, record in found if record.venue_id}
    for row in (
        OpeningHours.objects.filter(venue_id__in=venue_ids)
        .order_by("opens")
        .values_list("venue_id", "weekday", "opens", "closes")
    ):
        week.setdefault(row[0], []).append(hours.Weekly(*row[1:]))
    return {
        (is_stop, record.pk): DirectoryCard.of(
            record, is_stop=is_stop, terms=terms[(type(record), record.pk)],
            week=tuple(week.get(record.venue_id, ())),
        )
        for is_stop, record in found
    }  # fmt: skip


def _offering_terms(ids: dict) -> dict:
    """(model, pk) → (service labels, (language, indigenous) served, the same by
    interpretation) of the records `ids` names per model, in the vocabularies' order: from
    the relations' own tables, a query per relation (the vocabularies' labels kept)."""
    from culture.models import ProgramLanguage, Service

    def labels():
        return (
            {term.pk: (position, str(term))
             for position, term in enumerate(Service.objects.all())},
            {term.pk: (position, (str(term), term.indigenous))
             for position, term in enumerate(ProgramLanguage.objects.all())},
        )  # fmt: skip

    services, languages = routes.remember("directory-term-labels", (get_language(),), labels)
    found = {}
    relations = (("services", services), ("languages_served", languages),
                 ("languages_on_request", languages))  # fmt: skip
    for model, pks in ids.items():
        lists = {pk: ([], [], []) for pk in pks}
        for slot, (name, vocabulary) in enumerate(relations if pks else ()):
            relation = model._meta.get_field(name)
            owner = f"{relation.m2m_field_name()}_id"
            rows = relation.remote_field.through.objects.filter(**{f"{owner}__in": pks})
            for pk, term in rows.values_list(owner, f"{relation.m2m_reverse_field_name()}_id"):
                lists[pk][slot].append(vocabulary[term])
        for pk, (*slots,) in lists.items():
            found[(model, pk)] = tuple([label for _position, label in sorted(slot)]
                                       for slot in slots)  # fmt: skip
    return found


def offering_prefetches(prefix: str = "") -> list:
    """What an offering's card or page reads: its services, languages and place's hours."""
    return [
        f"{prefix}services",
        f"{prefix}languages_served",
        f"{prefix}languages_on_request",
        Prefetch(f"{prefix}venue__hours", queryset=OpeningHours.objects.order_by("opens")),
    ]


def _offering_filters(queryset: QuerySet, filters: dict) -> QuerySet:
    """Service, language (served in or by interpretation), cost and appointment, as SQL."""
    narrowed = False
    if filters.get("service"):
        queryset = queryset.filter(services__code__in=filters["service"])
        narrowed = True
    if filters.get("language"):
        codes = filters["language"]
        queryset = queryset.filter(
            Q(languages_served__code__in=codes) | Q(languages_on_request__code__in=codes)
        )
        narrowed = True
    if filters.get("cost"):
        queryset = queryset.filter(cost__in=filters["cost"])
    if filters.get("appointment"):
        queryset = queryset.filter(appointment__in=filters["appointment"])
    return queryset.distinct() if narrowed else queryset


def organizations_public(*, parent=None) -> QuerySet:
    """The live, public organization pages (under `parent`, the directory page, when given)."""
    queryset = OrganizationPage.objects.live().public()
    return queryset.child_of(parent) if parent is not None else queryset


def coming_stops(*, now: datetime, days: int = STOP_DAYS) -> QuerySet:
    """Scheduled public stops from yesterday (a stop's day is on its own clock) to `days`
    ahead; the caller drops those already over."""
    today = now.date()
    return stops_public(since=today - timedelta(days=1)).filter(
        status=RouteStop.Status.SCHEDULED, day__lte=today + timedelta(days=days)
    )


def _degrees(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def near_box(origin, radius_km: float, prefix: str = "venue__") -> Q:
    """The places within `radius_km` of `origin` and a few more: a range of latitudes and one
    of longitudes (two across the antimeridian; none near a pole), which any database answers
    from the columns, before the exact distance is measured for the rows inside."""
    angle = radius_km / EARTH_RADIUS_KM  # the radius as an angle at the earth's centre
    margin = 1e-6  # the columns keep six decimals
    lat_min = origin.latitude - math.degrees(angle) - margin
    lat_max = origin.latitude + math.degrees(angle) + margin
    box = Q(**{f"{prefix}latitude__gte": _degrees(max(lat_min, -90)),
               f"{prefix}latitude__lte": _degrees(min(lat_max, 90))})  # fmt: skip
    if lat_min <= -90 or lat_max >= 90 or angle >= math.pi / 2:
        return box  # a circle round a pole: every longitude
    # The widest longitude of a circle of that angle (its tangent meridians).
    spread = math.degrees(math.asin(math.sin(angle) / math.cos(math.radians(origin.latitude))))
    west, east = origin.longitude - spread - margin, origin.longitude + spread + margin
    gte, lte = f"{prefix}longitude__gte", f"{prefix}longitude__lte"
    if west < -180:
        return box & (Q(**{gte: _degrees(west + 360)}) | Q(**{lte: _degrees(east)}))
    if east > 180:
        return box & (Q(**{gte: _degrees(west)}) | Q(**{lte: _degrees(east - 360)}))
    return box & Q(**{gte: _degrees(west), lte: _degrees(east)})


def _distance(origin, lat, lon) -> float | None:
    if origin is None or lat is None or lon is None:
        return None
    return distance_km(origin.latitude, origin.longitude, float(lat), float(lon))


def _names(field_name: str) -> list[str]:
    """The field in the reader's language, then in the site's (the fallback readers see); the
    columns go last in a row (one when both are the same), read by `_name`."""
    return list(dict.fromkeys([localized_name(field_name, get_language()), site_name(field_name)]))


def _name(texts) -> str:
    return next((text for text in texts if text), "")


def _organizations(parent, filters: dict, now: datetime, box: Q | None) -> list[tuple]:
    """(km, day, name, (is_stop, pk), end) of the organizations answering the filters."""
    kinds = [kind for kind in filters.get("kind") or () if kind != STOP_KIND]
    if filters.get("kind") and not kinds:
        return []
    queryset = organizations_public(parent=parent)
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    if box is not None:
        queryset = queryset.filter(box)
    # (the columns are named in each language: no modeltranslation pass over the rows)
    rows = list(
        _offering_filters(queryset, filters).rewrite(False).values_list(
            "pk", "venue_id", "venue__latitude", "venue__longitude", "venue__timezone",
            *_names("title"),
        )
    )  # fmt: skip
    week: dict[int, list] = {}
    if filters.get("open_now"):  # only then are the hours of every row read
        venue_ids = {row[1] for row in rows if row[1]}
        for row in OpeningHours.objects.filter(venue_id__in=venue_ids).values_list(
            "venue_id", "weekday", "opens", "closes"
        ):
            week.setdefault(row[0], []).append(hours.Weekly(*row[1:]))
    origin = filters.get("origin")
    found = []
    for pk, venue_id, lat, lon, zone, *titles in rows:
        if filters.get("open_now") and not (
            venue_id and hours.is_open(week.get(venue_id, []), zone=zone, now=now)
        ):
            continue
        found.append((_distance(origin, lat, lon), None, _name(titles), (False, pk), None))
    return found


def _stops(filters: dict, now: datetime, box: Q | None) -> list[tuple]:
    """(km, day, name, (is_stop, pk), end as a timestamp) of the coming stops answering
    the filters."""
    if filters.get("kind") and STOP_KIND not in filters["kind"]:
        return []
    queryset = _offering_filters(coming_stops(now=now), filters)
    if box is not None:
        queryset = queryset.filter(box)
    rows = queryset.rewrite(False).values_list(
        "pk", "day", "opens_at", "closes_at", "venue__latitude", "venue__longitude",
        "venue__timezone", *_names("route__name"),
    )  # fmt: skip
    origin = filters.get("origin")
    found = []
    for pk, day, opens, closes, lat, lon, zone, *names in rows:
        ends = datetime.combine(day, closes, tzinfo=ZoneInfo(zone))
        if ends <= now or (filters.get("open_now") and not _stop_open(day, opens, closes,
                                                                       zone, now)):  # fmt: skip
            continue
        found.append((_distance(origin, lat, lon), day, _name(names), (True, pk),
                      ends.timestamp()))  # fmt: skip
    return found


def _rank(parent, filters: dict, now: datetime) -> tuple:
    """(is_stop, pk, km, end of a stop as a timestamp or None) in the listing's order."""
    origin, radius = filters.get("origin"), filters.get("radius")
    limit = radius * KM_PER_MILE if radius and origin is not None else None
    box = near_box(origin, limit) if limit else None
    found = _organizations(parent, filters, now, box) + _stops(filters, now, box)
    if limit:
        found = [row for row in found if row[0] is not None and row[0] <= limit]
    if origin is not None:
        found.sort(key=lambda r: (r[0] is None, r[0] or 0, r[2].casefold()))
    else:
        found.sort(key=lambda r: (r[3][0], r[1] or date.min, r[2].casefold()))
    return tuple((key[0], key[1], km, ends) for km, _day, _name, key, ends in found)


def directory_entries(
    *, parent=None, filters: dict | None = None, now: datetime, cards: bool = False
) -> DirectoryResults:
    """The directory's results for `filters` (the form's cleaned data: service, language, kind,
    cost, appointment lists; open_now; origin and radius) at the instant `now`. Nearest first
    when a place is given (those without coordinates last); else organizations by name, then
    the stops by day. With `cards`, each entry carries its DirectoryCard (the page); else its
    record (the API). The ranking is kept per query until any record changes (see above)."""
    filters = filters or {}
    clock = now.replace(second=0, microsecond=0).isoformat() if filters.get("open_now") else ""
    query = json.dumps(filters_key(filters), default=str)
    parts = (parent.pk if parent is not None else None, get_language(), query,
             now.date().isoformat(), clock)  # fmt: skip
    ranked = routes.remember("directory-ranking", parts, lambda: _rank(parent, filters, now))
    moment = now.timestamp()
    # stops over since the ranking was kept: each read drops them
    ranked = [row for row in ranked if row[3] is None or row[3] > moment]
    return DirectoryResults(ranked, now=now, cards=cards)


VERIFY_EVERY_DAYS = 365


def records_to_verify(*, today: date) -> dict[str, QuerySet]:
    """Organization pages (drafts included) and venues nobody verified in the last twelve
    months, or ever: the curators' report (Reports menu), oldest first."""
    since = today - timedelta(days=VERIFY_EVERY_DAYS)
    stale = Q(verified_on__isnull=True) | Q(verified_on__lt=since)
    order = [F("verified_on").asc(nulls_first=True), "pk"]
    return {
        "organizations": OrganizationPage.objects.filter(stale).order_by(*order),
        "venues": Venue.objects.filter(stale).order_by(*order),
    }
