"""Query parameters as every public door reads them, pages and API alike.

Two rules hold before any view sees a parameter, so that no door has to remember them:

- A decimal digit of any script is read as its ASCII digit: "٣٠٠" (Arabic-Indic), "３００"
  (fullwidth) and "३००" (Devanagari) are 300 — in a year, a page number, a postal code, a month,
  a date or a search. Python's int() already accepted them where strptime, regular expressions
  written for [0-9] and pydantic did not; now every parser sees the same ASCII text. Characters
  that only look like digits (superscripts such as "²", fractions) are not digits: they stay as
  they are and the number is refused like any other text.
- A NUL character has no meaning in any parameter (and PostgreSQL refuses it in text): such a
  request is answered 400 at the door.

`SEARCH_PARAMETERS` names the parameters that make a request a text search or a place lookup:
whatever door they come through, such requests count against the "search" rate limit.
"""

import re
import unicodedata

from django.http import QueryDict

SEARCH_PARAMETERS = ("q", "near")

_DIGIT = re.compile(r"\d")  # a str pattern: any Unicode decimal digit (category Nd)


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of any script written as its ASCII digit."""
    if text.isascii():
        return text
    return _DIGIT.sub(lambda match: str(unicodedata.decimal(match.group())), text)


def has_nul(query: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values)
               for key, values in query.lists())  # fmt: skip


def with_ascii_digits(query: QueryDict) -> QueryDict:
    """The query with ascii_digits() applied to every value (the same object when nothing
    changes)."""
    if all(value.isascii() for _key, values in query.lists() for value in values):
        return query
    normalised = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        normalised.setlist(key, [ascii_digits(value) for value in values])
    normalised._mutable = False
    return normalised


def is_search(request) -> bool:
    """Whether the request searches text or looks up a place (a non-empty search parameter)."""
    return any(value.strip() for name in SEARCH_PARAMETERS for value in request.GET.getlist(name))
