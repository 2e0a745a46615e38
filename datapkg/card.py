"""The dataset card, `README.md`: a Hugging Face dataset card that people read too.

Its YAML header is huggingface_hub's `DatasetCardData`: one configuration per resource
(its Parquet file, `quotations` the default), licence, languages, pretty name, tags and
size category, so the package folder is a dataset repository that `datasets.load_dataset`
opens offline and `huggingface-cli upload` publishes as it is. Its body is the template
`templates/dataset-card.md`, filled with what the descriptor states and what the written
data holds (provenance and figures, read a batch at a time). Deterministic, like every
file of the package.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pyarrow.parquet as pq
from huggingface_hub import DatasetCard, DatasetCardData

from datapkg.citation import cite, contributor_name
from datapkg.figures import FigureCounts
from datapkg.layout import CARD, data_path, parquet_twin, shard_glob, table_files
from datapkg.schemas import RESOURCES, table_schema

TEMPLATE = Path(__file__).with_name("templates") / "dataset-card.md"
#: The configuration `load_dataset(folder)` opens when none is named.
DEFAULT_CONFIG = "quotations"

_CARD_DOCUMENTS = 50  # provenance rows shown; the documents resource has them all
_BAR = 40  # characters of the longest bar
# Hugging Face's size categories, by the rows of the largest resource.
_SIZES: tuple[tuple[int, str], ...] = (
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
    (100_000_000, "10M<n<100M"),
)
_PROVENANCE = (
    "document_id",
    "title",
    "author",
    "publisher",
    "language",
    "published",
    "source",
    "sha256",
    "bytes",
)


def dataset_card(
    package_dir: Path,
    descriptor: dict[str, Any],
    counts: dict[str, int],
    changelog: str | None = None,
) -> str:
    """The package's README.md: the Hugging Face header, then what the package is, where
    each text came from, its figures, its fields, how to load and cite it, its changelog."""
    provenance, more = _provenance(package_dir)
    body = _template().render(
        title=descriptor["title"],
        name=descriptor["name"],
        version=descriptor["version"],
        description=(descriptor.get("description") or "").strip(),
        about=_about(descriptor),
        contents=[
            {
                "resource": r,
                "rows": counts[r],
                "csv": _listed(table_files(package_dir, r, "csv")),
                "parquet": _listed(table_files(package_dir, r, "parquet")),
            }
            for r in RESOURCES
        ],
        read=_reading(package_dir),
        licences=", ".join(
            lic.get("title") or lic.get("name") or lic.get("path", "")
            for lic in descriptor.get("licenses", [])
        ),
        rights=descriptor.get("rights"),
        field_tables=[(r, _fields(r)) for r in RESOURCES],
        provenance=provenance,
        more_documents=more,
        figures=_figures(package_dir),
        join_sql=(
            f"SELECT d.document_id, q.speaker, q.text FROM "
            f"'{_pattern(package_dir, 'quotations', 'parquet')}' q "
            f"JOIN '{_pattern(package_dir, 'documents', 'parquet')}' d "
            "USING (document_id) WHERE q.kind = 'direct'"
        ),
        citation=cite(descriptor),
        changelog=_demoted(changelog),
    )
    header = card_data(descriptor, counts, _languages(package_dir)).to_yaml()
    return str(DatasetCard(f"---\n{header}\n---\n\n{body}"))


def _listed(files: list[str]) -> str:
    """A table's files as the contents list shows them: the one, or the first and last."""
    return files[0] if len(files) == 1 else f"{files[0]} … {files[-1]}"


def _pattern(package_dir: Path, table: str, fmt: str) -> str:
    """A table's one file, or a glob that matches its shards and nothing else."""
    files = table_files(package_dir, table, fmt)
    return files[0] if len(files) == 1 else shard_glob(table, fmt)


def _reading(package_dir: Path) -> dict[str, str]:
    """How the card's snippets read the quotations: its one file, or its shards in order."""
    parquet = _pattern(package_dir, "quotations", "parquet")
    csv = _pattern(package_dir, "quotations", "csv")
    if "*" not in parquet:  # one file, not a glob of shards
        return {
            "pandas_import": "import pandas as pd",
            "pandas": f"'{parquet}'",
            "parquet": parquet,
            "r_csv": f"'{csv}'",
            "r_parquet": f"read_parquet('{parquet}')",
        }
    return {
        "pandas_import": "import glob\nimport pandas as pd",
        "pandas": f"sorted(glob.glob('{parquet}'))",
        "parquet": parquet,
        "r_csv": f"sort(Sys.glob('{csv}'))",
        "r_parquet": f"dplyr::collect(open_dataset(sort(Sys.glob('{parquet}'))))",
    }


def write_card(
    package_dir: Path,
    descriptor: dict[str, Any],
    counts: dict[str, int],
    changelog: str | None = None,
) -> None:
    card = dataset_card(package_dir, descriptor, counts, changelog)
    (package_dir / CARD).write_text(card, encoding="utf-8")


def _parquet_paths(descriptor: dict[str, Any], table: str) -> str | list[str]:
    """The `path` of a table's Parquet resource: one file, or the list of its shards."""
    name = parquet_twin(table)
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            path: str | list[str] = resource["path"]
            return path
    return data_path(table, "parquet")


def card_data(
    descriptor: dict[str, Any], counts: dict[str, int], languages: list[str]
) -> DatasetCardData:
    """The card's YAML header, from the descriptor: what Hugging Face reads and indexes."""
    licence, extra = _licence(descriptor)
    largest = max(counts.values(), default=0)
    size = next((label for bound, label in _SIZES if largest < bound), "n>100M")
    configs = [
        {
            "config_name": resource,
            "data_files": [{"split": "train", "path": _parquet_paths(descriptor, resource)}],
            **({"default": True} if resource == DEFAULT_CONFIG else {}),
        }
        for resource in RESOURCES
    ]
    return DatasetCardData(
        pretty_name=descriptor["title"],
        license=licence,
        language=languages or None,
        tags=list(descriptor.get("keywords", [])) or None,
        size_categories=[size],
        configs=configs,
        **extra,
    )


def _licence(descriptor: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Hugging Face's `license` (lower-case identifiers, as its hub spells them), with
    `license_name` and `license_link` when the licence has no identifier; `unknown` for a
    package that grants none, whose rights statement the card's body shows."""
    licences = descriptor.get("licenses") or []
    if not licences:
        return "unknown", {}
    first = licences[0]
    if first.get("name"):
        return str(first["name"]).lower(), {}
    extra: dict[str, Any] = {"license_link": str(first["path"])}
    if first.get("title"):
        extra["license_name"] = str(first["title"])
    return "other", extra


def _languages(package_dir: Path) -> list[str]:
    """The languages the catalogue states for the documents, as primary subtags ("en")."""
    found: set[str] = set()
    for batch in _batches(package_dir, "documents", ["language"]):
        found.update(str(tag).split("-")[0].lower() for tag in batch["language"] if tag)
    return sorted(found)


def _about(descriptor: dict[str, Any]) -> list[str]:
    """Who made the package, where it lives and where its texts came from, as the
    descriptor states them: one line each."""
    lines = []
    if descriptor.get("id"):
        lines.append(f"Identifier: {descriptor['id']}")
    if descriptor.get("homepage"):
        lines.append(f"Homepage: {descriptor['homepage']}")
    for contributor in descriptor.get("contributors", []):
        roles = ", ".join(contributor.get("roles", []))
        name = contributor_name(contributor)
        reach = contributor.get("path") or contributor.get("email")
        lines.append(
            f"{roles.capitalize() or 'Contributor'}: {name}" + (f" ({reach})" if reach else "")
        )
    for source in descriptor.get("sources", []):
        what = source.get("title") or source.get("path") or source.get("email")
        where = source.get("path") if source.get("title") else None
        lines.append(f"Source: {what}" + (f" ({where})" if where else ""))
    return lines


def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        trim_blocks=True,  # a line holding only a block tag leaves no blank line behind
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: cells are escaped for tables by `_cell`
        undefined=jinja2.StrictUndefined,
    )
    return environment.from_string(TEMPLATE.read_text(encoding="utf-8"))


def _demoted(changelog: str | None) -> str:
    """The changelog's body with its headings one level under the card's own."""
    if not changelog:
        return ""
    body = changelog.split("\n", 1)[1] if changelog.startswith("# ") else changelog
    return body.replace("\n## ", "\n### ").strip()


def _fields(resource: str) -> list[dict[str, str]]:
    return [
        {
            "name": field["name"],
            "type": field["type"],
            "required": "yes" if field.get("constraints", {}).get("required") else "",
            "description": field.get("description", "").replace("|", "\\|"),
        }
        for field in table_schema(resource)["fields"]
    ]


# --- parts of the card read from the written data, a batch at a time ---------------


def _batches(
    package_dir: Path, resource: str, columns: list[str]
) -> Iterator[dict[str, list[Any]]]:
    for path in table_files(package_dir, resource, "parquet"):
        with (package_dir / path).open("rb") as f, pq.ParquetFile(f) as pf:
            for batch in pf.iter_batches(batch_size=10_000, columns=columns):
                yield batch.to_pydict()


def _cell(value: Any) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def _provenance(package_dir: Path) -> tuple[list[list[str]], int]:
    """The first documents' provenance rows, as table cells, and how many more there are."""
    rows: list[list[str]] = []
    total = 0
    for batch in _batches(package_dir, "documents", list(_PROVENANCE)):
        for i in range(len(batch["document_id"])):
            total += 1
            if len(rows) < _CARD_DOCUMENTS:
                row = {c: batch[c][i] for c in _PROVENANCE}
                row["sha256"] = f"`{row['sha256'][:12]}…`"
                row["bytes"] = f"{row['bytes']:,}"
                rows.append([_cell(row[c]) for c in _PROVENANCE])
    return rows, total - len(rows)


def _bars(counts: list[tuple[str, int]]) -> list[str]:
    top = max((n for _, n in counts), default=0) or 1
    width = max((len(label) for label, _ in counts), default=0)
    return [
        f"{label:<{width}}  {'█' * round(_BAR * n / top):<{_BAR}}  {n:,}" for label, n in counts
    ]


def _figures(package_dir: Path) -> list[tuple[str, list[str]]]:
    """The card's three charts, as (caption, lines of bars)."""
    counts = FigureCounts()
    for batch in _batches(package_dir, "documents", ["document_id", "quotation_count"]):
        for doc_id, quotations in zip(batch["document_id"], batch["quotation_count"], strict=True):
            counts.add_document(doc_id, quotations)
    for batch in _batches(package_dir, "paragraphs", ["char_start", "char_end"]):
        for start, end in zip(batch["char_start"], batch["char_end"], strict=True):
            counts.add_paragraph(start, end)
    for batch in _batches(package_dir, "quotations", ["kind"]):
        for kind in batch["kind"]:
            counts.add_quotation(kind)
    return [(caption, _bars(bars)) for caption, bars in counts.figures()]
