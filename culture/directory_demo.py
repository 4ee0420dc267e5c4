"""Illustrative directory for the demo site (culture/demo.py loads it): consulates and
organizations in several US states, with opening hours, services and the languages they serve
in — Nahuatl, Mixtec and Zapotec among them. Every name, address, phone number and website is
invented and says so."""

from datetime import date, time, timedelta

from django.utils import timezone

from core.demo import NAH_MARK, add_menu_link
from culture.models import (
    Audience,
    DirectoryPage,
    OpeningHours,
    OrganizationPage,
    ProgramLanguage,
    Service,
    Venue,
)

WEEKDAYS = range(5)
CONSULAR = ["passport", "consular-id", "birth-registration", "marriage-registration",
            "death-registration", "voter-id", "power-of-attorney", "imss", "rfc", "infonavit",
            "finabien"]  # fmt: skip

# The directory's own places (culture/demo.py makes them with the programs' venues):
# key, name es, name en, kind, street, city, state, zip, lat, lon, zone
DIRECTORY_PLACES = [
    ("phx", "Consulado de México en Phoenix (ilustrativo)",
     "Consulate of Mexico in Phoenix (illustrative)", "consulate",
     "320 E McDowell Rd", "Phoenix", "AZ", "85004", "33.4655", "-112.0690", "America/Phoenix"),
    ("oxnard", "Casa de la comunidad mixteca de Oxnard (ilustrativa)",
     "Oxnard Mixtec community house (illustrative)", "partner",
     "300 S C St", "Oxnard", "CA", "93030", "34.1964", "-119.1779", "America/Los_Angeles"),
    ("koreatown", "Centro cultural zapoteco de Los Ángeles (ilustrativo)",
     "Zapotec cultural center of Los Angeles (illustrative)", "partner",
     "3100 W 8th St", "Los Angeles", "CA", "90005", "34.0577", "-118.2915", "America/Los_Angeles"),
    ("pilsen", "Oficina legal de Pilsen (ilustrativa)", "Pilsen legal office (illustrative)",
     "partner", "1831 S Racine Ave", "Chicago", "IL", "60608", "41.8570", "-87.6565",
     "America/Chicago"),
    ("atl", "Centro de derechos humanos de Atlanta (ilustrativo)",
     "Atlanta human-rights center (illustrative)", "partner",
     "1 Park Pl S", "Atlanta", "GA", "30303", "33.7537", "-84.3863", "America/New_York"),
]  # fmt: skip

# Opening hours by place: (weekdays, opens, closes) rows; consulates open mornings.
HOURS = {
    "la": [(WEEKDAYS, "07:00", "14:00"), ([5], "08:00", "12:00")],
    "chi": [(WEEKDAYS, "08:00", "14:00")],
    "phx": [(WEEKDAYS, "08:00", "14:00")],
    "oxnard": [(WEEKDAYS, "09:00", "13:00"), (WEEKDAYS, "15:00", "19:00")],
    "koreatown": [([1, 3], "17:00", "21:00"), ([5], "10:00", "16:00")],
    "pilsen": [(WEEKDAYS, "09:00", "17:00")],
    "atl": [([0, 2, 4], "10:00", "18:00")],
    "nyc": [(WEEKDAYS, "10:00", "18:00")],
    "hou": [(WEEKDAYS, "09:00", "17:00")],
}
HOURS_NOTE = (
    "Cerrado el 16 de septiembre, el 2 de noviembre y el 25 de diciembre (dato ilustrativo).",
    "Closed on September 16, November 2 and December 25 (illustrative detail).",
)

# slug, title es, title en, kind, place (or None), service area es/en + states, services,
# served in, on request, cost, appointment, audiences, summary es, summary en, phone
ORGANIZATIONS = [
    ("consulado-los-angeles", "Consulado General de México en Los Ángeles (ilustrativo)",
     "Consulate General of Mexico in Los Angeles (illustrative)", "consulate", "la", None,
     CONSULAR + ["legal-immigration", "health-checks"], ["es", "en"], ["mix", "zap", "nah"],
     "paid", "required", ["first-generation", "families"],
     "Trámites consulares con cita; Ventanilla de Salud y asesoría legal sin costo.",
     "Consular procedures by appointment; free health window and legal advice.",
     "(213) 555-0101"),
    ("consulado-chicago", "Consulado General de México en Chicago (ilustrativo)",
     "Consulate General of Mexico in Chicago (illustrative)", "consulate", "chi", None,
     CONSULAR + ["health-checks", "education-enrolment"], ["es", "en"], ["nah", "tsz"],
     "paid", "required", ["first-generation", "families"],
     "Pasaportes, matrículas y registro civil; intérpretes de náhuatl y purépecha a solicitud.",
     "Passports, consular IDs and civil registration; Nahuatl and Purépecha interpreters on "
     "request.", "(312) 555-0102"),
    ("consulado-phoenix", "Consulado de México en Phoenix (ilustrativo)",
     "Consulate of Mexico in Phoenix (illustrative)", "consulate", "phx", None,
     CONSULAR, ["es", "en"], ["yua"], "paid", "required", ["first-generation"],
     "Arizona no cambia de horario en verano: la hora local es la de Phoenix todo el año.",
     "Arizona keeps no daylight saving: local time is Phoenix time all year.",
     "(602) 555-0103"),
    ("red-legal-mixteca", "Red de ayuda legal mixteca (ilustrativa)",
     "Mixtec legal-aid network (illustrative)", "legal-aid", "oxnard", None,
     ["legal-immigration", "legal-labour", "violence-protection"], ["es", "mix"], ["zap"],
     "free", "walk-in", ["first-generation", "families"],
     "Asesoría legal gratuita en mixteco y español para trabajadores del campo.",
     "Free legal advice in Mixtec and Spanish for farmworkers.", "(805) 555-0104"),
    ("centro-zapoteco", "Centro cultural zapoteco (ilustrativo)",
     "Zapotec cultural center (illustrative)", "community", "koreatown", None,
     ["education-enrolment", "health-checks", "finabien"], ["zap", "es"], ["en"],
     "free", "walk-in", ["families", "youth", "older-adults"],
     "Inscripción a la escuela, jornadas de salud y educación financiera en zapoteco.",
     "School enrollment, health days and financial education in Zapotec.", "(213) 555-0105"),
    ("abogados-pilsen", "Red de abogados por los derechos migrantes (ilustrativa)",
     "Lawyers' network for migrant rights (illustrative)", "lawyers", "pilsen", None,
     ["legal-immigration", "legal-criminal", "legal-family", "legal-labour"], ["es", "en"],
     ["nah", "mix"], "sliding", "required", ["first-generation", "later-generations"],
     "Defensa migratoria, penal, familiar y laboral con cuota según ingresos.",
     "Immigration, criminal, family and labor defense on a sliding scale.", "(312) 555-0106"),
    ("derechos-humanos-sur", "Derechos humanos del sur (ilustrativo)",
     "Southern human rights (illustrative)", "rights", "atl", None,
     ["human-rights", "violence-protection", "legal-labour"], ["es", "en"], ["mix"],
     "free", "recommended", ["first-generation", "families"],
     "Quejas por discriminación y abuso, acompañamiento a víctimas.",
     "Discrimination and abuse complaints, support for victims.", "(404) 555-0107"),
    ("oficina-inmigrantes-nyc", "Oficina municipal de asuntos migrantes (ilustrativa)",
     "City office of immigrant affairs (illustrative)", "us-government", "nyc", None,
     ["legal-immigration", "education-enrolment", "health-checks"], ["es", "en"],
     ["nah", "mix", "zap"], "free", "walk-in", ["first-generation", "families", "youth"],
     "Orientación sobre servicios de la ciudad en español e intérpretes de lenguas indígenas.",
     "Guidance on city services in Spanish, with interpreters of Indigenous languages.",
     "(212) 555-0108"),
    ("ime-houston", "Oficina de atención a mexicanos en el exterior (ilustrativa)",
     "Office for Mexicans abroad (illustrative)", "mx-government", "hou", None,
     ["education-enrolment", "finabien", "infonavit"], ["es"], ["en"], "free", "recommended",
     ["first-generation", "older-adults"],
     "Educación para adultos, vivienda en México y ahorro.",
     "Adult education, housing in Mexico and savings.", "(713) 555-0109"),
    ("linea-texas", "Línea de ayuda legal de Texas (ilustrativa)",
     "Texas legal-aid helpline (illustrative)", "legal-aid", None,
     ("Todo Texas, por teléfono", "All of Texas, by phone", "TX"),
     ["legal-immigration", "legal-family"], ["es", "en"], ["nah", "mix", "zap"], "free",
     "required", ["first-generation", "families"],
     "Asesoría legal por teléfono; intérpretes de lenguas indígenas con cita.",
     "Legal advice by phone; Indigenous-language interpreters by appointment.",
     "(512) 555-0110"),
]  # fmt: skip


def _hours(places: dict[str, Venue]) -> None:
    """Opening hours, their holiday note and a recent verification for each place."""
    for key, rows in HOURS.items():
        place = places[key]
        if place.hours.exists():
            continue
        place.hours = [OpeningHours(weekday=day, opens=time.fromisoformat(opens),
                                    closes=time.fromisoformat(closes))
                       for days, opens, closes in rows for day in days]  # fmt: skip
        place.hours_note, place.hours_note_es, place.hours_note_en = HOURS_NOTE[0], *HOURS_NOTE
        place.verified_on = timezone.localdate() - timedelta(days=40)
        place.save()


def _directory_page(home) -> DirectoryPage:
    existing = DirectoryPage.objects.first()
    if existing:
        return existing
    page = DirectoryPage(
        title_es="Directorio de servicios", title_en="Services directory",
        title_nah="Tepalehuiliztli" + NAH_MARK,
        slug_es="directorio", slug_en="directory", slug_nah="tepalehuiliztli",
        intro_es="Consulados, ayuda legal y organizaciones cerca de usted, por servicio y por "
                 "lengua. Todos los registros son ilustrativos.",
        intro_en="Consulates, legal help and organizations near you, by service and language. "
                 "Every record is illustrative.",
        is_illustrative=True,
    )  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    add_menu_link(page, sort_order=2, label_es="Directorio", label_en="Directory",
                  label_nah="Tepalehuiliztli")  # fmt: skip
    return page


def load_directory(home, venues: dict[str, Venue]) -> int:
    """The directory page and its organizations at `venues` (culture/demo.py makes them, the
    directory's places included); returns how many organizations were added."""
    places = venues
    _hours(places)
    directory = _directory_page(home)
    terms = {model: {term.code: term for term in model.objects.all()}
             for model in (Service, ProgramLanguage, Audience)}  # fmt: skip
    created = 0
    for (slug, title_es, title_en, kind, place, area, services, served, on_request, cost,
         appointment, audiences, summary_es, summary_en, phone) in ORGANIZATIONS:  # fmt: skip
        if OrganizationPage.objects.filter(slug_es=slug).exists():
            continue
        page = OrganizationPage(
            title=title_es, title_es=title_es, title_en=title_en, slug=slug, slug_es=slug,
            kind=kind, venue=places.get(place), summary=summary_es, summary_es=summary_es,
            summary_en=summary_en, phone=phone, email=f"{slug}@example.org",
            website=f"https://example.org/{slug}", cost=cost, appointment=appointment,
            verified_on=date.today() - timedelta(days=30 if created % 3 else 400),
            is_illustrative=True,
        )  # fmt: skip
        if area:
            page.service_area, page.service_area_es, page.service_area_en = area[0], *area[:2]
            page.service_states = area[2]
        if "nah" in served or "nah" in on_request:
            page.summary_nah = "Tlen techpalehuiah ica nahuatlahtolli." + NAH_MARK
        page.services = [terms[Service][code] for code in services]
        page.languages_served = [terms[ProgramLanguage][code] for code in served]
        page.languages_on_request = [terms[ProgramLanguage][code] for code in on_request]
        page.audiences = [terms[Audience][code] for code in audiences]
        directory.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created
