"""Edits made just after the editor opens are saved: wagtail/wagtail#12355.

Wagtail 8.0's unsaved-changes controller takes the form's baseline two seconds
after the editor opens, then polls it. A box ticked or a word typed in that window
becomes part of the baseline, so autosave never sends it and closing the tab loses
it without a warning (https://github.com/wagtail/wagtail/issues/12355 is the same
start-up window). Ticking a box, choosing an option or typing in a plain field now
asks the form's own ``w-autosave`` controller to save; it debounces and queues like
any other trigger. Widgets drawn by scripts (Draftail, StreamField, choosers) keep
their hidden inputs and Wagtail's own triggers.

Delete this module once Wagtail baselines the form without the delay.
"""

from __future__ import annotations

from django import forms

# The event that means "the value changed" for each kind of plain widget.
TRIGGERS = (
    ((forms.CheckboxSelectMultiple, forms.CheckboxInput, forms.Select), "change"),
    ((forms.TextInput, forms.Textarea), "input"),
)
SCRIPTED = (forms.HiddenInput,)


def autosave_on_change(form: forms.Form, *names: str) -> None:
    """Make changing any of these fields (all of them if none is named) trigger
    an autosave."""
    for name in names or tuple(form.fields):
        field = form.fields.get(name)
        widget = field.widget if field else None
        if widget is None or isinstance(widget, SCRIPTED):
            continue
        for kinds, event in TRIGGERS:
            if isinstance(widget, kinds):
                action = f"{event}->w-autosave#save"
                existing = widget.attrs.get("data-action", "")
                if action not in existing.split():
                    widget.attrs["data-action"] = f"{existing} {action}".strip()
                break
