"""What a worker would otherwise do on its first requests, done once as the application loads.

A fresh process spends one to two seconds on its first page: importing every URL module (and
the views with them), reading each language's message catalog, building the table of URL names
in each language and compiling the templates.
gunicorn imports the application before forking its workers (`preload_app`, config/gunicorn.py),
so what is done here is done once, before the fork: every worker, including those that replace
a recycled one (`max_requests`), starts with it in memory it shares, and its first visitor no
longer waits. Nothing here opens a database connection: one opened before the fork would be
shared by every worker.
"""

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


def project_templates() -> list[str]:
    """The names of the templates this project writes: the site's template directories and
    those of its own apps (not of the installed packages, most of whose templates a visitor
    never meets)."""
    root = Path(settings.BASE_DIR).resolve()
    directories = [Path(path) for config in settings.TEMPLATES for path in config["DIRS"]]
    directories += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and ".venv" not in Path(config.path).resolve().relative_to(root).parts
    ]
    names = set()
    for directory in directories:
        if directory.is_dir():
            names.update(
                path.relative_to(directory).as_posix()
                for path in directory.rglob("*")
                if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
            )
    return sorted(names)


def warm_up() -> None:
    """Import the URL configuration, load every language's catalog and the table `reverse` reads
    in it (URLs carry the language: one table each), and compile the project's
    templates (kept by the cached template loader, the default without DEBUG). A template that
    does not compile is logged and left for its request to report, as it would be without
    this."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (imports every URL module)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # activating a language loads its catalog
            resolver.reverse_dict  # noqa: B018 (built per language on the first `reverse`)
    engine = engines["django"]
    for name in project_templates():
        try:
            engine.get_template(name)
        except (TemplateSyntaxError, TemplateDoesNotExist) as error:
            logger.warning("template %s not compiled at start: %s", name, error)
