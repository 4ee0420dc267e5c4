"""Consultations: translated questions, open/close dates, privacy consent, a honeypot, a rate
limit per client, answers exported as CSV from the admin, and the published summary."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from culture.models import ConsultationField, ConsultationPage, ConsultationSummaryPage

pytestmark = pytest.mark.django_db


def make_consultation(parent, *, opens=-1, closes=30, slug="consulta"):
    now = timezone.now()
    page = ConsultationPage(
        title_es="Consulta comunitaria", title_en="Community consultation", slug_es=slug,
        slug_en=slug, opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes),
        privacy_notice_es="Solo guardamos tus respuestas.",
        privacy_notice_en="We keep only your answers.",
    )  # fmt: skip
    page.form_fields.add(ConsultationField(label_es="Ciudad", label_en="City", label="Ciudad",
                                           field_type="singleline", required=True))  # fmt: skip
    page.form_fields.add(
        ConsultationField(
            label_es="Temas",
            label_en="Topics",
            label="Temas",
            field_type="checkboxes",
            required=False,
            choices_es="Salud\nDeporte",
            choices_en="Health\nSports",
            choices="Salud\nDeporte",
        )  # fmt: skip
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def consultation(programs_index):
    return make_consultation(programs_index)


ANSWER = {"ciudad": "Chicago", "temas": ["Salud"], "privacy_consent": "on"}


def test_an_english_answer_is_stored_with_spanish_choice_values(client, consultation):
    page = client.get("/en/programs/consulta/").content.decode()
    assert "City" in page and "Health" in page and "We keep only your answers." in page
    assert 'value="Salud"' in page  # shown in English, stored in Spanish
    response = client.post("/en/programs/consulta/", ANSWER)
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    stored = FormSubmission.objects.get(page=consultation).get_data()
    assert stored["ciudad"] == "Chicago" and stored["temas"] == ["Salud"]
    assert stored["language"] == "en" and "website_url" not in stored


def test_consent_is_required_and_errors_are_in_the_readers_language(client, consultation):
    response = client.post("/es/programas/consulta/", {"ciudad": "Chicago"})
    html = response.content.decode()
    assert "Este campo es necesario." in html and 'id="err_privacy_consent"' in html
    assert not FormSubmission.objects.exists()


def test_the_honeypot_drops_the_answer_without_telling(client, consultation):
    response = client.post("/es/programas/consulta/", {**ANSWER, "website_url": "http://spam"})
    assert response.status_code == 200 and "Gracias" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_answers_are_refused_outside_the_dates(client, programs_index):
    make_consultation(programs_index, opens=-30, closes=-1, slug="cerrada")
    make_consultation(programs_index, opens=2, closes=30, slug="futura")
    closed = client.get("/es/programas/cerrada/").content.decode()
    assert (
        "Esta consulta está cerrada." in closed and '<form class="consultation-form"' not in closed
    )
    assert client.post("/es/programas/cerrada/", ANSWER).status_code == 403
    assert "todavía no está abierta" in client.get("/es/programas/futura/").content.decode()
    assert client.post("/es/programas/futura/", ANSWER).status_code == 403
    assert not FormSubmission.objects.exists()


def test_a_client_is_limited_per_hour(client, consultation, settings):
    settings.CONSULTATION_RATE_LIMIT = (2, 3600)
    assert [client.post("/es/programas/consulta/", ANSWER).status_code for _ in range(3)] == [
        200, 200, 429,
    ]  # fmt: skip
    assert FormSubmission.objects.count() == 2
    other = client.post("/es/programas/consulta/", ANSWER, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200 and FormSubmission.objects.count() == 3


def test_the_admin_exports_answers_as_csv(client, admin_client, consultation):
    client.post("/en/programs/consulta/", {**ANSWER, "ciudad": "Joliet, IL"})
    response = admin_client.get(f"/admin/forms/submissions/{consultation.pk}/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][1:] == ["Joliet, IL", "Salud", "en"]


def test_the_summary_is_linked_once_published(client, consultation):
    # The summary is first saved as a draft (not live), as the admin does.
    FormSubmission.objects.create(page=consultation, form_data={"ciudad": "Chicago"})
    summary = ConsultationSummaryPage(title_es="Lo que escuchamos", slug_es="resumen",
                                      slug="resumen", intro_es="Pidieron más clases.",
                                      live=False)  # fmt: skip
    consultation.add_child(instance=summary)
    summary.save_revision()
    assert "Lea lo que escuchamos" not in client.get("/es/programas/consulta/").content.decode()
    summary.save_revision().publish()
    assert "Lea lo que escuchamos" in client.get("/es/programas/consulta/").content.decode()
    html = client.get("/es/programas/consulta/resumen/").content.decode()
    assert "1 respuesta recibida" in html and "Pidieron más clases." in html


def test_closing_before_opening_is_refused(consultation):
    consultation.closes_at = consultation.opens_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert "closes_at" in error.value.message_dict


def test_the_answers_export_cannot_run_formulas(client, admin_client, consultation):
    client.post("/es/programas/consulta/", {**ANSWER, "ciudad": '=HYPERLINK("http://x.example")'})
    response = admin_client.get(f"/admin/forms/submissions/{consultation.pk}/", {"export": "csv"})
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://x.example")'
