import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from core.links import absolute_url

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the local development admin account (once) and print its credentials."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for local development (DEBUG=1) only.")
        password_file = settings.LOCAL_DIR / "admin_password"
        user_model = get_user_model()
        user = user_model.objects.filter(username=USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(
                username=USERNAME, email="admin@localhost", password=password
            )
            settings.LOCAL_DIR.mkdir(exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
        elif password_file.exists() and user.check_password(password_file.read_text().strip()):
            password = password_file.read_text().strip()
        else:
            self.stdout.write(
                f"Admin account '{USERNAME}' exists with a password changed since it was created."
            )
            return
        admin = absolute_url(reverse("wagtailadmin_home"))  # SITE_BASE_URL: no request here
        self.stdout.write(
            self.style.SUCCESS(f"Local admin: {admin}  user: {USERNAME}  password: {password}")
        )
