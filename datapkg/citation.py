"""How to cite a package, from its descriptor: one citation for every place that shows one
(the dataset card's "How to cite", Croissant's `citeAs`).

APA style for data sets: `Ortiz, D. (2026). Title (Version 1.2.0) [Data set]. <link>`, where
the authors are the contributors with role author or creator (everyone when nobody has
either), the year is the release's (`created`), and the link is the package's id (a DOI
becomes its https://doi.org/ address) or homepage. Only what the descriptor states: no
invented authors, dates or addresses.
"""

from __future__ import annotations

import re
from typing import Any

_CREATOR_ROLES = frozenset({"author", "creator"})
_DOI = re.compile(r"^(?:doi:)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")


def roles(contributor: dict[str, Any]) -> set[str]:
    return {role.lower() for role in contributor.get("roles", [])}


def contributor_name(contributor: dict[str, Any]) -> str:
    """A contributor's name as written: its title, else given and family name, else its
    organisation."""
    person = " ".join(contributor[k] for k in ("givenName", "familyName") if contributor.get(k))
    return str(contributor.get("title") or person or contributor.get("organization", ""))


def creators(contributors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The authors or creators; everyone when nobody has either role."""
    authors = [c for c in contributors if roles(c) & _CREATOR_ROLES]
    return authors or contributors


def cited_name(contributor: dict[str, Any]) -> str:
    """A person with a family name as `Family, G. N.`; anyone else by the name given."""
    family = contributor.get("familyName")
    if not family:
        return str(
            contributor.get("title")
            or contributor.get("givenName")
            or contributor.get("organization")
        )
    initials = " ".join(
        "-".join(f"{part[0]}." for part in given.split("-") if part)
        for given in contributor.get("givenName", "").split()
    )
    return f"{family}, {initials}" if initials else str(family)


def id_url(identifier: str | None) -> str | None:
    """The package id as a URL: itself when it is one, a DOI's https://doi.org/ address."""
    if not identifier:
        return None
    if _URL.match(identifier):
        return identifier
    if doi := _DOI.match(identifier):
        return f"https://doi.org/{doi.group(1)}"
    return None


def cite(descriptor: dict[str, Any]) -> str:
    """An APA-style citation: `Ortiz, D. (2026). Title (Version 1.2.0) [Data set]. <link>`."""
    names = [cited_name(c) for c in creators(descriptor.get("contributors", []))]
    year = f"({descriptor['created'][:4]})" if descriptor.get("created") else "(n.d.)"
    work = descriptor.get("title") or descriptor["name"]
    if descriptor.get("version"):
        work += f" (Version {descriptor['version']})"
    work += " [Data set]"
    if not names:
        parts = [work, year]
    elif len(names) == 1:
        parts = [f"{names[0]} {year}", work]
    else:
        parts = [f"{', '.join(names[:-1])}, & {names[-1]} {year}", work]
    link = id_url(descriptor.get("id")) or descriptor.get("homepage") or descriptor.get("id")
    return ". ".join(parts) + "." + (f" {link}" if link else "")
