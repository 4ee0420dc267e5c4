"""The site of a host and each page's children, kept between requests: what Wagtail otherwise
looks up with a query per level of every URL; and the site version that every change to a record
a visitor sees moves when it commits.

They are kept by core.cache under core.pagecache's namespace: with a cache every process shares
(SHARED_CACHE, Redis) under its version there; otherwise in each process under the site version
in the database (core.models.SiteVersion: one indexed read per request instead of Wagtail's site
lookup and routing queries). A request whose own transaction holds such a change not yet
committed reads the database directly: it never keeps, nor serves, what it is changing.
"""

import contextvars
import logging
import secrets

from django.conf import settings
from django.db import DatabaseError, transaction

from core import cache

logger = logging.getLogger(__name__)
KEPT_SECONDS = 600  # and until a record changes
_request_version: contextvars.ContextVar = contextvars.ContextVar("site_version", default=None)


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
        cache.forget()


def changed() -> None:
    """A record a visitor sees changed: the site version moves when the change commits (at once
    outside a transaction; with Redis too, so that processes without it never keep a route past
    a change)."""
    if not cache.commit_pending(_bump):
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


def site_version():
    """The site version this request read, or None when nothing may be kept (outside a
    request, or while its own change is uncommitted)."""
    version = _request_version.get()
    if version is None or cache.commit_pending(_bump):
        return None
    return version


def remember(kind: str, parts: tuple, compute, *, immutable: bool = False):
    """The value for (kind, parts), kept until a record changes (core.cache: `immutable`
    values are shared by the requests that read them, the others copied)."""
    from core import pagecache

    return pagecache.pages.remember(kind, parts, KEPT_SECONDS, compute, immutable=immutable)


def remember_many(kind: str, keys: list[tuple], compute, *, immutable: bool = False) -> dict:
    """The values for (kind, key) of each of `keys`, kept as `remember` keeps one: those not
    kept yet are computed together, `compute(missing keys)` → {key: value}."""
    from core import pagecache

    return pagecache.pages.remember_many(kind, keys, KEPT_SECONDS, compute, immutable=immutable)


def prefetch(entries: list[tuple[str, tuple]], *, immutable: bool = False) -> None:
    """Reads the (kind, parts) entries not kept in this process yet in one round trip to the
    shared cache (core.cache.VersionedCache.prefetch), for the `remember` calls that follow."""
    from core import pagecache

    pagecache.pages.prefetch(entries, immutable=immutable)
