#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # A checkout with no configuration is a developer's: manage.py then runs in DEBUG with a
    # per-machine key. Production sets SECRET_KEY (config/wsgi.py requires it with DEBUG off),
    # so this never applies there.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
