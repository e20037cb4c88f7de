"""Checkboxes ticked just after the editor opens are saved: wagtail/wagtail#12355.

Wagtail 8.0's unsaved-changes controller takes the form's baseline two seconds
after the editor opens, then polls it. A box ticked in that window becomes part of
the baseline, so autosave never sends it and closing the tab loses it without a
warning (https://github.com/wagtail/wagtail/issues/12355 is the same start-up
window). Ticking a box now asks the form's own ``w-autosave`` controller to save at
once; it debounces and queues like any other trigger.

Delete this module once Wagtail baselines the form without the delay.
"""

from __future__ import annotations

from django import forms

AUTOSAVE_ON_CHANGE = {"data-action": "change->w-autosave#save"}


def autosave_on_change(form: forms.Form, *names: str) -> None:
    """Make ticking any box of these checkbox fields trigger an autosave."""
    for name in names:
        field = form.fields.get(name)
        if field and isinstance(field.widget, forms.CheckboxSelectMultiple):
            field.widget.attrs.update(AUTOSAVE_ON_CHANGE)
