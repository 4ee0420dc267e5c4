"""What an illustrative piece may plausibly be: the kinds of object each culture made, and how
the demo and the synthetic catalogs draw a piece from them.

A researcher reading the demo should not find a West Mexico shaft-tomb mask dated 2200 BCE or a
gold bead before Mesoamerican metallurgy. So a drawn piece takes a culture, one of the works that
culture made (object type, materials, techniques), a period that overlaps the culture's
documented span (Culture.start_year/end_year, seeded from heritage.vocabulary_seed) and years
inside both. The pieces stay illustrative: plausible is not real.

Works are broad strokes from the standard surveys (Miller, The Art of Mesoamerica, 6th ed.;
Townsend, Ancient West Mexico; Hosler, The Sounds and Colors of Power, 1994, for metallurgy:
copper in West Mexico from ca. 600–800 CE, gold and bronze working spreading from ca. 1200),
written with the seeded vocabulary codes. A culture a curator adds takes part once it has a span
and works here.
"""

import itertools
import math
import random
from dataclasses import dataclass

from heritage.models import Culture, Material, ObjectType, Period, Technique


@dataclass(frozen=True)
class Work:
    """A kind of object a culture made: its type, the materials it may be made of (one is
    drawn), the techniques that may have shaped it (one or two are drawn) and, when later than
    the culture's start, the year it can first appear (metals, late styles)."""

    object_type: str
    materials: tuple[str, ...]
    techniques: tuple[str, ...] = ()
    since: int | None = None


CLAY_FIGURE = ("modelado", "pastillaje", "pintura", "brunido")
MOULDED_FIGURE = ("moldeado", "modelado", "pintura")
CLAY_VESSEL = ("modelado", "brunido", "pintura", "incision")
CLAY_CENSER = ("modelado", "pastillaje", "pintura")
STONE = ("tallado", "pulido", "incision")
LAPIDARY = ("tallado", "pulido")
KNAPPED = ("tallado",)
CAST = ("cera-perdida",)

GREENSTONE = ("jade", "piedra-verde")
GREENSTONE_OR_SHELL = ("jade", "piedra-verde", "concha")

WORKS: dict[str, tuple[Work, ...]] = {
    "olmeca": (
        Work("figurilla", ("ceramica",), ("modelado", "brunido", "pintura")),
        Work("figurilla", GREENSTONE, STONE),
        Work("mascara", GREENSTONE, STONE),
        Work("hacha", GREENSTONE, STONE),
        Work("orejera", ("jade",), LAPIDARY),
        Work("cuenta", GREENSTONE, LAPIDARY),
        Work("vasija", ("ceramica",), ("modelado", "brunido", "incision")),
        Work("escultura", ("basalto", "piedra-verde"), STONE),
    ),
    "maya": (
        Work("vasija", ("ceramica",), CLAY_VESSEL),
        Work("figurilla", ("ceramica",), MOULDED_FIGURE),
        Work("incensario", ("ceramica",), CLAY_CENSER),
        Work("mascara", GREENSTONE, LAPIDARY),
        Work("orejera", GREENSTONE_OR_SHELL, LAPIDARY),
        Work("cuenta", GREENSTONE_OR_SHELL, LAPIDARY),
        Work("hacha", ("piedra-verde",), LAPIDARY),
        Work("malacate", ("ceramica",), ("moldeado", "incision")),
        Work("punta", ("obsidiana",), KNAPPED),
    ),
    "zapoteca": (
        Work("vasija", ("ceramica",), ("modelado", "pastillaje", "pintura")),  # effigy urns
        Work("figurilla", ("ceramica",), ("modelado", "pastillaje")),
        Work("incensario", ("ceramica",), ("modelado", "pastillaje")),
        Work("mascara", GREENSTONE, LAPIDARY),
        Work("orejera", GREENSTONE, LAPIDARY),
        Work("cuenta", GREENSTONE_OR_SHELL, LAPIDARY),
        Work("malacate", ("ceramica",), ("modelado", "incision")),
        Work("punta", ("obsidiana",), KNAPPED),
    ),
    "mixteca": (
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("vasija", ("tecali",), LAPIDARY, since=900),
        Work("figurilla", ("ceramica",), ("modelado", "pastillaje")),
        Work("figurilla", ("piedra-verde",), LAPIDARY, since=900),  # Postclassic penates
        Work("incensario", ("ceramica",), ("modelado", "pintura")),
        Work("mascara", ("piedra-verde",), LAPIDARY),
        Work("cuenta", GREENSTONE_OR_SHELL, LAPIDARY),
        Work("cuenta", ("oro",), CAST, since=1200),
        Work("orejera", ("obsidiana",), LAPIDARY, since=900),
        Work("orejera", ("oro",), CAST, since=1200),
        Work("malacate", ("ceramica",), ("modelado", "incision")),
    ),
    "teotihuacana": (
        Work("mascara", ("piedra-verde",), LAPIDARY),
        Work("incensario", ("ceramica",), ("moldeado", "pastillaje", "pintura"), since=200),
        Work("figurilla", ("ceramica",), ("moldeado", "modelado")),
        Work("vasija", ("ceramica",), CLAY_VESSEL),  # tripod cylinder vessels
        Work("vasija", ("tecali",), LAPIDARY),
        Work("punta", ("obsidiana",), KNAPPED),
        Work("cuenta", ("piedra-verde", "concha"), LAPIDARY),
        Work("orejera", ("piedra-verde", "obsidiana"), LAPIDARY),
        Work("escultura", ("basalto", "andesita"), STONE),
    ),
    "huasteca": (
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("figurilla", ("ceramica",), ("modelado", "pastillaje")),
        Work("malacate", ("ceramica",), ("modelado", "incision")),
        Work("cuenta", ("concha",), ("tallado", "incision"), since=900),
        Work("orejera", ("concha",), ("tallado", "incision"), since=900),
    ),
    "totonaca": (
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("figurilla", ("ceramica",), MOULDED_FIGURE),
        Work("incensario", ("ceramica",), CLAY_CENSER),
        Work("cuenta", ("piedra-verde", "concha"), LAPIDARY),
        Work("malacate", ("ceramica",), ("moldeado", "incision")),
        Work("punta", ("obsidiana",), KNAPPED),
    ),
    "purepecha": (
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("malacate", ("ceramica",), ("moldeado", "pintura")),
        Work("figurilla", ("ceramica",), ("modelado", "pastillaje")),
        Work("orejera", ("obsidiana",), LAPIDARY),
        Work("orejera", ("oro",), CAST),
        Work("cuenta", ("oro", "cobre"), CAST),
        Work("hacha", ("cobre",)),  # cast and hammered: no seeded technique says so
        Work("punta", ("obsidiana",), KNAPPED),
        Work("escultura", ("basalto", "andesita"), STONE),
        Work("metate", ("basalto",), LAPIDARY),
    ),
    "occidente": (  # the shaft-tomb tradition made no metal: it ends before metallurgy arrives
        Work("figurilla", ("ceramica",), CLAY_FIGURE),  # hollow Nayarit, Jalisco, Colima figures
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("cuenta", ("concha", "piedra-verde"), LAPIDARY),
        Work("punta", ("obsidiana",), KNAPPED),
    ),
    "tolteca": (
        Work("figurilla", ("ceramica",), ("moldeado", "modelado")),
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("incensario", ("ceramica",), CLAY_CENSER),
        Work("escultura", ("basalto",), STONE),
        Work("punta", ("obsidiana",), KNAPPED),
        Work("cuenta", ("piedra-verde", "concha"), LAPIDARY),
        Work("malacate", ("ceramica",), ("moldeado", "incision")),
    ),
    "mexica": (
        Work("escultura", ("basalto", "andesita", "piedra-verde"), STONE),
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("vasija", ("tecali",), LAPIDARY),
        Work("figurilla", ("ceramica",), ("moldeado",)),
        Work("sello", ("ceramica",), ("moldeado", "modelado")),
        Work("malacate", ("ceramica",), ("moldeado", "incision")),
        Work("incensario", ("ceramica",), CLAY_CENSER),
        Work("mascara", ("piedra-verde",), LAPIDARY),
        Work("orejera", ("obsidiana",), LAPIDARY),
        Work("cuenta", ("oro",), CAST),
        Work("cuenta", ("piedra-verde", "concha"), LAPIDARY),
        Work("punta", ("obsidiana",), KNAPPED),
        Work("metate", ("basalto",), LAPIDARY),
    ),
    "mezcala": (  # a lapidary style: no pottery is attributed to it
        Work("figurilla", ("piedra-verde", "andesita"), STONE),
        Work("mascara", ("piedra-verde", "andesita"), STONE),
        Work("escultura", ("piedra-verde", "andesita"), STONE),  # temple models
        Work("cuenta", ("piedra-verde",), LAPIDARY),
    ),
    "chupicuaro": (
        Work("figurilla", ("ceramica",), CLAY_FIGURE),
        Work("vasija", ("ceramica",), ("modelado", "pintura", "brunido")),
        Work("orejera", ("ceramica",), ("modelado",)),
        Work("cuenta", ("concha", "hueso"), LAPIDARY),
        Work("punta", ("obsidiana",), KNAPPED),
    ),
}

YEAR_STEP = 25  # illustrative years fall on round numbers, as catalogues give them
SPAN_STEPS = (1, 2, 4, 8)  # a dating 25 to 200 years wide


@dataclass(frozen=True)
class Window:
    """A period and the years inside both it and the culture's span (and a work's start)."""

    period: Period
    years: tuple[int, ...]  # the round years in the window, year 0 left out


@dataclass(frozen=True)
class Choice:
    """A work a culture made, as vocabulary terms, with the windows it can be dated in, each
    weighed by its length (a culture leaves more in a long stretch than in a sliver)."""

    object_type: ObjectType
    materials: tuple[Material, ...]
    techniques: tuple[Technique, ...]
    windows: tuple[Window, ...]
    cum_weights: tuple[int, ...]


@dataclass(slots=True)
class Drawn:
    culture: Culture
    period: Period
    date_start: int
    date_end: int
    object_type: ObjectType
    materials: list[Material]
    techniques: list[Technique]


def _round_years(low: int, high: int) -> tuple[int, ...]:
    first = math.ceil(low / YEAR_STEP) * YEAR_STEP
    return tuple(year for year in range(first, high + 1, YEAR_STEP) if year != 0)


class PlausiblePieces:
    """Draws plausible illustrative pieces. Reads the vocabularies once, when made, so drawing
    a piece asks the database nothing (the synthetic catalogs draw 150,000)."""

    def __init__(self) -> None:
        def by_code(model) -> dict:
            return {term.code: term for term in model.objects.order_by("code")}

        object_types, materials = by_code(ObjectType), by_code(Material)
        techniques = by_code(Technique)
        periods = list(
            Period.objects.filter(
                parent__isnull=False, start_year__isnull=False, end_year__isnull=False
            ).order_by("start_year", "code")
        )
        cultures = Culture.objects.filter(
            code__in=WORKS, start_year__isnull=False, end_year__isnull=False
        ).order_by("code")
        self.choices: dict[Culture, tuple[Choice, ...]] = {}
        for culture in cultures:
            choices = []
            for work in WORKS[culture.code]:
                if work.object_type not in object_types:
                    continue
                made_of = tuple(materials[code] for code in work.materials if code in materials)
                if not made_of:
                    continue
                low = max(culture.start_year, work.since or culture.start_year)
                windows = []
                for period in periods:
                    years = _round_years(
                        max(low, period.start_year), min(culture.end_year, period.end_year)
                    )
                    if len(years) >= 2:
                        windows.append(Window(period, years))
                if windows:
                    choices.append(
                        Choice(
                            object_type=object_types[work.object_type],
                            materials=made_of,
                            techniques=tuple(
                                techniques[code] for code in work.techniques if code in techniques
                            ),
                            windows=tuple(windows),
                            cum_weights=tuple(
                                itertools.accumulate(len(window.years) for window in windows)
                            ),
                        )
                    )
            if choices:
                self.choices[culture] = tuple(choices)
        if not self.choices:
            raise LookupError(
                "No culture has a documented span and plausible works: see heritage.illustrative."
            )
        self.cultures = list(self.choices)

    def draw(self, rng: random.Random, *, culture: Culture | None = None) -> Drawn:
        """A piece of `culture` (one drawn when None): a work it made, dated in a period that
        overlaps its span, years inside both."""
        culture = culture if culture is not None else rng.choice(self.cultures)
        choice = rng.choice(self.choices[culture])
        window = rng.choices(choice.windows, cum_weights=choice.cum_weights)[0]
        first = rng.randrange(len(window.years) - 1)
        last = min(len(window.years) - 1, first + rng.choice(SPAN_STEPS))
        techniques = list(choice.techniques)
        return Drawn(
            culture=culture,
            period=window.period,
            date_start=window.years[first],
            date_end=window.years[last],
            object_type=choice.object_type,
            materials=[rng.choice(choice.materials)],
            techniques=rng.sample(techniques, k=min(len(techniques), rng.randint(1, 2))),
        )
