from contextlib import contextmanager
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index as modelsearch_index
from modelsearch.signal_handlers import post_save_signal_handler as modelsearch_on_save
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


@contextmanager
def indexed_once():
    """Wagtail updates an object's references ("Usage") and its admin search entry on every
    save, and the demo saves most records several times (save, revision, publish). Remember
    each saved object and update both once, at the end: the same indexes in less time."""
    searched = [
        model
        for model in modelsearch_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    saved = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(sender, str(instance.pk))] = True

    for model in searched:
        post_save.disconnect(modelsearch_on_save, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid="load-demo-indexes")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="load-demo-indexes")
        for model in searched:
            post_save.connect(modelsearch_on_save, sender=model)
    for model, pk in saved:
        instance = model._default_manager.filter(pk=pk).first()
        if instance is None:
            continue
        if model in ReferenceIndex.tracked_models:
            update_reference_index_task.call(model._meta.app_label, model._meta.model_name, pk)
        if model in searched:
            modelsearch_index.insert_or_update_object(instance)


class Command(BaseCommand):
    help = (
        "Build the illustrative demo site in es/en/nah. Idempotent: a second run changes nothing. "
        "Each app contributes through its own `demo.load(stdout=...)`."
    )

    def handle(self, *args, **options):
        with transaction.atomic(), indexed_once():
            for app_config in apps.get_app_configs():
                if app_config.name.startswith(("django.", "wagtail")):
                    continue
                try:
                    module = import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_config.name}.demo":
                        raise
                    continue
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded (illustrative)."))
