"""The translation editor's footer must not make a destructive action primary.

wagtail-localize 1.14.5's React translation editor builds its footer from the
``perms`` and ``links`` props in a fixed order (Stop synced translation,
Convert to alias page, Delete, Lock, Unlock, Unpublish, Publish) and makes the
*last* one the primary button. A user without publish permission therefore got
"Delete" (new translation) or "Convert to alias page" (live translation) as the
main button. Related upstream gap: https://github.com/wagtail/wagtail-localize/issues/676
(the editor knows nothing of workflows, so it has no moderated action to put first).

``footer_props`` rewrites the props only for users who may not publish: it drops
Delete, Unpublish and Convert to alias page from the footer so none of them can
end up primary. This is presentation only: every permission check stays
server-side (Wagtail's delete/unpublish views, and
``cms.workflows.wagtail_localize_676.convert_to_alias``, which refuses
non-publishers anyway). Publishers keep the upstream footer, whose primary is
"Publish in <locale>".

Delete this module (and the ``editor_footer_props`` tag) with
``wagtail_localize_676`` once wagtail-localize's editor offers a workflow action.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder

# Footer actions that destroy or take content offline; never primary.
DESTRUCTIVE_PERMS = ("canDelete", "canUnpublish")
DESTRUCTIVE_LINKS = ("convertToAliasUrl",)


def footer_props(props_json: str) -> str:
    """The editor props JSON, minus destructive footer actions for non-publishers."""
    props = json.loads(props_json)
    if props["perms"].get("canPublish"):
        return props_json
    for name in DESTRUCTIVE_PERMS:
        props["perms"][name] = False
    for name in DESTRUCTIVE_LINKS:
        props["links"][name] = None
    return json.dumps(props, cls=DjangoJSONEncoder)
