"""What the programs keep in the cache: the listing's ranking, upcoming occurrences and the
calendar feeds — costly with thousands of sessions (every recurrence expanded, every event
written), and changed only when programs or venues are (culture.signals says when). Rankings
also expire after RANKING_SECONDS, as the "next session" moves with the clock."""

import time

from core import pagecache
from core.cache import VersionedCache

RANKING_SECONDS = 60
FEED_SECONDS = 600
KEPT_IN_PROCESS = 200  # rankings a process keeps beside the cache

programs = VersionedCache("culture:programs")
remember = programs.remember
_kept: dict[str, tuple[float, object]] = {}


def remember_in_process(kind: str, parts: tuple, seconds: int, compute):
    """As `remember`, and kept in this process too, under the same versioned key: a ranking of
    500 programs costs more to unpickle from the cache (about 5 ms) than the rest of a listing's
    work in process. The value is shared by the requests that read it: immutable values only
    (tuples, frozen dataclasses)."""
    name = programs.key(kind, *parts)
    now = time.monotonic()
    found = _kept.get(name)
    if found is not None and found[0] > now:
        return found[1]
    value = remember(kind, parts, seconds, compute)
    if len(_kept) >= KEPT_IN_PROCESS:
        _kept.clear()  # the entries of older versions and clocks: start afresh
    _kept[name] = (now + seconds, value)
    return value


def changed() -> None:
    programs.changed()
    pagecache.changed()  # pages showing programs (a piece's "shown in" list among them)
