"""Describe a written package: `datapackage.json` and the dataset card `README.md`.

Every resource file gets its `bytes` and sha256 `hash`. Each table is
published twice, as CSV (`documents`) and Parquet (`documents-parquet`); the
Parquet resources' foreign keys point at their Parquet siblings, so either
set of three is a complete package on its own.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from datapkg import paths
from datapkg.layout import BYTES_PROPERTY, CARD, DESCRIPTOR, FORMATS, data_path, resource_name
from datapkg.models import Catalogue
from datapkg.schemas import PACKAGE_PROFILE, RESOURCES, table_schema

_MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def file_digest(path: Path) -> tuple[int, str]:
    """(bytes, sha256 hex) of a file, read in chunks."""
    return paths.digest_inside(path.parent, path.name)


def _schema_for(resource: str, fmt: str) -> dict[str, Any]:
    schema = copy.deepcopy(table_schema(resource))
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        if "resource" in ref:  # a reference without `resource` points at its own resource
            ref["resource"] = resource_name(ref["resource"], fmt)
    return schema


def _resource_descriptor(package_dir: Path, resource: str, fmt: str) -> dict[str, Any]:
    path = data_path(resource, fmt)
    size, digest = file_digest(package_dir / path)
    descriptor: dict[str, Any] = {
        "name": resource_name(resource, fmt),
        "type": "table",
        "path": path,
        "format": fmt,
        "mediatype": _MEDIATYPES[fmt],
        BYTES_PROPERTY[fmt]: size,
        "hash": f"sha256:{digest}",
    }
    if fmt == "csv":
        descriptor["encoding"] = "utf-8"
    descriptor["schema"] = _schema_for(resource, fmt)
    return descriptor


def describe(
    package_dir: Path, catalogue: Catalogue, created: dt.datetime | None
) -> dict[str, Any]:
    """The `datapackage.json` descriptor of the files written in `package_dir`."""
    descriptor: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": catalogue.name,
        "title": catalogue.title,
        "version": catalogue.version,
    }
    if catalogue.id:
        descriptor["id"] = catalogue.id
    if catalogue.description:
        descriptor["description"] = catalogue.description
    if catalogue.homepage:
        descriptor["homepage"] = catalogue.homepage
    if catalogue.image:
        descriptor["image"] = catalogue.image
    if catalogue.keywords:
        descriptor["keywords"] = list(catalogue.keywords)
    if created is not None:
        descriptor["created"] = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Contributors, licences and sources as Data Package v2 spells them (`givenName`, ...).
    for key in ("contributors", "licenses", "sources"):
        if entries := getattr(catalogue, key):
            descriptor[key] = [
                e.model_dump(exclude_none=True, by_alias=True, mode="json") for e in entries
            ]
    # Not a Data Package v2 property: a statement of rights where no licence was granted,
    # kept as a custom property (v2 allows them) because `licenses` must name a licence.
    if catalogue.rights:
        descriptor["rights"] = catalogue.rights
    descriptor["resources"] = [
        _resource_descriptor(package_dir, resource, fmt)
        for fmt in FORMATS
        for resource in RESOURCES
    ]
    return descriptor


def write_descriptor(package_dir: Path, descriptor: dict[str, Any]) -> None:
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (package_dir / DESCRIPTOR).write_text(text, encoding="utf-8")


def _field_table(resource: str) -> list[str]:
    lines = ["| field | type | required | description |", "| --- | --- | --- | --- |"]
    for field in table_schema(resource)["fields"]:
        required = "yes" if field.get("constraints", {}).get("required") else ""
        description = field.get("description", "").replace("|", "\\|")
        lines.append(f"| `{field['name']}` | {field['type']} | {required} | {description} |")
    return lines


def dataset_card(
    package_dir: Path,
    descriptor: dict[str, Any],
    counts: dict[str, int],
    changelog: str | None = None,
) -> str:
    """The package's README.md: what it is, where each text came from, its figures, its
    fields, how to load and cite it, and its changelog. Deterministic, like every file."""
    name, version = descriptor["name"], descriptor["version"]
    lines = [
        f"# {descriptor['title']}",
        "",
        f"`{name}` version {version}: a Frictionless Data Package.",
        "",
    ]
    if descriptor.get("description"):
        lines += [descriptor["description"].strip(), ""]
    lines += [
        "## Contents",
        "",
        "| resource | rows | CSV | Parquet |",
        "| --- | ---: | --- | --- |",
    ]
    for resource in RESOURCES:
        lines.append(
            f"| {resource} | {counts[resource]:,} | `{data_path(resource, 'csv')}` "
            f"| `{data_path(resource, 'parquet')}` |"
        )
    lines += [
        "",
        "Offsets are Python string indices (Unicode code points) into `documents.text`, "
        "end exclusive: `text[char_start:char_end]` gives back each paragraph and quotation.",
        "",
    ]
    if descriptor.get("licenses"):
        names = ", ".join(
            lic.get("title") or lic.get("name") or lic.get("path", "")
            for lic in descriptor["licenses"]
        )
        lines += ["## Licence", "", names, ""]
    if descriptor.get("rights"):
        lines += ["## Rights", "", descriptor["rights"], ""]
    for resource in RESOURCES:
        lines += [f"## Fields of `{resource}`", "", *_field_table(resource), ""]
    lines += _provenance(package_dir)
    lines += _figures(package_dir)
    lines += _loading(name)
    lines += _citation(descriptor)
    if changelog:  # demote its headings one level under the card's own
        body = changelog.split("\n", 1)[1] if changelog.startswith("# ") else changelog
        lines += ["## Changelog", "", body.replace("\n## ", "\n### ").strip(), ""]
    return "\n".join(lines)


def write_card(
    package_dir: Path,
    descriptor: dict[str, Any],
    counts: dict[str, int],
    changelog: str | None = None,
) -> None:
    card = dataset_card(package_dir, descriptor, counts, changelog)
    (package_dir / CARD).write_text(card, encoding="utf-8")


# --- parts of the card read from the written data, a batch at a time ---------------

_CARD_DOCUMENTS = 50  # provenance rows shown; the documents resource has them all
_BAR = 40  # characters of the longest bar
_LENGTH_BINS = (50, 100, 200, 400, 800, 1600)


def _batches(
    package_dir: Path, resource: str, columns: list[str]
) -> Iterator[dict[str, list[Any]]]:
    with (package_dir / data_path(resource, "parquet")).open("rb") as f, pq.ParquetFile(f) as pf:
        for batch in pf.iter_batches(batch_size=10_000, columns=columns):
            yield batch.to_pydict()


def _cell(value: Any) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def _provenance(package_dir: Path) -> list[str]:
    columns = [
        "document_id",
        "title",
        "author",
        "publisher",
        "language",
        "published",
        "source",
        "sha256",
        "bytes",
    ]
    lines = [
        "## Provenance",
        "",
        "Each document as received; the catalogue states only what the text itself supports.",
        "",
        "| document | title | author | publisher | language | published | source | sha256 "
        "| bytes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | ---: |",
    ]
    shown = total = 0
    for batch in _batches(package_dir, "documents", columns):
        for i in range(len(batch["document_id"])):
            total += 1
            if shown < _CARD_DOCUMENTS:
                row = {c: batch[c][i] for c in columns}
                row["sha256"] = f"`{row['sha256'][:12]}…`"
                row["bytes"] = f"{row['bytes']:,}"
                lines.append("| " + " | ".join(_cell(row[c]) for c in columns) + " |")
                shown += 1
    if total > shown:
        lines.append(f"\n… and {total - shown:,} more in the `documents` resource.")
    return [*lines, ""]


def _bars(counts: list[tuple[str, int]]) -> list[str]:
    top = max((n for _, n in counts), default=0) or 1
    width = max((len(label) for label, _ in counts), default=0)
    return [
        f"{label:<{width}}  {'█' * round(_BAR * n / top):<{_BAR}}  {n:,}" for label, n in counts
    ]


def _figures(package_dir: Path) -> list[str]:
    per_document: list[tuple[str, int]] = []
    for batch in _batches(package_dir, "documents", ["document_id", "quotation_count"]):
        per_document += zip(batch["document_id"], batch["quotation_count"], strict=True)
    lengths = [0] * (len(_LENGTH_BINS) + 1)
    for batch in _batches(package_dir, "paragraphs", ["char_start", "char_end"]):
        for start, end in zip(batch["char_start"], batch["char_end"], strict=True):
            lengths[bisect.bisect_right(_LENGTH_BINS, end - start - 1)] += 1
    kinds: Counter[str] = Counter()
    for batch in _batches(package_dir, "quotations", ["kind"]):
        kinds.update(batch["kind"])
    if len(per_document) > 30:  # too many to list: show how many documents have how many
        bins = Counter(min(n // 10 * 10, 100) for _, n in per_document)
        per_document = [(f"{b}+" if b == 100 else f"{b}-{b + 9}", bins[b]) for b in sorted(bins)]
        title = "Documents by number of quotations"
    else:
        title = "Quotations per document"
    labels = (
        [f"< {_LENGTH_BINS[0]}"]
        + [f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(_LENGTH_BINS)]
        + [f">= {_LENGTH_BINS[-1]}"]
    )
    return [
        "## Figures",
        "",
        f"{title}:",
        "",
        "```",
        *_bars(per_document),
        "```",
        "",
        "Paragraph lengths, in characters:",
        "",
        "```",
        *_bars(list(zip(labels, lengths, strict=True))),
        "```",
        "",
        "Quotations by kind:",
        "",
        "```",
        *_bars(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "```",
        "",
    ]


def _loading(name: str) -> list[str]:
    """Loading snippets, run from the package folder. The Python ones are executed by the tests."""
    join = (
        "SELECT d.document_id, q.speaker, q.text FROM 'data/quotations.parquet' q "
        "JOIN 'data/documents.parquet' d USING (document_id) WHERE q.kind = 'direct'"
    )
    return [
        "## Loading",
        "",
        "From this folder (or its zip, for frictionless). With frictionless, on the CSV files:",
        "",
        "```python",
        "import frictionless",
        "package = frictionless.Package('datapackage.json')",
        "quotations = package.get_resource('quotations').read_rows()",
        "```",
        "",
        "With pandas, polars or Hugging Face datasets, on the Parquet files:",
        "",
        "```python",
        "import pandas as pd",
        "quotations = pd.read_parquet('data/quotations.parquet')",
        "```",
        "",
        "```python",
        "import polars as pl",
        "quotations = pl.read_parquet('data/quotations.parquet')",
        "```",
        "",
        "```python",
        "from datasets import load_dataset",
        "quotations = load_dataset('parquet', data_files='data/quotations.parquet', split='train')",
        "```",
        "",
        "With DuckDB, SQL over the Parquet files:",
        "",
        "```python",
        "import duckdb",
        f'direct = duckdb.sql("{join}").fetchall()',
        "```",
        "",
        "With R:",
        "",
        "```r",
        "library(arrow)",
        "quotations <- read_parquet('data/quotations.parquet')",
        "```",
        "",
        "With datapkg: `datapkg.load('.')` returns the quotations as a pyarrow Table.",
        "",
    ]


def _person(contributor: dict[str, Any]) -> str:
    """A v2 contributor's name: its title, else given and family name, else its organisation."""
    person = " ".join(contributor[k] for k in ("givenName", "familyName") if contributor.get(k))
    return str(contributor.get("title") or person or contributor.get("organization", ""))


def _citation(descriptor: dict[str, Any]) -> list[str]:
    """How to cite: only what the descriptor states (no invented authors, dates or URLs)."""
    who = [_person(c) for c in descriptor.get("contributors", [])]
    parts = [", ".join(who)] if who else []
    parts.append(f"{descriptor['title']} ({descriptor['name']}), version {descriptor['version']}")
    if descriptor.get("created"):
        parts.append(str(descriptor["created"])[:10])
    if descriptor.get("id") or descriptor.get("homepage"):
        parts.append(descriptor.get("id") or descriptor["homepage"])
    return ["## How to cite", "", ". ".join(parts) + ". Data package.", ""]
