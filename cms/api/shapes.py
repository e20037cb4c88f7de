"""Items built through their one declaration: the DRF serializer of their shape.

Each response type's keys are declared once, as a DRF serializer in a
``schema.py``; drf-spectacular documents it and :func:`shaped` builds the item
from it. ``shaped`` returns a plain dict (no DRF ``.data``, which costs a field
walk per item) holding exactly the declared fields, in their declared order, so
a key added to a builder but not to its shape, or declared but never built,
fails at once with the shape and the keys named, not later in a contract test.
"""

from __future__ import annotations

import functools
from typing import Any

from rest_framework import serializers as s


class ShapeError(KeyError):
    """An item built with keys its shape does not declare, or without some."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


@functools.cache
def field_names(serializer: type[s.Serializer]) -> tuple[str, ...]:
    """The declared fields of ``serializer``, inherited ones first (DRF's order)."""
    return tuple(serializer._declared_fields)


def shaped(serializer: type[s.Serializer], /, **values: Any) -> dict[str, Any]:
    """``values`` as the item ``serializer`` declares: its keys exactly, in order.

    Raises :class:`ShapeError` naming the shape and the missing or extra keys.
    """
    names = field_names(serializer)
    if tuple(values) == names:
        return values  # a fresh dict (the keyword arguments), already in order
    if len(values) != len(names) or not values.keys() >= set(names):
        raise ShapeError(_mismatch(serializer, names, values))
    return {name: values[name] for name in names}


def _mismatch(serializer: type, names: tuple[str, ...], values: dict) -> str:
    missing = [name for name in names if name not in values]
    extra = sorted(set(values) - set(names))
    parts = [f"missing {missing}" if missing else "", f"extra {extra}" if extra else ""]
    return f"{serializer.__name__}: " + ", ".join(part for part in parts if part)
