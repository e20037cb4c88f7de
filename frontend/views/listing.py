"""What the section listing and the search page share: filters, facets and pages.

The site's query string is the reader's, not the API's. Tags travel as one
repeatable ``tag`` parameter (the API keeps tag slugs unique across its four
groups, so a reader's URL need not know which group a tag is in, and the form
needs one name for the whole matrix), and pages as ``page`` numbers rather than
offsets. This module reads only the parameters it knows (anything else in the URL
is ignored, never forwarded), maps them to the API's, and turns the API's facets
and taxonomy back into the form's groups, the removable-filter summary and the
page links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, QueryDict
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from frontend.client import ApiError, api

# The API's default page size, and what the browser test expects a page to hold.
PAGE_SIZE = 20
# The API's bound on ``offset`` (schema: 0–100000); a deeper page is refused here
# so the reader is told about ``page``, a parameter they can see.
MAX_OFFSET = 100_000
# The API's ``maxLength`` for ``q`` (schema); the search box says so up front.
MAX_QUERY_LENGTH = 200

# The orders the form offers, of the API's ``ordering`` values. The first is the
# API's default, so it is never written into a URL.
ORDERINGS: tuple[tuple[str, Any], ...] = (
    ("-first_published_at", gettext_lazy("Newest first")),
    ("first_published_at", gettext_lazy("Oldest first")),
    ("-last_published_at", gettext_lazy("Recently updated")),
    ("title", gettext_lazy("By title")),
)
DEFAULT_ORDERING = ORDERINGS[0][0]

# Site parameter → the words a reader sees for it in a problem or a summary.
PARAMETER_LABELS: dict[str, Any] = {
    "q": gettext_lazy("Search words"),
    "tag": gettext_lazy("Tag"),
    "prefecture": gettext_lazy("Prefecture"),
    "theme": gettext_lazy("Theme"),
    "section": gettext_lazy("Section"),
    "ordering": gettext_lazy("Sort order"),
    "page": gettext_lazy("Page"),
}


@dataclass(frozen=True)
class ListingQuery:
    """The filters, order and page a reader asked for, in the site's terms."""

    q: str = ""
    tags: tuple[str, ...] = ()
    prefectures: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    ordering: str = ""
    page: int = 1

    def filters(self) -> list[tuple[str, str]]:
        """Every chosen filter value as (site parameter, value)."""
        return [
            *(("section", v) for v in self.sections),
            *(("tag", v) for v in self.tags),
            *(("prefecture", v) for v in self.prefectures),
            *(("theme", v) for v in self.themes),
        ]

    @property
    def has_filters(self) -> bool:
        return bool(self.filters())

    def pairs(self) -> list[tuple[str, str]]:
        """The query string of this state: page 1 and the default order left out."""
        pairs = [("q", self.q)] if self.q else []
        pairs += self.filters()
        if self.ordering and self.ordering != DEFAULT_ORDERING:
            pairs.append(("ordering", self.ordering))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def without(self, parameter: str, value: str) -> ListingQuery:
        """This state minus one filter value, back on page 1."""
        attribute = FILTER_ATTRIBUTES[parameter]
        kept = tuple(v for v in getattr(self, attribute) if v != value)
        return replace(self, page=1, **{attribute: kept})


FILTER_ATTRIBUTES = {
    "section": "sections",
    "tag": "tags",
    "prefecture": "prefectures",
    "theme": "themes",
}


def url_for(path: str, query: ListingQuery) -> str:
    pairs = query.pairs()
    return f"{path}?{urlencode(pairs)}" if pairs else path


@dataclass
class FilterProblem(Exception):
    """A filter value the listing cannot use, named in the reader's terms."""

    parameter: str  # a site parameter (``tag``, ``prefecture``, ``page``…)
    value: str = ""
    detail: str = ""  # the API's own words, when the API refused it

    @property
    def label(self) -> str:
        return str(PARAMETER_LABELS.get(self.parameter, self.parameter))

    @property
    def explanation(self) -> str:
        values = {"value": self.value, "max": MAX_QUERY_LENGTH}
        messages = {
            "q": _(
                "The search words are too long: please use at most %(max)d characters."
            ),
            "tag": _("“%(value)s” is not a tag this casebook uses."),
            "prefecture": _(
                "“%(value)s” is not a prefecture code (JP-01 to JP-47 are)."
            ),
            "theme": _("“%(value)s” is not a theme this casebook uses."),
            "section": _("“%(value)s” is not a section of this casebook."),
            "ordering": _("“%(value)s” is not a sort order this list offers."),
            "page": _("“%(value)s” is not a page number of this list."),
        }
        message = messages.get(self.parameter, _("One of the filters is not valid."))
        return message % values


def _values(get: QueryDict, name: str) -> tuple[str, ...]:
    """The non-blank values of ``name``, once each, in the reader's order."""
    seen: dict[str, None] = {}
    for value in get.getlist(name):
        if value.strip():
            seen.setdefault(value.strip(), None)
    return tuple(seen)


def read_query(get: QueryDict) -> ListingQuery:
    """The known parameters of the site's query; unknown ones are dropped here."""
    raw_page = get.get("page", "").strip()
    page = 1
    if raw_page:
        # Plain ASCII digits only, as the API's own integers: "+2" or "２" is no page.
        if not (raw_page.isascii() and raw_page.isdigit() and len(raw_page) < 7):
            raise FilterProblem("page", raw_page)
        page = int(raw_page)
        if page < 1 or (page - 1) * PAGE_SIZE > MAX_OFFSET:
            raise FilterProblem("page", raw_page)
    return ListingQuery(
        q=get.get("q", "").strip(),
        tags=_values(get, "tag"),
        prefectures=_values(get, "prefecture"),
        themes=_values(get, "theme"),
        sections=_values(get, "section"),
        ordering=get.get("ordering", "").strip(),
        page=page,
    )


def api_params(
    query: ListingQuery, group_of_tag: Mapping[str, str]
) -> dict[str, str | int | list[str]]:
    """The API's query for ``query``: tags split into their groups, page → offset."""
    params: dict[str, Any] = {"locale": get_language()}
    for tag in query.tags:
        group = group_of_tag.get(tag)
        if group is None:
            raise FilterProblem("tag", tag)
        params.setdefault(group, []).append(tag)
    for parameter in ("section", "prefecture", "theme"):
        values = list(getattr(query, FILTER_ATTRIBUTES[parameter]))
        if values:
            params[parameter] = values
    if query.q:
        params["q"] = query.q
    if query.ordering:
        params["ordering"] = query.ordering
    params["limit"] = PAGE_SIZE
    params["offset"] = (query.page - 1) * PAGE_SIZE
    return params


def problem_from_api(
    error: ApiError, query: ListingQuery, tag_groups: Sequence[str]
) -> FilterProblem:
    """The API's 400, told in the site's parameter names with the reader's value."""
    parameter = str(error.problem.get("parameter") or "")
    if parameter in tag_groups:
        parameter = "tag"
    elif parameter in ("limit", "offset"):
        parameter = "page"
    value = {
        "q": query.q,
        "ordering": query.ordering,
        "page": str(query.page),
    }.get(parameter)
    if value is None:
        attribute = FILTER_ATTRIBUTES.get(parameter)
        value = ", ".join(getattr(query, attribute)) if attribute else ""
    return FilterProblem(parameter, value, str(error.problem.get("detail", "")))


@dataclass(frozen=True)
class FacetOption:
    """One checkbox or select option: a facet value with its live count."""

    value: str
    label: str
    count: int
    selected: bool

    @property
    def disabled(self) -> bool:
        # A selected option stays usable: a disabled input is not submitted, so
        # disabling it would silently drop the reader's filter.
        return self.count == 0 and not self.selected


@dataclass(frozen=True)
class TagSubgroup:
    name: str  # "" for tags outside any subgroup
    tags: tuple[FacetOption, ...]


@dataclass(frozen=True)
class TagGroup:
    slug: str
    name: str
    subgroups: tuple[TagSubgroup, ...]


def facet_options(facet: Sequence[Mapping[str, Any]]) -> list[FacetOption]:
    return [
        FacetOption(f["value"], f["label"], int(f["count"]), bool(f["selected"]))
        for f in facet
    ]


def tag_matrix(
    taxonomy: Mapping[str, Any], facets: Mapping[str, Any]
) -> list[TagGroup]:
    """The taxonomy's groups and subgroups, each tag with the facet's live count."""
    groups = []
    for group in taxonomy.get("tag_groups", []):
        counted = {o.value: o for o in facet_options(facets.get(group["slug"], []))}
        subgroups: list[TagSubgroup] = []
        for tag in group["tags"]:
            option = counted.get(tag["slug"]) or FacetOption(
                tag["slug"], tag["name"], 0, False
            )
            # Consecutive tags of one subgroup share its heading, as in print.
            if subgroups and subgroups[-1].name == tag["subgroup"]:
                last = subgroups.pop()
                subgroups.append(TagSubgroup(last.name, (*last.tags, option)))
            else:
                subgroups.append(TagSubgroup(tag["subgroup"], (option,)))
        groups.append(TagGroup(group["slug"], group["name"], tuple(subgroups)))
    return groups


@dataclass(frozen=True)
class ChosenFilter:
    """A filter in the summary above the results, with the link that removes it."""

    parameter_label: str
    label: str
    remove_url: str


def chosen_filters(
    path: str,
    query: ListingQuery,
    facets: Mapping[str, Any],
    tag_groups: Sequence[TagGroup],
) -> list[ChosenFilter]:
    labels: dict[tuple[str, str], tuple[str, str]] = {}
    for group in tag_groups:
        for subgroup in group.subgroups:
            for option in subgroup.tags:
                labels["tag", option.value] = (group.name, option.label)
    for parameter in ("section", "prefecture", "theme"):
        for option in facet_options(facets.get(parameter, [])):
            labels[parameter, option.value] = (
                str(PARAMETER_LABELS[parameter]),
                option.label,
            )
    chosen = []
    for parameter, value in query.filters():
        dimension, label = labels.get(
            (parameter, value), (str(PARAMETER_LABELS[parameter]), value)
        )
        chosen.append(
            ChosenFilter(
                dimension, label, url_for(path, query.without(parameter, value))
            )
        )
    return chosen


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    links: tuple[PageLink | None, ...]  # None marks a gap (…) between numbers
    previous_url: str
    next_url: str
    first_item: int
    last_item: int

    @property
    def many_pages(self) -> bool:
        return len(self.links) > 1


def paginate(path: str, query: ListingQuery, count: int, shown: int) -> Pagination:
    """Links to the first and last pages and two either side of the current one."""
    last_page = max(1, -(-count // PAGE_SIZE))
    if query.page > last_page:
        raise Http404(f"page {query.page} of {last_page}")

    def link(number: int) -> PageLink:
        return PageLink(
            number, url_for(path, replace(query, page=number)), number == query.page
        )

    wanted = sorted(
        {1, last_page, *range(query.page - 2, query.page + 3)}
        & set(range(1, last_page + 1))
    )
    links: list[PageLink | None] = []
    for number in wanted:
        if links and links[-1] is not None and number > links[-1].number + 1:
            links.append(None)
        links.append(link(number))
    first_item = (query.page - 1) * PAGE_SIZE + 1 if shown else 0
    return Pagination(
        links=tuple(links),
        previous_url=link(query.page - 1).url if query.page > 1 else "",
        next_url=link(query.page + 1).url if query.page < last_page else "",
        first_item=first_item,
        last_item=first_item + shown - 1 if shown else 0,
    )


@dataclass
class Listing:
    """Everything the filter form, the summary and the result list show."""

    path: str
    query: ListingQuery
    results: Mapping[str, Any]
    tag_groups: list[TagGroup]
    prefectures: list[FacetOption]
    themes: list[FacetOption]
    sections: list[FacetOption]
    chosen: list[ChosenFilter]
    pagination: Pagination
    orderings: tuple[tuple[str, Any], ...] = ORDERINGS
    clear_url: str = ""

    @property
    def count(self) -> int:
        return int(self.results.get("count", 0))

    @property
    def items(self) -> list[Mapping[str, Any]]:
        return list(self.results.get("items", []))


def taxonomy() -> dict[str, Any]:
    return api().get("taxonomy/", {"locale": get_language()}).data


def fetch_listing(
    path: str,
    resource: str,
    query: ListingQuery,
    *,
    fixed: Mapping[str, str] | None = None,
    taxonomy_data: Mapping[str, Any] | None = None,
) -> Listing:
    """Ask ``resource`` (``case-studies/`` or ``search/``) for ``query``'s page.

    ``fixed`` are API parameters the page sets itself (a section's own section);
    they never appear in the reader's URLs. Raises ``FilterProblem`` for a value
    the site or the API refuses.
    """
    terms = taxonomy_data if taxonomy_data is not None else taxonomy()
    group_slugs = [group["slug"] for group in terms.get("tag_groups", [])]
    group_of_tag = {
        tag["slug"]: group["slug"]
        for group in terms.get("tag_groups", [])
        for tag in group["tags"]
    }
    params = {**api_params(query, group_of_tag), **(fixed or {})}
    try:
        results = api().get(resource, params).data
    except ApiError as error:
        if error.status != 400:
            raise
        raise problem_from_api(error, query, group_slugs) from error
    facets = results.get("facets", {})
    groups = tag_matrix(terms, facets)
    clear = ListingQuery(q=query.q)
    return Listing(
        path=path,
        query=query,
        results=results,
        tag_groups=groups,
        prefectures=facet_options(facets.get("prefecture", [])),
        themes=facet_options(facets.get("theme", [])),
        sections=facet_options(facets.get("section", [])),
        chosen=chosen_filters(path, query, facets, groups),
        pagination=paginate(
            path, query, int(results.get("count", 0)), len(results.get("items", []))
        ),
        clear_url=url_for(path, clear),
    )
