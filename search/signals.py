"""search subscribes to the records' events; the catalog and the pages know nothing of search."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, published, unpublished

from heritage.catalog import FACETS
from heritage.models import Piece, RecoveryCase
from heritage.signals import record_changed
from search.kinds import PAGE_KINDS

BATCH = 1000
# The vocabularies of the catalog's facets (cases have events of their own): a piece's document
# carries their codes and its text their labels.
TERM_FACETS = {
    facet.vocabulary: facet
    for facet in FACETS
    if not facet.choices and facet.vocabulary is not RecoveryCase
}


class _Batch:
    """The records one transaction changed, by kind, until its commit: synced once, by the
    first of its commit hooks to run (the others find it done)."""

    def __init__(self, hooks: list):
        self.hooks = hooks  # Django's list of commit hooks when the batch began
        self.ids: dict[str, set[int]] = {}
        self.done = False

    def sync(self) -> None:
        from search.tasks import sync_records

        if self.done:
            return
        self.done = True
        for kind, ids in self.ids.items():
            ids = sorted(ids)
            for start in range(0, len(ids), BATCH):
                sync_records.enqueue(kind, ids[start : start + BATCH])


def _enqueue(kind: str, ids) -> None:
    """Sync these records after the commit, once per kind and transaction however many saves
    named them (publishing saves a record, its revision and its parent; the demo and the
    importer save thousands). Each call adds a hook of its own, so a commit captured in a test
    runs it too. Django replaces its list of hooks on a commit or a rollback (of a savepoint
    too): a new list begins a new batch, and a rolled-back batch's ids go with it (ids a
    surviving hook still holds may be synced once more, which changes nothing)."""
    connection = transaction.get_connection()
    batch = getattr(connection, "retorno_search_batch", None)
    if batch is None or batch.done or batch.hooks is not connection.run_on_commit:
        batch = connection.retorno_search_batch = _Batch(connection.run_on_commit)
    batch.ids.setdefault(kind, set()).update(ids)
    transaction.on_commit(batch.sync)  # outside a transaction: now


def on_record_changed(sender, ids, deleted=False, **kwargs) -> None:
    """A piece's or a case's public face changed (heritage.signals.record_changed); a case's
    pieces too while it exists (they carry its method, country and code)."""
    if sender is Piece:
        _enqueue("piece", ids)
    elif sender is RecoveryCase:
        _enqueue("case", ids)
        if not deleted:
            _enqueue("piece", Piece.objects.filter(case__in=ids).values_list("pk", flat=True))


def on_page_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        for kind in PAGE_KINDS:
            _enqueue(kind, [instance.pk])


def on_page_privacy_changed(sender, instance, **kwargs) -> None:
    """A view restriction added or lifted: the page and every page below it."""
    ids = list(
        Page.objects.descendant_of(instance.page, inclusive=True).values_list("pk", flat=True)
    )
    for kind in PAGE_KINDS:
        _enqueue(kind, ids)


def on_term_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A renamed term: reindex the public pieces that use it (a broader term: and those of its
    narrower terms)."""
    if created or raw:
        return
    path = TERM_FACETS[sender].path
    lookup = Q(**{path: instance})
    if TERM_FACETS[sender].hierarchical:
        lookup |= Q(**{f"{path}__parent": instance}) | Q(**{f"{path}__parent__parent": instance})
    ids = Piece.objects.filter(lookup, live=True).values_list("pk", flat=True).distinct()
    _enqueue("piece", list(ids))


def on_program_term_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A renamed program category, audience or language: reindex the programs that use it."""
    from culture.models import Audience, ProgramCategory, ProgramPage

    if created or raw:
        return
    field = {ProgramCategory: "category", Audience: "audiences"}.get(sender, "languages")
    ids = ProgramPage.objects.filter(**{field: instance}).values_list("pk", flat=True).distinct()
    _enqueue("program", list(ids))


def on_recording_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A recording's transcript edited: reindex the public stories that show it."""
    from stories.selectors import stories_showing

    if created or raw:
        return
    _enqueue("story", stories_showing(recording_id=instance.pk))


def on_service_saved(sender, instance, raw=False, **kwargs) -> None:
    """A service renamed or given synonyms: it, and the organizations and stops giving it."""
    from culture.models import OrganizationPage, RouteStop

    if raw:
        return
    _enqueue("service", [instance.pk])
    _enqueue("organization", OrganizationPage.objects.filter(services=instance)
             .values_list("pk", flat=True))  # fmt: skip
    _enqueue("stop", RouteStop.objects.filter(services=instance).values_list("pk", flat=True))


def on_venue_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A place renamed, moved or given another address: the organizations and the stops there
    (their texts carry its name, city, state and postal code), and the programs with sessions
    there (their cities)."""
    from culture.models import OrganizationPage, ProgramPage, RouteStop

    if created or raw:
        return  # nothing is there yet
    _enqueue("organization", OrganizationPage.objects.filter(venue=instance)
             .values_list("pk", flat=True))  # fmt: skip
    _enqueue("stop", RouteStop.objects.filter(venue=instance).values_list("pk", flat=True))
    _enqueue("program", ProgramPage.objects.filter(sessions__venue=instance)
             .values_list("pk", flat=True).distinct())  # fmt: skip


def on_route_changed(sender, instance, **kwargs) -> None:
    """A mobile-consulate route published or unpublished: its stops, and the stops its new
    revision dropped (their text rows outlive them)."""
    from culture.models import MobileConsulateRoute, RouteStop
    from search.models import ContentText

    if not isinstance(instance, MobileConsulateRoute):
        return
    kept = ContentText.objects.filter(kind="stop").values_list("object_id", flat=True)
    gone = set(kept) - set(RouteStop.objects.filter(pk__in=kept).values_list("pk", flat=True))
    _enqueue("stop", [*instance.stops.values_list("pk", flat=True), *gone])


def connect() -> None:
    from culture.models import PROGRAM_VOCABULARIES, Service, Venue
    from stories.models import StoryMedia

    record_changed.connect(on_record_changed, dispatch_uid="search-records")
    page_published.connect(on_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(on_page_changed, dispatch_uid="search-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(on_page_privacy_changed, sender=PageViewRestriction,
                       dispatch_uid=f"search-page-privacy-{signal is post_save}")  # fmt: skip
    for model in TERM_FACETS:
        post_save.connect(on_term_saved, sender=model, dispatch_uid=f"search-term-{model.__name__}")
    post_save.connect(on_service_saved, sender=Service, dispatch_uid="search-service")
    post_save.connect(on_venue_saved, sender=Venue, dispatch_uid="search-venue")
    published.connect(on_route_changed, dispatch_uid="search-route-published")
    unpublished.connect(on_route_changed, dispatch_uid="search-route-unpublished")
    for model in PROGRAM_VOCABULARIES:
        post_save.connect(on_program_term_saved, sender=model,
                          dispatch_uid=f"search-program-term-{model.__name__}")  # fmt: skip
    post_save.connect(on_recording_saved, sender=StoryMedia, dispatch_uid="search-recording")
