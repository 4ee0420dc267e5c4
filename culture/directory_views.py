"""The directory's pages: the listing (culture.models.DirectoryPage) and an organization."""

from django.template.response import TemplateResponse


def directory_index(request, *, page) -> TemplateResponse:
    return page.render(request)


def organization_detail(request, *, page) -> TemplateResponse:
    return page.render(request)
