from django.urls import path

from opendata import views

app_name = "opendata"
urlpatterns = [
    path("oai", views.oai, name="oai"),
    path("oai/linked-art.xsd", views.linked_art_schema, name="oai-linked_art-schema"),
]
