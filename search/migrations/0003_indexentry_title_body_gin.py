# PostgreSQL only: a GIN index on the expression the search backend matches with
# (search/wagtail_6546.py).

from django.db import migrations

from search import wagtail_6546


class Migration(migrations.Migration):
    dependencies = [
        ("casebook_search", "0002_seed_glossary"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(wagtail_6546.create_index, wagtail_6546.drop_index),
    ]
