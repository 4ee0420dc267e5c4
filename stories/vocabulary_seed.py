"""The story themes every site starts with (codes are stable; labels es/en/nah, the Nahuatl a
draft for speakers to review). Used by migration 0002; curators edit them afterwards."""

# (code, es, en, nah)
THEMES = [
    ("migration", "Migración", "Migration", "Nehnemiliztli"),
    ("work", "Trabajo", "Work", "Tequitl"),
    ("family", "Familia", "Family", "Cencalli"),
    ("language", "Lengua", "Language", "Tlahtolli"),
    ("food", "Comida", "Food", "Tlacualli"),
    ("faith", "Fe", "Faith", "Neltoquiliztli"),
    ("art", "Arte", "Art", "Toltecayotl"),
    ("sport", "Deporte", "Sport", ""),
    ("activism", "Activismo", "Activism", ""),
]


def seed(apps, schema_editor=None) -> None:
    model = apps.get_model("stories", "StoryTheme")
    for code, es, en, nah in THEMES:
        model.objects.update_or_create(
            code=code,
            defaults={"label": es, "label_es": es, "label_en": en, "label_nah": nah or None},
        )
