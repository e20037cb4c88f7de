"""Editorial roles and moderation: who may do what, and the review path to live.

* ``roles`` — the six roles as data (page-tree, collection and model permissions);
* ``setup`` — ``ensure_roles_and_workflows()``, idempotent, run by ``setup_roles``;
* ``tasks`` — the review task (no self-approval, rejection needs a comment, scoped to
  source pages or to translations);
* ``scope`` — is a page a translation or a source?
* ``notifications`` — email on per-step approval and comment subscriptions, adding
  to Wagtail's own submit/approve/reject emails;
* ``scheduling`` — go-live/expiry publishing that survives a bad page;
* ``wagtail_localize_676`` — the moderated path for translations (upstream gap);
* ``wagtail_localize_634`` — drafts of live translations stay drafts (upstream gap).
"""
