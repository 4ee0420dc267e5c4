"""The search index of pieces, defined with elasticsearch-dsl (every mapping is built here).

Per-language analysis: Spanish and English stem and fold accents; Nahuatl folds accents without
stemming. `fallback` holds the Spanish text of a piece so a reader of another language finds
untranslated records. Facets store vocabulary codes; labels are resolved at render time in the
reader's language. The date range is an integer_range of signed years, so a 500–700 search
overlaps a piece dated 600–900 and BCE years work.
"""

from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    IntegerRange,
    Keyword,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

FOLD = ["lowercase", "asciifolding"]
# Snowball, as the database engines stem (PostgreSQL spanish_stem, Python snowballstemmer):
# "códices" and "códice" meet at "codic" (light_spanish would give "codiz" and "codic").
spanish_stemmer = token_filter("retorno_es_stemmer", type="stemmer", language="spanish")
english_stemmer = token_filter("retorno_en_stemmer", type="stemmer", language="english")
english_possessive = token_filter(
    "retorno_en_possessive", type="stemmer", language="possessive_english"
)

SPANISH = analyzer("retorno_es", tokenizer="standard", filter=[*FOLD, spanish_stemmer])
ENGLISH = analyzer(
    "retorno_en", tokenizer="standard", filter=[english_possessive, *FOLD, english_stemmer]
)
NAHUATL = analyzer("retorno_nah", tokenizer="standard", filter=FOLD)
AUTOCOMPLETE = analyzer(
    "retorno_autocomplete",
    tokenizer=tokenizer(
        "retorno_edge", type="edge_ngram", min_gram=2, max_gram=20, token_chars=["letter", "digit"]
    ),  # fmt: skip
    filter=FOLD,
)
AUTOCOMPLETE_SEARCH = analyzer("retorno_autocomplete_search", tokenizer="standard", filter=FOLD)

LANGUAGE_ANALYZERS = {"es": SPANISH, "en": ENGLISH, "nah": NAHUATL}


def _text(language: str, **extra) -> Text:
    return Text(analyzer=LANGUAGE_ANALYZERS[language], **extra)


def _autocomplete() -> dict:
    return {
        "autocomplete": Text(analyzer=AUTOCOMPLETE, search_analyzer=AUTOCOMPLETE_SEARCH),
    }


class TitledDocument(Document):
    """What every document has: a title per language (with autocomplete), the Spanish text as
    the fallback field, whether it is illustrative, and when it was published."""

    title_es = _text("es", fields=_autocomplete())
    title_en = _text("en", fields=_autocomplete())
    title_nah = _text("nah", fields=_autocomplete())
    fallback = _text("es")
    illustrative = Boolean()
    published_at = Date()


class PieceDocument(TitledDocument):
    catalog_number = Keyword(fields=_autocomplete())
    description_es = _text("es")
    description_en = _text("en")
    description_nah = _text("nah")
    inscription_es = _text("es")
    # the labels of the piece's vocabulary terms in each language ("olmeca", "Olmec")
    terms_es = _text("es")
    terms_en = _text("en")
    terms_nah = _text("nah")
    culture = Keyword()
    period = Keyword()  # the piece's period and its broader ones
    object_type = Keyword()
    materials = Keyword()
    techniques = Keyword()
    method = Keyword()
    country = Keyword()
    custodian = Keyword()
    case = Keyword()
    dates = IntegerRange()
    date_start = Integer()
    date_end = Integer()


def _index(name: str, document) -> Index:
    """An index definition (settings, analysis, mapping) under a concrete name."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(document)
    return index


def piece_index(name: str) -> Index:
    return _index(name, PieceDocument)


class ContentDocument(TitledDocument):
    """Recovery cases and pages (programs join them): what the site-wide search finds."""

    body_es = _text("es")
    body_en = _text("en")
    body_nah = _text("nah")


def content_index(name: str) -> Index:
    return _index(name, ContentDocument)
