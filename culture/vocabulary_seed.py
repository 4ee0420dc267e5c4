"""The program vocabularies every site starts with (codes are stable; labels es/en/nah where
known). Used by migrations 0002 and 0007; staff edit them in the admin afterwards."""

import re
import unicodedata

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


# (code, group, es, en, synonyms es, synonyms en): the consular services the strategy names and
# the help families look for first. Synonyms are what people type ("pasaportes", "matrícula").
SERVICES = [
    ("passport", "consular", "Pasaporte", "Passport",
     "pasaporte, pasaportes", "passport, passports"),
    ("consular-id", "consular", "Matrícula consular", "Consular ID",
     "matrícula, matrículas, matrícula consular, matrículas consulares, identificación consular",
     "matrícula, matricula consular, consular ID, consular IDs, consular identification card"),
    ("birth-registration", "consular", "Registro de nacimiento", "Birth registration",
     "acta de nacimiento, actas de nacimiento, registro de nacimiento, doble nacionalidad",
     "birth certificate, birth certificates, birth registration, dual nationality"),
    ("marriage-registration", "consular",
     "Registro de matrimonio (también entre personas del mismo sexo)",
     "Marriage registration (same-sex marriage included)",
     "matrimonio, acta de matrimonio, actas de matrimonio, matrimonio igualitario",
     "marriage, marriage certificate, same-sex marriage"),
    ("death-registration", "consular", "Registro de defunción", "Death registration",
     "defunción, acta de defunción, actas de defunción", "death certificate, death certificates"),
    ("voter-id", "consular", "Credencial para votar", "Voter ID",
     "credencial para votar, credencial para votar desde el extranjero, credencial de elector, INE",
     "voter ID, voter ID from abroad, voter card, INE card"),
    ("power-of-attorney", "consular", "Poder notarial", "Power of attorney",
     "poder, poderes, poder notarial, actos notariales", "notarial acts, notary"),
    ("imss", "consular", "Afiliación al IMSS", "IMSS enrolment",
     "IMSS, seguro social, Seguro Social mexicano", "IMSS, Mexican social security"),
    ("rfc", "consular", "RFC (registro fiscal)", "RFC (Mexican tax ID)",
     "RFC, SAT, e.firma, registro fiscal", "RFC, SAT, Mexican tax ID, Mexican tax registration"),
    ("infonavit", "consular", "Infonavit", "Infonavit (housing credit)",
     "Infonavit, crédito de vivienda, crédito Infonavit", "Infonavit, housing loan"),
    ("finabien", "consular", "Finabien", "Finabien (remittances and savings)",
     "Finabien, remesas, envíos de dinero, cuenta de ahorro",
     "Finabien, remittances, money transfers, savings account"),
    ("legal-criminal", "legal", "Defensa penal", "Criminal defence",
     "abogado penal, defensa penal, arresto, detención",
     "criminal defense, criminal lawyer, arrest, detention"),
    ("legal-immigration", "legal", "Asesoría y defensa migratoria", "Immigration legal help",
     "asesoría legal, abogado de inmigración, asilo, deportación, DACA, TPS, visa U, visa T",
     "legal advice, immigration lawyer, asylum, deportation, removal defense, DACA, TPS, "
     "U visa, T visa"),
    ("legal-labour", "legal", "Defensa laboral", "Labour rights",
     "derechos laborales, salarios no pagados, robo de salario, accidente de trabajo",
     "labor rights, labor lawyer, wage theft, unpaid wages, workplace injury"),
    ("legal-family", "legal", "Derecho familiar", "Family law",
     "custodia, pensión alimenticia, divorcio, patria potestad",
     "custody, child support, divorce"),
    ("human-rights", "legal", "Quejas de derechos humanos", "Human-rights complaints",
     "derechos humanos, queja, quejas, discriminación, abuso policial",
     "human rights, complaint, discrimination, civil rights, police abuse"),
    ("violence-protection", "legal", "Protección a víctimas de violencia",
     "Protection for victims of violence",
     "violencia doméstica, violencia de género, víctimas, trata de personas",
     "domestic violence, gender-based violence, victims, human trafficking"),
    ("health-checks", "health", "Revisiones de salud", "Health checks",
     "Ventanilla de Salud, salud, chequeo, vacunas, presión arterial",
     "health check, health screening, vaccines, blood pressure, Ventanilla de Salud"),
    ("education-enrolment", "education", "Inscripción educativa", "Education enrolment",
     "escuela, inscripción escolar, INEA, Plazas Comunitarias, revalidación de estudios",
     "school enrollment, adult education, INEA, Plazas Comunitarias"),
    ("other", "other", "Otros servicios", "Other services", "", ""),
]  # fmt: skip


def seed_program_terms(apps, schema_editor=None) -> None:
    """The program vocabularies (migration 0002)."""
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


def seed_services(apps, schema_editor=None) -> None:
    """The service vocabulary (migration 0007)."""
    model = apps.get_model("culture", "Service")
    for code, group, es, en, synonyms_es, synonyms_en in SERVICES:
        model.objects.update_or_create(
            code=code,
            defaults={"label": es, "label_es": es, "label_en": en, "group": group,
                      "synonyms": synonyms_es, "synonyms_es": synonyms_es,
                      "synonyms_en": synonyms_en},
        )  # fmt: skip


def seed(apps, schema_editor=None) -> None:
    """Every vocabulary a site starts with (tests reseed them after a flush)."""
    seed_program_terms(apps)
    seed_services(apps)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


SEPARATORS = re.compile(r"[,;\n.]+|\s+(?:y|e|and)\s+", re.IGNORECASE)


def match_services(text: str, names: dict[str, set[str]]) -> tuple[set[str], str]:
    """The service codes the free text names, and what is left of it. `names` maps each code to
    its labels and synonyms; the text is read as a list ("Pasaportes, matrículas y actas")."""
    by_name = {_fold(name): code for code, words in names.items() for name in words if name}
    found, rest = set(), []
    for part in SEPARATORS.split(text or ""):
        if not part.strip():
            continue
        code = by_name.get(_fold(part))
        if code:
            found.add(code)
        else:
            rest.append(part.strip())
    return found, ", ".join(rest)
