"""schema.org Event data for program pages: one Event per upcoming occurrence, so search
engines can list them (location or VirtualLocation, status, attendance mode, language, offers)."""

from decimal import Decimal

from core.links import absolute_url

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "moved": "https://schema.org/EventRescheduled",
    "cancelled": "https://schema.org/EventCancelled",
}


def _place(session) -> dict:
    return venue_place(session.venue)


def venue_place(venue) -> dict:
    """A venue as a schema.org Place (PostalAddress, GeoCoordinates when known)."""
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street_address,
            "addressLocality": venue.city,
            "addressRegion": venue.state,
            "postalCode": venue.postal_code,
            "addressCountry": venue.country,
        },
    }
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": float(venue.latitude),
                        "longitude": float(venue.longitude)}  # fmt: skip
    return place


def program_images(program, related_pieces, *, request=None) -> list[str]:
    """Absolute URLs of what a program shows: the images of its body, then the first image of
    each public piece it presents (`related_pieces` holds public ones only)."""
    images = [block.value["image"] for block in program.body if block.block_type == "image"]
    for piece in related_pieces:  # with their images (heritage.selectors.piece_cards_public)
        if piece.image_list:
            images.append(piece.image_list[0].image)
    return list(dict.fromkeys(absolute_url(image.file.url, request) for image in images))


def program_events(
    program, upcoming: list[dict], *, url: str, language: str, images: list[str] = ()
) -> list[dict]:
    languages = [term.code for term in program.languages.all()] or [language]  # prefetched
    events = []
    for item in upcoming:
        session = item["session"]
        locations = []
        if session.venue_id:
            locations.append(_place(session))
        if session.online_url:
            locations.append({"@type": "VirtualLocation", "url": session.online_url})
        if session.venue_id and session.online_url:
            mode = "https://schema.org/MixedEventAttendanceMode"
        elif session.online_url:
            mode = "https://schema.org/OnlineEventAttendanceMode"
        else:
            mode = "https://schema.org/OfflineEventAttendanceMode"
        event = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": program.title,
            "description": program.summary,
            "url": url,
            "startDate": item["start"].isoformat(),
            "endDate": item["end"].isoformat(),
            "eventStatus": STATUS.get(session.status, STATUS["scheduled"]),
            "eventAttendanceMode": mode,
            "location": locations[0] if len(locations) == 1 else locations,
            "inLanguage": languages,
            "isAccessibleForFree": not program.cost,
            "offers": {
                "@type": "Offer",
                "price": str(program.cost or Decimal("0")),
                "priceCurrency": "USD",
                "url": program.registration_url or url,
                "availability": "https://schema.org/InStock",
            },
        }
        if images:
            event["image"] = list(images)
        if program.organizer_id:
            event["organizer"] = {"@type": "Organization", "name": program.organizer.name,
                                  "url": program.organizer.website_url or None}  # fmt: skip
        events.append(event)
    return events


# schema.org type of an organization page by its kind (culture.models.OrganizationPage.Kind).
ORGANIZATION_TYPES = {
    "consulate": "GovernmentOffice",
    "mx-government": "GovernmentOffice",
    "us-government": "GovernmentOffice",
    "legal-aid": "LegalService",
    "lawyers": "LegalService",
}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_URIS = [f"https://schema.org/{day}" for day in DAYS]  # Monday = 0, as OpeningHours


def _language(term) -> dict:
    return {"@type": "Language", "name": str(term), "alternateName": term.code}


def organization_json_ld(page, *, url: str) -> dict:
    """schema.org data of an organization page: GovernmentOffice (consulates and government
    offices), LegalService (legal aid, lawyers) or Organization, with its address, opening hours
    (OpeningHoursSpecification, on the place's clock) and the languages it serves in or
    interprets (availableLanguage). `url` is the page's absolute URL (core.links)."""
    venue = page.venue
    data = {
        "@context": "https://schema.org",
        "@type": ORGANIZATION_TYPES.get(page.kind, "Organization"),
        "name": page.title,
        "url": url,
    }
    if page.summary:
        data["description"] = page.summary
    if page.phone:
        data["telephone"] = page.phone
    if page.email:
        data["email"] = page.email
    if page.website:
        data["sameAs"] = page.website
    languages = [*page.languages_served.all(), *page.languages_on_request.all()]
    if languages:
        data["availableLanguage"] = [_language(term) for term in dict.fromkeys(languages)]
    services = [str(service) for service in page.services.all()]
    if services:
        data["knowsAbout"] = services
    if page.service_area or page.states:
        data["areaServed"] = page.service_area or ", ".join(page.states)
    if venue is not None:
        place = venue_place(venue)
        data["address"] = place["address"]
        if "geo" in place:
            data["geo"] = place["geo"]
        rows = list(venue.hours.all())
        if rows:
            data["openingHoursSpecification"] = [
                {"@type": "OpeningHoursSpecification", "dayOfWeek": WEEKDAY_URIS[row.weekday],
                 "opens": row.opens.strftime("%H:%M"), "closes": row.closes.strftime("%H:%M")}
                for row in sorted(rows, key=lambda row: (row.weekday, row.opens))
            ]  # fmt: skip
    return data
