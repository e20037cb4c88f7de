"""Translators' admin: what needs translating, and where to do it."""
