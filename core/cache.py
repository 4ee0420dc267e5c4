"""Cached answers that are costly to compute and change only when their records do.

A VersionedCache keys every entry with a version of its namespace; a change to the records
replaces the version (at once, and again when the change commits), so every entry of the
namespace goes stale together without being listed or deleted. Entries also expire after their
own lifetime.

A request reads each namespace's version once (`begin_request`, called by
core.middleware.CachedSiteMiddleware): its entries then all show one state of the records, and a
page that reads thirty entries asks the cache for one version, not thirty. A change the request
makes itself moves its own copy too.
"""

import contextvars
import hashlib
import json
import time

from django.core.cache import cache
from django.core.cache.backends import redis as django_redis
from django.db import transaction

# namespace → version, for the request being answered (None outside a request)
_request_versions: contextvars.ContextVar = contextvars.ContextVar("cache_versions", default=None)


def begin_request() -> contextvars.Token:
    """From here to `end_request`, each namespace's version is read once (one request)."""
    return _request_versions.set({})


def end_request(token: contextvars.Token) -> None:
    _request_versions.reset(token)


class VersionedCache:
    def __init__(self, namespace: str):
        self.namespace = namespace
        self.version_key = f"{namespace}:version"

    def version(self) -> str:
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
        """The records changed: entries are stale now (for this transaction's own reads) and
        again once the change commits (a reader that cached the old state in between)."""
        self._bump()
        transaction.on_commit(self._bump)

    def key(self, kind: str, *parts) -> str:
        text = json.dumps(parts, default=str, sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:40]
        return f"{self.namespace}:{kind}:{self.version()}:{digest}"

    def remember(self, kind: str, parts: tuple, seconds: int, compute):
        """The cached value for (kind, parts), computed and stored when missing."""
        name = self.key(kind, *parts)
        value = cache.get(name)
        if value is None:
            value = compute()
            cache.set(name, value, timeout=seconds)
        return value

    def remember_many(self, kind: str, keys: list[tuple], seconds: int, compute) -> dict:
        """The cached values for (kind, key) of each of `keys`; the missing ones computed
        together by `compute(missing keys)` → {key: value} and stored. No keys, no round trip
        (redis-py would send an MGET without keys, for Redis to refuse)."""
        if not keys:
            return {}
        names = {key: self.key(kind, *key) for key in keys}
        found = cache.get_many(list(names.values()))
        values = {key: found[name] for key, name in names.items() if name in found}
        missing = [key for key in keys if key not in values]
        if missing:
            computed = compute(missing)
            cache.set_many({names[key]: value for key, value in computed.items()}, timeout=seconds)
            values.update(computed)
        return values


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
