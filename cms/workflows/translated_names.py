"""Workflow and task names shown in each reader's own admin language.

Wagtail stores ``Workflow.name`` and ``Task.name`` as plain strings and prints
them as they are, so one language's name reaches every reader. No upstream issue
covers this (searched wagtail/wagtail, 2026-12); the casebook stores the English
name as a gettext msgid (``cms/workflows/setup.py``) and translates it *when read*.

``install()`` puts a data descriptor on both ``name`` attributes that returns a
``TranslatedName``: a ``str`` equal to the stored value (queries, comparisons,
JSON in log entries and the database all see the msgid) whose ``str()`` and HTML
rendering are the name in the active language. Base ``Task`` rows loaded by
Wagtail and the specific ``ReviewTask`` share the attribute (multi-table
inheritance), so every screen and email that prints ``task.name`` is covered,
and the notifications, rendered in the recipient's language, translate too.

Forms read field values through ``Field.value_from_object``; that is pointed at
the stored value, so the workflow and task edit forms show and save the msgid,
never a translation. A name a site admin types that has no translation is shown
as typed.
"""

from __future__ import annotations

from django.db.models.query_utils import DeferredAttribute
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Task, Workflow


class TranslatedName(str):
    """The stored name, which renders as its translation in the active language."""

    def __str__(self) -> str:
        return gettext(str.__str__(self))

    def __format__(self, format_spec: str) -> str:
        # str.format and f-strings read the characters, not __str__: Wagtail's lock
        # banner builds "awaiting '{task_name}'" with format().
        return format(str(self), format_spec)

    def __html__(self) -> str:
        return escape(str(self))


class TranslatedNameAttribute(DeferredAttribute):
    """A data descriptor: Django sets field values through it, reads wrap them."""

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is None or not isinstance(value, str):
            return value
        return value if isinstance(value, TranslatedName) else TranslatedName(value)

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = value


def _stored_value(field):
    def value_from_object(obj):
        value = getattr(obj, field.attname)
        return str.__str__(value) if isinstance(value, str) else value

    return value_from_object


def install() -> None:
    """Translate both names on read; called once from ``CmsConfig.ready``."""
    for model in (Workflow, Task):
        field = model._meta.get_field("name")
        if not isinstance(model.__dict__.get("name"), TranslatedNameAttribute):
            model.name = TranslatedNameAttribute(field)
            field.value_from_object = _stored_value(field)
