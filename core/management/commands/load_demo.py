from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Build the illustrative demo site in es/en/nah. Idempotent: a second run changes nothing. "
        "Each app contributes through its own `demo.load(stdout=...)`."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
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
