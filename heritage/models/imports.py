"""An import started from the admin: the uploaded file, its preview and its outcome."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Files with no URL at all: asking for one is an error, so no template can link them."""

    def url(self, name):
        raise ValueError("private files have no URL")


def private_storage() -> FileSystemStorage:
    """Uploaded catalog files may hold restricted records and find-spots: they live outside
    MEDIA_ROOT, where no web server or media URL reaches them."""
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


class ImportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Checking the file")
        PREVIEWED = "previewed", _("Ready to apply")
        REFUSED = "refused", _("Refused: the file has bad rows")
        APPLYING = "applying", _("Applying")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    create_missing_terms = models.BooleanField(_("create missing vocabulary terms"), default=False)
    publish_new = models.BooleanField(_("publish new records"), default=False)
    report = models.JSONField(_("report"), default=dict, blank=True)
    # The report is written in the language of the person who uploaded the file, even when a
    # worker with another default language runs the job.
    language = models.CharField(_("language"), max_length=12, default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("catalog import")
        verbose_name_plural = _("catalog imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"
