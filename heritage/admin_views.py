"""Admin pages of the catalog: import and export, reports, and the date texts the piece editor
shows while the years change."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from core.i18n import language_codes, language_label, site_name
from heritage.choices import PIECE_DATE_QUALIFIERS, DateQualifier
from heritage.dates import date_text
from heritage.exporting import catalog_export, export_columns
from heritage.importing import ImportReport
from heritage.models import RESTRICTED_PERMISSION, ImportJob
from heritage.tasks import run_import_job
from heritage.viewsets import can_see_restricted

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _require(request, *permissions: str) -> None:
    if not all(request.user.has_perm(permission) for permission in permissions):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        help_text=_("UTF-8 CSV (comma or semicolon) or an XLSX workbook, at most 20 MB."),
    )
    create_missing_terms = forms.BooleanField(
        label=_("Create vocabulary terms the file names but the catalog lacks"), required=False
    )
    publish_new = forms.BooleanField(
        label=_("Publish new records (otherwise they are saved as drafts)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(megabytes)s MB; split it in parts.")
                % {"megabytes": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload


def import_start(request):
    _require(request, "heritage.add_piece", "heritage.change_piece")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            file=upload,
            original_name=upload.name,
            user=request.user,
            language=get_language() or settings.LANGUAGE_CODE,
            create_missing_terms=form.cleaned_data["create_missing_terms"],
            publish_new=form.cleaned_data["publish_new"]
            and request.user.has_perm("heritage.publish_piece"),
        )
        run_import_job.enqueue(job.pk, False)
        return redirect("heritage_import_detail", job_id=job.pk)
    recent = ImportJob.objects.filter(user=request.user)[:10]
    return TemplateResponse(
        request, "heritage/admin/import_start.html", {"form": form, "recent": recent}
    )


def import_detail(request, job_id: int):
    _require(request, "heritage.add_piece", "heritage.change_piece")
    job = get_object_or_404(ImportJob, pk=job_id, user=request.user)
    report = ImportReport.from_dict(job.report) if job.report else None
    return TemplateResponse(
        request, "heritage/admin/import_detail.html", {"job": job, "report": report}
    )


@require_POST
def import_apply(request, job_id: int):
    _require(request, "heritage.add_piece", "heritage.change_piece")
    job = get_object_or_404(
        ImportJob, pk=job_id, user=request.user, status=ImportJob.Status.PREVIEWED
    )
    job.status = ImportJob.Status.APPLYING
    job.save(update_fields=["status"])
    run_import_job.enqueue(job.pk, True)
    return redirect("heritage_import_detail", job_id=job.pk)


def import_template(request):
    _require(request, "heritage.add_piece")
    columns = export_columns(include_restricted=request.user.has_perm(RESTRICTED_PERMISSION))
    example = {
        "catalog_number": "REP-2021-000431",
        site_name("title"): "Vasija con pintura roja (ejemplo)",
        "culture": "maya",
        "period": "clasico-tardio",
        "date_start": "600",
        "date_end": "900",
        "date_qualifier": "circa",
        "object_type": "vasija",
        "materials": "ceramica|pigmento",
        "techniques": "modelado|pintura",
        "height_cm": "18.5",
        "custodian": "mna",
        "authenticity": "authentic",
        "restricted": "false",
    }
    from heritage.exporting import to_csv

    body = to_csv([{column: example.get(column, "") for column in columns}], columns)
    response = HttpResponse(body, content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = 'attachment; filename="retorno-piezas-plantilla.csv"'
    return response


def export(request, file_format: str):
    _require(request, "heritage.view_piece")
    data = catalog_export(
        file_format=file_format, include_restricted=can_see_restricted(request.user)
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="retorno-catalogo.{file_format}"'
    return response


def missing_translations_report(request):
    _require(request, "heritage.change_piece")
    from heritage.selectors import missing_translations

    languages = [code for code in language_codes() if code != settings.LANGUAGE_CODE]
    lang = request.GET.get("lang") if request.GET.get("lang") in languages else languages[0]
    rows = missing_translations(lang=lang)
    if not can_see_restricted(request.user):
        rows = [row for row in rows if not getattr(row["object"], "restricted", False)]
    for row in rows:
        meta = row["model"]._meta
        row["edit_url"] = reverse(
            f"wagtailsnippets_heritage_{meta.model_name}:edit", args=[row["object"].pk]
        )
        row["missing_labels"] = [
            capfirst(meta.get_field(name).verbose_name) for name in row["missing"]
        ]
    return TemplateResponse(
        request,
        "heritage/admin/missing_translations.html",
        {
            "rows": rows,
            "lang": lang,
            "languages": [(code, language_label(code)) for code in languages],
        },
    )


def _year(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


@require_GET
def date_texts(request):
    """What readers of each language read for ?start=&end=&qualifier= (signed years, a piece's
    qualifier code) and &display_<code>= (the texts typed in the other boxes) while that
    language's box is empty: the placeholders of the piece editor's date text inputs."""
    if not any(request.user.has_perm(f"heritage.{action}_piece") for action in ("add", "change")):
        raise PermissionDenied
    qualifier = request.GET.get("qualifier", "")
    if qualifier not in PIECE_DATE_QUALIFIERS:
        qualifier = DateQualifier.EXACT
    start, end = _year(request.GET.get("start", "")), _year(request.GET.get("end", ""))
    written = {code: request.GET.get(f"display_{code}", "") for code in language_codes()}
    return JsonResponse(
        {
            code: date_text(
                start, end, qualifier, language=code,
                written={other: text for other, text in written.items() if other != code},
            )
            for code in language_codes()
        }
    )  # fmt: skip
