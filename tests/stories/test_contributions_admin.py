"""The Community editors' list of what visitors sent: newest first, with the state of each
story (consent, page, moderation, withdrawal), filters, a link to the editor, in constant SQL;
shown to the Community editors and superusers only, and without the contributor's e-mail."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from stories.contributions import COMMUNITY_EDITORS, contribution_receive, contribution_withdraw
from stories.models import StoryContribution

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_stories_storycontribution:list"


def _send(index, title: str, *, languages=()):
    data = {"title": title, "name": "Lupe R.", "text": "Mi abuela llegó en 1962.",
            "email": "lupe-privado@example.org", "languages": list(languages)}  # fmt: skip
    return contribution_receive(index=index, data=data, language="es")[0]


@pytest.fixture
def editor(client, django_user_model, stories_index):
    from stories.contributions import community_moderation_setup

    community_moderation_setup()
    user = django_user_model.objects.create_user("editora", password="x")
    user.groups.add(Group.objects.get(name=COMMUNITY_EDITORS))
    client.force_login(user)
    return user


def test_the_editors_see_each_contribution_and_its_state(client, editor, stories_index):
    from culture.models import ProgramLanguage

    nahuatl = ProgramLanguage.objects.get_or_create(code="nah", defaults={"label": "Náhuatl"})[0]
    first = _send(stories_index, "Primera historia CA", languages=[nahuatl])
    second = _send(stories_index, "Segunda historia CA")
    contribution_withdraw(contribution=second)

    page = client.get(reverse(LIST)).content.decode()

    assert page.index("Segunda historia CA") < page.index("Primera historia CA")  # newest first
    assert reverse("wagtailadmin_pages:edit", args=[first.story_id]) in page
    assert "Náhuatl" in page and "Retirado" in page and "En revisión" in page
    assert "lupe-privado@example.org" not in page
    edit = reverse("wagtailsnippets_stories_storycontribution:edit", args=[first.pk])
    assert client.get(edit).status_code in (302, 403)  # listed, never changed (nor shown) here
    assert "data-bulk-action-checkbox" not in page  # no bulk actions either
    in_review = client.get(reverse(LIST), {"state": "in_review"}).content.decode()
    assert "Primera historia CA" in in_review and "Segunda historia CA" not in in_review
    withdrawn = client.get(reverse(LIST), {"state": "withdrawn"}).content.decode()
    assert "Segunda historia CA" in withdrawn and "Primera historia CA" not in withdrawn
    spoken = client.get(reverse(LIST), {"language": "nah"}).content.decode()
    assert "Primera historia CA" in spoken and "Segunda historia CA" not in spoken


def test_the_list_runs_the_same_sql_for_one_or_ten(
    client, editor, stories_index, django_assert_max_num_queries
):
    _send(stories_index, "Historia 0")
    client.get(reverse(LIST))  # warm: content types, the session
    with django_assert_max_num_queries(25) as one:
        assert client.get(reverse(LIST)).status_code == 200
    for number in range(1, 10):
        _send(stories_index, f"Historia {number}")
    assert StoryContribution.objects.count() == 10
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse(LIST)).status_code == 200


def test_only_community_editors_and_superusers_see_the_list(client, django_user_model):
    user = django_user_model.objects.create_user("editor-de-piezas", password="x")
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse(LIST)).status_code in (302, 403)
    assert reverse(LIST) not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(django_user_model.objects.create_superuser("jefa", password="x"))
    assert client.get(reverse(LIST)).status_code == 200
