"""The moderation tests' roles and cast, reused rather than copied."""

from tests.workflows.conftest import cast, roles  # noqa: F401
