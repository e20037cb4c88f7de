"""Media blocks: images with caption and alt text, and video links."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from cms.blocks.schemas import DerivedSchemaMixin
from cms.image_representation import image_representation


class CaptionedImageBlock(DerivedSchemaMixin, blocks.StructBlock):
    """An image with its caption and alt text.

    Alt text lives on the block, not on the image, because it describes the image in
    its context and is translated with the page; an image with no meaning of its own
    may instead be marked decorative.
    """

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        max_length=255,
        required=False,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative (no alt text needed)"), required=False, default=False
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Add alt text, or mark the image as decorative.")
                    )
                }
            )
        return value

    # The API shows renditions, not the image id, and the alt text inside them.
    api_overrides = {
        "image": {
            "oneOf": [{"$ref": "#/components/schemas/Image"}, {"type": "null"}],
            "description": "Null when the image is not public.",
        },
        "alt_text": None,
    }

    def get_api_representation(self, value, context=None) -> dict:
        """Renditions instead of an image id; alt text empty when decorative."""
        decorative = bool(value.get("decorative"))
        alt = "" if decorative else (value.get("alt_text") or "")
        return {
            "image": image_representation(value.get("image"), alt, context),
            "decorative": decorative,
            "caption": value.get("caption") or "",
        }


# Where videos may come from: https links to these hosts only, nothing else.
VIDEO_PROVIDERS: dict[str, frozenset[str]] = {
    "YouTube": frozenset(
        {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
    ),
    "Vimeo": frozenset({"vimeo.com", "player.vimeo.com"}),
}
VIDEO_HOSTS = frozenset().union(*VIDEO_PROVIDERS.values())


def validate_video_url(url: str) -> None:
    """Refuse a video URL that is not https on an allowed provider's host."""
    try:
        parts = urlsplit(url or "")
        port = parts.port
    except ValueError:
        parts, port = None, None
    if (
        parts is None
        or parts.scheme != "https"
        or (parts.hostname or "") not in VIDEO_HOSTS
        or parts.username is not None
        or parts.password is not None
        or port not in (None, 443)
    ):
        raise ValidationError(
            _(
                "Use an https link to a video on YouTube (youtube.com, youtu.be) "
                "or Vimeo (vimeo.com); other sites are not allowed."
            ),
            code="video_provider",
        )


class VideoBlock(DerivedSchemaMixin, blocks.StructBlock):
    """A link to a video (printed in the booklet as a QR code).

    Only https links to the providers in ``VIDEO_PROVIDERS`` pass validation.
    """

    url = blocks.URLBlock(label=_("Video URL"), validators=[validate_video_url])
    caption = blocks.CharBlock(label=_("Caption"), max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
