"""What the programs keep in the cache: the listing's ranking and the calendar feeds.

Both are costly with thousands of sessions (every recurrence expanded; every event written) and
both change only when programs or venues do. Entries are keyed by a version that publishing,
unpublishing or deleting a program, or changing a venue, replaces (once the change commits), and
they also expire: a ranking after RANKING_SECONDS (the "next session" moves with the clock), a
feed after FEED_SECONDS.
"""

import hashlib
import json
import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "culture:programs-version"
RANKING_SECONDS = 60
FEED_SECONDS = 600


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, str(time.time_ns()), timeout=None)
        current = cache.get(VERSION_KEY)
    return current


def changed() -> None:
    """Programs or venues changed: every cached ranking and feed is stale once this commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, str(time.time_ns()), timeout=None))


def key(kind: str, *parts) -> str:
    digest = hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()
    return f"culture:{kind}:{version()}:{digest[:40]}"


def remember(kind: str, parts: tuple, seconds: int, compute):
    """The cached value for (kind, parts), computed and stored when missing."""
    name = key(kind, *parts)
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, timeout=seconds)
    return value
