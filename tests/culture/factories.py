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
