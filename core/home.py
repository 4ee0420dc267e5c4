"""The home page's sections: core draws the page, the apps fill it.

Core knows no piece, case or program (dependencies point one way: heritage and culture depend
on core, never the reverse). An app offers a section to the home page by registering a
`register_home_section` hook that returns a `HomeSection`; the home page's "section" block
(core.blocks.HomeSectionBlock) lets the editor choose one by its name, and the section renders
itself through its own app's selectors and template. Its choices are read from this registry
each time (a callable, so migrations never record the list): a section whose app is removed
simply stops rendering.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from wagtail import hooks

HOOK = "register_home_section"


@dataclass(frozen=True)
class HomeSection:
    """One kind of home section.

    `render(request, *, count, anchor)` returns the section's content as safe HTML (the block
    adds the heading); `anchor` is the id of the section's element, for forms that come back
    to it; a section that shows a fixed set (three figures) ignores `count`. `heading` is the
    default heading when the editor leaves it empty."""

    name: str
    label: str
    heading: str
    render: Callable[..., str]


def home_sections() -> dict[str, HomeSection]:
    """Every registered section by name, in the order of the apps that register them."""
    sections = {}
    for hook in hooks.get_hooks(HOOK):
        section = hook()
        sections[section.name] = section
    return sections


def section_choices() -> list[tuple[str, str]]:
    """The choices of the section block's `source` (read at each use, never migrated)."""
    return [(name, section.label) for name, section in home_sections().items()]


def render_section(name: str, *, request: HttpRequest | None, count: int, anchor: str) -> str:
    """A section's content, or "" when no app provides `name` (any more)."""
    section = home_sections().get(name)
    if section is None:
        return ""
    return section.render(request, count=count, anchor=anchor)
