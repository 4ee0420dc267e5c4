"""The public's doors to the stories' contributions: share a story, ask for its withdrawal.

Both answer in the reader's language under translated addresses (stories.urls), are never
cached (a reference is shown once, to its contributor only) and are rate-limited per client
(STORIES_CONTRIBUTION_RATE_LIMIT): the withdrawal form too, so references cannot be guessed
at speed."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from core.public_forms import honeypot_filled, rate_limited
from stories.contributions import (
    contribution_find,
    contribution_receive,
    contribution_withdraw,
    reference_new,
)
from stories.forms import StoryContributionForm, WithdrawalForm
from stories.models import StoryIndexPage


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {"page": None, **context}, status=status)


def _index() -> StoryIndexPage:
    index = StoryIndexPage.objects.live().public().first()
    if index is None:
        raise Http404
    return index


@never_cache
def share(request):
    index = _index()
    context = {"index": index, "form": StoryContributionForm()}
    if request.method != "POST":
        return _render(request, "stories/contribution_form.html", context)
    if rate_limited(request, "story-share", settings.STORIES_CONTRIBUTION_RATE_LIMIT):
        return _render(request, "stories/contribution_form.html", {**context, "refused": 429},
                      429)  # fmt: skip
    if honeypot_filled(request):  # a bot: thanked alike, nothing stored
        return _render(request, "stories/contribution_thanks.html",
                      {"index": index, "reference": reference_new()})  # fmt: skip
    form = StoryContributionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, "stories/contribution_form.html", {**context, "form": form},
                      400)  # fmt: skip
    _contribution, reference = contribution_receive(
        index=index, data=form.cleaned_data, language=get_language()
    )
    return _render(request, "stories/contribution_thanks.html",
                  {"index": index, "reference": reference})  # fmt: skip


@never_cache
def withdraw(request):
    index = _index()
    form = WithdrawalForm(request.POST or None)
    context = {"index": index, "form": form}
    if request.method != "POST":
        return _render(request, "stories/withdrawal_form.html", context)
    if rate_limited(request, "story-withdraw", settings.STORIES_CONTRIBUTION_RATE_LIMIT):
        return _render(request, "stories/withdrawal_form.html", {**context, "refused": 429},
                      429)  # fmt: skip
    if form.is_valid():
        contribution = contribution_find(reference=form.cleaned_data["reference"])
        if contribution is not None:
            contribution_withdraw(contribution=contribution)
            return _render(request, "stories/withdrawal_done.html", {"index": index})
        form.add_error("reference", WithdrawalForm.not_found)
    return _render(request, "stories/withdrawal_form.html", context, 400)
