"""Edit `catalog.yaml` in place, keeping what its author wrote: comments, order, quoting,
flow or block style, and every field filled in.

A catalogue is the one file of the source folder that people write by hand, so datapkg
never regenerates it: `catalog --update` refreshes the documents' hashes, adds an entry
for each new file and drops the entries of removed files; a release sets `version:` and
`created:`. Both are edits of a YAML round trip (ruamel.yaml), text in and text out; the
caller reads and writes the file. Reading a catalogue to *use* it stays with the checks
(`checks.validate_catalogue`), which locate every error.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import PlainScalarString
from ruamel.yaml.timestamp import TimeStamp
from ruamel.yaml.util import load_yaml_guess_indent

from datapkg.errors import SourceError

#: The fields of a new document entry, null until someone fills them in from the text.
ENTRY_FIELDS = ("title", "author", "publisher", "language", "published", "source")


@dataclass(frozen=True)
class FoundText:
    """A text file of the source folder as the catalogue lists it."""

    id: str
    path: str
    sha256: str


@dataclass
class CatalogueUpdate:
    """What `updated` changed, by document path."""

    text: str
    rehashed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.rehashed or self.added or self.removed)


def _yaml(text: str) -> tuple[YAML, Any]:
    """A round-trip parser set up to write the text back as its author laid it out."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long title
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # `[{name: X}]` stays as written
    # `null` stays `null`: the catalogue says a field is unknown, not forgotten.
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    try:
        _, indent, block_seq_indent = load_yaml_guess_indent(text)  # the author's indentation
        data = yaml.load(text)
    except YAMLError as e:
        raise SourceError(f"catalog.yaml: cannot be parsed ({e}); run `datapkg check`") from None
    # ruamel guesses from the first block sequence: `indent` is the column of an item's
    # content, `block_seq_indent` that of its dash; the mappings inside keep the step in
    # between ("documents:\n  - id: a\n    path: a.txt" is 2, 4 and 2).
    sequence = indent or 2
    offset = block_seq_indent or 0
    yaml.indent(mapping=max(2, sequence - offset), sequence=sequence, offset=offset)
    if not isinstance(data, CommentedMap):
        raise SourceError("catalog.yaml: is not a mapping of package fields; run `datapkg check`")
    return yaml, data


def _dumped(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def updated(text: str, found: Sequence[FoundText]) -> CatalogueUpdate:
    """The catalogue `text` with its documents matched to the files `found`: fresh hashes,
    an entry for each new file (after the others, in path order), none for a removed one."""
    yaml, data = _yaml(text)
    documents = data.get("documents")
    if documents is None:
        documents = data["documents"] = CommentedSeq()
    if not isinstance(documents, CommentedSeq):
        raise SourceError("catalog.yaml: `documents` is not a list; run `datapkg check`")
    on_disk = {f.path: f for f in found}
    update = CatalogueUpdate(text)
    listed: set[str] = set()
    dropped = []
    for k, entry in enumerate(documents):
        path = entry.get("path") if isinstance(entry, CommentedMap) else None
        if not isinstance(path, str) or path not in on_disk or path in listed:
            # A removed file, a second entry for one file, or an entry that names no file.
            update.removed.append(path if isinstance(path, str) else f"documents[{k}]")
            dropped.append(k)
            continue
        listed.add(path)
        if entry.get("sha256") != on_disk[path].sha256:
            entry["sha256"] = on_disk[path].sha256
            update.rehashed.append(path)
    for k in reversed(dropped):
        del documents[k]
    for f in sorted(found, key=lambda f: f.path):
        if f.path not in listed:
            entry = CommentedMap([("id", f.id), ("path", f.path), ("sha256", f.sha256)])
            entry.update((key, None) for key in ENTRY_FIELDS)
            documents.append(entry)
            update.added.append(f.path)
    if update.changed:
        update.text = _dumped(yaml, data)
    return update


def _timestamp(when: dt.datetime) -> TimeStamp:
    """A YAML timestamp written as `2026-11-30T18:05:07Z`, the form datapkg publishes."""
    utc = when.astimezone(dt.UTC)
    stamp = TimeStamp(*utc.timetuple()[:6], tzinfo=dt.timezone(dt.timedelta(0), "Z"))
    stamp._yaml = {"t": True, "tz": "Z", "delta": 0}  # how ruamel.yaml spells a timestamp
    return stamp


def with_release(text: str, version: str, created: dt.datetime | None) -> str:
    """The catalogue `text` with a release recorded: `version:` set, and `created:` set to
    the release's time (added after `version:` when absent), everything else as it was."""
    yaml, data = _yaml(text)
    data["version"] = PlainScalarString(version)
    if created is not None:
        stamp = _timestamp(created)
        if "created" in data:
            data["created"] = stamp
        else:
            data.insert(list(data).index("version") + 1, "created", stamp)
    return _dumped(yaml, data)
