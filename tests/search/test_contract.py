"""The search contract, the same cases on every engine: the database (always), a live
OpenSearch node (make test and CI) and Elasticsearch 8 (when ELASTICSEARCH_URL is set)."""

import pytest
from django.db import transaction

from heritage.catalog import CatalogQuery, InvalidQuery, encode_cursor
from tests.utils import make_case, make_piece


@pytest.fixture
def catalog_in_index(engine, django_capture_on_commit_callbacks):
    seizure = make_case("CASE-S")
    from heritage.models import Culture, RecoveryMethod

    donation = make_case("CASE-D", method=RecoveryMethod.objects.get(code="donation"))
    mexica = Culture.objects.get(code="mexica")
    with django_capture_on_commit_callbacks(execute=True):
        make_piece(
            "REP-001",
            title_es="Vasija de Teotihuacán",
            title_en="Teotihuacan vessel",
            case=seizure,
            date_start=600,
            date_end=900,
        )
        make_piece(
            "REP-002",
            title_es="Vasijas gemelas",
            title_en="Twin vessels",
            case=donation,
            culture=mexica,
            date_start=1300,
            date_end=1521,
        )
        make_piece(
            "REP-003",
            title_es="Figurilla olmeca",
            title_en="Olmec figurine",
            case=seizure,
            date_start=-1200,
            date_end=-900,
        )
        make_piece("REP-004", title_es="Vasija restringida", restricted=True, case=seizure)
        make_piece("REP-005", title_es="Vasija en borrador", publish=False)
    engine.refresh()
    return engine


def numbers(result) -> list[str]:
    return [hit.catalog_number for hit in result.hits]


def test_contract_text_accents_stemming_and_restricted(catalog_in_index):
    engine = catalog_in_index
    assert set(numbers(engine.search(CatalogQuery(text="teotihuacan")))) == {"REP-001"}
    assert set(numbers(engine.search(CatalogQuery(text="vasija")))) == {"REP-001", "REP-002"}
    assert set(numbers(engine.search(CatalogQuery(text="vasijas")))) == {"REP-001", "REP-002"}
    assert set(numbers(engine.search(CatalogQuery(text="vessel", language="en")))) == {
        "REP-001",
        "REP-002",
    }
    assert numbers(engine.search(CatalogQuery(text="REP-003"))) == ["REP-003"]


def test_contract_bce_overlap_and_highlights(catalog_in_index):
    result = catalog_in_index.search(CatalogQuery(date_from=-1000, date_to=-950))
    assert numbers(result) == ["REP-003"]
    highlighted = catalog_in_index.search(CatalogQuery(text="figurilla"))
    # the site's own language: its fields, and no copy of them as the untranslated fallback
    assert highlighted.hits[0].highlights == {"title_es": ["<mark>Figurilla</mark> olmeca"]}
    english = catalog_in_index.search(CatalogQuery(text="figurilla", language="en"))
    assert english.hits[0].highlights == {"fallback": ["<mark>Figurilla</mark> olmeca"]}


def test_contract_facet_counts_honour_the_other_filters(catalog_in_index):
    result = catalog_in_index.search(
        CatalogQuery(filters={"method": ("seizure",)}, sort="catalog_number")
    )
    assert numbers(result) == ["REP-001", "REP-003"]
    # The method facet ignores its own filter (so one can widen it); the others apply it.
    assert dict(result.facets["method"]) == {"seizure": 2, "donation": 1}
    assert dict(result.facets["culture"]) == {"maya": 2}


def test_contract_each_facet_counts_with_every_filter_but_its_own(catalog_in_index):
    """Two chosen terms no piece has together: nothing is found, and each facet still counts
    what choosing another of its terms would find (a piece failing only that facet's filter),
    never a piece that fails another facet's too."""
    result = catalog_in_index.search(
        CatalogQuery(filters={"method": ("donation",), "culture": ("maya",)}, date_from=-2000)
    )
    assert (numbers(result), result.total) == ([], 0)
    assert dict(result.facets["method"]) == {"seizure": 2}
    assert dict(result.facets["culture"]) == {"mexica": 1}
    assert result.facets["period"] == [] and result.facets["case"] == []
    broader = catalog_in_index.search(
        CatalogQuery(filters={"method": ("seizure",), "period": ("clasico",)}, sort="date")
    )
    assert numbers(broader) == ["REP-003", "REP-001"]  # a broader period finds its subperiods
    assert dict(broader.facets["period"]) == {"clasico": 2, "clasico-tardio": 2}
    assert dict(broader.facets["method"]) == {"seizure": 2, "donation": 1}


def test_contract_deep_pagination_has_no_gaps_or_duplicates(
    engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for number in range(1, 24):
            make_piece(f"REP-{number:03d}", title_es="Vasija", date_start=number, date_end=number)
    engine.refresh()
    for sort in ("relevance", "date", "catalog_number"):
        seen, cursor = [], None
        while True:
            query = CatalogQuery(text="vasija", sort=sort, page_size=5, cursor=cursor)
            result = engine.search(query)
            # with its counts kept (search.service), the page is asked alone: the same page
            alone = engine.search(query, (result.facets, result.total))
            assert (numbers(alone), alone.next_cursor) == (numbers(result), result.next_cursor)
            assert (alone.facets, alone.total) == (result.facets, result.total)
            seen += numbers(result)
            cursor = result.next_cursor
            if cursor is None:
                break
        assert sorted(seen) == [f"REP-{n:03d}" for n in range(1, 24)], sort
        assert result.total == 23


def test_contract_untranslated_records_and_vocabulary_labels(catalog_in_index):
    engine = catalog_in_index
    # A Nahuatl reader finds the Spanish text of untranslated pieces.
    assert set(numbers(engine.search(CatalogQuery(text="figurilla", language="nah")))) == {
        "REP-003"
    }
    # Vocabulary labels are searchable in the reader's language.
    assert numbers(engine.search(CatalogQuery(text="mexica"))) == ["REP-002"]
    assert numbers(engine.search(CatalogQuery(text="zzzz-nothing"))) == []


def test_contract_sorts_and_refuses_foreign_cursors(catalog_in_index):
    engine = catalog_in_index
    by_date = engine.search(CatalogQuery(sort="date"))
    assert numbers(by_date) == ["REP-003", "REP-001", "REP-002"]
    latest = engine.search(CatalogQuery(sort="-date"))
    assert numbers(latest) == ["REP-002", "REP-001", "REP-003"]
    with pytest.raises(InvalidQuery) as error:
        engine.search(CatalogQuery(cursor=encode_cursor(["elsewhere", 3])))
    assert error.value.parameter == "cursor"


def test_contract_autocomplete_on_titles_and_catalog_numbers(catalog_in_index):
    from heritage.models import Piece

    def suggested(text, language="es"):
        ids = catalog_in_index.suggest(text, language, 8)
        return sorted(Piece.objects.filter(pk__in=ids).values_list("catalog_number", flat=True))

    assert suggested("vasij") == ["REP-001", "REP-002"]
    assert suggested("teoti", "en") == ["REP-001"]
    assert suggested("REP-00") == ["REP-001", "REP-002", "REP-003"]
    assert suggested("zzz") == []


def test_contract_a_synced_change_is_searchable_when_its_sync_returns(
    engine, django_capture_on_commit_callbacks
):
    """The sync task moves the pages' version when it returns (search.tasks): what is computed
    and kept after it (a filter set's counts, a whole page) must read the new documents, not
    those of the search server's last refresh. No refresh is asked here."""
    with django_capture_on_commit_callbacks(execute=True):
        piece = make_piece("REP-101", title_es="Sahumador", date_start=1300, date_end=1500)
    found = engine.search(CatalogQuery(text="sahumador"))
    assert (numbers(found), found.total) == (["REP-101"], 1)
    with django_capture_on_commit_callbacks(execute=True):
        piece.unpublish()
    gone = engine.search(CatalogQuery(text="sahumador"))
    assert (numbers(gone), gone.total) == ([], 0)
