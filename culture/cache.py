"""What the programs keep in the cache: the listing's ranking, upcoming occurrences and the
calendar feeds — costly with thousands of sessions (every recurrence expanded, every event
written), and changed only when programs or venues are (culture.signals says when). Rankings
also expire after RANKING_SECONDS, as the "next session" moves with the clock."""

from core import pagecache
from core.cache import VersionedCache

RANKING_SECONDS = 60
FEED_SECONDS = 600

programs = VersionedCache("culture:programs")
remember = programs.remember


def changed() -> None:
    programs.changed()
    pagecache.changed()  # pages showing programs (a piece's "shown in" list among them)
