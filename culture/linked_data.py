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
    venue = session.venue
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
