"""The test settings with a fourth language, Yucatec Maya (`yua`): the line README "Adding a
language" adds to LANGUAGES, here for tests/test_new_language.py's copy of the project only.
Django's LANG_INFO already knows `yua` (config/settings.py); it has no Snowball stemmer, so its
text is folded, not stemmed, and it falls back to Spanish, then English."""

from tests.settings import *  # noqa: F403 - the suite's settings, one language more

LANGUAGES = [*LANGUAGES, ("yua", "Yucatec Maya")]  # noqa: F405
