"""Shared kernel: imported by every app, importing none of them."""
