"""The service vocabulary, and each mobile-consulate stop's free-text services read into it: the
words that name a service become terms, the rest stays as the stop's note, language by language."""

from django.conf import settings
from django.db import migrations

from culture.vocabulary_seed import match_services, seed_services


def stops_to_terms(apps, schema_editor) -> None:
    Service = apps.get_model("culture", "Service")
    RouteStop = apps.get_model("culture", "RouteStop")
    # the languages this historical model has columns for (not settings: a language added later
    # has none yet when this runs)
    codes = [field.name.removeprefix("service_note_") for field in RouteStop._meta.fields
             if field.name.startswith("service_note_")]  # fmt: skip
    terms = {term.code: term for term in Service.objects.all()}
    names = {
        term.code: {
            word.strip()
            for code in codes
            for text in (getattr(term, f"label_{code}", ""), getattr(term, f"synonyms_{code}", ""))
            for word in (text or "").split(",")
        }
        for term in terms.values()
    }
    through = RouteStop._meta.get_field("services").remote_field.through
    links = []
    for stop in RouteStop.objects.all():
        found = set()
        for code in codes:
            field = f"service_note_{code}"
            matched, rest = match_services(getattr(stop, field) or "", names)
            found |= matched
            setattr(stop, field, rest)
        stop.service_note = getattr(stop, f"service_note_{settings.LANGUAGE_CODE}")
        stop.save()
        links += [through(routestop_id=stop.pk, service_id=terms[code].pk) for code in found]
    through.objects.bulk_create(links)


class Migration(migrations.Migration):
    dependencies = [("culture", "0006_directory")]

    operations = [
        migrations.RunPython(seed_services, migrations.RunPython.noop),
        migrations.RunPython(stops_to_terms, migrations.RunPython.noop),
    ]
