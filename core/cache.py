"""Cached answers that are costly to compute and change only when their records do.

A VersionedCache keys every entry with a version of its namespace; a change to the records
replaces the version (at once, and again when the change commits), so every entry of the
namespace goes stale together without being listed or deleted. Entries also expire after their
own lifetime.

With a cache every process shares (SHARED_CACHE, Redis), each namespace's version lives there.
A request reads the versions of every namespace together, in one round trip (`begin_request`,
called through core.ratelimit.start by core.middleware.CachedSiteMiddleware, which counts the
request's rate limits in the same round trip): its entries then all show one state of the
records. An entry read from Redis is kept in the process too, under the same versioned key, so a
warm page asks Redis for its versions and nothing else; a change made anywhere moves the
version, and no process reads the old key again.

Without one, each process keeps its entries under the site version in the database
(core.routes: every change to a record a visitor sees moves it when it commits), so a change
made in one worker is seen by all; nothing is kept outside a request, nor while the request's
own change is uncommitted. Either way one process keeps at most MAX_BYTES (pickled), the oldest
entries leaving first.
"""

import contextvars
import hashlib
import json
import pickle
import threading
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends import redis as django_redis
from django.db import transaction

MAX_BYTES = 32 * 1024 * 1024  # what one process keeps, at most (the oldest entries leave first)

# namespace → version, for the request being answered (None outside a request)
_request_versions: contextvars.ContextVar = contextvars.ContextVar("cache_versions", default=None)
# every namespace, by name: a request reads all their versions at once
_namespaces: dict[str, str] = {}


def begin_request(counters: Sequence[tuple[str, int]] = ()) -> tuple[contextvars.Token, list]:
    """From here to `end_request`, each namespace's version is read once (one request), all of
    them in one round trip to the shared cache; `counters` ((key, seconds) pairs: the rate
    limits' windows, core.ratelimit) each count one more in that same round trip, and their
    new values are returned in order (`count` for each)."""
    kept, counted = {}, []
    backend = getattr(cache, "_cache", None)
    if settings.SHARED_CACHE and isinstance(backend, RedisCacheClient):
        names = {cache.make_and_validate_key(key): name for name, key in _namespaces.items()}
        pipeline = backend.get_client(write=True).pipeline()  # MULTI … EXEC, sent at once
        if names:  # (Redis refuses an MGET without keys)
            pipeline.mget(list(names))
        for key, seconds in counters:
            _count_in(pipeline, cache.make_and_validate_key(key), seconds)
        answers = pipeline.execute() if names or counters else []
        if names:
            found = answers.pop(0)
            pairs = zip(names, found, strict=True)
            kept = {names[name]: backend._serializer.loads(value)
                    for name, value in pairs if value is not None}  # fmt: skip
        counted = answers[::2]  # each counter's INCR, then its EXPIRE
    else:
        if settings.SHARED_CACHE and _namespaces:
            found = cache.get_many(list(_namespaces.values()))
            kept = {name: found[key] for name, key in _namespaces.items() if key in found}
        counted = [count(key, seconds) for key, seconds in counters]
    return _request_versions.set(kept), counted


def end_request(token: contextvars.Token) -> None:
    _request_versions.reset(token)


class _Kept:
    """One process's kept entries, in the order they were kept, each with its size (pickled)
    and deadline, so that the process's memory stays bounded whatever is visited. An entry's
    key holds its namespace's version; a namespace seen at a new version drops its older
    entries at once. Changes hold a lock (a threaded server's requests share the store)."""

    def __init__(self):
        self.values: dict = {}  # key → (value, size, deadline)
        self.size = 0
        self.versions: dict[str, str] = {}  # namespace → the version its entries belong to
        self.lock = threading.Lock()

    def current(self, namespace: str, version) -> None:
        if self.versions.get(namespace) == version:
            return
        prefix = namespace + ":"
        with self.lock:
            for key in [key for key in self.values if key.startswith(prefix)]:
                self.size -= self.values.pop(key)[1]
            self.versions[namespace] = version

    def find(self, key):
        """The kept value, or None when missing or past its deadline."""
        found = self.values.get(key)
        if found is None or found[2] < time.monotonic():
            return None
        return found

    def keep(self, key, value, size: int, seconds: float) -> None:
        with self.lock:
            if key in self.values:
                self.size -= self.values.pop(key)[1]
            self.values[key] = (value, size, time.monotonic() + seconds)
            self.size += size
            if self.size > MAX_BYTES:  # the oldest leave until a quarter of the room is free
                for old in list(self.values):
                    if self.size <= MAX_BYTES * 3 // 4:
                        break
                    self.size -= self.values.pop(old)[1]

    def clear(self) -> None:
        with self.lock:
            self.values.clear()
            self.versions.clear()
            self.size = 0


_store = _Kept()
_LEFT_OUT = object()  # a key its computation left out


def _fresh(entry) -> bool:
    """An entry as this module writes it to the shared cache: (wall-clock deadline, value). One
    written by an older release under the same version is read as missing, and replaced."""
    return isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], float)


def commit_pending(callback) -> bool:
    """Whether this connection's transaction holds `callback` to run when it commits: a change
    it made that is not committed yet."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        func == callback for _ids, func, _robust in connection.run_on_commit
    )


def forget() -> None:
    """This process forgets what it keeps (when the site version cannot move: core.routes)."""
    _store.clear()


class VersionedCache:
    def __init__(self, namespace: str):
        self.namespace = namespace
        self.version_key = f"{namespace}:version"
        _namespaces[namespace] = self.version_key

    def version(self) -> str | None:
        """The namespace's version; None while this transaction holds a change to its records
        not yet committed, and, without a shared cache, outside a request: nothing is then kept
        nor served (what the transaction reads may never commit; no other process may see it).
        Without a shared cache, the version is the site version the request read."""
        if not settings.SHARED_CACHE:
            from core import routes

            return routes.site_version()
        if commit_pending(self._bump):
            return None
        kept = _request_versions.get()
        if kept is not None and self.namespace in kept:
            return kept[self.namespace]
        current = cache.get(self.version_key)
        if current is None:
            cache.add(self.version_key, str(time.time_ns()), timeout=None)
            current = cache.get(self.version_key)
        if kept is not None:
            kept[self.namespace] = current
        return current

    def _bump(self) -> None:
        value = str(time.time_ns())
        cache.set(self.version_key, value, timeout=None)
        kept = _request_versions.get()
        if kept is not None:
            kept[self.namespace] = value

    def changed(self) -> None:
        """The records changed: the version moves when the change commits (at once outside a
        transaction); until then this transaction keeps and serves nothing of the namespace,
        and the other processes keep the committed state's. A rolled-back change moves nothing.
        The site version moves too: the processes that keep entries without a shared cache."""
        from core import routes

        if settings.SHARED_CACHE and not commit_pending(self._bump):
            transaction.on_commit(self._bump)
        routes.changed()

    def _name(self, version, kind: str, parts) -> str:
        text = json.dumps(parts, default=str, sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:40]
        return f"{self.namespace}:{kind}:{version}:{digest}"

    def key(self, kind: str, *parts) -> str | None:
        """The entry's key in the shared cache; None while nothing may be kept (version())."""
        version = self.version()
        return None if version is None else self._name(version, kind, parts)

    def remember(self, kind: str, parts: tuple, seconds: int, compute, *,
                 immutable: bool = False):  # fmt: skip
        """The value for (kind, parts): kept in this process, else from the shared cache, else
        computed (and kept in both). `immutable`: its readers never change the value (tuples
        of plain values, frozen dataclasses; model instances each reader copies with
        copy.copy before using, as the site and the routes are), so the process keeps the
        value itself and every request reads it without unpickling it (thousands of rows, or
        a page's every field, would cost more than the rest of the request); otherwise each
        request gets its own copy, as from Redis."""
        found = self._find(kind, [parts], seconds, lambda _missing: [compute()], immutable)
        return found[0]

    def remember_many(self, kind: str, keys: list[tuple], seconds: int, compute, *,
                      immutable: bool = False) -> dict:  # fmt: skip
        """The values for (kind, key) of each of `keys`, kept as `remember` keeps one: those not
        kept yet are computed together, `compute(missing keys)` → {key: value} (one query for
        them all, not one each), and kept one by one. A key `compute` leaves out is left out.
        No keys, no round trip (redis-py would send an MGET without keys, for Redis to
        refuse)."""
        if not keys:
            return {}

        def computed(missing: list[int]) -> list:
            values = compute([keys[at] for at in missing])
            return [values.get(keys[at], _LEFT_OUT) for at in missing]

        found = self._find(kind, keys, seconds, computed, immutable)
        return {key: found[at] for at, key in enumerate(keys) if at in found}

    def prefetch(self, entries: list[tuple[str, tuple]], *, immutable: bool = False) -> None:
        """Reads the (kind, parts) entries this process does not keep yet from the shared
        cache, all in one round trip, and keeps them here: the `remember` calls that follow
        find them without a round trip each (one answer's cards and fragments cost one, not
        one per kind). `immutable` as for `remember`, which must ask for them the same way.
        Nothing without a shared cache, or while nothing may be kept."""
        if not settings.SHARED_CACHE or not entries:
            return
        version = self.version()
        if version is None:
            return
        _store.current(self.namespace, version)
        names = [self._name(version, kind, parts) for kind, parts in entries]
        missing = [name for name in names if _store.find(name) is None]
        if not missing:
            return
        for name, entry in cache.get_many(missing).items():
            if _fresh(entry):
                self._keep(name, entry[1], entry[0] - time.time(), immutable)

    def _find(self, kind: str, keys: list, seconds: int, compute, immutable: bool) -> dict:
        """{position of a key in `keys`: its value}; `compute(positions)` → their values, in
        order (_LEFT_OUT for a value it has not)."""
        version = self.version()
        if version is None:  # nothing may be kept
            values = compute(list(range(len(keys))))
            return {at: value for at, value in enumerate(values) if value is not _LEFT_OUT}
        _store.current(self.namespace, version)
        names = [self._name(version, kind, key) for key in keys]
        # read before keeping the missing ones: what is kept now may move the oldest out
        kept = {at: found[0] for at, name in enumerate(names) if (found := _store.find(name))}
        missing = [at for at in range(len(keys)) if at not in kept]
        if missing and settings.SHARED_CACHE:
            shared = cache.get_many([names[at] for at in missing])
            for at in missing:
                entry = shared.get(names[at])
                if _fresh(entry):
                    kept[at] = self._keep(names[at], entry[1], entry[0] - time.time(), immutable)
            missing = [at for at in missing if at not in kept]
        if missing:
            values = dict(zip(missing, compute(missing), strict=True))
            values = {at: value for at, value in values.items() if value is not _LEFT_OUT}
            if settings.SHARED_CACHE and values:
                deadline = time.time() + seconds
                cache.set_many({names[at]: (deadline, value) for at, value in values.items()},
                               timeout=seconds)  # fmt: skip
            for at, value in values.items():
                kept[at] = self._keep(names[at], value, seconds, immutable)
        if immutable:
            return kept
        # each request gets its own copy, as from a shared cache: nothing one request sets on a
        # value reaches another
        return {at: pickle.loads(value) for at, value in kept.items()}  # noqa: S301 - our own

    @staticmethod
    def _keep(name: str, value, seconds: float, immutable: bool):
        pickled = pickle.dumps(value)
        kept = value if immutable else pickled
        _store.keep(name, kept, len(pickled), seconds)
        return kept


def count(key: str, seconds: int) -> int:
    """Adds one to the count under `key` (made, 0, when missing, to expire after `seconds`) and
    returns it: one round trip to Redis (INCR, and an expiry set only on a new count)."""
    backend = getattr(cache, "_cache", None)  # (a dict for the in-memory cache)
    if isinstance(backend, RedisCacheClient):
        pipeline = backend.get_client(key, write=True).pipeline()
        _count_in(pipeline, cache.make_and_validate_key(key), seconds)
        return pipeline.execute()[0]
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def _count_in(pipeline, name: str, seconds: int) -> None:
    """A count's two commands (their answers: the new count, then whether an expiry was set)."""
    pipeline.incr(name)
    pipeline.expire(name, seconds, nx=True)


class RedisCacheClient(django_redis.RedisCacheClient):
    """Django's client builds a new redis-py client object for every command (Django 5.2,
    redis-py 8: about 0.5 ms of CPU each, building its table of reply callbacks); one per
    connection pool does the same work. A redis-py client over a pool is safe to share."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class RedisCache(django_redis.RedisCache):
    """Django's Redis cache with a client per connection pool (RedisCacheClient above)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
