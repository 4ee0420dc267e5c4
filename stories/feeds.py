"""RSS 2.0 and Atom feeds of the newest public stories, one per language (/es/…, /en/…):
Django's syndication framework, every link made absolute by core.links. The same stories as
the index (stories.selectors), so a draft, a withdrawn or an unconsented story is never in it.
A story whose licence lets visitors download its recordings (the rule of the story page's
download link, stories.selectors.story_downloadable) encloses its first recording."""

import mimetypes

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.links import absolute_url, page_url
from stories.models import StoryIndexPage
from stories.selectors import story_cards_public, story_enclosures

FEED_SIZE = 30


class NewStoriesFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return _("Community voices: new stories")

    def description(self) -> str:
        return _("The newest stories and oral histories of Mexican communities, on Retorno.")

    def link(self) -> str:
        index = StoryIndexPage.objects.live().public().first()
        url = page_url(index, self.request) if index else None
        return url or absolute_url(f"/{get_language()}/", self.request)

    def feed_url(self) -> str:
        return absolute_url(self.request.path, self.request)

    def items(self):
        stories = list(story_cards_public()[:FEED_SIZE])
        self.enclosures = story_enclosures(stories)
        return stories

    def item_title(self, story) -> str:
        return story.title

    def item_description(self, story) -> str:
        return story.teaser

    def item_link(self, story) -> str:
        return page_url(story, self.request)

    def item_guid(self, story) -> str:
        return f"{absolute_url('/', self.request)}#story-{story.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story) -> str:
        return story.credit_line or ", ".join(person.name for person in story.people.all())

    def item_categories(self, story) -> list[str]:
        return [str(theme) for theme in story.themes.all()]

    def item_enclosures(self, story) -> list[Enclosure]:
        media = self.enclosures.get(story.pk)
        if media is None:
            return []
        try:
            length = media.file.size
        except OSError:  # a file missing from the storage: nothing to enclose
            return []
        mime_type = mimetypes.guess_type(media.file.name)[0] or "application/octet-stream"
        url = absolute_url(media.file.url, self.request)
        return [Enclosure(url, str(length), mime_type)]


class NewStoriesAtomFeed(NewStoriesFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


# A feed object per request: it keeps the request (links on the host that was asked).
def rss(request):
    return NewStoriesFeed()(request)


def atom(request):
    return NewStoriesAtomFeed()(request)
