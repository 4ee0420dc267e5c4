from stories.models.consent import StoryConsent, consent_allows_q
from stories.models.contributions import StoryContribution
from stories.models.media import StoryMedia
from stories.models.pages import StoryIndexPage, StoryPage, StoryPerson, StoryPlace
from stories.models.vocabularies import StoryTheme

__all__ = [
    "StoryConsent",
    "StoryContribution",
    "StoryIndexPage",
    "StoryMedia",
    "StoryPage",
    "StoryPerson",
    "StoryPlace",
    "StoryTheme",
    "consent_allows_q",
]
