"""A story's body: the shared blocks (core.blocks) plus recordings and a gallery."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock

from core.blocks import BaseStreamBlock, ImageBlock


class AudioBlock(blocks.StructBlock):
    """A recording with our player: captions and transcript come from the recording itself, in
    the reader's language."""

    media = AudioChooserBlock(label=_("Audio"))
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "stories/blocks/recording_block.html"


class VideoBlock(blocks.StructBlock):
    media = VideoChooserBlock(label=_("Video"))
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "stories/blocks/recording_block.html"


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "stories/blocks/gallery_block.html"


class StoryStreamBlock(BaseStreamBlock):
    audio = AudioBlock()
    video = VideoBlock()
    gallery = GalleryBlock()
