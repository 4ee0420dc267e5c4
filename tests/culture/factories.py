"""Programs and sessions for tests, made the way the admin makes them (pages with revisions)."""

from datetime import datetime, timedelta

from culture.models import (
    Organizer,
    ProgramCategory,
    ProgramIndexPage,
    ProgramPage,
    ProgramSession,
    Venue,
)


def make_programs_index(home) -> ProgramIndexPage:
    """The published program index under `home` (/es/programas/, /en/programs/)."""
    page = ProgramIndexPage(title_es="Programas", title_en="Programs", slug_es="programas",
                            slug_en="programs")  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_chicago_venue(**fields) -> Venue:
    """The consulate in Chicago (with coordinates when a test asks for them)."""
    name = "Consulado en Chicago"
    return Venue.objects.create(name_es=name, name=name, city="Chicago", state="IL",
                                timezone="America/Chicago", **fields)  # fmt: skip


def make_program(index, slug, *, sessions=(), publish=True, **fields):
    program = ProgramPage(
        title_es=fields.pop("title_es", f"Programa {slug}"), slug_es=slug, slug=slug,
        category=ProgramCategory.objects.get(code="language"),
        organizer=Organizer.objects.create(name_es="Consulado", name="Consulado",
                                           kind="consulate"),
        **fields,
    )  # fmt: skip
    for session in sessions:
        program.sessions.add(session)
    index.add_child(instance=program)
    revision = program.save_revision()
    if publish:
        revision.publish()
    else:
        program.unpublish()
    return program


def weekly(venue, start: datetime, **fields) -> ProgramSession:
    return ProgramSession(start=start, end=start + timedelta(hours=2), timezone="America/Chicago",
                          venue=venue, **fields)  # fmt: skip


def make_directory(home):
    """The published directory under `home` (/es/directorio/, /en/directory/)."""
    from culture.models import DirectoryPage

    page = DirectoryPage(title_es="Directorio", title_en="Directory", slug_es="directorio",
                         slug_en="directory", slug="directorio")  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_place(city, *, zone, lat=None, lon=None, hours=(), **fields) -> Venue:
    """A venue with opening hours: `hours` as (weekday, "09:00", "17:00") rows."""
    from culture.models import OpeningHours

    venue = Venue(name_es=f"Oficina {city}", name=f"Oficina {city}", city=city, timezone=zone,
                  latitude=lat, longitude=lon, **fields)  # fmt: skip
    venue.hours = [OpeningHours(weekday=day, opens=opens, closes=closes)
                   for day, opens, closes in hours]  # fmt: skip
    venue.save()
    return venue


def _terms(model, codes):
    return list(model.objects.filter(code__in=codes))


def make_organization(directory, slug, *, title=None, publish=True, services=(), served=(),
                      on_request=(), kind="legal-aid", **fields):  # fmt: skip
    """An organization page under the directory, offering `services` in `served` languages
    (codes), with interpretation in `on_request` ones."""
    from culture.models import OrganizationPage, ProgramLanguage, Service

    title = title or f"Organización {slug}"
    page = OrganizationPage(title_es=title, title=title, slug_es=slug, slug=slug, kind=kind,
                            **fields)  # fmt: skip
    page.services = _terms(Service, services)
    page.languages_served = _terms(ProgramLanguage, served)
    page.languages_on_request = _terms(ProgramLanguage, on_request)
    directory.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return page


def make_stop_route(name, venue, *, days=2, publish=True, services=("passport",), served=(),
                    opens="09:00", closes="14:00"):  # fmt: skip
    """A mobile-consulate route with one stop at `venue` in `days` days."""
    from django.utils import timezone

    from culture.models import MobileConsulateRoute, ProgramLanguage, RouteStop, Service

    route = MobileConsulateRoute(name=name, name_es=name, live=publish)
    route.stops.add(RouteStop(venue=venue, day=timezone.localdate() + timedelta(days=days),
                              opens_at=opens, closes_at=closes,
                              services=_terms(Service, services),
                              languages_served=_terms(ProgramLanguage, served)))  # fmt: skip
    route.save()
    revision = route.save_revision()
    if publish:
        revision.publish()
    return route
