"""The program vocabularies every site starts with (codes are stable; labels es/en/nah where
known). Used by migration 0002; staff edit them in the admin afterwards."""

CATEGORIES = [
    ("education", "Educación", "Education"),
    ("health", "Salud", "Health"),
    ("sports", "Deporte", "Sports"),
    ("arts", "Arte y cultura", "Arts and culture"),
    ("language", "Lenguas", "Languages"),
    ("heritage", "Patrimonio y exposiciones", "Heritage and exhibitions"),
    ("consular", "Servicios consulares y cívicos", "Consular and civic services"),
    ("financial", "Inclusión financiera", "Financial inclusion"),
]
AUDIENCES = [
    ("first-generation", "Primera generación", "First generation"),
    ("later-generations", "Segunda generación y siguientes", "Second and later generations"),
    ("youth", "Jóvenes", "Youth"),
    ("children", "Niñas y niños", "Children"),
    ("families", "Familias", "Families"),
    ("older-adults", "Personas mayores", "Older adults"),
]
# (ISO 639 code, es, en, indigenous)
LANGUAGES = [
    ("es", "Español", "Spanish", False),
    ("en", "Inglés", "English", False),
    ("nah", "Náhuatl", "Nahuatl", True),
    ("yua", "Maya yucateco", "Yucatec Maya", True),
    ("mix", "Mixteco", "Mixtec", True),
    ("zap", "Zapoteco", "Zapotec", True),
    ("tsz", "Purépecha", "Purépecha", True),
    ("oto", "Otomí", "Otomi", True),
]


def seed(apps, schema_editor=None) -> None:
    for model_name, rows in (("ProgramCategory", CATEGORIES), ("Audience", AUDIENCES)):
        model = apps.get_model("culture", model_name)
        for code, es, en in rows:
            model.objects.update_or_create(
                code=code, defaults={"label": es, "label_es": es, "label_en": en}
            )
    model = apps.get_model("culture", "ProgramLanguage")
    for code, es, en, indigenous in LANGUAGES:
        model.objects.update_or_create(
            code=code,
            defaults={"label": es, "label_es": es, "label_en": en, "indigenous": indigenous},
        )
