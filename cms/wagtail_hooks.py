"""Wagtail hooks of the kernel; each module registers its own on import."""

from cms.workflows import hooks as workflow_hooks  # noqa: F401
