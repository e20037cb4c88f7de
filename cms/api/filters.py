"""Query-parameter validation shared by every endpoint.

Every endpoint declares the parameters it accepts; anything else is a 400 that
names the allowed ones, so a typo (``prefectur=``) never silently returns
everything. :func:`validated_params` checks every value of every parameter by its
name (one name means one thing on every endpoint, see :data:`PARAMETER_RULES`;
domain apps add theirs with :func:`register_rule`) before the view looks in its
cache, so a detail URL rejects ``fallback=xx`` as a list does, and a malformed
query never costs a query or a cache entry. Vocabularies that live in the
database (tags, themes) are checked later, by the endpoint that uses them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from cms.api.errors import ProblemError
from cms.api.pagination import BOUNDS, parse_int
from cms.prefectures import PREFECTURES_BY_CODE

LOCALES = ("ja", "en")
DEFAULT_LOCALE = "ja"
TAG_GROUPS = ("lead", "participants", "internationalisation", "features")
ORDERINGS = (
    "-first_published_at",
    "first_published_at",
    "-last_published_at",
    "last_published_at",
    "title",
    "-title",
)
MAX_VALUE_LENGTH = 200

PAGING_PARAMS = ("limit", "offset")
LOCALE_PARAMS = ("locale", "fallback")
# Where an endpoint accepts one of these it cannot answer without it.
REQUIRED = frozenset(("path", "token"))
# Django's SlugField (taxonomy slugs): the shape is checked up front, membership
# in the vocabulary by the endpoint that filters on it.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def one_of(valid: Iterable[str]) -> Callable[[str, str], None]:
    valid = tuple(valid)

    def check(name: str, value: str) -> None:
        if value not in valid:
            raise ProblemError(
                _("%(name)s must be one of: %(choices)s.")
                % {"name": name, "choices": ", ".join(valid)},
                parameter=name,
                allowed=list(valid),
            )

    return check


def _integer(name: str, value: str) -> None:
    parse_int(name, value, *BOUNDS[name])


def slug(name: str, value: str) -> None:
    if not SLUG.fullmatch(value):
        raise ProblemError(
            _("%(name)s must be a slug (letters, digits, - and _).") % {"name": name},
            parameter=name,
        )


def _url_path(name: str, value: str) -> None:
    if not value.startswith("/"):
        raise ProblemError(
            _("%(name)s must be a URL path starting with /, such as /ja/school/…")
            % {"name": name},
            parameter=name,
        )


# name → the check of one of its values (raises ProblemError). Parameters not
# listed (q, token) take any short text.
PARAMETER_RULES: dict[str, Callable[[str, str], None]] = {
    "locale": one_of(LOCALES),
    "fallback": one_of(LOCALES),
    "prefecture": one_of(PREFECTURES_BY_CODE),
    **{group: slug for group in TAG_GROUPS},
    "theme": slug,
    "ordering": one_of(ORDERINGS),
    "limit": _integer,
    "offset": _integer,
    "path": _url_path,
}


def register_rule(name: str, rule: Callable[[str, str], None]) -> None:
    """Give parameter ``name`` its check, on every endpoint that accepts it."""
    existing = PARAMETER_RULES.get(name)
    if existing is not None and existing is not rule:
        raise ValueError(f"parameter {name!r} already has a rule")
    PARAMETER_RULES[name] = rule


def validated_params(
    query: QueryDict, allowed: Iterable[str], *, repeatable: Iterable[str] = ()
) -> dict[str, list[str]]:
    """The query as ``{name: [values]}``; 400 on unknown, repeated or bad values.

    Bad means empty (``?limit=``: a client bug, not "use the default"), holding a
    NUL byte, longer than MAX_VALUE_LENGTH, or failing its name's rule; a
    parameter in REQUIRED that the endpoint accepts must be present. Each error
    names the parameter (``parameter`` in the problem body).
    """
    allowed = tuple(allowed)
    repeatable = frozenset(repeatable)
    unknown = sorted(set(query) - set(allowed))
    if unknown:
        raise ProblemError(
            _("Unknown query parameter(s): %(unknown)s. Allowed: %(allowed)s.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))},
            unknown=unknown,
            allowed=sorted(allowed),
        )
    params: dict[str, list[str]] = {}
    for name in query:
        values = query.getlist(name)
        if len(values) > 1 and name not in repeatable:
            raise ProblemError(
                _("%(name)s may be given only once.") % {"name": name},
                parameter=name,
            )
        rule = PARAMETER_RULES.get(name)
        for value in values:
            if not value:
                raise ProblemError(
                    _("%(name)s must not be empty.") % {"name": name},
                    parameter=name,
                )
            # NUL bytes break PostgreSQL text parameters; huge values are abuse.
            if "\x00" in value or len(value) > MAX_VALUE_LENGTH:
                raise ProblemError(
                    _("%(name)s has an invalid value.") % {"name": name},
                    parameter=name,
                )
            if rule is not None:
                rule(name, value)
        params[name] = values
    missing = sorted(REQUIRED.intersection(allowed) - set(params))
    if missing:
        raise ProblemError(
            _("%(name)s is required.") % {"name": missing[0]},
            parameter=missing[0],
        )
    return params


def single(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def choice(
    params: Mapping[str, list[str]],
    name: str,
    choices: Iterable[str],
    default: str | None = None,
) -> str | None:
    value = single(params, name)
    if value is None:
        return default
    one_of(choices)(name, value)
    return value


def choices(
    params: Mapping[str, list[str]], name: str, valid: Iterable[str]
) -> frozenset[str]:
    values = frozenset(params.get(name, ()))
    unknown = sorted(values - set(valid))
    if unknown:
        raise ProblemError(
            _("Unknown value(s) for %(name)s: %(unknown)s.")
            % {"name": name, "unknown": ", ".join(unknown)},
            parameter=name,
        )
    return values


@dataclass(frozen=True)
class LocaleChoice:
    """The requested locale, and the locale to fall back to (None for no fallback)."""

    locale: str
    fallback: str | None


def locale_choice(params: Mapping[str, list[str]]) -> LocaleChoice:
    locale = choice(params, "locale", LOCALES, DEFAULT_LOCALE)
    fallback = choice(params, "fallback", LOCALES)
    if fallback == locale:
        fallback = None
    return LocaleChoice(locale=locale, fallback=fallback)
