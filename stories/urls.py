"""The stories' public forms, under each language's prefix (/es/comparte-tu-historia/,
/en/share-your-story/…)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from stories import contribution_views

app_name = "stories"

urlpatterns = [
    path(_("share-your-story/"), contribution_views.share, name="share"),
    path(_("withdraw-your-story/"), contribution_views.withdraw, name="withdraw"),
]
