"""Who may do what in the catalog, and the moderation workflow pieces and cases go through.

Editors create and change records and submit them for moderation; Moderators approve and
publish, and see restricted records. Works with a migration's historical app registry or the
live one, so the same set-up serves migrations and tests.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITOR_CODENAMES = [
    "add_piece",
    "change_piece",
    "view_piece",
    "lock_piece",
    "unlock_piece",
    "add_recoverycase",
    "change_recoverycase",
    "view_recoverycase",
    "lock_recoverycase",
    "unlock_recoverycase",
]
MODERATOR_CODENAMES = [
    *EDITOR_CODENAMES,
    "publish_piece",
    "publish_recoverycase",
    "delete_piece",
    "delete_recoverycase",
    "view_restricted",
    "change_featuredpiecessettings",  # the home page's featured pieces
]
WORKFLOW_NAME = "Moderators approval"


def ensure_catalog_roles(apps=global_apps) -> None:
    app_config = apps.get_app_config("heritage")
    # Permissions are normally created after all migrations; create them now. A migration's
    # app stub has no models_module, which create_permissions checks.
    had_module = getattr(app_config, "models_module", None)
    app_config.models_module = had_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = had_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    for group_name, codenames in (
        ("Editors", EDITOR_CODENAMES),
        ("Moderators", MODERATOR_CODENAMES),
    ):
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="heritage", codename__in=codenames)
        )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return  # a site that removed Wagtail's default workflow chooses its own
    for model_name in ("piece", "recoverycase"):
        content_type, _created = ContentType.objects.get_or_create(
            app_label="heritage", model=model_name
        )
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
