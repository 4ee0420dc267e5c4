"""What the stories keep in the cache: which pieces, cultures and programs any story links to,
so that piece and program pages without stories (most of them) ask the database nothing more.
Changed when a story is saved or deleted (stories.signals)."""

from core.cache import VersionedCache

LINKS_SECONDS = 600

links = VersionedCache("stories:links")
