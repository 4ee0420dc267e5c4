"""Illustrative programs for the demo site: every venue, organizer and program says so."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core.demo import NAH_MARK, add_menu_link
from core.models import NavigationSettings
from culture.directory_demo import DIRECTORY_PLACES, load_directory
from culture.models import (
    Audience,
    ConsultationField,
    ConsultationPage,
    MobileConsulatePage,
    MobileConsulateRoute,
    Organizer,
    ProgramCategory,
    ProgramIndexPage,
    ProgramLanguage,
    ProgramPage,
    ProgramSession,
    RouteStop,
    Service,
    Venue,
)
from culture.recurrence import first_date

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
    ("santa-ana", "Parroquia comunitaria de Santa Ana (parada ilustrativa)",
     "Santa Ana community parish (illustrative stop)", "mobile-stop",
     "1010 W 17th St", "Santa Ana", "CA", "92706", "33.7603", "-117.8814", "America/Los_Angeles"),
    ("fresno", "Centro comunitario de Fresno (parada ilustrativa)",
     "Fresno community center (illustrative stop)", "mobile-stop",
     "1515 E Divisadero St", "Fresno", "CA", "93721", "36.7476", "-119.7726",
     "America/Los_Angeles"),
    ("salinas", "Escuela preparatoria de Salinas (parada ilustrativa)",
     "Salinas high school (illustrative stop)", "mobile-stop",
     "726 S Main St", "Salinas", "CA", "93901", "36.6658", "-121.6569", "America/Los_Angeles"),
]  # fmt: skip


def _venues(rows) -> dict[str, Venue]:
    venues = {}
    for key, es, en, kind, street, city, state, zip_code, lat, lon, tz in rows:
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
    add_menu_link(page, sort_order=1, label_es="Programas", label_en="Programs",
                  label_nah="Programas")  # fmt: skip
    return page


def _at(day, hour: int, tz: str) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(tz))


NAHUATL_FIELDS = ("title_nah", "summary_nah")


def _programs(index, venues, organizers) -> int:
    term = {model: {t.code: t for t in model.objects.all()}
            for model in (ProgramCategory, Audience, ProgramLanguage)}  # fmt: skip
    first = (timezone.now() + timedelta(days=7)).date()
    specs = [
        {
            "slug": "clases-de-nahuatl", "title_es": "Clases de náhuatl para familias",
            "title_en": "Nahuatl classes for families", "category": "language",
            "title_nah": "Nahuatlahtolli tlamachtilli ic cencaltin",
            "summary_nah": "Cecen semana tlamachtilli ic nahuatlahtolli ic tenanhuan, tetahhuan "
                           "ihuan inpilhuan.",
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
        {
            "slug": "secundaria-para-adultos",
            "title_es": "Primaria y secundaria para personas adultas",
            "title_en": "Primary and secondary school for adults", "category": "education",
            "audiences": ["first-generation", "older-adults"], "languages": ["es"],
            "organizer": "la", "cost": None,
            "summary_es": "Termine sus estudios en línea, con asesoría cada semana.",
            "summary_en": "Finish school online, with a tutor every week.",
            "sessions": [{"online": "https://example.org/clase-en-linea", "hour": 19,
                          "tz": "America/Los_Angeles", "recurrence": "FREQ=WEEKLY;COUNT=12"}],
        },
        {
            "slug": "taller-de-alebrijes", "title_es": "Taller de alebrijes y cartonería",
            "title_en": "Alebrije and papier-mâché workshop", "category": "arts",
            "audiences": ["children", "families"], "languages": ["es", "en", "zap"],
            "organizer": "partner", "cost": Decimal("10.00"),
            "summary_es": "Niñas y niños crean alebrijes con artesanos de Oaxaca.",
            "summary_en": "Children make alebrijes with artisans from Oaxaca.",
            "sessions": [{"venue": "hou", "hour": 15, "days": 5}],
        },
        {
            "slug": "asesoria-consular", "title_es": "Asesoría legal y consular",
            "title_en": "Legal and consular advice", "category": "consular",
            "audiences": ["first-generation"], "languages": ["es", "mix"],
            "organizer": "la", "cost": None,
            "summary_es": "Orientación gratuita sobre documentos, derechos laborales y migración.",
            "summary_en": "Free guidance on documents, labour rights and immigration.",
            "sessions": [{"venue": "la", "hour": 9, "days": 2,
                          "recurrence": "FREQ=MONTHLY;BYDAY=1SA;COUNT=6"}],
        },
        {
            "slug": "educacion-financiera", "title_es": "Educación financiera: envíos y ahorro",
            "title_en": "Financial education: remittances and savings", "category": "financial",
            "audiences": ["first-generation", "later-generations"], "languages": ["es", "en"],
            "organizer": "chi", "cost": None,
            "summary_es": "Cómo enviar dinero sin comisiones altas y abrir una cuenta.",
            "summary_en": "How to send money without high fees and open an account.",
            "sessions": [{"venue": "chi", "hour": 17, "days": 8},
                         {"online": "https://example.org/taller-finanzas", "hour": 18,
                          "tz": "America/Chicago", "days": 15}],
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
            # the one program written in Nahuatl too; the others fall back to Spanish
            **{field: spec[field] for field in NAHUATL_FIELDS if field in spec},
        )  # fmt: skip
        for index_, session in enumerate(spec["sessions"]):
            venue = venues.get(session.get("venue"))
            zone = venue.timezone if venue else session["tz"]
            day = first + timedelta(days=session.get("days", 0) + index_)
            begins = _at(day, session["hour"], zone)
            if session.get("recurrence"):
                # Sessions start on one of their rule's dates (the first Saturday, not a Friday
                # before it): the admin refuses any other start, as calendars read it apart.
                begins = first_date(session["recurrence"], begins).replace(tzinfo=begins.tzinfo)
                day = begins.date()
            exceptions = " ".join(
                (day + timedelta(weeks=week)).isoformat() for week in session.get("skip", [])
            )
            program.sessions.add(
                ProgramSession(
                    start=begins,
                    end=begins + timedelta(hours=2),
                    timezone=zone,
                    venue=venue,
                    online_url=session.get("online", ""),
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


STOPS = [
    # venue, days from now, opens, closes, services (codes), note es, note en
    ("santa-ana", 5, 9, 15, ["passport", "consular-id", "birth-registration"], "", ""),
    ("fresno", 12, 8, 14, ["passport", "consular-id", "legal-immigration"],
     "Asesoría legal gratuita.", "Free legal advice."),
    ("salinas", 19, 9, 13, ["birth-registration", "voter-id"], "", ""),
]  # fmt: skip


def _mobile_consulate(index, organizers, venues) -> None:
    if not MobileConsulateRoute.objects.exists():
        route = MobileConsulateRoute(
            name="Consulado sobre ruedas: California (ruta ilustrativa)",
            name_es="Consulado sobre ruedas: California (ruta ilustrativa)",
            name_en="Mobile consulate: California (illustrative route)",
            description_es="Trámites consulares cerca de casa. Fechas y lugares inventados.",
            description_en="Consular services close to home. Invented dates and places.",
            organizer=organizers["mobile"], is_illustrative=True,
        )  # fmt: skip
        today = timezone.localdate()
        services = {service.code: service for service in Service.objects.all()}
        languages = {language.code: language for language in ProgramLanguage.objects.all()}
        for key, days, opens, closes, codes, note_es, note_en in STOPS:
            route.stops.add(
                RouteStop(
                    venue=venues[key],
                    day=today + timedelta(days=days),
                    opens_at=time(opens),
                    closes_at=time(closes),
                    services=[services[code] for code in codes],
                    languages_served=[languages["es"]],
                    languages_on_request=[languages[code] for code in ("nah", "mix", "zap")],
                    appointment="recommended",
                    service_note=note_es,
                    service_note_es=note_es,
                    service_note_en=note_en,
                    appointment_url="https://example.org/citas",
                )  # fmt: skip
            )
        route.save()
        route.save_revision().publish()
    if not MobileConsulatePage.objects.exists():
        page = MobileConsulatePage(
            title_es="Consulado sobre ruedas", title_en="Mobile consulate",
            slug_es="consulado-sobre-ruedas", slug_en="mobile-consulate",
            intro_es="Próximas paradas del consulado móvil (datos ilustrativos).",
            intro_en="Upcoming stops of the mobile consulate (illustrative data).",
            is_illustrative=True,
        )  # fmt: skip
        index.add_child(instance=page)
        page.save_revision().publish()


def _stop_request_page() -> None:
    """“Ask for a stop here” under the directory (culture.models.StopRequestPage)."""
    from culture.models import DirectoryPage, StopRequestPage

    directory = DirectoryPage.objects.first()
    if directory is None or StopRequestPage.objects.exists():
        return
    page = StopRequestPage(
        title_es="Pide una parada del consulado móvil", title_en="Ask for a mobile-consulate stop",
        slug="pedir-parada", slug_es="pedir-parada", slug_en="ask-for-a-stop",
        intro_es="Dinos dónde vive tu comunidad y qué trámites necesita (página ilustrativa).",
        intro_en="Tell us where your community lives and what it needs (illustrative page).",
        privacy_notice_es="Guardamos el lugar, los servicios, los idiomas, el número de personas "
        "y, si lo das, un contacto, solo para planear rutas; se borran al año.",
        privacy_notice_en="We keep the place, services, languages, number of people and, if "
        "you give it, a contact, only to plan routes; they are deleted after a year.",
        is_illustrative=True,
    )  # fmt: skip
    directory.add_child(instance=page)
    page.save_revision().publish()


QUESTIONS = [
    # label es, label en, type, required, choices es, choices en
    ("Ciudad donde vive", "City where you live", "singleline", True, "", ""),
    ("Programas que le interesan", "Programs you are interested in", "checkboxes", True,
     "Lenguas indígenas\nSalud\nDeporte\nArte\nTrámites",
     "Indigenous languages\nHealth\nSports\nArts\nConsular services"),
    ("Idioma preferido", "Preferred language", "dropdown", False,
     "Español\nInglés\nNáhuatl", "Spanish\nEnglish\nNahuatl"),
    ("Comentarios", "Comments", "multiline", False, "", ""),
]  # fmt: skip


def _corrections_link(page: ConsultationPage) -> None:
    """Draft translations (the Nahuatl interface) ask readers for corrections through the
    consultation form: Settings › Navigation names the page."""
    nav = NavigationSettings.for_site(page.get_site())
    if nav.corrections_page_id is None:
        nav.corrections_page = page
        nav.save(update_fields=["corrections_page"])


def _consultation(index) -> None:
    existing = ConsultationPage.objects.first()
    if existing is not None:
        _corrections_link(existing)
        return
    now = timezone.now()
    page = ConsultationPage(
        title_es="Consulta: ¿qué programas necesita su comunidad?",
        title_en="Consultation: which programs does your community need?",
        slug_es="consulta-programas", slug_en="programs-consultation",
        intro_es="Cuéntenos qué programas le gustaría tener cerca. Consulta ilustrativa.",
        intro_en="Tell us which programs you would like nearby. Illustrative consultation.",
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=60),
        privacy_notice_es=(
            "Solo guardamos sus respuestas y el idioma en que responde, para planear programas. "
            "Las lee el equipo de programas del consulado y se borran al año. No pedimos su "
            "nombre ni su situación migratoria."
        ),
        privacy_notice_en=(
            "We keep only your answers and the language you answer in, to plan programs. The "
            "consulate's program team reads them and they are deleted after a year. We do not ask "
            "for your name or your immigration status."
        ),
        thank_you_text_es="¡Gracias! Publicaremos un resumen de lo que escuchamos.",
        thank_you_text_en="Thank you! We will publish a summary of what we heard.",
        is_illustrative=True,
    )  # fmt: skip
    for label_es, label_en, kind, required, choices_es, choices_en in QUESTIONS:
        page.form_fields.add(
            ConsultationField(
                label=label_es,
                label_es=label_es,
                label_en=label_en,
                field_type=kind,
                required=required,
                choices=choices_es,
                choices_es=choices_es,
                choices_en=choices_en,
            )  # fmt: skip
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    _corrections_link(page)


NAH = NAH_MARK
HOME_SECTIONS = {
    # language → (programs heading, stops heading)
    "es": ("Programas cerca de usted", "Próximas paradas del consulado sobre ruedas"),
    "en": ("Programs near you", "The mobile consulate's next stops"),
    "nah": ("Programas nonahuac" + NAH, "Consulado tlen nehnemi: canin moquetza" + NAH),
}
PROGRAM_DOOR = {
    "es": ("Encuentre un programa o un servicio", "Clases, salud, deporte y arte cerca de usted, "
           "y los trámites del consulado sobre ruedas.", ("Programas", "Consulado sobre ruedas")),
    "en": ("Find a program or a service", "Classes, health, sports and arts near you, and the "
           "mobile consulate's services.", ("Programs", "Mobile consulate")),
    "nah": ("Xictemo ce programa" + NAH, "Tlamachtilli, pahtli ihuan tlen consulado nonahuac.",
            ("Programas", "Consulado tlen nehnemi")),
}  # fmt: skip


def _home(index) -> None:
    """The programs' sections and door on the home page, in every language of the demo."""
    from core.demo import extend_home

    consulate = MobileConsulatePage.objects.first()
    sections, doors = {}, {}
    for code, (programs, stops) in HOME_SECTIONS.items():
        sections[code] = [("programs-near", programs, 4), ("consulate-stops", stops, 3)]
        heading, text, (programs_label, consulate_label) = PROGRAM_DOOR[code]
        doors[code] = [(1, heading, text, [(programs_label, index.pk),
                                           (consulate_label, consulate.pk)])]  # fmt: skip
    extend_home(sections=sections, doors=doors)


def load(*, stdout) -> None:
    with transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        venues = _venues(VENUES + DIRECTORY_PLACES)
        organizers = _organizers(venues)
        index = _index(home)
        created = _programs(index, venues, organizers)
        _mobile_consulate(index, organizers, venues)
        _consultation(index)
        _home(index)
        organizations = load_directory(home, venues)
        _stop_request_page()
    stdout.write(
        f"culture: {len(venues)} venues, {created} new programs, a mobile-consulate route, a "
        f"consultation and {organizations} new directory organizations (illustrative)"
    )
