from django.conf import settings
from django.middleware.locale import LocaleMiddleware


class RetornoLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its redirect of unknown language-neutral paths.

    Every path under /es/ is a Wagtail path, so Django would answer a 404 anywhere else (an
    unknown API record, say) with a redirect to /es/…; the API and the admin must keep their
    own 404s."""

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.LANGUAGE_NEUTRAL_PATHS)):
            return response
        return super().process_response(request, response)
