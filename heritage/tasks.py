"""Background work of the catalog (django-tasks: at once in tests and development, a worker in
production)."""

from django.utils import translation
from django_tasks import task

from heritage.models import ImportJob


@task()
def run_import_job(job_id: int, apply: bool) -> str:
    """Preview (apply=False) or apply an uploaded import; the job keeps the report."""
    from heritage.services import import_job_run

    job = ImportJob.objects.get(pk=job_id)
    with translation.override(job.language):
        import_job_run(job=job, apply=apply)
    return job.status
