"""The database engine: the search contract answered by the catalog's own database.

Text matches come from the engine's text table (search.models.PieceText): generated tsvector
columns with GIN indexes on PostgreSQL (`unaccent` + Snowball per language), an FTS5 table of
Python-stemmed text on SQLite. Facets, dates and visibility are read from the catalog tables, so
a stale text row can never show a piece that is no longer public.
"""

import time
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    When,
)
from django.db.models.expressions import RawSQL

from core import routes
from core.i18n import localized_name
from heritage.catalog import (
    CURSOR_ERROR,
    DATE,
    FACET_BY_NAME,
    FACETS,
    RANGES,
    CatalogQuery,
    CatalogResult,
    Facet,
    Hit,
    InvalidQuery,
    decode_cursor,
    encode_cursor,
)
from heritage.models import Period, Piece
from heritage.selectors import piece_public_q
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


# Pieces: an exact catalog number comes first.
CATALOG_NUMBER_BOOST = "(CASE WHEN heritage_piece.catalog_number = %s THEN 100.0 ELSE 0.0 END)"


def _with_text(
    queryset: QuerySet,
    text: str,
    language: str,
    scored: bool,
    table: TextTable = PIECE_TEXT,
    boost: tuple[str, list] | None = None,
) -> QuerySet:
    """Only the rows whose text matches; with `search_score` (higher is better) when `scored`.

    Unscored (counts, facets): a plain `pk IN (matching ids)` subquery. Scored (the page of
    hits): a join, so the rank can be selected and ordered on."""
    boost_sql, boost_params = boost if boost else ("0.0", [])
    if not scored and table.join:
        return queryset.filter(pk__in=_matching_ids(text, language, table))
    if connection.vendor == "postgresql":
        languages = _languages(language)
        matches = [
            f"{table.table}.{vector_column(lang)} @@ plainto_tsquery('{config_name(lang)}', %s)"
            for lang in languages
        ]
        queryset = queryset.extra(
            tables=[table.table] if table.join else [],
            where=[*([table.join] if table.join else []), f"({' OR '.join(matches)})"],
            params=[text] * len(languages),
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


def _matching_ids(text: str, language: str, table: TextTable) -> RawSQL:
    if connection.vendor == "postgresql":
        languages = _languages(language)
        matches = " OR ".join(
            f"{vector_column(lang)} @@ plainto_tsquery('{config_name(lang)}', %s)"
            for lang in languages
        )
        return RawSQL(
            f"SELECT piece_id FROM {table.table} WHERE {matches}", [text] * len(languages)
        )
    match = _fts_match(text, language)
    if match is None:
        return RawSQL("SELECT NULL WHERE 1 = 0", [])
    return RawSQL(f"SELECT rowid FROM {table.fts} WHERE {table.fts} MATCH %s", [match])


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
            rows = [PieceText(piece_id=record.pk, **self.kind.texts(record)) for record in records]
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

    # ---- the contract (heritage.catalog): every facet's SQL derived from its declaration
    def _periods(self) -> tuple[dict[str, set[str]], dict[int, str]]:
        """Each period code → itself and every narrower period's code (the index stores a
        piece's period with its ancestors), and period ids → codes."""
        rows = list(Period.objects.values_list("pk", "code", "parent__code"))
        parents = {code: parent for _pk, code, parent in rows}
        below = defaultdict(set)
        for code in parents:
            ancestor = code
            while ancestor is not None:
                below[ancestor].add(code)
                ancestor = parents.get(ancestor)
        return below, {pk: code for pk, code, _parent in rows}

    def _facet_q(self, facet: Facet, values: tuple[str, ...], periods) -> Q:
        """The filter of one facet on ids (or choice values), so the matching rows need no
        vocabulary join; through a case, only while the case is live."""
        live_case = Q(case__live=True) if facet.via_case else Q()
        if facet.choices:
            return live_case & Q(**{f"{facet.path}__in": values})
        if facet.hierarchical:
            values = tuple(set().union(*(periods.get(value, {value}) for value in values)))
        ids = list(facet.vocabulary.objects.filter(code__in=values).values_list("pk", flat=True))
        if facet.multi:
            relation = Piece._meta.get_field(facet.path)
            linked = relation.remote_field.through.objects.filter(
                **{f"{relation.m2m_reverse_field_name()}_id__in": ids}
            ).values(f"{relation.m2m_field_name()}_id")
            return Q(pk__in=linked)
        return live_case & Q(**{f"{facet.path}__in": ids})

    def _base(self, request: CatalogQuery, scored: bool) -> QuerySet:
        queryset = Piece.objects.filter(piece_public_q())
        low, high = request.years(DATE)
        if low is not None or high is not None:  # an overlap; an open end stays open
            queryset = queryset.exclude(date_start__isnull=True, date_end__isnull=True)
            if high is not None:
                queryset = queryset.filter(Q(date_start__isnull=True) | Q(date_start__lte=high))
            if low is not None:
                queryset = queryset.filter(Q(date_end__isnull=True) | Q(date_end__gte=low))
        for years in RANGES:
            if years is DATE:
                continue
            low, high = request.years(years)
            if low is not None or high is not None:
                queryset = queryset.filter(case__live=True)
            if low is not None:
                queryset = queryset.filter(**{f"{years.path}__year__gte": low})
            if high is not None:
                queryset = queryset.filter(**{f"{years.path}__year__lte": high})
        if request.text.strip():
            exact = request.text.strip().upper()
            queryset = _with_text(
                queryset, request.text, request.language, scored,
                boost=(CATALOG_NUMBER_BOOST, [exact]),
            )  # fmt: skip
        return queryset

    def _facets_and_total(self, base: QuerySet, facet_q: dict, period_codes, with_facets):
        """Every facet's counts (each honouring the other facets' filters) and the total, in
        one statement: the matching rows — ids and each single-valued facet's column, no
        vocabulary joined — are computed once as a materialized CTE, then each facet groups
        them, joining its small vocabulary (or its link table, for several terms a piece)."""
        columns = {}
        for facet in FACETS:
            if facet.multi:
                continue
            column = F(facet.path)
            columns[facet.name] = (
                Case(When(Q(case__live=True), then=column)) if facet.via_case else column
            )
        flags = {
            f"f_{name}": ExpressionWrapper(q, output_field=BooleanField())
            for name, q in facet_q.items()
        }
        rows = base.order_by().annotate(
            row_id=F("pk"),
            **{f"c_{name}": expression for name, expression in columns.items()},
            **flags,
        )
        fields = ["row_id", *[f"c_{name}" for name in columns], *flags]
        cte_sql, cte_params = rows.values(*fields).query.sql_with_params()

        def where(excluding: str | None) -> str:
            conditions = [f"base.f_{name}" for name in facet_q if name != excluding]
            return " AND ".join(conditions) or "1 = 1"

        parts = [f"SELECT '_total', NULL, COUNT(*) FROM base WHERE {where(None)}"]
        for facet in FACETS if with_facets else ():
            name = facet.name
            if facet.multi:
                relation = Piece._meta.get_field(facet.path)
                through = relation.remote_field.through
                term = through._meta.get_field(relation.m2m_reverse_field_name())
                piece = through._meta.get_field(relation.m2m_field_name())
                parts.append(
                    f"SELECT '{name}', v.code, COUNT(DISTINCT base.row_id) FROM base "
                    f"JOIN {through._meta.db_table} link ON link.{piece.column} = base.row_id "
                    f"JOIN {facet.vocabulary._meta.db_table} v ON v.id = link.{term.column} "
                    f"WHERE {where(name)} GROUP BY v.code"
                )
            elif facet.choices:
                parts.append(
                    f"SELECT '{name}', base.c_{name}, COUNT(*) FROM base "
                    f"WHERE base.c_{name} IS NOT NULL AND base.c_{name} <> '' "
                    f"AND {where(name)} GROUP BY base.c_{name}"
                )
            elif facet.hierarchical:
                # grouped by id: codes and broader terms are added up below
                parts.append(
                    f"SELECT '{name}', CAST(base.c_{name} AS TEXT), COUNT(*) FROM base "
                    f"WHERE base.c_{name} IS NOT NULL AND {where(name)} GROUP BY base.c_{name}"
                )
            else:
                parts.append(
                    f"SELECT '{name}', v.code, COUNT(*) FROM base "
                    f"JOIN {facet.vocabulary._meta.db_table} v ON v.id = base.c_{name} "
                    f"WHERE {where(name)} GROUP BY v.code"
                )
        sql = f"WITH base AS MATERIALIZED ({cte_sql}) " + " UNION ALL ".join(parts)
        counts = defaultdict(dict)
        with connection.cursor() as cursor:
            cursor.execute(sql, cte_params)
            for name, code, count in cursor.fetchall():
                counts[name][code] = count
        total = counts.pop("_total", {}).get(None, 0)
        for facet in FACETS:
            if facet.hierarchical and facet.name in counts:
                below, codes_by_id = period_codes
                by_code = {codes_by_id[int(pk)]: n for pk, n in counts[facet.name].items()}
                counts[facet.name] = {
                    ancestor: sum(by_code.get(code, 0) for code in codes)
                    for ancestor, codes in below.items()
                    if any(code in by_code for code in codes)
                }
        facets = {
            facet.name: sorted(
                counts.get(facet.name, {}).items(), key=lambda pair: (-pair[1], pair[0])
            )[:FACET_SIZE]
            for facet in (FACETS if with_facets else ())
        }
        return facets, total

    def search(self, request: CatalogQuery) -> CatalogResult:
        offset = 0
        if request.cursor:
            (offset,) = decode_cursor(request.cursor, CURSOR_TAG, 2)
            if not isinstance(offset, int) or isinstance(offset, bool) or offset > 10**9:
                raise InvalidQuery("cursor", CURSOR_ERROR)
            offset = max(0, offset)
        periods = routes.remember("catalog-periods", (), self._periods)
        facet_q = {
            name: self._facet_q(FACET_BY_NAME[name], values, periods[0])
            for name, values in request.active.items()
        }
        # The counts of a filter set (the catalog's first page above all) are asked again and
        # again: kept per site version, which moves whenever the public catalog changes.
        facets, total = routes.remember(
            "catalog-counts",
            (
                request.text.strip(),
                request.language,
                tuple(
                    sorted((name, tuple(sorted(values))) for name, values in request.active.items())
                ),
                tuple(request.years(years) for years in RANGES),
                request.with_facets,
            ),
            lambda: self._facets_and_total(
                self._base(request, scored=False), facet_q, periods, request.with_facets
            ),
        )
        # a text of only punctuation, symbols or emoji has no words: it finds nothing, unscored
        words = bool(terms(request.text, request.language))
        matching = self._base(request, scored=words)
        matching = matching.filter(*facet_q.values())
        if request.sort == "date":
            order = [F("date_start").asc(nulls_last=True), "catalog_number"]
        elif request.sort == "-date":
            order = [F("date_end").desc(nulls_last=True), "catalog_number"]
        elif request.sort == "catalog_number":
            order = ["catalog_number"]
        elif words:
            order = ["-search_score", "catalog_number"]
        else:
            order = ["catalog_number"]
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
        rows = list(
            matching.order_by(*order).values(*fields)[offset : offset + request.page_size + 1]
        )
        more = len(rows) > request.page_size
        rows = rows[: request.page_size]
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
            next_cursor=encode_cursor([CURSOR_TAG, offset + len(rows)]) if more else None,
        )

    def suggest(self, text: str, language: str, limit: int) -> list[int]:
        """Ids of public pieces whose titles or catalog numbers start with the words typed."""
        queryset = _prefix_match(Piece.objects.filter(piece_public_q()), text, language)
        # Unordered on purpose: "the first 8 by catalog number" would make PostgreSQL walk the
        # catalog-number index through every piece when only a few match.
        found = queryset.order_by().values_list("pk", "catalog_number")[:limit]
        return [pk for pk, _number in sorted(found, key=lambda row: row[1])]
