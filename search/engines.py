"""Search engines behind one interface: OpenSearch, Elasticsearch 8, or the database.

Every body sent (index definition, bulk actions, queries) is built by elasticsearch-dsl; the
thin clients below only carry them to the server. The engine is chosen from settings on each
call (ELASTICSEARCH_URL, OPENSEARCH_URL, else the database), so tests can point at a live node.
The client of a server is made once per process and URL: it holds the pool of kept-alive
connections, which a client per call would open anew for every search.
"""

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace

from django.conf import settings

from search.database import DatabaseEngine

logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """The search server cannot be reached or refused the request."""


class OpenSearchClient:
    def __init__(self, url: str):
        from opensearchpy import OpenSearch
        from opensearchpy import exceptions as errors

        self.client = OpenSearch(url, timeout=10, max_retries=1, retry_on_timeout=False)
        self.not_found = errors.NotFoundError
        self.unavailable = (errors.ConnectionError, errors.TransportError)

    def create_index(self, name: str, body: dict) -> None:
        self.client.indices.create(index=name, body=body)

    def ping(self) -> bool:
        return self.client.ping(request_timeout=2)

    def delete_index(self, name: str) -> None:
        self.client.indices.delete(index=name, ignore=[404])

    def alias_targets(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias))
        except self.not_found:
            return []

    def update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(body={"actions": actions})

    def bulk(self, actions: Iterable[dict], **options) -> tuple[int, list]:
        from opensearchpy import helpers

        return helpers.bulk(self.client, actions, chunk_size=1000, raise_on_error=False, **options)

    def refresh(self, name: str) -> None:
        self.client.indices.refresh(index=name)

    def count(self, name: str) -> int:
        return self.client.count(index=name)["count"]

    def search(self, name: str, body: dict) -> dict:
        return self.client.search(index=name, body=body)

    def ids(self, name: str) -> set[int]:
        from opensearchpy import helpers

        return {
            int(hit["_id"])
            for hit in helpers.scan(self.client, index=name, query={"_source": False})
        }

    def indices(self, pattern: str) -> list[str]:
        try:
            return sorted(self.client.indices.get(index=pattern))
        except self.not_found:
            return []


class ElasticsearchClient(OpenSearchClient):
    def __init__(self, url: str):
        import elastic_transport
        from elasticsearch import Elasticsearch, NotFoundError

        self.client = Elasticsearch(url, request_timeout=10, max_retries=1)
        self.not_found = NotFoundError
        self.unavailable = (elastic_transport.TransportError, ConnectionError)

    def create_index(self, name: str, body: dict) -> None:
        self.client.indices.create(index=name, body=body)

    def ping(self) -> bool:
        return self.client.options(request_timeout=2).ping()

    def delete_index(self, name: str) -> None:
        self.client.options(ignore_status=404).indices.delete(index=name)

    def update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(actions=actions)

    def bulk(self, actions: Iterable[dict], **options) -> tuple[int, list]:
        from elasticsearch import helpers

        return helpers.bulk(self.client, actions, chunk_size=1000, raise_on_error=False, **options)

    def search(self, name: str, body: dict) -> dict:
        # body=, not **body: the client has no `_source` keyword (it calls it `source`)
        return self.client.search(index=name, body=body).body

    def ids(self, name: str) -> set[int]:
        from elasticsearch import helpers

        return {
            int(hit["_id"])
            for hit in helpers.scan(self.client, index=name, query={"_source": False})
        }


def _actions(kind, records, index: str):
    """elasticsearch-dsl builds each bulk action: {"_index", "_id", "_source"}."""
    for record in records:
        action = kind.document(record).to_dict(include_meta=True)
        action["_index"] = index
        yield action


class DocumentEngine:
    """An engine with its own index per kind: a versioned index behind `<prefix>-<kind>s`."""

    def __init__(self, client: OpenSearchClient, prefix: str, kind: str = "piece"):
        from search.kinds import KINDS

        self.client = client
        self.kind = KINDS[kind]
        self.alias = f"{prefix}-{self.kind.plural}"

    def _call(self, operation: Callable, *args, **options):
        try:
            return operation(*args, **options)
        except self.client.unavailable as error:
            raise SearchUnavailable(str(error)) from error

    def _bulk(self, actions: Iterable[dict], **options) -> int:
        """Send bulk actions; a delete of a document that is not there is not an error."""
        done, errors = self._call(self.client.bulk, actions, **options)
        failures = [
            error for error in errors if next(iter(error.values()), {}).get("status") != 404
        ]
        if failures:
            raise SearchUnavailable(f"{len(failures)} bulk actions failed: {failures[:3]}")
        return done

    def _new_index(self) -> str:
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self._call(self.client.create_index, name, self.kind.index(name).to_dict())
        return name

    def _search(self, body: dict) -> dict:
        """One search request; on a fresh install, where the alias has no index yet, an empty
        index is made first (checked only then, not before every search)."""
        not_found = self.client.not_found
        try:
            return self._call(self.client.search, self.alias, body)
        except (SearchUnavailable, not_found) as error:
            if not isinstance(error, not_found) and not isinstance(error.__cause__, not_found):
                raise
        self.ensure_index()
        return self._call(self.client.search, self.alias, body)

    def ensure_index(self) -> None:
        """An empty index behind the alias, if there is none yet."""
        if not self._call(self.client.alias_targets, self.alias):
            name = self._new_index()
            self._call(self.client.update_aliases, [{"add": {"index": name, "alias": self.alias}}])

    def sync(self, ids: list[int]) -> dict:
        """Index the public records among `ids`; remove the others from the index."""
        self.ensure_index()
        public = list(self.kind.public().filter(pk__in=ids))
        gone = sorted(set(ids) - {record.pk for record in public})
        # Searchable when this returns (refresh): the sync task then moves the pages' version
        # (search.tasks), and what is computed and kept after it, counts included, reads the
        # new documents, not the last scheduled refresh's. One refresh per task (up to 1,000
        # records, search.signals), not per record; `wait_for` would hold each task up to the
        # next scheduled refresh (1 s) instead.
        actions = [
            *_actions(self.kind, public, self.alias),
            *({"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in gone),
        ]
        self._bulk(actions, refresh=True)  # every failure but a missing delete raises
        return {"indexed": len(public), "removed": len(gone)}

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> dict:
        """Fill a new index, then move the alias to it in one atomic step and drop the old."""
        started = time.perf_counter()
        name = self._new_index()
        queryset = self.kind.public()
        total = queryset.count()
        done = 0

        def actions():
            nonlocal done
            for record in queryset.iterator(chunk_size=2000):
                yield from _actions(self.kind, [record], name)
                done += 1
                if progress and (done % 1000 == 0 or done == total):
                    progress(done, total)

        try:
            self._bulk(actions())
            self._call(self.client.refresh, name)
        except Exception:
            self.client.delete_index(name)
            raise
        old = self._call(self.client.alias_targets, self.alias)
        self._call(
            self.client.update_aliases,
            [{"remove": {"index": index, "alias": self.alias}} for index in old]
            + [{"add": {"index": name, "alias": self.alias}}],
        )
        for index in old:
            self._call(self.client.delete_index, index)
        return {
            "index": name,
            "documents": total,
            "seconds": round(time.perf_counter() - started, 2),
        }

    def refresh(self) -> None:
        self._call(self.client.refresh, self.alias)

    def search(self, request, counted=None):
        """Answer the search contract (search.query) from the index; with `counted` (the
        facets and total of the same filter set, kept by search.service), the page alone."""
        from search.query import build_search, parse_response

        if counted is None:
            body = build_search(request, self.alias).to_dict()
            return parse_response(self._search(body), request)
        page = replace(request, with_facets=False)
        body = build_search(page, self.alias, total=False).to_dict()
        facets, total = counted
        return replace(parse_response(self._search(body), page), facets=facets, total=total)

    def search_content(self, text: str, language: str, limit: int):
        """Cases or pages matching the words: (total, [(id, highlights)])."""
        from search.query import build_content_search

        body = build_content_search(text, language, self.alias, limit).to_dict()
        response = self._search(body)
        return response["hits"]["total"]["value"], [
            (int(hit["_id"]), hit.get("highlight", {})) for hit in response["hits"]["hits"]
        ]

    def suggest(self, text: str, language: str, limit: int) -> list[int]:
        from search.query import build_suggest

        body = build_suggest(text, language, self.alias, limit).to_dict()
        response = self._search(body)
        return [int(hit["_id"]) for hit in response["hits"]["hits"]]

    def count(self) -> int:
        if not self._call(self.client.alias_targets, self.alias):
            return 0
        self.refresh()  # count what was just written too
        return self._call(self.client.count, self.alias)

    def indexed_ids(self) -> set[int]:
        if not self._call(self.client.alias_targets, self.alias):
            return set()
        self.refresh()
        return self._call(self.client.ids, self.alias)

    def ping(self) -> None:
        """Raises SearchUnavailable unless the server answers within 2 seconds."""
        if not self._call(self.client.ping):
            raise SearchUnavailable("no answer")

    def drop(self) -> None:
        """Remove every index of this prefix (tests and resets)."""
        for index in self._call(self.client.indices, f"{self.alias}-*"):
            self._call(self.client.delete_index, index)


_clients: dict[tuple, OpenSearchClient] = {}
_clients_lock = threading.Lock()


def shared_client(kind: type[OpenSearchClient], url: str) -> OpenSearchClient:
    """This process's client of the server at `url`. Clients are safe to share between
    threads; a forked worker makes its own (a pool's sockets must not cross processes)."""
    key = (kind, url, os.getpid())
    client = _clients.get(key)
    if client is None:
        with _clients_lock:
            client = _clients.get(key) or _clients.setdefault(key, kind(url))
    return client


def get_engine(kind: str = "piece"):
    prefix = settings.SEARCH_INDEX_PREFIX
    if settings.ELASTICSEARCH_URL:
        client = shared_client(ElasticsearchClient, settings.ELASTICSEARCH_URL)
        return DocumentEngine(client, prefix, kind)
    if settings.OPENSEARCH_URL:
        return DocumentEngine(
            shared_client(OpenSearchClient, settings.OPENSEARCH_URL), prefix, kind
        )
    return DatabaseEngine(kind)


def maintained_engines(kind: str = "piece") -> list:
    """Every engine whose data must follow the records: the database's text table always (it
    answers when the search server is down), then the search server's index if there is one."""
    engine = get_engine(kind)
    return [engine] if isinstance(engine, DatabaseEngine) else [DatabaseEngine(kind), engine]


def engine_label(engine) -> str:
    return engine.alias or "database"
