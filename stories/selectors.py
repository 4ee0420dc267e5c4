"""Reads the stories' pages, hooks and /media/ share. Public = live, not under a view
restriction (Wagtail's `public()`), and consented for the public web (StoryConsent)."""

from django.db.models import Prefetch, QuerySet

from core import routes
from core.links import parent_page_path
from stories.models import StoryMedia, StoryPage, StoryPerson, StoryPlace, consent_allows_q

STORIES_PER_PAGE = 24


def story_public_queryset() -> QuerySet[StoryPage]:
    """Every story a visitor may see, in any channel."""
    return StoryPage.objects.live().public().filter(consent_allows_q())


def story_cards_public(*, parent=None) -> QuerySet[StoryPage]:
    """For listings and sections: the cover, themes and people in a fixed number of queries."""
    queryset = story_public_queryset()
    if parent is not None:
        queryset = queryset.child_of(parent)
    return (
        queryset.select_related("cover")
        .prefetch_related("themes", Prefetch("people", queryset=StoryPerson.objects.all()))
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )


def story_downloadable(story: StoryPage) -> bool:
    """A visitor may download the story's recordings (its licence allows it): the story page's
    download links and the feeds' enclosures both ask here."""
    from stories.choices import DOWNLOADABLE

    return story.licence in DOWNLOADABLE


def story_enclosures(stories) -> dict[int, StoryMedia]:
    """{story id: the recording a feed encloses} for those of `stories` (public ones) whose
    licence lets visitors download them: each one's first recording (the lowest id), read in
    two queries whatever their number."""
    wanted = [story.pk for story in stories if story_downloadable(story)]
    if not wanted:
        return {}
    chosen = {
        story.pk: min(ids)
        for story in StoryPage.objects.filter(pk__in=wanted).only("pk", *_body_columns())
        if (ids := recording_ids(story))
    }
    media = StoryMedia.objects.in_bulk(set(chosen.values()))
    return {pk: media[media_id] for pk, media_id in chosen.items() if media_id in media}


def story_is_public(story: StoryPage) -> bool:
    return story_public_queryset().filter(pk=story.pk).exists()


def body_chosen(raw_of, model) -> set[int]:
    """The `model` records a story's body shows, in any language: `raw_of(column)` gives a body
    column's stored blocks (a live story's, or a revision's content)."""
    from core.blocks import chosen_ids

    found = set()
    for name in _body_columns():
        stream_block = StoryPage._meta.get_field(name).stream_block
        found |= chosen_ids(stream_block, raw_of(name), model)
    return found


def _live_chosen(story: StoryPage, model) -> set[int]:
    """The `model` records a story's body shows: read from the stored blocks (the live
    content), not the reference index, so a draft's blocks never count."""
    return body_chosen(
        lambda name: list(getattr(getattr(story, name, None), "raw_data", None) or ()), model
    )


def recording_ids(story: StoryPage) -> set[int]:
    """The recordings a story's body shows, in any language (live content only)."""
    return _live_chosen(story, StoryMedia)


def recordings_public() -> set[int]:
    """The recordings public stories show: the only ones /media/ serves. Kept like the routes
    (core.routes) until any record changes."""

    def read() -> set[int]:
        found: set[int] = set()
        for story in story_public_queryset().only("pk", *_body_columns()):
            found |= recording_ids(story)
        return found

    return routes.remember("story-recordings", (), read)


def story_images_public() -> set[int]:
    """The images public stories show in their live content (cover, body and galleries, in
    any language): the story images /media/ serves (stories.media). Kept like the routes."""
    from wagtail.images import get_image_model

    def read() -> set[int]:
        found: set[int] = set()
        for story in story_public_queryset().only("pk", "cover_id", *_body_columns()):
            found |= _live_chosen(story, get_image_model())
            if story.cover_id:
                found.add(story.cover_id)
        return found

    return routes.remember("story-images", (), read)


def stories_showing(*, recording_id: int) -> list[int]:
    """The public stories whose body shows the recording (ids)."""
    return [story.pk for story in story_public_queryset().only("pk", *_body_columns())
            if recording_id in recording_ids(story)]  # fmt: skip


def _body_columns() -> list[str]:
    from core.i18n import localized_names

    return localized_names("body")


def story_context(*, story: StoryPage, request) -> dict:
    """What a story page shows, besides its body: people, places, terms and the public records
    it links to (through heritage's and culture's own public rules), in a fixed number of
    queries whatever their number."""
    from culture.models import ProgramPage
    from heritage.selectors import case_list_public, catalog_path, piece_cards_public
    from stories.choices import LICENCE_URLS

    if story.pk and not getattr(story, "is_preview_instance", False):
        people = list(StoryPerson.objects.filter(page=story).order_by("sort_order"))
        places = list(StoryPlace.objects.filter(page=story).order_by("sort_order"))
    else:  # an unsaved preview: the related objects live on the instance only
        people, places = list(story.people.all()), list(story.places.all())
    pieces = list(piece_cards_public().filter(pk__in=story.related_pieces.values("pk")))
    return {
        "index_url": parent_page_path(story),
        "people": people,
        "places": places,
        "themes": list(story.themes.all()),
        "languages": list(story.languages.all()),
        "pieces": pieces,
        "catalog_url": catalog_path(request) if pieces else None,
        "cases": list(case_list_public().filter(pk__in=story.related_cases.values("pk"))),
        "programs": list(
            ProgramPage.objects.live().public().filter(pk__in=story.related_programs.values("pk"))
        ),
        "licence_url": LICENCE_URLS.get(story.licence),
        "downloadable": story_downloadable(story),
        "recordings": recordings_of(story),
        "cover": story.cover.get_rendition("width-960") if story.cover_id else None,
    }


def story_page_public(*, story: StoryPage, request) -> dict:
    """What a public story's page shows (`story_context`), kept by
    each process with the routes (core.routes) until any record changes: a warm story page
    reads the site version and its consent instead of a dozen statements."""
    from django.utils.translation import get_language

    def load() -> dict:
        return story_context(story=story, request=request)

    key = (story.pk, get_language(), request.get_host(), request.scheme)
    return routes.remember("story-page", key, load)


def recordings_of(story: StoryPage) -> dict[int, StoryMedia]:
    """{id: recording} of what the body shows (one query), for the blocks' player."""
    ids = recording_ids(story)
    return {media.pk: media for media in StoryMedia.objects.filter(pk__in=ids)} if ids else {}


def stories_for_piece(*, piece) -> list[StoryPage]:
    """Public stories linked to the piece or speaking of its culture."""
    from django.db.models import Q

    match = Q(related_pieces=piece)
    if piece.culture_id:
        match |= Q(cultures=piece.culture_id)
    return list(story_cards_public().filter(match).distinct())


def stories_for_program(*, program) -> list[StoryPage]:
    return list(story_cards_public().filter(related_programs=program).distinct())


def story_list_public(*, parent=None, filters: dict | None = None) -> list[StoryPage]:
    """The public stories matching the index's filters (stories.forms.StoryFilterForm, or the
    API's same names): themes, languages and generations (any of each), a place (city, state or
    country) and "near me" — an `origin` (culture.geo.Place) within `radius` miles, nearest
    first, each story with `distance_km` to its nearest place. One query for the stories and a
    fixed few for what the cards show, whatever their number."""
    from django.db.models import Q

    from culture.geo import KM_PER_MILE, distance_km

    filters = filters or {}
    matching = StoryPage.objects.all()
    for name, lookup in (("theme", "themes__code__in"), ("language", "languages__code__in"),
                         ("generation", "people__generation__in")):  # fmt: skip
        if filters.get(name):
            matching = matching.filter(**{lookup: filters[name]})
    if place := (filters.get("place") or "").strip():
        matching = matching.filter(
            Q(places__city__iexact=place) | Q(places__state__iexact=place)
            | Q(places__country__iexact=place)
        )  # fmt: skip
    stories = story_cards_public(parent=parent).prefetch_related(
        Prefetch("places", queryset=StoryPlace.objects.all())
    )
    if matching.query.where:
        stories = stories.filter(pk__in=matching.values("pk"))
    found = list(stories)
    for story in found:
        story.distance_km = None
    origin = filters.get("origin")
    if origin is None:
        return found
    limit = filters["radius"] * KM_PER_MILE if filters.get("radius") else None
    near = []
    for story in found:
        distances = [
            distance_km(origin.latitude, origin.longitude, place.latitude, place.longitude)
            for place in story.places.all()
            if place.latitude is not None and place.longitude is not None
        ]
        if distances and (limit is None or min(distances) <= limit):
            story.distance_km = min(distances)
            near.append(story)
    return sorted(near, key=lambda story: story.distance_km)


# The states of a contribution, for the editors' listing (stories.viewsets).
CONTRIBUTION_STATES = ("in_review", "published", "draft", "withdrawn")


def contribution_list(*, state: str | None = None, language: str | None = None) -> QuerySet:
    """The stories visitors sent, newest first, with what the editors' listing shows in a fixed
    number of queries: the story, its consent and languages spoken, and its latest moderation
    (`workflow_status`, `workflow_task`). `state` is one of CONTRIBUTION_STATES; `language` a
    language spoken (ProgramLanguage code). The contributor's e-mail address is not read."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, OuterRef, Subquery
    from django.db.models.functions import Cast
    from wagtail.models import Page, WorkflowState

    from stories.models import StoryContribution

    latest = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("story_id"), output_field=CharField()),
    ).order_by("-created_at", "-pk")
    queryset = (
        StoryContribution.objects.defer("email", "reference_digest")
        .select_related("story", "story__consent")
        .prefetch_related("story__languages")
        .annotate(
            workflow_status=Subquery(latest.values("status")[:1]),
            workflow_task=Subquery(latest.values("current_task_state__task__name")[:1]),
        )
        .order_by("-received_at", "-pk")
    )
    return contribution_filter(queryset, state=state, language=language)


def contribution_filter(queryset: QuerySet, *, state: str | None = None,
                        language: str | None = None) -> QuerySet:  # fmt: skip
    """contribution_list's filters, on a queryset it made (the admin's filters apply them)."""
    from django.db.models import Q
    from wagtail.models import WorkflowState

    withdrawn = Q(withdrawal_requested_at__isnull=False) | Q(
        story__consent__withdrawn_on__isnull=False
    )
    if state == "withdrawn":
        queryset = queryset.filter(withdrawn)
    elif state == "published":
        queryset = queryset.filter(story__live=True).exclude(withdrawn)
    elif state == "in_review":
        queryset = queryset.filter(workflow_status=WorkflowState.STATUS_IN_PROGRESS)
    elif state == "draft":
        queryset = (
            queryset.filter(story__live=False)
            .exclude(withdrawn)
            .exclude(workflow_status=WorkflowState.STATUS_IN_PROGRESS)
        )
    if language:
        queryset = queryset.filter(
            story_id__in=StoryPage.languages.through.objects.filter(
                programlanguage__code=language
            ).values("storypage_id")
        )
    return queryset
