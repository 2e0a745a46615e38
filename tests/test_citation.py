"""One citation for the card and Croissant: APA style, from what the descriptor states."""

from __future__ import annotations

from datapkg.citation import cite, cited_name, id_url


def test_authors_year_title_version_and_link() -> None:
    descriptor = {
        "name": "letters",
        "title": "Letters",
        "version": "1.2.0",
        "created": "2026-11-30T18:05:07Z",
        "id": "10.5281/zenodo.42",
        "contributors": [
            {"givenName": "Jean-Paul", "familyName": "Roux", "roles": ["author"]},
            {"organization": "Harbor Institute", "roles": ["publisher"]},
        ],
    }
    assert cite(descriptor) == (
        "Roux, J.-P. (2026). Letters (Version 1.2.0) [Data set]. https://doi.org/10.5281/zenodo.42"
    )


def test_nothing_is_invented() -> None:
    assert cite({"name": "letters", "version": "0.1.0"}) == (
        "letters (Version 0.1.0) [Data set]. (n.d.)."
    )
    assert cited_name({"title": "The Example Collective"}) == "The Example Collective"
    assert (
        id_url("urn:example:x") is None and id_url("doi:10.5281/x") == "https://doi.org/10.5281/x"
    )
