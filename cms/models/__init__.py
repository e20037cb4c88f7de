from cms.models.base import BasePage
from cms.models.content_version import ContentVersion
from cms.models.images import CasebookImage, CasebookRendition
from cms.models.taxonomy import Tag, TagGroup, Theme
from cms.models.translation_state import PublishedTranslationState
from cms.workflows.tasks import ReviewTask

__all__ = [
    "BasePage",
    "CasebookImage",
    "CasebookRendition",
    "ContentVersion",
    "PublishedTranslationState",
    "ReviewTask",
    "Tag",
    "TagGroup",
    "Theme",
]
