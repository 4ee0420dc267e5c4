"""Events the catalog announces; other apps (search) subscribe, the catalog knows none of them.

Wagtail's own `published` and `unpublished` signals cover publishing; these cover what changes a
record's public visibility without publishing: restriction, case moves, and bulk deletions.
"""

from django.dispatch import Signal

# sender: the model class; instances: list of the model's instances (already saved)
visibility_changed = Signal()
