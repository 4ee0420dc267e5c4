#!/usr/bin/env bash
# Brings the database up to date and fills it with the illustrative demo site. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY manage.py migrate --noinput
# Columns that modeltranslation adds take the Spanish text where it is empty; url paths per language.
$PY manage.py update_translation_fields >/dev/null
$PY manage.py load_demo
$PY manage.py publish_dump --if-none  # the Open data page's first release
$PY manage.py set_translation_url_paths >/dev/null
$PY manage.py search_rebuild --verbosity 0
$PY manage.py ensure_local_admin
