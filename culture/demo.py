"""Illustrative programs for the demo site: every venue, organizer and program says so."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core.models import MainMenuLink, NavigationSettings
from culture.models import (
    Audience,
    Organizer,
    ProgramCategory,
    ProgramIndexPage,
    ProgramLanguage,
    ProgramPage,
    ProgramSession,
    Venue,
)

VENUES = [
    # key, name es, name en, kind, street, city, state, zip, lat, lon, tz
    ("la", "Consulado General de México en Los Ángeles (ilustrativo)",
     "Consulate General of Mexico in Los Angeles (illustrative)", "consulate",
     "2401 W 6th St", "Los Angeles", "CA", "90057", "34.0631", "-118.2804", "America/Los_Angeles"),
    ("chi", "Consulado General de México en Chicago (ilustrativo)",
     "Consulate General of Mexico in Chicago (illustrative)", "consulate",
     "204 S Ashland Ave", "Chicago", "IL", "60607", "41.8789", "-87.6667", "America/Chicago"),
    ("hou", "Centro comunitario de Houston (ilustrativo)",
     "Houston community center (illustrative)", "partner",
     "4507 San Jacinto St", "Houston", "TX", "77004", "29.7289", "-95.3794", "America/Chicago"),
    ("nyc", "Biblioteca comunitaria de Nueva York (ilustrativo)",
     "New York community library (illustrative)", "partner",
     "455 5th Ave", "New York", "NY", "10016", "40.7516", "-73.9813", "America/New_York"),
]  # fmt: skip


def _venues() -> dict[str, Venue]:
    venues = {}
    for key, es, en, kind, street, city, state, zip_code, lat, lon, tz in VENUES:
        venues[key], _ = Venue.objects.get_or_create(
            name_es=es,
            defaults={
                "name": es, "name_en": en, "kind": kind, "street_address": street, "city": city,
                "state": state, "postal_code": zip_code, "country": "US",
                "latitude": Decimal(lat), "longitude": Decimal(lon), "timezone": tz,
                "accessibility_es": "Acceso sin escalones (dato ilustrativo).",
                "accessibility_en": "Step-free access (illustrative detail).",
                "is_illustrative": True,
            },
        )  # fmt: skip
    return venues


def _organizers(venues) -> dict[str, Organizer]:
    rows = {
        "la": ("Consulado General de México en Los Ángeles (ilustrativo)",
               "Consulate General of Mexico in Los Angeles (illustrative)", "consulate", "la"),
        "chi": ("Consulado General de México en Chicago (ilustrativo)",
                "Consulate General of Mexico in Chicago (illustrative)", "consulate", "chi"),
        "mobile": ("Consulado sobre ruedas (ilustrativo)", "Mobile consulate (illustrative)",
                   "mobile-consulate", None),
        "partner": ("Red comunitaria (ilustrativa)", "Community network (illustrative)",
                    "partner", "hou"),
    }  # fmt: skip
    organizers = {}
    for key, (es, en, kind, office) in rows.items():
        organizers[key], _ = Organizer.objects.get_or_create(
            name_es=es,
            defaults={
                "name": es,
                "name_en": en,
                "kind": kind,
                "is_illustrative": True,
                "office": venues.get(office),
            },  # fmt: skip
        )
    return organizers


def _index(home) -> ProgramIndexPage:
    existing = ProgramIndexPage.objects.first()
    if existing:
        return existing
    page = ProgramIndexPage(
        title_es="Programas para la comunidad", title_en="Community programs",
        slug_es="programas", slug_en="programs",
        intro_es="Educación, salud, deporte, arte y lenguas. Todos los programas son ilustrativos.",
        intro_en="Education, health, sports, arts and languages. Every program is illustrative.",
        is_illustrative=True,
    )  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    nav = NavigationSettings.for_site(page.get_site())
    if not nav.main_menu_links.filter(page=page).exists():
        MainMenuLink.objects.create(setting=nav, page=page, sort_order=1,
                                    label_es="Programas", label_en="Programs")  # fmt: skip
    return page


def _at(day, hour: int, tz: str) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(tz))


def _programs(index, venues, organizers) -> int:
    term = {model: {t.code: t for t in model.objects.all()}
            for model in (ProgramCategory, Audience, ProgramLanguage)}  # fmt: skip
    first = (timezone.now() + timedelta(days=7)).date()
    specs = [
        {
            "slug": "clases-de-nahuatl", "title_es": "Clases de náhuatl para familias",
            "title_en": "Nahuatl classes for families", "category": "language",
            "audiences": ["families", "later-generations"], "languages": ["nah", "es", "en"],
            "organizer": "chi", "cost": None,
            "summary_es": "Curso semanal de náhuatl para madres, padres, hijas e hijos.",
            "summary_en": "A weekly Nahuatl course for parents and children.",
            "sessions": [{"venue": "chi", "hour": 18, "recurrence": "FREQ=WEEKLY;COUNT=10",
                              "skip": [2]}],
        },
        {
            "slug": "feria-de-salud", "title_es": "Feria de salud", "title_en": "Health fair",
            "category": "health", "audiences": ["first-generation", "older-adults"],
            "languages": ["es", "en"], "organizer": "la", "cost": None,
            "summary_es": "Pruebas gratuitas y orientación en salud.",
            "summary_en": "Free screenings and health guidance.",
            "sessions": [{"venue": "la", "hour": 10, "days": 3},
                         {"venue": "la", "hour": 10, "days": 17, "status": "cancelled",
                              "notice_es": "Cancelada por lluvia; nueva fecha pronto.",
                              "notice_en": "Cancelled for rain; new date soon."}],
        },
        {
            "slug": "exposicion-piezas-repatriadas", "title_es": "Exposición: piezas que volvieron",
            "title_en": "Exhibition: pieces that came back", "category": "heritage",
            "audiences": ["youth", "families"], "languages": ["es", "en"],
            "organizer": "partner", "cost": Decimal("5.00"), "related": True,
            "summary_es": "Réplicas y fotografías de piezas repatriadas.",
            "summary_en": "Replicas and photographs of repatriated pieces.",
            "sessions": [{"venue": "hou", "hour": 11, "recurrence": "FREQ=DAILY;COUNT=14"}],
        },
        {
            "slug": "torneo-de-futbol-juvenil", "title_es": "Torneo de fútbol juvenil",
            "title_en": "Youth soccer tournament", "category": "sports",
            "audiences": ["youth"], "languages": ["es", "en"], "organizer": "partner",
            "cost": None, "summary_es": "Equipos mixtos de 12 a 17 años.",
            "summary_en": "Mixed teams, ages 12 to 17.",
            "sessions": [{"venue": "nyc", "hour": 9, "days": 10}],
        },
    ]  # fmt: skip
    from heritage.models import Piece

    created = 0
    for spec in specs:
        if ProgramPage.objects.filter(slug_es=spec["slug"]).exists():
            continue
        program = ProgramPage(
            slug=spec["slug"], slug_es=spec["slug"], title=spec["title_es"],
            title_es=spec["title_es"], title_en=spec["title_en"],
            summary_es=spec["summary_es"], summary_en=spec["summary_en"],
            category=term[ProgramCategory][spec["category"]],
            organizer=organizers[spec["organizer"]], cost=spec["cost"], is_illustrative=True,
        )  # fmt: skip
        for index_, session in enumerate(spec["sessions"]):
            venue = venues[session["venue"]]
            day = first + timedelta(days=session.get("days", 0) + index_)
            begins = _at(day, session["hour"], venue.timezone)
            exceptions = " ".join(
                (day + timedelta(weeks=week)).isoformat() for week in session.get("skip", [])
            )
            program.sessions.add(
                ProgramSession(
                    start=begins,
                    end=begins + timedelta(hours=2),
                    timezone=venue.timezone,
                    venue=venue,
                    recurrence=session.get("recurrence", ""),
                    exceptions=exceptions,
                    status=session.get("status", "scheduled"),
                    notice_es=session.get("notice_es", ""),
                    notice_en=session.get("notice_en", ""),
                )  # fmt: skip
            )
        program.audiences = [term[Audience][code] for code in spec["audiences"]]
        program.languages = [term[ProgramLanguage][code] for code in spec["languages"]]
        if spec.get("related"):
            program.related_pieces = list(Piece.objects.filter(live=True, restricted=False)[:3])
        index.add_child(instance=program)
        program.save_revision().publish()
        created += 1
    return created


def load(*, stdout) -> None:
    with transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        venues = _venues()
        organizers = _organizers(venues)
        created = _programs(_index(home), venues, organizers)
    stdout.write(f"culture: {len(venues)} venues, {created} new programs (illustrative)")
