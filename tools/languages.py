"""Print `-l CODE` for every language in settings.LANGUAGES (for makemessages)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings  # noqa: E402

print(" ".join(f"-l {code}" for code, _name in settings.LANGUAGES))
