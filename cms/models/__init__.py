from cms.models.base import BasePage
from cms.models.images import CasebookImage, CasebookRendition
from cms.models.taxonomy import Tag, TagGroup, Theme

__all__ = [
    "BasePage",
    "CasebookImage",
    "CasebookRendition",
    "Tag",
    "TagGroup",
    "Theme",
]
