"""Plumbing the program pages share with other apps."""

from wagtail import hooks


def program_sections(request, program) -> list[str]:
    """HTML other apps add to a program page (the stories linked to it).

    Culture knows none of them: an app registers a `culture_program_sections` hook, a callable
    (request, program) returning safe HTML or an empty string — as heritage's
    `heritage_piece_sections` for piece pages."""
    return [
        html
        for hook in hooks.get_hooks("culture_program_sections")
        if (html := hook(request, program))
    ]
