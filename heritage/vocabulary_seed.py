"""The real terms every catalog starts with (codes are stable; labels es/en; nah where known).

Used by migrations 0002 and 0011 (the cultures' spans); curators add and edit terms in the admin
afterwards. Authority URIs are left for curators to fill in from Getty, PeriodO or Wikidata rather
than guessed here.
"""

# Rows are (code, es, en), or (code, es, en, extra fields).

# (code, es, en, start_year, end_year): each culture with the span its documented material covers,
# in signed years (-1200 = 1200 BCE), "ca." throughout. The piece editor warns when a piece's years
# fall outside it, and the demo and synthetic pieces are dated inside it. Widely cited ranges of
# the standard Mesoamerican chronology, not the earliest or latest claim for each; an end year is
# the Spanish conquest of that people's lands (1521 where it came within a few years of
# Tenochtitlan's fall). Sources:
# - Mexica: Smith, The Aztecs, 3rd ed. (2012): Tenochtitlan founded ca. 1325, fell in 1521.
# - Maya: Sharer & Traxler, The Ancient Maya, 6th ed. (2006); Inomata et al., Science 340
#   (2013) for the first Maya villages (Ceibal, ca. 1000 BCE); the last independent Maya
#   kingdom, Nojpetén (Tayasal), fell in 1697.
# - Zapotec: Marcus & Flannery, Zapotec Civilization (1996): Monte Albán founded ca. 500 BCE.
# - Mixtec: Spores & Balkansky, The Mixtecs of Oaxaca (2013): the towns of the Mixteca Alta
#   from the Late Formative (Yucuita, Monte Negro; from ca. 500 BCE), Ñuiñe in the Mixteca Baja
#   (ca. 300–800), the Postclassic kingdoms of the codices (ca. 900–1521).
# - Olmec: Pool, Olmec Archaeology and Early Mesoamerica (2007); Diehl, The Olmecs (2004):
#   San Lorenzo from ca. 1500 BCE, La Venta abandoned ca. 400 BCE.
# - Teotihuacan: Cowgill, Ancient Teotihuacan (2015): ca. 100 BCE to the end of the Metepec
#   phase, ca. 650 CE.
# - Huastec: Ekholm, Excavations at Tampico and Pánuco (1944), Pánuco Period I from ca. 1000
#   BCE; its sculpture and shell work belong to the Postclassic (Pánuco V–VI).
# - Totonac: ca. 800–1521 (Cempoala and the Postclassic Totonacapan). El Tajín and Classic
#   Veracruz (ca. 300–900) are often labelled Totonac, but the attribution is disputed; a
#   curator who files them under this culture is asked to check.
# - Purépecha: Pollard, Taríacuri's Legacy (1993): the Tarascan state from ca. 1300–1350 until
#   Tzintzuntzan's submission in 1530.
# - West Mexico shaft-tomb tradition: Townsend (ed.), Ancient West Mexico (1998); Beekman,
#   Journal of Archaeological Research 18 (2010): ca. 300 BCE–600 CE.
# - Toltec: Mastache, Cobean & Healan, Ancient Tollan (2002): Tula's Tollan phase, ca. 900–1150.
# - Mezcala: Paradis (1991) on Ahuináhuac (Late Preclassic, from ca. 700 BCE); Reyna Robles, La
#   cultura arqueológica Mezcala (INAH, 2006): Organera-Xochipala into the Epiclassic, ca. 1000.
# - Chupícuaro: Darras & Faugère, Chupícuaro entre el Occidente y el Altiplano Central (2005;
#   CEMCA): ca. 600 BCE–250 CE.
CULTURES = [
    ("mexica", "Mexica", "Mexica (Aztec)", 1325, 1521),
    ("maya", "Maya", "Maya", -1000, 1697),
    ("zapoteca", "Zapoteca", "Zapotec", -500, 1521),
    ("mixteca", "Mixteca", "Mixtec", -500, 1521),
    ("olmeca", "Olmeca", "Olmec", -1500, -400),
    ("teotihuacana", "Teotihuacana", "Teotihuacan", -100, 650),
    ("huasteca", "Huasteca", "Huastec", -1000, 1521),
    ("totonaca", "Totonaca", "Totonac", 800, 1521),
    ("purepecha", "Purépecha", "Purépecha (Tarascan)", 1300, 1530),
    (
        "occidente",
        "Occidente (tradición de tumbas de tiro)",
        "West Mexico (shaft-tomb tradition)",
        -300,
        600,
    ),
    ("tolteca", "Tolteca", "Toltec", 900, 1150),
    ("mezcala", "Mezcala", "Mezcala", -700, 1000),
    ("chupicuaro", "Chupícuaro", "Chupícuaro", -600, 250),
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
    culture_model = apps.get_model("heritage", "Culture")
    if any(field.name == "start_year" for field in culture_model._meta.fields):
        seed_culture_spans(apps)  # not before migration 0010 gave cultures their years
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


def seed_culture_spans(apps, schema_editor=None) -> None:
    """Give each seeded culture its documented span, unless a curator has set one."""
    culture_model = apps.get_model("heritage", "Culture")
    for code, _label_es, _label_en, start, end in CULTURES:
        culture_model.objects.filter(
            code=code, start_year__isnull=True, end_year__isnull=True
        ).update(start_year=start, end_year=end)
