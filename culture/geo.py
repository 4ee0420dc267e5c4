"""Where a reader is, and how far things are: "near me" for programs and mobile-consulate stops.

A place is found from what the reader types — a US postal code ("60607", "60607-1234") or a
city ("Chicago", "chicago, il", "San José, CA") — or from the browser's location. Postal codes
and city centroids come from data/us_postal_codes.tsv.gz, written from the `zipcodes` package
by tools/us_postal_codes.py (no network); the cities of our own venues come first, so a venue's
city is always known. Each process reads the file's half megabyte once, when first asked, and
keeps its lines (about 4 MB); the package's own lookup would hold 40 MB in every worker.
"""

import bisect
import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from core.params import ascii_digits

POSTAL_CODES = Path(__file__).resolve().parent / "data" / "us_postal_codes.tsv.gz"

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
# ASCII digits only (other scripts' digits are read as ASCII first).
ZIP = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$", re.ASCII)


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    label: str


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def fold(text: str) -> str:
    """Lower case without accents or extra spaces: "San José" and "san jose" are one city."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


@cache
def _postal_lines() -> list[str]:
    """The file's lines, `code\tlatitude\tlongitude\tcity\tstate`, sorted by code."""
    return gzip.decompress(POSTAL_CODES.read_bytes()).decode().splitlines()


@cache
def _us_cities() -> dict[tuple[str, str], tuple[float, float, int]]:
    """(folded city, state) → centroid of its postal codes and how many it has."""
    sums: dict[tuple[str, str], list[float]] = {}
    for line in _postal_lines():
        _code, lat, lon, city, state = line.split("\t")
        total = sums.setdefault((fold(city), state.upper()), [0.0, 0.0, 0])
        total[0] += float(lat)
        total[1] += float(lon)
        total[2] += 1
    return {key: (lat / count, lon / count, count) for key, (lat, lon, count) in sums.items()}


@lru_cache(maxsize=4096)
def _from_postal_code(code: str) -> Place | None:
    lines = _postal_lines()
    at = bisect.bisect_left(lines, code + "\t")  # a tab sorts before every character of a line
    if at == len(lines) or not lines[at].startswith(code + "\t"):
        return None
    _code, lat, lon, city, state = lines[at].split("\t")
    return Place(float(lat), float(lon), f"{code} ({city}, {state})")


def _from_city(text: str, venues) -> Place | None:
    name, _comma, state = text.partition(",")
    city, state = fold(name), state.strip().upper()
    if not city:
        return None
    ours = [
        (float(venue.latitude), float(venue.longitude), venue)
        for venue in venues
        if fold(venue.city) == city
        and (not state or venue.state.upper() == state)
        and venue.latitude is not None
        and venue.longitude is not None
    ]  # fmt: skip
    if ours:
        venue = ours[0][2]
        return Place(
            sum(lat for lat, _lon, _v in ours) / len(ours),
            sum(lon for _lat, lon, _v in ours) / len(ours),
            ", ".join(part for part in (venue.city, venue.state) if part),
        )
    found = [
        (count, key, lat, lon)
        for key, (lat, lon, count) in _us_cities().items()
        if key[0] == city and (not state or key[1] == state)
    ]
    if not found:
        return None
    # Without a state, the city with the most postal codes: "Springfield" is a guess either way.
    count, (_city, found_state), lat, lon = max(found)
    return Place(lat, lon, f"{name.strip()}, {found_state}")


def locate(text: str, *, venues=()) -> Place | None:
    """The place a reader typed, or None when neither a postal code nor a city we know.
    Digits of any script count ("٦٠٦٠٧" is 60607)."""
    text = ascii_digits(text or "")
    match = ZIP.match(text)
    if match:
        return _from_postal_code(match.group(1))
    return _from_city(text, venues)
