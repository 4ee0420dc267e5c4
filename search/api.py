"""GET /api/v1/search/suggest: autocomplete over the public pieces (the piece lists and the
search are heritage.api's, answered by the catalog's query contract)."""

from django.utils import translation
from ninja import Field, Query, Router, Schema

from heritage.api import ErrorOut, Links, _language
from search import service

router = Router(tags=["search"])


class SuggestParams(Schema):
    q: str = Field("", max_length=100, description="What was typed (2 characters at least).")
    lang: str | None = Field(None, description="One of the site's languages (default: "
                             "Accept-Language).")  # fmt: skip


class SuggestionOut(Schema):
    catalog_number: str
    title: str
    url: str | None


@router.get(
    "/search/suggest",
    response={200: list[SuggestionOut], 400: ErrorOut},
    summary="Autocomplete: public pieces whose titles or catalog numbers start as typed",
)
def suggest(request, params: Query[SuggestParams]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        links = Links(request)
        return [
            {
                "catalog_number": piece.catalog_number,
                "title": piece.title,
                "url": links.piece(piece.catalog_number),
            }
            for piece in service.suggest(params.q, lang)
        ]
