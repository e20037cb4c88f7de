"""The project's image model.

A custom model from day one: swapping the image model later means rewriting every
foreign key. It adds a credit line, printed under photos in the booklet.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CasebookImage(AbstractImage):
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, printed under the image."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    def get_upload_to(self, filename):
        # Originals of images in restricted collections go under private/, which
        # no web server serves (cms.private_originals).
        from cms.private_originals import upload_name

        return upload_name(self, super().get_upload_to(filename))

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CasebookRendition(AbstractRendition):
    image = models.ForeignKey(
        CasebookImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
