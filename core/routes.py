"""The site of a host and each page's children, kept between requests: what Wagtail otherwise
looks up with a query per level of every URL.

With a cache every process shares (SHARED_CACHE, Redis) they live there, under core.pagecache's
version. Otherwise each process keeps its own copy, checked once per request against the site
version in the database (core.models.SiteVersion: one indexed read instead of Wagtail's site
lookup and routing queries), which every change to a record a visitor sees moves when it
commits (core.pagecache.changed). A request whose own transaction holds such a change not yet
committed reads the database directly: it never keeps, nor serves, what it is changing.
"""

import contextvars
import logging
import pickle
import secrets

from django.conf import settings
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)
_request_version: contextvars.ContextVar = contextvars.ContextVar("site_version", default=None)
MAX_BYTES = 32 * 1024 * 1024  # what one process keeps, at most (the oldest entries leave first)


class _Kept:
    """One process's kept values for one site version, in the order they were kept, with
    their size (pickled) so that the process's memory stays bounded whatever is visited."""

    def __init__(self, version=None):
        self.version = version
        self.values: dict = {}
        self.size = 0

    def __contains__(self, key) -> bool:
        return key in self.values

    def get(self, key):
        return self.values[key][0]

    def keep(self, key, value, size: int) -> None:
        if key in self.values:
            self.size -= self.values.pop(key)[1]
        self.values[key] = (value, size)
        self.size += size
        if self.size > MAX_BYTES:  # the oldest leave until a quarter of the room is free
            for old in list(self.values):
                if self.size <= MAX_BYTES * 3 // 4:
                    break
                self.size -= self.values.pop(old)[1]

    def clear(self) -> None:
        self.values.clear()
        self.size = 0


_store = _Kept()


def _bump() -> None:
    from core.models import SiteVersion

    try:
        with transaction.atomic():  # a savepoint: a failure leaves the caller's work intact
            # a new random value, not a count: a database restored or rebuilt never brings
            # back a value some process still keeps
            value = secrets.randbits(62)
            if not SiteVersion.objects.filter(pk=1).update(value=value):
                SiteVersion.objects.get_or_create(pk=1, defaults={"value": value})
    except DatabaseError as error:
        # (migrations write records before the counter's table exists.) Without a counter that
        # moves nothing may be kept: this process forgets what it kept; requests read no
        # version while the table cannot be read, so they keep nothing either.
        logger.warning("site version not moved: %s", error)
        _store.clear()


def _pending(connection) -> bool:
    return any(func is _bump for _sids, func, _robust in connection.run_on_commit)


def changed() -> None:
    """A record a visitor sees changed: the site version moves when the change commits (with
    Redis too, so that processes without it never keep a route past a change)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump()
    elif not _pending(connection):
        transaction.on_commit(_bump)


def begin_request():
    """The site version for this request's reads (nothing kept when it cannot be read)."""
    if settings.SHARED_CACHE:
        return None
    from core.models import SiteVersion

    try:
        value = SiteVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    except DatabaseError:
        value = None  # the view meets the outage and answers for it
    return _request_version.set(value)


def end_request(token) -> None:
    if token is not None:
        _request_version.reset(token)


def _kept_store():
    """This process's store for the request's site version, or None when nothing may be kept
    (outside a request, or while a change is uncommitted)."""
    global _store
    version = _request_version.get()
    if version is None or _pending(transaction.get_connection()):
        return None
    if version != _store.version:
        # every entry is computed after its request read the version, so it shows that state
        # or a newer one: a request that read an older version only costs a fresh start
        _store = _Kept(version)
    return _store


def remember(kind: str, parts: tuple, compute, *, immutable: bool = False):
    """The value for (kind, parts): from the shared cache, from this process's copy of the
    current site version, or computed (outside a request, or while a change is uncommitted).
    `immutable`: its readers never change the value (tuples of plain values), so this process
    keeps the value itself and every request reads it without a copy (unpickling thousands of
    rows would cost more than the rest of the request)."""
    if settings.SHARED_CACHE:
        from core import pagecache

        return pagecache.pages.remember(kind, parts, 600, compute)
    store = _kept_store()
    if store is None:
        return compute()
    key = (kind, parts)
    if key in store:
        kept = store.get(key)
    else:
        value = compute()
        pickled = pickle.dumps(value)
        kept = value if immutable else pickled
        store.keep(key, kept, len(pickled))
    if immutable:
        return kept
    # each request gets its own copy, as from a shared cache: nothing one request sets on a
    # page reaches another
    return pickle.loads(kept)  # noqa: S301 - our own objects, from this process


def remember_many(kind: str, keys: list[tuple], compute) -> dict:
    """The values for (kind, key) of each of `keys`, kept as `remember` keeps one: those not
    kept yet are computed together, `compute(missing keys)` → {key: value} (one query for
    them all, not one each), and kept one by one. A key `compute` leaves out is left out."""
    if settings.SHARED_CACHE:
        from core import pagecache

        return pagecache.pages.remember_many(kind, keys, 600, compute)
    store = _kept_store()
    if store is None:
        return compute(list(keys))
    # read before keeping the missing ones: what is kept now may move the oldest out
    found = {key: store.get((kind, key)) for key in keys if (kind, key) in store}
    missing = [key for key in keys if key not in found]
    if missing:
        for key, value in compute(missing).items():
            found[key] = pickle.dumps(value)
            store.keep((kind, key), found[key], len(found[key]))
    return {
        key: pickle.loads(found[key])  # noqa: S301 - our own objects, from this process
        for key in keys
        if key in found
    }
