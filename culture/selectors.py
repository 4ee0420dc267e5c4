"""Reads the public program pages share. Public = live pages without view restrictions."""

import heapq
from calendar import Calendar, monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from core import routes
from core.i18n import localized_name, localized_names, site_name
from core.links import page_path, parent_page_path
from culture import cache
from culture.geo import KM_PER_MILE, distance_km
from culture.models import ProgramPage, ProgramSession, RouteStop, Venue
from culture.models.pages import SessionStatusMixin
from culture.recurrence import iter_occurrences

UPCOMING_LIMIT = 12
MONTH_LIMIT = 1000
DAY_LIMIT = 4  # occurrences a day of the month view lists; the rest are counted and linked
FEED_PAST_DAYS = 30


def venue_distance(venue, origin) -> float | None:
    """Kilometres from the reader's place to a venue (None: no venue, coordinates or place)."""
    if origin is None or venue is None or venue.latitude is None or venue.longitude is None:
        return None
    return distance_km(origin.latitude, origin.longitude, float(venue.latitude),
                       float(venue.longitude))  # fmt: skip


def _session_matches(session, filters: dict) -> bool:
    """Whether a session answers the place filters. An online session is near everybody."""
    venue = session.venue
    if filters.get("mode") == "online" and not session.online_url:
        return False
    if filters.get("mode") == "in-person" and venue is None:
        return False
    for name in ("city", "state", "country"):
        wanted = (filters.get(name) or "").strip().casefold()
        if wanted and (venue is None or getattr(venue, name).casefold() != wanted):
            return False
    if filters.get("radius") and venue is not None:
        away = venue_distance(venue, filters.get("origin"))
        if away is None or away > filters["radius"] * KM_PER_MILE:
            return False
    return True


def sorts_by_distance(filters: dict) -> bool:
    return filters.get("origin") is not None and filters.get("sort") != "soonest"


class _Session(SessionStatusMixin):
    """A session as ranking needs it: a handful of columns, not a model instance (a listing
    ranks every live program's sessions — thousands — and shows twenty)."""

    __slots__ = ("pk", "program_id", "start", "end", "timezone", "recurrence", "exceptions",
                 "status", "venue", "online_url", "moved_from")  # fmt: skip
    COLUMNS = ("pk", "program_id", "start", "end", "timezone", "recurrence", "exceptions",
               "status", "venue_id", "online_url", "moved_from")  # fmt: skip
    VENUE = COLUMNS.index("venue_id")

    def __init__(self, row: tuple, venues: dict):
        (self.pk, self.program_id, self.start, self.end, self.timezone, self.recurrence,
         self.exceptions, self.status, venue_id, self.online_url,
         self.moved_from) = row  # fmt: skip
        self.venue = venues.get(venue_id)

    def occurrences(self, after=None, before=None, limit: int = 50):
        return list(islice(self.iter_occurrences(after, before), limit))

    def iter_occurrences(self, after=None, before=None):
        return iter_occurrences(
            start=self.start, end=self.end, timezone=self.timezone, rule=self.recurrence,
            exceptions=self.exceptions, after=after, before=before,
        )  # fmt: skip


def _public_programs(parent, filters: dict) -> QuerySet:
    queryset: QuerySet = ProgramPage.objects.live().public()
    if parent is not None:
        queryset = queryset.child_of(parent)
    for name, lookup in (("category", "category__code__in"), ("audience", "audiences__code__in"),
                         ("language", "languages__code__in")):  # fmt: skip
        if filters.get(name):
            queryset = queryset.filter(**{lookup: filters[name]})
    if filters.get("free"):
        queryset = queryset.filter(Q(cost__isnull=True) | Q(cost=0))
    return queryset


def _window(filters: dict, now) -> tuple:
    zone = timezone.get_current_timezone()
    after, before = now, None
    if filters.get("date_from"):
        after = max(now, datetime.combine(filters["date_from"], time.min, tzinfo=zone))
    if filters.get("date_to"):
        before = datetime.combine(filters["date_to"], time.max, tzinfo=zone)
    return after, before


@dataclass(frozen=True)
class _Place:
    """A venue as ranking reads it (kept with the session rows: plain values)."""

    city: str
    state: str
    country: str
    latitude: float | None
    longitude: float | None


def _live_sessions(parent) -> tuple[dict[int, str], tuple[tuple, ...], dict[int, _Place]]:
    """Every public program under `parent` (id → title in the site's language), their sessions
    as rows (one-off ones over before FEED_PAST_DAYS left out) and their venues: what every
    ranking starts from, whatever its filters. Derived from records only, so kept like routes
    (core.routes) until any record changes; the clock is applied by each reader."""

    def read():
        programs = ProgramPage.objects.live().public()
        if parent is not None:
            programs = programs.child_of(parent)
        titles = dict(programs.values_list("pk", site_name("title")))
        cutoff = timezone.now() - timedelta(days=FEED_PAST_DAYS)
        rows = tuple(
            ProgramSession.objects.filter(program_id__in=list(titles))
            .filter(Q(recurrence__gt="") | Q(end__gte=cutoff))
            .order_by("start", "pk")
            .rewrite(False)  # no translated column read: plain rows, no modeltranslation pass
            .values_list(*_Session.COLUMNS)
        )
        venue_ids = {row[_Session.VENUE] for row in rows if row[_Session.VENUE] is not None}
        venues = {
            venue.pk: _Place(venue.city, venue.state, venue.country,
                             None if venue.latitude is None else float(venue.latitude),
                             None if venue.longitude is None else float(venue.longitude))
            for venue in Venue.objects.filter(pk__in=venue_ids)
        }  # fmt: skip
        return titles, rows, venues

    return routes.remember(
        "program-sessions", (parent.pk if parent else None,), read, immutable=True
    )


def _narrowed_by_terms(filters: dict) -> bool:
    return any(filters.get(name) for name in ("category", "audience", "language", "free"))


def _matching_sessions(parent, filters: dict, since) -> tuple[dict[int, list[_Session]], dict]:
    """Per program id, its sessions that answer the filters, leaving out one-off sessions over
    before `since`; and the programs' titles. One query for the programs' terms when the
    filters name some; none otherwise (the rows are kept: _live_sessions)."""
    titles, rows, venues = _live_sessions(parent)
    if _narrowed_by_terms(filters):
        wanted = set(_public_programs(parent, filters).values_list("pk", flat=True).distinct())
        titles = {pk: title for pk, title in titles.items() if pk in wanted}
    sessions: dict[int, list[_Session]] = {pk: [] for pk in titles}
    end = _Session.COLUMNS.index("end")
    recurrence = _Session.COLUMNS.index("recurrence")
    program = _Session.COLUMNS.index("program_id")
    for row in rows:
        if row[program] not in sessions or (not row[recurrence] and row[end] < since):
            continue
        session = _Session(row, venues)
        if _session_matches(session, filters):
            sessions[session.program_id].append(session)
    return sessions, titles


@dataclass(frozen=True)
class SessionSummary(SessionStatusMixin):
    """What a listing card says of a session: when (in which zone) and where, and whether it
    was cancelled or moved (with the date it was first planned for). Plain values, kept in the
    cached ranking, so a card costs no query of its own."""

    pk: int
    timezone: str
    city: str = ""
    online: bool = False
    status: str = ProgramSession.Status.SCHEDULED
    moved_from: datetime | None = None


def _summary(session) -> SessionSummary:
    return SessionSummary(pk=session.pk, timezone=session.timezone,
                          city=session.venue.city if session.venue else "",
                          online=bool(session.online_url), status=session.status,
                          moved_from=session.moved_from)  # fmt: skip


# Columns of a program a listing card does not show: its body in every language.
def _card_deferred() -> list[str]:
    return ["body", *localized_names("body")]


class ProgramCard:
    """What a listing card shows of a program, as plain values (its title and summary in every
    language, so `lang_attr` says which one the reader sees): cheap to keep and to copy."""

    TEXTS = ("title", "summary")
    head = ""  # the card's markup that only its records change (culture_tags.card_head)

    def __init__(self, program: ProgramPage):
        self.pk = program.pk
        self.card_url = page_path(program)
        self.is_illustrative = program.is_illustrative
        self.category = str(program.category) if program.category else ""
        self.organizer = str(program.organizer) if program.organizer else ""
        self.cost = program.cost
        for field in self.TEXTS:
            setattr(self, field, getattr(program, field))
            for code, _name in settings.LANGUAGES:
                name = localized_name(field, code)
                setattr(self, name, getattr(program, name))

    @property
    def is_free(self) -> bool:
        return not self.cost


def _cards(queryset, ids: list[int]) -> dict:
    """The cards of a listing page by program id: what a card shows of a program changes only
    with its records, so each card is kept like routes (core.routes) until any record changes,
    whichever listing showed it first; those not kept yet are read together."""

    from culture.templatetags.culture_tags import card_head

    language = get_language()

    def load(missing: list[tuple]) -> dict:
        chosen = queryset.filter(pk__in=[pk for pk, _language in missing])
        cards = {}
        for pk, program in chosen.in_bulk().items():
            card = ProgramCard(program)
            card.head = card_head(card)
            cards[(pk, language)] = card
        return cards

    kept = routes.remember_many("program-card", [(pk, language) for pk in ids], load)
    return {pk: card for (pk, _language), card in kept.items()}


class RankedPrograms:
    """Live programs in the listing's order, loaded as pages: ranking needs only ids, times and
    places; the programs themselves are fetched for the slice shown, in a fixed number of
    queries — one for a listing's cards (`cards`: category and organizer joined, the body left
    out; the next session from the ranking), four for the API (audiences, languages and the
    next sessions as model instances too). Works with Django's Paginator."""

    def __init__(self, ranked: list[tuple], *, cards: bool = False):
        # (program id, next (start, SessionSummary) or None, km or None, change or None)
        self._ranked = ranked
        self._cards = cards

    def __len__(self) -> int:
        return len(self._ranked)

    def count(self) -> int:
        return len(self._ranked)

    def __getitem__(self, index):
        chosen = self._ranked[index] if isinstance(index, slice) else [self._ranked[index]]
        queryset = ProgramPage.objects.filter(pk__in=[row[0] for row in chosen]).select_related(
            "category", "organizer"
        )
        sessions = {}
        if self._cards:
            loaded = _cards(queryset.defer(*_card_deferred()), [row[0] for row in chosen])
        else:
            queryset = queryset.prefetch_related("languages", "audiences")
            # The next sessions, as model instances (translated notice, venue).
            sessions = ProgramSession.objects.select_related("venue").in_bulk(
                [row[1][1].pk for row in chosen if row[1]]
            )
            loaded = queryset.in_bulk()
        programs = []
        for pk, following, km, change in chosen:
            program = loaded.get(pk)
            if program is None or (following and not self._cards
                                   and following[1].pk not in sessions):  # fmt: skip
                continue  # deleted since the ranking was cached
            if following and not self._cards:
                following = (following[0], sessions[following[1].pk])
            program.next_occurrence = following
            program.distance_km = km
            program.session_change = change
            programs.append(program)
        return programs if isinstance(index, slice) else programs[0]

    def __iter__(self):
        return iter(self[:])


def _rank(parent, filters: dict, now, since) -> tuple[list[tuple], dict]:
    """(program id, next (start, SessionSummary) or None, km or None, change or None) in the
    listing's order, and the matching sessions per program id. A change is the soonest
    cancelled or moved session in the window: (start, SessionSummary)."""
    after, before = _window(filters, now)
    sessions, titles = _matching_sessions(parent, filters, since)
    narrowed = any(
        filters.get(name)
        for name in ("city", "state", "country", "mode", "date_from", "date_to", "radius")
    )
    origin = filters.get("origin")
    far = datetime.max.replace(tzinfo=timezone.get_current_timezone())
    ranked = []
    for pk, program_sessions in sessions.items():
        upcoming, changes = [], []
        for session in program_sessions:
            # Each session expanded up to its first date in the window, no further.
            first = next(session.iter_occurrences(after, before), None)
            if first is None:
                continue
            if not session.is_cancelled:
                upcoming.append((first[0], session))
            if session.is_cancelled or session.is_moved:
                changes.append((first[0], session))
        following = min(upcoming, key=lambda pair: pair[0]) if upcoming else None
        change = min(changes, key=lambda pair: pair[0]) if changes else None
        distances = [
            away
            for _begins, session in upcoming
            if (away := venue_distance(session.venue, origin)) is not None
        ]
        if following or not narrowed:
            ranked.append((
                pk,
                (following[0], _summary(following[1])) if following else None,
                min(distances) if distances else None,
                (change[0], _summary(change[1])) if change else None,
            ))  # fmt: skip

    def soonest(row):
        return row[1][0] if row[1] else far

    if sorts_by_distance(filters):
        # Nearest first; online-only programs (no distance) after them, soonest first.
        ranked.sort(key=lambda r: (r[2] is None, r[2] or 0, soonest(r), titles[r[0]]))
    else:
        ranked.sort(key=lambda r: (soonest(r), titles[r[0]]))
    return ranked, sessions


def program_list_public(*, parent=None, filters: dict | None = None,
                        cards: bool = False) -> RankedPrograms:  # fmt: skip
    """Live programs narrowed by the listing's filters, soonest first (or nearest first when a
    place is given); each carries `next_occurrence` — (start, session) of the next session that
    matches, or None —, `distance_km` and `session_change` — (start, SessionSummary) of the
    soonest cancelled or moved session, or None. With `cards`, only what a listing card shows
    (the session as a SessionSummary). A constant number of queries whatever the count."""
    filters = filters or {}

    def compute():
        now = timezone.now()
        return tuple(_rank(parent, filters, now, since=now)[0])  # shared: immutable

    # kept in the process as it is (immutable): a ranking of 500 programs costs more to unpickle
    # (about 5 ms) than the rest of a listing's work
    ranked = cache.remember(
        "program-ranking", (parent.pk if parent else None, filters_key(filters)),
        cache.RANKING_SECONDS, compute, immutable=True,
    )  # fmt: skip
    return RankedPrograms(ranked, cards=cards)


def filters_key(filters: dict) -> list:
    """The filters as plain values (the place as rounded coordinates)."""
    plain = {name: value for name, value in filters.items() if value not in (None, "", [], False)}
    origin = plain.pop("origin", None)
    if origin is not None:
        plain["origin"] = (round(origin.latitude, 4), round(origin.longitude, 4))
    plain.pop("near", None)
    plain.pop("lat", None)
    plain.pop("lng", None)
    return sorted(plain.items())


def program_context(*, program: ProgramPage) -> dict:
    """What a program page shows: upcoming occurrences (cancelled and moved ones too, with
    their notice), its terms and its public pieces (each with its images), in a fixed number
    of queries whatever the number of sessions or pieces."""
    from django.db.models import prefetch_related_objects

    from heritage.selectors import piece_cards_public

    now = timezone.now()
    sessions = list(program.sessions.select_related("venue").order_by("start"))
    upcoming = sorted(
        (
            {
                "session": session,
                "start": begins,
                "end": ends,
                "ics": program.reverse_subpage("session-ics", args=[session.pk]),
            }
            for session in sessions
            for begins, ends in session.occurrences(after=now, limit=UPCOMING_LIMIT)
        ),
        key=lambda item: item["start"],
    )[:UPCOMING_LIMIT]
    prefetch_related_objects([program], "languages", "audiences")
    index_url = parent_page_path(program)
    return {
        "index_url": index_url,
        "sessions": sessions,
        "upcoming": upcoming,
        "languages": list(program.languages.all()),
        "audiences": list(program.audiences.all()),
        "related_pieces": list(
            piece_cards_public().filter(pk__in=program.related_pieces.values("pk"))
        ),
    }


def _full_sessions(ids, *, shared: bool = False) -> dict:
    """Sessions by id with their venue and program (its bodies left out: no session list or
    feed shows them). `shared` (a feed's thousands of sessions): in two queries, each program
    built once for all its sessions (a page instance costs about a millisecond to build)."""
    deferred = _card_deferred()
    if not shared:
        return (
            ProgramSession.objects.select_related("program", "venue")
            .defer(*(f"program__{name}" for name in deferred))
            .in_bulk(list(ids))
        )
    sessions = ProgramSession.objects.select_related("venue").in_bulk(list(ids))
    programs = ProgramPage.objects.defer(*deferred).in_bulk(
        {session.program_id for session in sessions.values()}
    )
    for session in sessions.values():
        session.program = programs[session.program_id]
    return sessions


def sessions_matching(*, parent=None, filters: dict) -> list:
    """The sessions of the programs a listing shows, narrowed by its place filters: what a
    filtered calendar feed holds — cancelled ones too (calendars must learn of them), and
    one-off sessions of the last FEED_PAST_DAYS days (so subscribers keep them)."""
    now = timezone.now()
    ranked, sessions = _rank(parent, filters, now, since=now - timedelta(days=FEED_PAST_DAYS))
    ids = [session.pk for pk, *_shown in ranked for session in sessions[pk]]
    return sorted(_full_sessions(ids, shared=True).values(),
                  key=lambda session: (session.start, session.pk))  # fmt: skip


def occurrences_public(*, filters: dict, now, limit: int, parent=None) -> list[tuple]:
    """(program, session, start, end) of the upcoming occurrences of live programs matching the
    listing's filters, soonest first, cancelled ones included (they carry their status)."""

    found = _occurrence_rows(parent, filters, now, limit)
    sessions = _full_sessions({pk for _begins, _title, pk, _ends in found})
    return [
        (sessions[pk].program, sessions[pk], begins, ends)
        for begins, _title, pk, ends in found
        if pk in sessions  # deleted since cached
    ]


def _occurrence_rows(parent, filters: dict, now, limit: int) -> list[tuple]:
    """(start, title, session id, end) of the first `limit` occurrences, soonest first: kept
    RANKING_SECONDS (culture.cache), as the listing's ranking."""

    def compute():
        return _next_occurrences(parent, filters, now, limit)

    parts = (parent.pk if parent else None, limit, filters_key(filters))
    return cache.remember("occurrences", parts, cache.RANKING_SECONDS, compute)


def _program_paths(ids) -> dict[int, str]:
    """Each program's path in the reader's language, kept like routes (core.routes)."""
    ids = tuple(sorted(set(ids)))

    def read():
        return {program.pk: page_path(program) for program in
                ProgramPage.objects.filter(pk__in=ids).defer(*_card_deferred())}  # fmt: skip

    return routes.remember("program-paths", (ids, get_language()), read) if ids else {}


def _next_occurrences(parent, filters: dict, now, limit: int) -> list[tuple]:
    after, before = _window(filters, now)
    sessions, titles = _matching_sessions(parent, filters, now)

    def stream(session):
        title = titles[session.program_id]
        for begins, ends in session.iter_occurrences(after, before):
            yield begins, title, session.pk, ends

    # Every session's occurrences come in time order: merged, the first `limit` are the answer,
    # and no session is expanded further than it has to be.
    return list(
        islice(
            heapq.merge(
                *(
                    stream(session)
                    for program_sessions in sessions.values()
                    for session in program_sessions
                )
            ),
            limit,
        )
    )


def month_calendar(*, parent=None, filters: dict, month: date, now, first_weekday: int) -> dict:
    """A month of the listing as weeks of days, each day with its first DAY_LIMIT occurrences
    (in the local time of the session's place) and how many more it has, plus the months
    before and after. Sessions are loaded for the occurrences shown only."""
    last = date(month.year, month.month, monthrange(month.year, month.month)[1])
    narrowed = {
        **filters,
        "date_from": max(filters.get("date_from") or month, month),
        "date_to": min(filters.get("date_to") or last, last),
    }
    rows: dict[date, list] = {}
    if narrowed["date_from"] <= narrowed["date_to"]:
        # Each occurrence comes in its session's own zone: its date is the local one.
        for row in _occurrence_rows(parent, narrowed, now, MONTH_LIMIT):
            rows.setdefault(row[0].date(), []).append(row)
    shown = [row for day_rows in rows.values() for row in day_rows[:DAY_LIMIT]]
    sessions = _full_sessions({pk for _begins, _title, pk, _ends in shown})
    urls = _program_paths(session.program_id for session in sessions.values())
    by_day: dict[date, list] = {}
    for begins, _title, pk, ends in shown:
        session = sessions.get(pk)
        if session is None:
            continue  # deleted since cached
        by_day.setdefault(begins.date(), []).append(
            {"program": session.program, "session": session, "start": begins, "end": ends,
             "url": urls.get(session.program_id, "")}
        )  # fmt: skip
    weeks = [
        [{"day": day, "in_month": day.month == month.month, "items": by_day.get(day, []),
          "more": max(0, len(rows.get(day, ())) - DAY_LIMIT)}
         for day in week]
        for week in Calendar(first_weekday).monthdatescalendar(month.year, month.month)
    ]  # fmt: skip
    return {
        "month": month,
        "weeks": weeks,
        "weekdays": [week_day["day"] for week_day in weeks[0]],
        "previous": (month - timedelta(days=1)).replace(day=1),
        "next": last + timedelta(days=1),
        "count": sum(len(day_rows) for day_rows in rows.values()),
    }


NEAR_STOP_MILES = 50


def stops_public(*, since: date) -> QuerySet:
    """The stops of published mobile-consulate routes, from the day `since` on."""
    return RouteStop.objects.filter(route__live=True, day__gte=since)


def upcoming_stops(*, now, origin=None, radius: int | None = None) -> list:
    """Stops of published mobile-consulate routes not yet over, soonest first (cancelled ones
    stay, with their notice), each with `distance_km` from `origin`; within `radius` miles."""
    stops = [
        stop
        for stop in stops_public(since=(now - timedelta(days=1)).date())
        .select_related("venue", "route", "route__organizer")
        .prefetch_related("services")
        .order_by("day", "opens_at", "pk")
        if stop.ends > now
    ]
    for stop in stops:
        stop.distance_km = venue_distance(stop.venue, origin)
    if radius:
        stops = [
            s for s in stops if s.distance_km is not None and s.distance_km <= radius * KM_PER_MILE
        ]
    return stops


def next_stop_near(stops: list, *, radius: int | None = None):
    """The soonest stop within `radius` (or 50) miles; failing that, the nearest one at all.
    Returns (stop, is_near) or None when no stop has a place to measure from."""
    measured = [s for s in stops if not s.is_cancelled and s.distance_km is not None]
    if not measured:
        return None
    near = [s for s in measured if s.distance_km <= (radius or NEAR_STOP_MILES) * KM_PER_MILE]
    if near:
        return min(near, key=lambda s: (s.starts, s.distance_km)), True
    return min(measured, key=lambda s: (s.distance_km, s.starts)), False
