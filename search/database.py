"""The database engine: the search contract answered by the catalog's own database.

Text matches come from the engine's text tables (search.models): generated tsvector columns
with GIN indexes on PostgreSQL (`unaccent` + Snowball per language), an FTS5 table of
Python-stemmed text on SQLite. A piece's row also carries what the researcher's search filters
and counts on (its facet codes and years, written with its text, like an index document), so
PostgreSQL combines the text's and the facets' indexes on one table, and counts, filters and
orders the hits there without reading the catalog's own rows. The table holds public pieces
only, kept by the same sync as an index, so it answers as an index would: until a change is
synced its counts may still include a piece no longer public. What is shown is always read from
the catalog itself: a stale row never shows a piece that is no longer public.
"""

import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet

from core.i18n import localized_name
from heritage.catalog import (
    CURSOR_ERROR,
    DATE,
    FACETS,
    RANGES,
    CatalogQuery,
    CatalogResult,
    Hit,
    InvalidQuery,
    decode_cursor,
    encode_cursor,
)
from heritage.models import Piece
from heritage.selectors import piece_public_q
from search.indexing import piece_facts
from search.models import ContentText, PieceText, text_columns
from search.query import FACET_SIZE
from search.schema import (
    CONTENT_TEXT,
    FOLDED,
    PIECE_TEXT,
    TextTable,
    config_name,
    fts_insert,
    fts_row,
    vector_column,
)
from search.text import WORD, fold, highlight, terms

CURSOR_TAG = "offset"
CHUNK = 2000
# A rebuild writes the piece rows grouped by the single-valued facets, in their declared order:
# the rows a researcher's filters read (a culture, a period) then share the table's blocks, and
# PostgreSQL visits fewer of them. Rows synced later go to the end until the next rebuild.
ROW_ORDER = (*(facet.path for facet in FACETS if not facet.multi), "pk")


def _languages(language: str) -> list[str]:
    """The reader's language, then the site's (Spanish): untranslated records are still found."""
    return list(dict.fromkeys([language, settings.LANGUAGE_CODE]))


def _fts_match(text: str, language: str) -> str | None:
    clauses = []
    for lang in _languages(language):
        words = terms(text, lang)
        if not words:
            return None
        quoted = " AND ".join('"' + word.replace('"', "") + '"' for word in words)
        title, body = localized_name("title", lang), localized_name("body", lang)
        clauses.append(f"({{{title} {body}}} : ({quoted}))")
    return " OR ".join(clauses)


DOC = PIECE_TEXT.table
# The piece rows as the researcher's search reads them: by themselves, not joined to the piece.
PIECE_ROWS = replace(PIECE_TEXT, join=None, fts_key=f"{DOC}.{PIECE_TEXT.key}")
# Pieces: an exact catalog number comes first.
CATALOG_NUMBER_BOOST = f"(CASE WHEN {DOC}.catalog_number = %s THEN 100.0 ELSE 0.0 END)"


def _with_text(
    queryset: QuerySet,
    text: str,
    language: str,
    scored: bool,
    table: TextTable,
    boost: tuple[str, list] | None = None,
) -> QuerySet:
    """Only the rows whose text matches (the text table is in the query already); with
    `search_score` (higher is better) when `scored`."""
    boost_sql, boost_params = boost if boost else ("0.0", [])
    if connection.vendor == "postgresql":
        languages = _languages(language)
        matches = [
            f"{table.table}.{vector_column(lang)} @@ plainto_tsquery('{config_name(lang)}', %s)"
            for lang in languages
        ]
        queryset = queryset.extra(
            where=[f"({' OR '.join(matches)})"], params=[text] * len(languages)
        )
        if scored:
            ranks = " + ".join(
                f"ts_rank({table.table}.{vector_column(lang)}, "
                f"plainto_tsquery('{config_name(lang)}', %s))"
                for lang in languages
            )
            queryset = queryset.extra(
                select={"search_score": f"{boost_sql} + {ranks}"},
                select_params=[*boost_params, *([text] * len(languages))],
            )
        return queryset
    match = _fts_match(text, language)
    if match is None:
        return queryset.none()
    queryset = queryset.extra(
        tables=[table.fts],
        where=[f"{table.fts}.rowid = {table.fts_key}", f"{table.fts} MATCH %s"],
        params=[match],
    )
    if scored:
        weights = ", ".join(
            "10.0" if column.startswith("title") else "1.0" for column in text_columns()
        )
        queryset = queryset.extra(
            select={"search_score": f"{boost_sql} - bm25({table.fts}, {weights})"},
            select_params=boost_params,
        )
    return queryset


def _order_name(sort: str, words: bool) -> str:
    """The request's order: its own, or by relevance when a text has words, else by number."""
    if sort in ("date", "-date", "catalog_number"):
        return sort
    return "relevance" if words else "catalog_number"


# Each order, as the ORM asks it of the pieces and as the counting statement asks it of its
# rows (search_score, row_start, row_end and row_number are the piece's score, dating and
# catalog number there): the same order, so that a page is the same whichever statement reads it.
ORM_ORDER = {
    "date": [F("date_start").asc(nulls_last=True), "catalog_number"],
    "-date": [F("date_end").desc(nulls_last=True), "catalog_number"],
    "catalog_number": ["catalog_number"],
    "relevance": ["-search_score", "catalog_number"],
}
PAGE_ORDER = {
    "date": "base.row_start ASC NULLS LAST, base.row_number ASC",
    "-date": "base.row_end DESC NULLS LAST, base.row_number ASC",
    "catalog_number": "base.row_number ASC",
    "relevance": "base.search_score DESC, base.row_number ASC",
}


def _facet_test(name: str, values: tuple[str, ...]) -> tuple[str, list]:
    """SQL true when the piece row carries one of the facet's codes (search.indexing
    .piece_facts: a broader period's code is on its subperiods' rows too)."""
    if connection.vendor == "postgresql":  # containment: the GIN index of search.schema
        return (
            "(" + " OR ".join([f"{DOC}.facets @> %s::jsonb"] * len(values)) + ")",
            [json.dumps({name: [value]}) for value in values],
        )
    marks = ", ".join(["%s"] * len(values))
    return (
        f"EXISTS (SELECT 1 FROM json_each({DOC}.facets, %s) AS chosen "
        f"WHERE chosen.value IN ({marks}))",
        [_json_path(name), *values],
    )


def _json_path(name: str) -> str:
    return f'$."{name}"'


def _prefix_match(queryset: QuerySet, text: str, language: str) -> QuerySet:
    """Pieces whose titles (or catalog numbers) have words starting as typed: autocomplete.
    PostgreSQL reads the titles-only vector of migration 0005; SQLite the FTS5 title columns."""
    words = [fold(word) for word in WORD.findall(text)]
    if not words:
        return queryset.none()
    table = PIECE_TEXT
    if connection.vendor == "postgresql":
        prefixes = " & ".join(f"'{word}':*" for word in words)
        return queryset.extra(
            tables=[table.table],
            where=[table.join, f"{table.table}.titles @@ to_tsquery('{FOLDED}', %s)"],
            params=[prefixes],
        )
    prefixes = " AND ".join(f'"{word}"*' for word in words)
    match = " OR ".join(
        f"({{{localized_name('title', lang)}}} : ({prefixes}))" for lang in _languages(language)
    )
    return queryset.extra(
        tables=[table.fts],
        where=[f"{table.fts}.rowid = {table.fts_key}", f"{table.fts} MATCH %s"],
        params=[match],
    )


def _highlights(get, names: tuple[str, str], text: str, language: str) -> dict[str, list[str]]:
    """The reader's fields with the words in <mark>; and, for a reader of another language than
    the site's, the site-language text as `fallback` (what an untranslated record matched)."""
    if not text.strip():
        return {}
    found = {}
    wanted = set(terms(text, language))
    for name in names:
        field = localized_name(name, language)
        fragment = highlight(get(field) or "", wanted, language)
        if fragment:
            found[field] = [fragment]
    site = settings.LANGUAGE_CODE
    if language != site:
        source = " ".join(filter(None, (get(localized_name(name, site)) for name in names)))
        fragment = highlight(source, set(terms(text, site)), site)
        if fragment:
            found["fallback"] = [fragment]
    return found


class DatabaseEngine:
    """The embedded default (and the fallback when the search server is unreachable).

    One engine per kind of record (search.kinds): pieces keep their own text table joined to
    the catalog; recovery cases and pages share the content text table."""

    alias = None

    def ping(self) -> None:
        """Nothing to reach beyond the database itself (health checks ask it directly)."""

    def __init__(self, kind: str = "piece"):
        from search.kinds import KINDS

        self.kind = KINDS[kind]
        self.is_piece = kind == "piece"
        self.table = PIECE_TEXT if self.is_piece else CONTENT_TEXT

    def _rows(self):
        if self.is_piece:
            return PieceText.objects.all()
        return ContentText.objects.filter(kind=self.kind.name)

    # ---- upkeep: the text table follows the records like an index would
    def _write(self, records: list) -> None:
        if self.is_piece:
            rows = [
                PieceText(piece_id=record.pk, **self.kind.texts(record), **piece_facts(record))
                for record in records
            ]
            PieceText.objects.bulk_create(rows, batch_size=500)
        else:
            rows = [
                ContentText(kind=self.kind.name, object_id=record.pk, **self.kind.texts(record))
                for record in records
            ]
            ContentText.objects.bulk_create(rows, batch_size=500)
        if connection.vendor == "sqlite" and rows:
            columns = text_columns()
            with connection.cursor() as cursor:
                fts_insert(
                    cursor,
                    self.table,
                    [fts_row(row.pk, {c: getattr(row, c) for c in columns}) for row in rows],
                )

    def _remove(self, ids) -> None:
        rows = self._rows().filter(**{"piece_id__in" if self.is_piece else "object_id__in": ids})
        if connection.vendor == "sqlite":
            row_ids = list(rows.values_list("pk", flat=True))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"DELETE FROM {self.table.fts} WHERE rowid = %s", [[pk] for pk in row_ids]
                )
        rows.delete()

    def sync(self, ids: list[int]) -> dict:
        public = list(self.kind.public().filter(pk__in=ids))
        with transaction.atomic():
            self._remove(ids)
            self._write(public)
        return {"indexed": len(public), "removed": len(set(ids)) - len(public)}

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> dict:
        started = time.perf_counter()
        queryset = self.kind.public()
        if self.is_piece:
            queryset = queryset.order_by(*ROW_ORDER)
        total = queryset.count()
        done = 0
        with transaction.atomic():
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    if self.is_piece:
                        cursor.execute(f"DELETE FROM {self.table.fts}")
                    else:
                        cursor.execute(
                            f"DELETE FROM {self.table.fts} WHERE rowid IN "
                            f"(SELECT id FROM {self.table.table} WHERE kind = %s)",
                            [self.kind.name],
                        )
            if self.is_piece and connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # no dead rows left behind
                    cursor.execute(f"TRUNCATE {self.table.table}")
            else:
                self._rows().delete()
            batch = []
            for record in queryset.iterator(chunk_size=CHUNK):
                batch.append(record)
                if len(batch) == CHUNK:
                    self._write(batch)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done, total)
            self._write(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics for the planner
                cursor.execute(f"ANALYZE {self.table.table}")
        return {
            "index": "database",
            "documents": done,
            "seconds": round(time.perf_counter() - started, 2),
        }

    def refresh(self) -> None:
        """Written rows are visible at commit; nothing to refresh."""

    def drop(self) -> None:
        self._remove(list(self.indexed_ids()))

    def count(self) -> int:
        return len(self.indexed_ids() & set(self.kind.public().values_list("pk", flat=True)))

    def indexed_ids(self) -> set[int]:
        key = "piece_id" if self.is_piece else "object_id"
        return set(self._rows().values_list(key, flat=True))

    def search_content(self, text: str, language: str, limit: int):
        """Cases or pages matching the words: (total, [(id, highlights)])."""
        if not terms(text, language):  # no words (punctuation, symbols, emoji): nothing
            return 0, []
        matching = _with_text(self._rows(), text, language, scored=True, table=CONTENT_TEXT)
        total = matching.count()
        rows = list(matching.order_by("-search_score", "object_id")[:limit])
        found = []
        for row in rows:
            highlights = _highlights(
                lambda name, row=row: getattr(row, name), ("title", "body"), text, language
            )
            if len(highlights) > 1:  # the reader's own text matched: no fallback shown
                highlights.pop("fallback", None)
            found.append((row.object_id, highlights))
        return total, found

    # ---- the contract (heritage.catalog): the piece rows carry every facet's codes
    def _matching(self, request: CatalogQuery, scored: bool) -> QuerySet:
        """The public pieces' rows here, filtered by the text and the year ranges (the caller
        adds the facets: all of them for the hits, "all but one" for the counts)."""
        queryset = PieceText.objects.all()
        for years in RANGES:
            low, high = request.years(years)
            if low is None and high is None:
                continue
            # an overlap with the dating (an open end stays open); another range holds a year
            start, end = (
                (f"{DOC}.date_start", f"{DOC}.date_end") if years is DATE
                else (f"{DOC}.{years.name}",) * 2
            )  # fmt: skip
            where, params = [f"({start} IS NOT NULL OR {end} IS NOT NULL)"], []
            if high is not None:
                where.append(f"({start} IS NULL OR {start} <= %s)")
                params.append(high)
            if low is not None:
                where.append(f"({end} IS NULL OR {end} >= %s)")
                params.append(low)
            queryset = queryset.extra(where=where, params=params)
        if request.text.strip():
            exact = request.text.strip().upper()
            queryset = _with_text(
                queryset, request.text, request.language, scored,
                table=PIECE_ROWS, boost=(CATALOG_NUMBER_BOOST, [exact]),
            )  # fmt: skip
        return queryset

    def _facets_and_total(self, request: CatalogQuery, words: bool, offset: int):
        """Every facet's counts (each honouring the other facets' filters), the total and the
        ids of the page's hits, in one statement. The matching rows that fail at most one of
        the chosen facets are computed once (PostgreSQL combines the text's and the facets'
        indexes on this one table), each with a bitmask of the facets it fails; a row failing
        none then counts for each of its codes (the flat `codes`), a row failing one for that
        facet's codes only (read from `facets`), and the rows failing none, in the request's
        order, are the hits. The ids are None when the statement did not read them (a text
        without words, or no counts asked: the total alone)."""
        active = list(request.active.items())
        tests = [_facet_test(name, values) for name, values in active]
        rows = self._matching(request, scored=words and request.with_facets)
        if rows.query.is_empty():  # a text without words (only punctuation, emoji): nothing
            return {facet.name: [] for facet in FACETS if request.with_facets}, 0, None
        if not request.with_facets:
            for sql, params in tests:
                rows = rows.extra(where=[sql], params=params)
            return {}, rows.count(), None
        if len(tests) > 1:  # a row failing two facets or more counts for nothing
            combos = [
                [test for at, test in enumerate(tests) if at != gap] for gap in range(len(tests))
            ]
            rows = rows.extra(
                where=[" OR ".join("(" + " AND ".join(sql for sql, _ in combo) + ")"
                                   for combo in combos)],
                params=[param for combo in combos for _sql, params in combo for param in params],
            )  # fmt: skip
        failed = " + ".join(
            f"(CASE WHEN {sql} THEN 0 ELSE {1 << at} END)" for at, (sql, _) in enumerate(tests)
        )
        rows = rows.order_by().extra(
            select={
                "row_facets": f"{DOC}.facets",
                "row_codes": f"{DOC}.codes",
                "failed": failed or "0",
                "row_pk": f"{DOC}.piece_id",
                "row_number": f"{DOC}.catalog_number",
                "row_start": f"{DOC}.date_start",
                "row_end": f"{DOC}.date_end",
            },
            select_params=[param for _sql, params in tests for param in params],
        )
        columns = ["row_facets", "row_codes", "failed", "row_pk", "row_number", "row_start",
                   "row_end", *(["search_score"] if words else [])]  # fmt: skip
        cte_sql, cte_params = rows.values(*columns).query.sql_with_params()
        if connection.vendor == "postgresql":
            every, token = "jsonb_array_elements_text(base.row_codes) AS token", "token"
            one, code, path = (
                "jsonb_array_elements_text(base.row_facets -> %s) AS code",
                "code",
                str,
            )
        else:
            every, token = "json_each(base.row_codes) AS token", "token.value"
            one, code, path = "json_each(base.row_facets, %s) AS code", "code.value", _json_path
        parts = [
            "SELECT NULL, COUNT(*) FROM base WHERE base.failed = 0",
            f"SELECT {token}, COUNT(*) FROM base, {every} WHERE base.failed = 0 GROUP BY {token}",
        ]
        parts_params = []
        for at, (name, _values) in enumerate(active):
            parts.append(
                f"SELECT %s || {code}, COUNT(*) FROM base, {one} "
                f"WHERE base.failed = %s GROUP BY {code}"
            )
            parts_params += [f"{name}:", path(name), 1 << at]
        # the page: its ids, each with its place (marked "#": no facet's code starts so)
        order = PAGE_ORDER[_order_name(request.sort, words)]
        parts.append(
            f"SELECT '#' || page.row_pk, page.place FROM (SELECT base.row_pk, ROW_NUMBER() "
            f"OVER (ORDER BY {order}) AS place FROM base WHERE base.failed = 0 "
            f"ORDER BY {order} LIMIT %s OFFSET %s) AS page"
        )
        parts_params += [request.page_size + 1, offset]
        sql = f"WITH base AS MATERIALIZED ({cte_sql}) " + " UNION ALL ".join(parts)
        counts, total, page = defaultdict(dict), 0, []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*cte_params, *parts_params])
            for token, count in cursor.fetchall():
                if token is None:
                    total = count
                elif token.startswith("#"):
                    page.append((count, int(token[1:])))
                else:
                    name, _colon, code = token.partition(":")
                    counts[name][code] = count
        facets = {
            facet.name: sorted(
                counts.get(facet.name, {}).items(), key=lambda pair: (-pair[1], pair[0])
            )[:FACET_SIZE]
            for facet in FACETS
        }
        return facets, total, [pk for _place, pk in sorted(page)]

    def search(
        self, request: CatalogQuery, counted: tuple[dict, int] | None = None
    ) -> CatalogResult:
        """The contract's answer; with `counted` (the facets and total of the same filter set,
        kept by search.service), only the page is read. Computed, the counts come with the
        page's ids, in one statement."""
        offset = 0
        if request.cursor:
            (offset,) = decode_cursor(request.cursor, CURSOR_TAG, 2)
            if not isinstance(offset, int) or isinstance(offset, bool) or offset > 10**9:
                raise InvalidQuery("cursor", CURSOR_ERROR)
            offset = max(0, offset)
        # a text of only punctuation, symbols or emoji has no words: it finds nothing, unscored
        words = bool(terms(request.text, request.language))
        if counted is None:
            facets, total, page_ids = self._facets_and_total(request, words, offset)
        else:
            (facets, total), page_ids = counted, None
        fields = list(
            dict.fromkeys(
                ["pk", "catalog_number"]
                + [
                    localized_name(name, language)
                    for language in _languages(request.language)
                    for name in ("title", "description")
                ]
            )
        )
        if page_ids is None:  # the counts were kept: the page's ids are asked alone
            matching = self._matching(request, scored=words)
            for name, values in request.active.items():
                sql, params = _facet_test(name, values)
                matching = matching.extra(where=[sql], params=params)
            order = ORM_ORDER[_order_name(request.sort, words)]
            page_ids = list(
                matching.order_by(*order).values_list("piece_id", flat=True)[
                    offset : offset + request.page_size + 1
                ]
            )
        more = len(page_ids) > request.page_size
        page_ids = page_ids[: request.page_size]
        # what is shown is read from the catalog, from public pieces only
        chosen = Piece.objects.filter(piece_public_q(), pk__in=page_ids).values(*fields)
        found = {row["pk"]: row for row in chosen}
        rows = [found[pk] for pk in page_ids if pk in found]
        hits = [
            Hit(
                piece_id=row["pk"],
                catalog_number=row["catalog_number"],
                highlights=_highlights(
                    row.get, ("title", "description"), request.text, request.language
                ),
            )
            for row in rows
        ]
        return CatalogResult(
            total=total,
            hits=hits,
            facets=facets,
            next_cursor=encode_cursor([CURSOR_TAG, offset + len(page_ids)]) if more else None,
        )

    def suggest(self, text: str, language: str, limit: int) -> list[int]:
        """Ids of public pieces whose titles or catalog numbers start with the words typed."""
        queryset = _prefix_match(Piece.objects.filter(piece_public_q()), text, language)
        # Unordered on purpose: "the first 8 by catalog number" would make PostgreSQL walk the
        # catalog-number index through every piece when only a few match.
        found = queryset.order_by().values_list("pk", "catalog_number")[:limit]
        return [pk for pk, _number in sorted(found, key=lambda row: row[1])]
