"""The real terms every catalog starts with (codes are stable; labels es/en; nah where known).

Used by migration 0002; curators add and edit terms in the admin afterwards. Authority URIs are
left for curators to fill in from Getty, PeriodO or Wikidata rather than guessed here.
"""

# (code, es, en) — or (code, es, en, extra fields)
CULTURES = [
    ("mexica", "Mexica", "Mexica (Aztec)"),
    ("maya", "Maya", "Maya"),
    ("zapoteca", "Zapoteca", "Zapotec"),
    ("mixteca", "Mixteca", "Mixtec"),
    ("olmeca", "Olmeca", "Olmec"),
    ("teotihuacana", "Teotihuacana", "Teotihuacan"),
    ("huasteca", "Huasteca", "Huastec"),
    ("totonaca", "Totonaca", "Totonac"),
    ("purepecha", "Purépecha", "Purépecha (Tarascan)"),
    ("occidente", "Occidente (tradición de tumbas de tiro)", "West Mexico (shaft-tomb tradition)"),
    ("tolteca", "Tolteca", "Toltec"),
    ("mezcala", "Mezcala", "Mezcala"),
    ("chupicuaro", "Chupícuaro", "Chupícuaro"),
]

# (code, es, en, start_year, end_year, parent code)
PERIODS = [
    ("preclasico", "Preclásico", "Preclassic (Formative)", -2500, 200, None),
    ("preclasico-temprano", "Preclásico Temprano", "Early Preclassic", -2500, -1200, "preclasico"),
    ("preclasico-medio", "Preclásico Medio", "Middle Preclassic", -1200, -400, "preclasico"),
    ("preclasico-tardio", "Preclásico Tardío", "Late Preclassic", -400, 200, "preclasico"),
    ("clasico", "Clásico", "Classic", 200, 900, None),
    ("clasico-temprano", "Clásico Temprano", "Early Classic", 200, 600, "clasico"),
    ("clasico-tardio", "Clásico Tardío", "Late Classic", 600, 900, "clasico"),
    ("posclasico", "Posclásico", "Postclassic", 900, 1521, None),
    ("posclasico-temprano", "Posclásico Temprano", "Early Postclassic", 900, 1200, "posclasico"),
    ("posclasico-tardio", "Posclásico Tardío", "Late Postclassic", 1200, 1521, "posclasico"),
]

MATERIALS = [
    ("ceramica", "Cerámica", "Ceramic"),
    ("jade", "Jade", "Jade"),
    ("piedra-verde", "Piedra verde", "Greenstone"),
    ("obsidiana", "Obsidiana", "Obsidian"),
    ("basalto", "Basalto", "Basalt"),
    ("andesita", "Andesita", "Andesite"),
    ("tecali", "Tecali (alabastro mexicano)", "Tecali (Mexican onyx)"),
    ("concha", "Concha", "Shell"),
    ("hueso", "Hueso", "Bone"),
    ("oro", "Oro", "Gold"),
    ("cobre", "Cobre", "Copper"),
    ("madera", "Madera", "Wood"),
    ("pigmento", "Pigmento", "Pigment"),
]

TECHNIQUES = [
    ("modelado", "Modelado", "Modelling"),
    ("moldeado", "Moldeado", "Moulding"),
    ("tallado", "Tallado", "Carving"),
    ("pulido", "Pulido", "Polishing"),
    ("brunido", "Bruñido", "Burnishing"),
    ("pintura", "Pintura (policromía)", "Painting (polychromy)"),
    ("incision", "Incisión", "Incising"),
    ("pastillaje", "Pastillaje", "Appliqué (pastillaje)"),
    ("cera-perdida", "Fundición a la cera perdida", "Lost-wax casting"),
]

OBJECT_TYPES = [
    ("figurilla", "Figurilla", "Figurine"),
    ("vasija", "Vasija", "Vessel"),
    ("mascara", "Máscara", "Mask"),
    ("escultura", "Escultura", "Sculpture"),
    ("sello", "Sello", "Stamp seal"),
    ("malacate", "Malacate", "Spindle whorl"),
    ("cuenta", "Cuenta", "Bead"),
    ("hacha", "Hacha", "Axe"),
    ("incensario", "Incensario", "Censer"),
    ("orejera", "Orejera", "Ear spool"),
    ("metate", "Metate", "Metate (grinding stone)"),
    ("punta", "Punta de proyectil", "Projectile point"),
]

RECOVERY_METHODS = [
    ("seizure", "Aseguramiento", "Seizure"),
    ("voluntary-return", "Devolución voluntaria", "Voluntary return"),
    ("stopped-auction", "Subasta detenida o retirada", "Stopped or withdrawn auction"),
    ("judicial-restitution", "Restitución judicial", "Judicial restitution"),
    ("diplomatic-restitution", "Restitución diplomática", "Diplomatic restitution"),
    ("donation", "Donación", "Donation"),
    ("auction-purchase", "Compra en subasta", "Purchase at auction"),
    ("other", "Otro", "Other"),
]

COUNTRIES = [
    ("us", "Estados Unidos", "United States"),
    ("fr", "Francia", "France"),
    ("de", "Alemania", "Germany"),
    ("it", "Italia", "Italy"),
    ("es", "España", "Spain"),
    ("nl", "Países Bajos", "Netherlands"),
    ("be", "Bélgica", "Belgium"),
    ("ch", "Suiza", "Switzerland"),
    ("gb", "Reino Unido", "United Kingdom"),
    ("ca", "Canadá", "Canada"),
    ("at", "Austria", "Austria"),
    ("ar", "Argentina", "Argentina"),
]

INSTITUTIONS = [
    (
        "inah",
        "Instituto Nacional de Antropología e Historia",
        "National Institute of Anthropology and History (INAH)",
        "Ciudad de México",
    ),
    (
        "mna",
        "Museo Nacional de Antropología",
        "National Museum of Anthropology",
        "Ciudad de México",
    ),
    ("museo-templo-mayor", "Museo del Templo Mayor", "Templo Mayor Museum", "Ciudad de México"),
    (
        "museo-culturas-oaxaca",
        "Museo de las Culturas de Oaxaca",
        "Museum of the Cultures of Oaxaca",
        "Oaxaca",
    ),
    (
        "gran-museo-mundo-maya",
        "Gran Museo del Mundo Maya",
        "Great Museum of the Maya World",
        "Mérida",
    ),
    (
        "museo-regional-guadalajara",
        "Museo Regional de Guadalajara",
        "Regional Museum of Guadalajara",
        "Guadalajara",
    ),
]

AUTHORITY_TYPES = [
    ("embassy", "Embajada", "Embassy"),
    ("consulate", "Consulado", "Consulate"),
    ("foreign-ministry", "Secretaría de Relaciones Exteriores", "Ministry of Foreign Affairs"),
    ("inah", "INAH", "INAH"),
    ("foreign-police", "Policía extranjera", "Foreign police"),
    ("customs", "Aduanas", "Customs"),
    ("prosecutor", "Fiscalía", "Prosecutor"),
    ("court", "Tribunal", "Court"),
]


def seed(apps, schema_editor=None) -> None:
    """Create or update every seed term by code (safe to run again)."""

    def upsert(model_name, rows, extra=lambda row: {}):
        model = apps.get_model("heritage", model_name)
        for row in rows:
            code, label_es, label_en = row[:3]
            model.objects.update_or_create(
                code=code,
                defaults={
                    "label": label_es,
                    "label_es": label_es,
                    "label_en": label_en,
                    **extra(row),
                },
            )

    upsert("Culture", CULTURES)
    upsert("Material", MATERIALS)
    upsert("Technique", TECHNIQUES)
    upsert("ObjectType", OBJECT_TYPES)
    upsert("RecoveryMethod", RECOVERY_METHODS)
    upsert("Country", COUNTRIES)
    upsert("AuthorityType", AUTHORITY_TYPES)
    upsert("Institution", INSTITUTIONS, lambda row: {"city": row[3]})
    period_model = apps.get_model("heritage", "Period")
    for code, label_es, label_en, start, end, parent in PERIODS:
        period_model.objects.update_or_create(
            code=code,
            defaults={
                "label": label_es,
                "label_es": label_es,
                "label_en": label_en,
                "start_year": start,
                "end_year": end,
                "parent": period_model.objects.get(code=parent) if parent else None,
            },
        )
