"""The search index of pieces, defined with elasticsearch-dsl (every mapping is built here).

Per-language analysis: Spanish and English stem and fold accents; Nahuatl folds accents without
stemming. `fallback` holds the Spanish text of a piece so a reader of another language finds
untranslated records. Facets store vocabulary codes; labels are resolved at render time in the
reader's language. The date range is an integer_range of signed years, so a 500–700 search
overlaps a piece dated 600–900 and BCE years work.
"""

from django.conf import settings
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
AUTOCOMPLETE = analyzer(
    "retorno_autocomplete",
    tokenizer=tokenizer(
        "retorno_edge", type="edge_ngram", min_gram=2, max_gram=20, token_chars=["letter", "digit"]
    ),  # fmt: skip
    filter=FOLD,
)
AUTOCOMPLETE_SEARCH = analyzer("retorno_autocomplete_search", tokenizer="standard", filter=FOLD)

STEMMED = {"es": SPANISH, "en": ENGLISH}


def languages() -> list[str]:
    """The site's languages (settings.LANGUAGES): each gets its own fields."""
    return [code for code, _name in settings.LANGUAGES]


def _text(language: str, **extra) -> Text:
    """Spanish and English stem; every other language (Nahuatl first) is folded, not stemmed."""
    found = STEMMED.get(language) or analyzer(
        f"retorno_{language}", tokenizer="standard", filter=FOLD
    )
    return Text(analyzer=found, **extra)


def _per_language(*names: str, **extra) -> dict:
    return {
        f"{name}_{language}": _text(language, **extra) for name in names for language in languages()
    }


def _autocomplete() -> dict:
    return {
        "autocomplete": Text(analyzer=AUTOCOMPLETE, search_analyzer=AUTOCOMPLETE_SEARCH),
    }


def _document(name: str, fields: dict) -> type[Document]:
    """A document class whose fields follow the site's languages and the catalog's facets.

    What every document has: a title per language (with autocomplete), the Spanish text as
    the fallback field, whether it is illustrative, and when it was published."""
    common = {
        **_per_language("title", fields=_autocomplete()),
        "fallback": _text(settings.LANGUAGE_CODE),
        "illustrative": Boolean(),
        "published_at": Date(),
    }
    return type(name, (Document,), {"__module__": __name__, **common, **fields})


def _piece_fields() -> dict:
    from heritage.catalog import FACETS, RECOVERED

    return {
        "catalog_number": Keyword(fields=_autocomplete()),
        # the labels of the piece's vocabulary terms in each language ("olmeca", "Olmec")
        **_per_language("description", "terms"),
        "inscription_es": _text("es"),
        # codes; a period's broader periods too (heritage.catalog.FACETS)
        **{facet.name: Keyword() for facet in FACETS},
        "dates": IntegerRange(),
        "date_start": Integer(),
        "date_end": Integer(),
        RECOVERED.name: Integer(),
    }


PieceDocument = _document("PieceDocument", _piece_fields())


def _index(name: str, document) -> Index:
    """An index definition (settings, analysis, mapping) under a concrete name."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(document)
    return index


def piece_index(name: str) -> Index:
    return _index(name, PieceDocument)


# Recovery cases and pages (programs join them): what the site-wide search finds.
ContentDocument = _document("ContentDocument", _per_language("body"))


def content_index(name: str) -> Index:
    return _index(name, ContentDocument)
