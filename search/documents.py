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

from core.i18n import language_codes, localized_name
from search.text import analysis_name

FOLD = ["lowercase", "asciifolding"]
AUTOCOMPLETE = analyzer(
    "retorno_autocomplete",
    tokenizer=tokenizer(
        "retorno_edge", type="edge_ngram", min_gram=2, max_gram=20, token_chars=["letter", "digit"]
    ),  # fmt: skip
    filter=FOLD,
)
AUTOCOMPLETE_SEARCH = analyzer("retorno_autocomplete_search", tokenizer="standard", filter=FOLD)


def language_analyzer(language: str):
    """A language's analyzer: folded, then stemmed by its Snowball stemmer when it has one
    (settings.SEARCH_STEMMERS), as the database engines stem — "códices" and "códice" meet at
    "codic" (light_spanish would give "codiz" and "codic"). English drops possessives first."""
    name = analysis_name(language)
    stemmer = settings.SEARCH_STEMMERS.get(language)
    filters = list(FOLD)
    if stemmer:
        filters.append(token_filter(f"{name}_stemmer", type="stemmer", language=stemmer))
    if stemmer == "english":
        possessive = token_filter(
            f"{name}_possessive", type="stemmer", language="possessive_english"
        )
        filters.insert(0, possessive)
    return analyzer(name, tokenizer="standard", filter=filters)


def _text(language: str, **extra) -> Text:
    return Text(analyzer=language_analyzer(language), **extra)


def _per_language(*names: str, **extra) -> dict:
    return {
        localized_name(name, language): _text(language, **extra)
        for name in names
        for language in language_codes()
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
