"""Development sets annotated by others, read from where they lie (never copied into the project),
and scored beside the peer: `benchmarks/segmentation.py --devset PATH`.

Two layouts are recognised from PATH:

* a PolNeAR `.jsonl` file (US political news; every attribution with its source as written);
* a PDNC novel folder (`novel_text.txt`, `quotation_info.csv`, `character_info.csv`), or a
  folder of them (every quotation of character speech with its speaker).

What counts, and how speakers are compared:

* Quotations are the stretches between quotation marks (double ones, and single ones outside
  them, as headlines use: "Ruiz: Talks ‘went nowhere’"). PolNeAR's are those inside its
  `direct` and `mixed` attributions, read from the first fragment of one to its last (PolNeAR
  cuts a content sentence by sentence; a quotation of several sentences is one stretch), and
  it counts partial quotations inside indirect speech as its source's words; PDNC's are its
  quotation pieces. A predicted quotation counts when datapkg types it direct and it is not
  nested in other marked words (a parent in quotation marks): neither set annotates a quotation
  inside a quotation on its own (a speaker's "He told me, ‘Wait’" is one stretch of the
  speaker's words, and the single marks inside double ones are left out above), so both sides
  are compared at the outermost level. Spans match one to one at IoU >= 0.5.
* PolNeAR writes the source as it stands ("he", "a spokeswoman", "Ruiz"); datapkg resolves
  pronouns to names. Each annotated source is put in one class: `named` (a capitalised word
  that is not a pronoun), `pronoun`, or `description`. For a named or described source the
  prediction must name it (one's words end the other's: "Ruiz" = "Ana Ruiz"); what
  the annotation sets off after the name ("Tim Hess, a developer in Virginia") is left out. For a
  pronoun, the entity it stands for is taken as the nearest named source of an attribution
  before it in the article (PolNeAR annotates every attribution, indirect ones included): the
  prediction must name that; the pronoun itself ("he") names nobody and does not count. This
  approximates coreference, which PolNeAR does not annotate. A relative pronoun ("Ivo
  Marsh, who said") is a pronoun too, and the entity it stands for is the one it hangs on:
  the words before its comma, back to the punctuation before them ("Ivo Marsh").
* PDNC's speaker is a character with aliases: a prediction that names any alias is right, and
  so does a title of the character's gender before a surname that no other character of that
  gender has ("Miss Quill" names "Ada Quill" when she is the only woman called Quill;
  "Mr. Quill" names no woman, and "Mrs. Larkspur" names neither of two); and so does a
  first name alone that opens the names of one character only ("Rolf" for "Rolf Danvers").
  Figures are given by PDNC's quote type: explicit, anaphoric, implicit.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "their"}
RELATIVE_PRONOUNS = {"who", "which"}
# The words a relative pronoun hangs on: back from its comma to the punctuation before them.
_ANTECEDENT = re.compile(r"([^.,;:!?“”\"()\n]{1,80}),\s*$")
# Double marks; curly ones may hold one level of their own kind ("“... calls “hell” ...”").
_DOUBLE_MARKED = re.compile(r"“((?:[^“”\"]|“[^“”\"]*”)+)”|[“\"]([^“”\"]+)[”\"]")
# Single marks, where no letter touches them from outside (not the apostrophe of "Marsh's").
_SINGLE_MARKED = re.compile(r"(?<!\w)[‘']([^‘’'“”\"\n]+)[’'](?!\w)")


def _marked(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches between quotation marks from `lo` to `hi` that no other holds: double
    marks, then single ones outside them (a headline's "Talks ‘went nowhere’")."""
    spans = [m.span(1 if m.group(1) else 2) for m in _DOUBLE_MARKED.finditer(text, lo, hi)]
    outside, at = [], lo
    for s, e in [*spans, (hi + 1, hi + 1)]:
        outside.extend(m.span(1) for m in _SINGLE_MARKED.finditer(text, at, max(at, s - 1)))
        at = e + 1
    return sorted(spans + outside)


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    speakers: tuple[str, ...]  # every name that counts as right (aliases, resolved entity)
    kind: str  # named / pronoun / description, or PDNC's explicit / anaphoric / implicit
    # PDNC: the title and surname or the first name that name this character alone ("Miss
    # Quill", "Rolf"), matched as written, not by their last word
    titled: tuple[str, ...] = ()


@dataclass
class DevDocument:
    name: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)


@dataclass
class DevSet:
    name: str
    documents: list[DevDocument]
    kinds: tuple[str, ...]


def load(path: Path, novels: int | None = None) -> DevSet:
    """The development set at `path` (see the module docstring for the layouts)."""
    if path.suffix == ".jsonl":
        return _polnear(path)
    if (path / "novel_text.txt").is_file():
        return DevSet(path.name, [_novel(path)], ("explicit", "anaphoric", "implicit"))
    folders = sorted(p for p in path.iterdir() if (p / "novel_text.txt").is_file())
    if not folders:
        raise SystemExit(f"{path}: neither a PolNeAR .jsonl file nor PDNC novel folders")
    docs = [_novel(p) for p in folders[:novels]]
    return DevSet(f"{path.name} ({len(docs)} novels)", docs, ("explicit", "anaphoric", "implicit"))


def source_kind(speaker: str) -> str:
    words = speaker.split()
    if not words:
        return "description"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    body = [w for w in words if w.lower() not in ("the", "a", "an")]
    return "named" if body and all(w[:1].isupper() for w in body[:1]) else "description"


def _head(mention: str) -> str:
    """The mention without what is set off after it: "Tim Hess, a developer" -> "Tim Hess",
    "Rep. Ana Ruiz (D-Ore.)" -> "Rep. Ana Ruiz". The apposition describes the source;
    the head names it."""
    return re.split(r"\s*[,(]", mention, maxsplit=1)[0].strip()


def _polnear(path: Path) -> DevSet:
    docs: list[DevDocument] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc"] in seen:
                continue  # a second annotator of the same article
            seen.add(d["doc"])
            doc = DevDocument(d["doc"], d["text"])
            attributions = sorted(d["quotes"], key=lambda q: q["start"])
            last_named: str | None = None
            for q in attributions:
                speaker = _head((q.get("speaker") or "").strip())
                kind = source_kind(speaker)
                right = (speaker,)
                if speaker.lower() in RELATIVE_PRONOUNS and q.get("speaker_span"):
                    kind = "pronoun"
                    at = q["speaker_span"][0][0]
                    before = _ANTECEDENT.search(d["text"], max(0, at - 100), at)
                    right = (before.group(1).strip(),) if before is not None else ()
                elif kind == "pronoun":
                    # A pronoun says nobody's name: only the entity it stands for is right.
                    right = (last_named,) if last_named is not None else ()
                if kind == "named":
                    last_named = speaker
                if q["kind"] not in ("direct", "mixed") or not speaker:
                    continue
                # One stretch of quoted words may run over several fragments (PolNeAR cuts
                # its contents sentence by sentence): look from the first to the last.
                fs = min(f[0] for f in q["fragments"])
                fe = max(f[1] for f in q["fragments"])
                for s, e in _marked(d["text"], fs, fe):
                    while s < e and d["text"][s].isspace():
                        s += 1
                    while e > s and d["text"][e - 1].isspace():
                        e -= 1
                    doc.quotes.append(GoldQuote(s, e, right, kind))
            docs.append(doc)
    return DevSet(f"{path.parent.name}/{path.name}", docs, ("named", "description", "pronoun"))


# The titles a text writes before a surname, by the gender PDNC gives its characters.
_TITLES = {"F": ("Miss", "Mrs.", "Mrs", "Ms.", "Ms"), "M": ("Mr.", "Mr")}
# Words that open names as titles, which a first name alone is not.
_ALL_TITLES = {
    "Miss",
    "Mrs",
    "Ms",
    "Mr",
    "Dr",
    "Sir",
    "Lady",
    "Lord",
    "Madame",
    "Mme",
    "Mlle",
    "Monsieur",
    "Mademoiselle",
    "Signor",
    "Signora",
    "Captain",
    "Colonel",
    "Major",
    "General",
    "Professor",
    "Inspector",
    "The",
    "the",
    "Mother",
    "Father",
    "Aunt",
    "Uncle",
    "Cousin",
    "Old",
    "Young",
    "Little",
    "Dear",
    "My",
    "Master",
    "Mistress",
}


def _titled(
    aliases: dict[str, tuple[str, ...]], genders: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """Each character's title of its gender before each surname that no other character of
    that gender has, and each first name no other character has (see the module
    docstring)."""
    surnames: dict[tuple[str, str], set[str]] = {}
    for main, names in aliases.items():
        for name in names:
            words = name.split()
            if len(words) >= 2 and words[-1][:1].isupper() and main in genders:
                surnames.setdefault((genders[main], words[-1]), set()).add(main)
    titled: dict[str, tuple[str, ...]] = {}
    for (gender, surname), mains in surnames.items():
        if len(mains) == 1 and gender in _TITLES:
            (main,) = mains
            titled[main] = (*titled.get(main, ()), *(f"{t} {surname}" for t in _TITLES[gender]))
    # A first name alone, when one character only is called by it ("Rolf" for "Rolf
    # Danvers"): not a title ("Mr", "Dr"), which many share.
    firsts: dict[str, set[str]] = {}
    for main, names in aliases.items():
        for name in names:
            first = name.split()[0] if name.split() else ""
            if first[:1].isupper() and first.rstrip(".") not in _ALL_TITLES:
                firsts.setdefault(first, set()).add(main)
    for first, mains in firsts.items():
        if len(mains) == 1:
            (main,) = mains
            titled[main] = (*titled.get(main, ()), first)
    return titled


def _novel(folder: Path) -> DevDocument:
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    aliases: dict[str, tuple[str, ...]] = {}
    genders: dict[str, str] = {}
    with (folder / "character_info.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = (row["Main Name"], *ast.literal_eval(row["Aliases"]))
            # "Ada Quill - Story": a qualifier that tells two characters of one name
            # apart is no part of the name the text writes.
            aliases[row["Main Name"]] = (*names, *(n.split(" - ")[0] for n in names if " - " in n))
            genders[row["Main Name"]] = row.get("Gender", "")
    titled = _titled(aliases, genders)
    # A quotation's speaker is written as a character's main name or, in some novels, as one
    # of its aliases ("Cora" for the character "Miss Larkspur"): either way, every alias
    # of that character is right (an alias two characters share names neither).
    owners: dict[str, list[str]] = {}
    for main, names in aliases.items():
        for name in set(names):
            owners.setdefault(name, []).append(main)
    doc = DevDocument(folder.name, text)
    with (folder / "quotation_info.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            speaker = row["speaker"]
            if speaker not in aliases and len(owners.get(speaker, [])) == 1:
                speaker = owners[speaker][0]
            right = aliases.get(speaker, (row["speaker"],))
            kind = row["quoteType"].lower()
            for s, e in ast.literal_eval(row["quoteByteSpans"]):
                doc.quotes.append(GoldQuote(s, e, right, kind, titled.get(speaker, ())))
    return doc
