"""The stories' public forms, under each language's prefix (/es/comparte-tu-historia/,
/en/share-your-story/…), and the feeds of new stories."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from stories import contribution_views, feeds

app_name = "stories"

urlpatterns = [
    path(_("share-your-story/"), contribution_views.share, name="share"),
    path(_("withdraw-your-story/"), contribution_views.withdraw, name="withdraw"),
    path(_("new-stories.rss"), feeds.rss, name="feed"),
    path(_("new-stories.atom"), feeds.atom, name="feed-atom"),
]
