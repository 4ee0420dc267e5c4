"""/iiif/3/…: language-neutral (outside the language prefixes), like the API."""

from django.urls import path, re_path

from heritage.iiif import views
from heritage.models.pages import IDENTIFIER

urlpatterns = [
    # Catalog numbers as the piece pages take them (anything else, a NUL included, is 404).
    re_path(
        rf"^iiif/3/manifest/(?P<catalog_number>{IDENTIFIER})$", views.manifest, name="iiif-manifest"
    ),
    path("iiif/3/<int:image_id>", views.image_base, name="iiif-image-base"),
    path("iiif/3/<int:image_id>/info.json", views.image_info, name="iiif-info"),
    path(
        "iiif/3/<int:image_id>/<str:region>/<str:size>/<str:rotation>/<str:name>",
        views.image_request,
        name="iiif-image",
    ),
]
