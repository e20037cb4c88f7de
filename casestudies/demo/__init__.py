"""Bilingual demo content: the casebook's four sample pages plus illustrative cases.

``casebook.json`` is an ordinary import file (docs/importer.md); its images are drawn
locally at load time (``images.py``), so nothing is downloaded and no binaries are
committed. ``loader.load_demo_content`` builds the site skeleton and imports it.
"""
