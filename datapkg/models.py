"""Typed values shared by every stage: the catalogue, segments and reports.

This is the bottom layer with `errors` and `schemas`: it imports nothing from
the stages above it. Every model is frozen and forbids unknown fields, so a
typo in a catalogue or a stage that invents a field fails loudly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

Frozen = ConfigDict(frozen=True, extra="forbid")

#: A document id is the file stem: safe in paths, URLs and CSV without quoting.
DOCUMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
DocumentId = Annotated[str, StringConstraints(pattern=DOCUMENT_ID_PATTERN, max_length=200)]
PackageName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]
#: MAJOR.MINOR.PATCH without leading zeros: the one definition of a version datapkg accepts.
SEMVER_PATTERN = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
SemVer = Annotated[str, StringConstraints(pattern=rf"^{SEMVER_PATTERN}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


# --- the catalogue: package metadata and one entry per document -------------


#: A web address, as Data Package v2 allows for `path` and `homepage` outside the package: the
#: package carries no other files, so a relative path would point at nothing.
Url = Annotated[str, StringConstraints(pattern=r"^(https?|ftp)://\S+$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
#: An Open Definition / SPDX licence identifier, as Data Package v2 spells `name`.
LicenceName = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9._]+$")]
# The Data Package v2 names of the fields spelt in camel case.
V2 = ConfigDict(frozen=True, extra="forbid", alias_generator=to_camel)


class Contributor(BaseModel):
    """A person or organisation credited in the package metadata (a Data Package v2
    contributor): named by `title`, by given and family name, or by organisation."""

    model_config = V2
    title: NonEmpty | None = None
    given_name: NonEmpty | None = None
    family_name: NonEmpty | None = None
    organization: NonEmpty | None = None
    roles: tuple[NonEmpty, ...] = Field(default=("author",), min_length=1)
    path: Url | None = None
    email: Email | None = None

    @model_validator(mode="after")
    def _named(self) -> Contributor:
        if not (self.title or self.given_name or self.family_name or self.organization):
            raise ValueError(
                "a contributor needs a name: `title`, `givenName`/`familyName` or `organization`"
            )
        return self

    @property
    def display_name(self) -> str:
        """The name to show: the title, else the given and family names, else the organisation."""
        person = " ".join(n for n in (self.given_name, self.family_name) if n)
        return self.title or person or self.organization or ""


class License(BaseModel):
    """A licence that applies to the package, as a Data Package v2 `licenses` entry: its
    identifier (`name`, e.g. "CC-BY-4.0") or the address of its text (`path`), or both."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra={"anyOf": [{"required": ["name"]}, {"required": ["path"]}]},
    )
    name: LicenceName | None = None
    path: Url | None = None
    title: NonEmpty | None = None

    @model_validator(mode="after")
    def _identified(self) -> License:
        if self.name is None and self.path is None:
            raise ValueError(
                "a licence needs `name` (an identifier such as CC0-1.0 or CC-BY-4.0) or "
                "`path` (the URL of its text); `title` alone does not say which licence"
            )
        return self


class Source(BaseModel):
    """Where the package's data came from, as a Data Package v2 `sources` entry."""

    model_config = Frozen
    title: NonEmpty | None = None
    path: Url | None = None
    email: Email | None = None
    version: NonEmpty | None = None

    @model_validator(mode="after")
    def _stated(self) -> Source:
        if not (self.title or self.path or self.email):
            raise ValueError("a source needs a `title`, a `path` (URL) or an `email`")
        return self


class DocumentEntry(BaseModel):
    """One source text. Only what the text itself supports; null otherwise."""

    model_config = Frozen
    id: DocumentId = Field(description="The file stem; the document's primary key.")
    path: NonEmpty = Field(description="Path of the text file, relative to the source folder.")
    sha256: Sha256 = Field(description="SHA-256 of the file's bytes, as received.")
    title: str | None = Field(default=None, description="A title the text itself states.")
    author: str | None = Field(default=None, description="A person the text names as its author.")
    publisher: str | None = Field(
        default=None, description="An organisation the text names as its publisher."
    )
    language: str | None = Field(default=None, description="BCP 47 language tag, e.g. 'en'.")
    published: dt.date | None = Field(default=None, description="Publication date, if stated.")
    source: str | None = Field(default=None, description="Where the text was obtained (URL).")


class Catalogue(BaseModel):
    """Package metadata and the list of documents: `catalog.yaml` in the source folder."""

    model_config = Frozen
    name: PackageName = Field(description="Package name: lower case, digits, '.', '_', '-'.")
    title: NonEmpty
    description: str | None = None
    version: SemVer = Field(description="Semantic version of the data package.")
    id: NonEmpty | None = Field(
        default=None, description="A global identifier of the package, e.g. a DOI."
    )
    homepage: Url | None = None
    image: Url | None = None
    keywords: tuple[str, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    sources: tuple[Source, ...] = ()
    licenses: tuple[License, ...] = Field(
        default=(), description="Licences granted for the package; empty when none was granted."
    )
    rights: str | None = Field(
        default=None, description="A statement of rights where no licence applies."
    )
    created: dt.datetime | None = Field(
        default=None, description="Timestamp recorded in the package; fixed for reproducibility."
    )
    documents: tuple[DocumentEntry, ...]

    @field_validator("created")
    @classmethod
    def _created_in_utc_range(cls, value: dt.datetime | None) -> dt.datetime | None:
        """Published in UTC: a time that has no UTC form (year 9999 at UTC-12) is refused."""
        if value is not None:
            try:
                value.astimezone(dt.UTC)
            except (OverflowError, ValueError):
                raise ValueError("has no UTC form; give a time within years 1-9999 UTC") from None
        return value


# --- what the sources stage hands on ------------------------------------------
# Plain dataclasses, not records: they carry paths and a YAML node tree between stages.


@dataclass(frozen=True)
class SourceFile:
    """A text file found in the source folder."""

    relpath: str  # POSIX path relative to the source folder: portable across machines
    path: Path  # where it is (a link inside the folder: the file it leads to)
    target: str = ""  # what is read: `relpath`, or the path of the file a link leads to

    @property
    def read_as(self) -> str:
        return self.target or self.relpath

    @property
    def stem(self) -> str:
        return PurePosixPath(self.relpath).stem


@dataclass(frozen=True)
class Finding:
    """Something the walk or a read could not do: a rule code, the file, and a detail."""

    code: str
    relpath: str
    detail: str = ""
    line: int | None = None
    column: int | None = None


@dataclass
class FoundFiles:
    """The text files of a source folder, in sorted order, and what could not be used."""

    files: list[SourceFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class RawCatalogue:
    """The catalogue as parsed YAML, with the YAML node tree kept to locate findings."""

    path: Path
    data: Any
    node: yaml.Node | None
    findings: tuple[Finding, ...] = ()  # duplicate keys, found in the node tree


# --- what the segmenter finds in one document's text ------------------------


class ParagraphKind(StrEnum):
    """What a block of text is. Every non-space character belongs to one block."""

    HEADING = "heading"  # a title, subtitle, section or box heading
    PARAGRAPH = "paragraph"  # running prose
    BLOCKQUOTE = "blockquote"  # a passage reproduced from another source, marked or not
    EPIGRAPH = "epigraph"  # a motto or quotation set at the head of the text
    BOILERPLATE = "boilerplate"  # web-page leftovers: notices, forms, links, "full story:"
    SEPARATOR = "separator"  # a rule such as "*****" or "----"
    SIGNATURE = "signature"  # a sign-off: an author line, "ends", contact details at the foot


class QuotationKind(StrEnum):
    """Why the words are in quotation marks."""

    DIRECT = "direct"  # words attributed to a source, whole or partial
    SCARE = "scare"  # scare quotes, terms, names, slogans
    TITLE = "title"  # the title of a work


class Mark(StrEnum):
    """The quotation marks around the content."""

    DOUBLE = "double"  # “…” or "…"
    SINGLE = "single"  # ‘…’ or '…'
    NONE = "none"  # an unmarked block quotation


# The segmenter's answer is built for every paragraph and quotation of every document, so its
# types are plain slotted dataclasses: building one costs a tenth of a pydantic model. Their
# bounds are written as pydantic constraints all the same, so a test can check any value with
# `pydantic.TypeAdapter(QuotationSpan).validate_python(dataclasses.asdict(span))`.
NonNegative = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(gt=0)]


@dataclass(frozen=True, slots=True)
class ParagraphSpan:
    """A block of a document: `text[char_start:char_end]`, trimmed of outer whitespace."""

    kind: ParagraphKind
    char_start: NonNegative
    char_end: Positive


@dataclass(frozen=True, slots=True)
class QuotationSpan:
    """Quoted content inside one paragraph: marks excluded, end exclusive.

    A quotation that runs over several paragraphs is one span per paragraph
    piece; `first_piece` points at the first piece of the chain.
    """

    paragraph: NonNegative  # index of the paragraph that holds this piece
    kind: QuotationKind
    mark: Mark
    char_start: NonNegative
    char_end: Positive
    speaker: str | None = None
    cue: str | None = None
    parent: NonNegative | None = None  # index of the enclosing quotation, if nested
    first_piece: NonNegative | None = None  # index of the first piece; None for the first
    # Where the speaker's name and the cue are written (text[start:end] is the string).
    speaker_char_start: NonNegative | None = None
    speaker_char_end: Positive | None = None
    cue_char_start: NonNegative | None = None
    cue_char_end: Positive | None = None


@dataclass(frozen=True, slots=True)
class SegmentNote:
    """Something the segmenter declined to do, and where: the pipeline reports it as a warning.

    `code` is a rule of `schemas/source-text.json` ("quotation-depth").
    """

    code: str
    char_start: NonNegative


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The segmenter's whole answer for one document, in text order."""

    paragraphs: tuple[ParagraphSpan, ...]
    quotations: tuple[QuotationSpan, ...]
    notes: tuple[SegmentNote, ...] = ()


# --- reports ----------------------------------------------------------------


class Severity(StrEnum):
    ERROR = "error"  # the input cannot be published as it is
    WARNING = "warning"  # published, but someone should look
    INFO = "info"  # a repair that was made and counted (a BOM dropped, CRLF normalised)


class Issue(BaseModel):
    """One finding, located as precisely as the input allows."""

    model_config = Frozen
    code: str
    message: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    @property
    def where(self) -> str:
        """`file:line:col`, as far as it is known."""
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)


class Report(BaseModel):
    """The findings of `check` or `validate`, plus the figures worth printing."""

    model_config = Frozen
    issues: tuple[Issue, ...] = ()
    stats: dict[str, int | float | str] = Field(default_factory=dict)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def valid(self) -> bool:
        return not self.errors
