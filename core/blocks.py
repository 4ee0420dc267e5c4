"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.home import home_sections, render_section, section_choices


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Credit line"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=250)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "core/blocks/call_to_action_block.html"

    def clean(self, value):
        return _one_link(super().clean(value))


def _one_link(value):
    """A link block's value, refused unless it names a page or an address (one of the two)."""
    if bool(value.get("page")) == bool(value.get("url")):
        raise blocks.StructBlockValidationError(
            block_errors={
                "page": ValidationError(
                    _("Choose a page or enter an external link (one of the two).")
                )
            }
        )
    return value


class BaseStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        icon="pilcrow",
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        template="core/blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()


def validate_link(value: str) -> None:
    """An address on the web (https://…) or a path on this site (/api/v1/openapi.json)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Link text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Address"), required=False, max_length=500, validators=[validate_link],
        help_text=_("An address (https://…) or a path on this site (/api/v1/openapi.json)."),
    )  # fmt: skip

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        return _one_link(super().clean(value))


class DoorBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "pick"
        label = _("Door")


class DoorsBlock(blocks.StructBlock):
    """Ways in for each kind of visitor: a card each, with its text and links."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    doors = blocks.ListBlock(DoorBlock(), label=_("Doors"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Doors for visitors")
        template = "core/blocks/doors_block.html"


class HomeSectionBlock(blocks.StructBlock):
    """A section another app provides (core.home): featured pieces, programs near you…"""

    source = blocks.ChoiceBlock(label=_("Section"), choices=section_choices)
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False,
        help_text=_("Empty: the section's own heading, in the reader's language."),
    )  # fmt: skip
    count = blocks.IntegerBlock(
        label=_("How many"), default=3, min_value=1, max_value=12,
        help_text=_("Items shown, where the section lists items."),
    )  # fmt: skip

    class Meta:
        icon = "list-ul"
        label = _("Section")
        template = "core/blocks/home_section_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        section = home_sections().get(value["source"])
        anchor = f"home-{value['source']}"  # one of each per page (HomeStreamBlock.clean)
        context["anchor"] = anchor
        context["heading"] = value["heading"] or (section.heading if section else "")
        context["content"] = render_section(
            value["source"], request=parent_context.get("request"), count=value["count"] or 3,
            anchor=anchor,
        )  # fmt: skip
        return context


class HomeStreamBlock(BaseStreamBlock):
    """The home page's blocks: the shared ones, sections from the apps and the doors."""

    section = HomeSectionBlock()
    doors = DoorsBlock()

    def clean(self, value):
        seen, duplicates = set(), {}
        for index, child in enumerate(value):
            if child.block_type == "section":
                if child.value["source"] in seen:
                    duplicates[index] = ValidationError(_("This section is already on the page."))
                seen.add(child.value["source"])
        try:
            value = super().clean(value)
        except blocks.StreamBlockValidationError as error:
            raise blocks.StreamBlockValidationError(
                block_errors={**duplicates, **error.block_errors},
                non_block_errors=error.non_block_errors,
            ) from error
        if duplicates:
            raise blocks.StreamBlockValidationError(block_errors=duplicates)
        return value


def chosen_ids(block: blocks.Block, raw, model) -> set[int]:
    """The ids of the `model` records a block's stored value (its raw JSON) chooses, at any
    depth, read without a query: what a page's live content shows, which Wagtail's reference
    index cannot say (it also reads the drafts)."""
    found: set[int] = set()
    if isinstance(block, blocks.StreamBlock):
        for item in raw or ():
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                found |= chosen_ids(child, item.get("value"), model)
    elif isinstance(block, blocks.ListBlock):
        for item in raw or ():
            listed = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            found |= chosen_ids(block.child_block, item["value"] if listed else item, model)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            found |= chosen_ids(child, (raw or {}).get(name), model)
    elif (
        isinstance(block, blocks.ChooserBlock)
        and issubclass(block.model_class, model)
        and (isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit()))
    ):
        found.add(int(raw))
    return found
