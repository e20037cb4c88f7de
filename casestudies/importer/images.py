"""Images from files beside the import file, reused by content hash.

Re-importing a file, or naming one photo from several records, must not add copies
to the image library, so an image is looked up by the SHA-1 that Wagtail stores in
``file_hash`` before a new one is made.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files.images import ImageFile
from wagtail.utils.file import hash_filelike

from casestudies.importer.records import ImageRef
from cms.models import CasebookImage


class ImageStore:
    """Finds or creates the image of each file; remembers files it stored so that a
    rolled-back import can delete them again (storage is not transactional)."""

    def __init__(self) -> None:
        self.by_path: dict[Path, CasebookImage] = {}
        self.stored_files: list[str] = []
        self.created = 0
        self.reused = 0

    def image_for(self, ref: ImageRef) -> CasebookImage:
        if ref.path in self.by_path:
            return self.by_path[ref.path]
        with ref.path.open("rb") as handle:
            digest = hash_filelike(handle)
            handle.seek(0)
            image = CasebookImage.objects.filter(file_hash=digest).first()
            if image is None:
                image = CasebookImage(
                    title=(ref.alt or ref.path.stem)[:255],
                    description=ref.alt[:255],
                    credit=ref.credit,
                    file=ImageFile(handle, name=ref.path.name),
                    file_hash=digest,
                    file_size=ref.path.stat().st_size,
                )
                image.save()
                self.stored_files.append(image.file.name)
                self.created += 1
            else:
                self.reused += 1
        self.by_path[ref.path] = image
        return image

    def discard_stored_files(self) -> None:
        """Delete the files of images whose database rows were rolled back."""
        for name in self.stored_files:
            CasebookImage._meta.get_field("file").storage.delete(name)
        self.stored_files.clear()
