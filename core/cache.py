"""Cached answers that are costly to compute and change only when their records do.

A VersionedCache keys every entry with a version of its namespace; a change to the records
replaces the version (at once, and again when the change commits), so every entry of the
namespace goes stale together without being listed or deleted. Entries also expire after their
own lifetime.
"""

import hashlib
import json
import time

from django.core.cache import cache
from django.db import transaction


class VersionedCache:
    def __init__(self, namespace: str):
        self.namespace = namespace
        self.version_key = f"{namespace}:version"

    def version(self) -> str:
        current = cache.get(self.version_key)
        if current is None:
            cache.add(self.version_key, str(time.time_ns()), timeout=None)
            current = cache.get(self.version_key)
        return current

    def _bump(self) -> None:
        cache.set(self.version_key, str(time.time_ns()), timeout=None)

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
        together by `compute(missing keys)` → {key: value} and stored."""
        names = {key: self.key(kind, *key) for key in keys}
        found = cache.get_many(list(names.values()))
        values = {key: found[name] for key, name in names.items() if name in found}
        missing = [key for key in keys if key not in values]
        if missing:
            computed = compute(missing)
            cache.set_many({names[key]: value for key, value in computed.items()}, timeout=seconds)
            values.update(computed)
        return values
