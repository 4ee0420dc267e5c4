"""Programs and sessions for tests, made the way the admin makes them (pages with revisions)."""

from datetime import datetime, timedelta

from culture.models import Organizer, ProgramCategory, ProgramPage, ProgramSession


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
