"""Text as the engines see it: each language's text of a piece, folding and stemming in Python
(for SQLite's FTS5, which has no Spanish stemmer), and highlighting for the database engine.

Stemming follows Snowball (settings.SEARCH_STEMMERS), as PostgreSQL's `spanish_stem`/
`english_stem` and the index's stemmers do: "vasijas" → "vasij", "vessels" → "vessel". A language
without a stemmer (Nahuatl) is folded, never stemmed.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.conf import settings
from django.utils.html import escape

from core.i18n import language_codes, localized_name

WORD = re.compile(r"\w+", re.UNICODE)
FRAGMENT = 120


def analysis_name(code: str) -> str:
    """The name of a language's analysis in every engine: the index's analyzer and PostgreSQL's
    text search configuration (`retorno_es`)."""
    return f"retorno_{code.replace('-', '_').lower()}"


def fold(text: str) -> str:
    """Lower case without accents: "Teotihuacán" → "teotihuacan"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=16)
def _stemmer(language: str):
    algorithm = settings.SEARCH_STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=100_000)
def term(word: str, language: str) -> str:
    """A folded word's term in a language: its stem, or the word where the language has no
    stemmer. Kept: a page of highlights stems the same few hundred words on every request."""
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def terms(text: str, language: str) -> list[str]:
    """The searchable terms of a text in a language, in order."""
    return [term(word, language) for word in WORD.findall(fold(text or ""))]


def normalized(text: str, language: str) -> str:
    return " ".join(terms(text, language))


def field_text(obj, name: str, language: str) -> str:
    """A translated field's text in one language, as written ("" when empty)."""
    return (getattr(obj, localized_name(name, language), "") or "").strip()


def translated(obj, name: str, language: str) -> str:
    """A translated field in a language, or in the site's language when untranslated (a
    vocabulary label, an organizer's name)."""
    if obj is None:
        return ""
    return field_text(obj, name, language) or field_text(obj, name, settings.LANGUAGE_CODE)


def vocabulary_labels(piece) -> dict[str, str]:
    """The labels of a piece's vocabulary terms per language (Spanish when untranslated), so
    "olmeca" or "Olmec" finds Olmec pieces."""
    terms_ = [piece.culture, piece.object_type, *piece.materials.all(), *piece.techniques.all()]
    period = piece.period
    while period is not None:
        terms_.append(period)
        period = period.parent
    return {
        language: " ".join(filter(None, (translated(term, "label", language) for term in terms_)))
        for language in language_codes()
    }


def piece_texts(piece) -> dict[str, str]:
    """title_<lang> and body_<lang> for each language: the reader's text of a piece (the body
    is the description and the vocabulary labels)."""
    labels_by_language = vocabulary_labels(piece)
    # "REP-001" also as "REP 001": PostgreSQL's parser reads "-001" as a signed number.
    number_words = " ".join(WORD.findall(piece.catalog_number))
    texts = {}
    for language in language_codes():
        labels = labels_by_language[language]
        title = getattr(piece, localized_name("title", language), "") or ""
        description = getattr(piece, localized_name("description", language), "") or ""
        texts[localized_name("title", language)] = (
            f"{piece.catalog_number} {number_words} {title}".strip()
        )
        texts[localized_name("body", language)] = " ".join(filter(None, [description, labels]))
    return texts


def highlight(text: str, wanted: set[str], language: str) -> str | None:
    """HTML-escaped text (a window of it when long) with the matching words in <mark>, or None
    when no word matches."""
    if not text or not wanted:
        return None
    spans = [
        match.span()
        for match in WORD.finditer(text)
        if term(fold(match.group()), language) in wanted
    ]
    if not spans:
        return None
    start = 0
    end = len(text)
    if end > FRAGMENT:
        start = max(0, spans[0][0] - FRAGMENT // 3)
        end = min(len(text), start + FRAGMENT)
        spans = [span for span in spans if span[1] <= end]
    pieces, cursor = [], start
    for left, right in spans:
        pieces += [escape(text[cursor:left]), "<mark>", escape(text[left:right]), "</mark>"]
        cursor = right
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(pieces) + suffix
