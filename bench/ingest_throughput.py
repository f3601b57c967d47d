"""Ingest throughput: the whole pipeline on one full-length country report.

    python bench/ingest_throughput.py [--words 60000] [--repeat 3] [--no-pdf] [--keep DIR]
                                      [--json]

Builds a report of at least ``--words`` words from the bundled Markdown reports'
(``country_reports/*.md``) section prose under one metadata header: their chapters are repeated
with renumbered sections ("3.2" of the n-th copy becomes "<20n+3>.2"), so that every section
number is unique; assessment blocks and tables are left out. The same text is then rendered as
a PDF (the legacy layout of ``tools/make_sample_documents.py``, core font, characters it cannot
encode replaced).

Each file goes through ``lawgraph.ingest(store, [file])`` on a fresh embedded store (on disk,
after ``lawgraph.init(store)``), ``--repeat`` times; the best run is reported, with a breakdown
per stage measured with ``time.perf_counter`` around the pipeline's public functions (and the
run's CPU time, which a busy shared machine inflates less than wall-clock time):

========================  ====================================================================
read                      ``lawgraph.sources.read_source`` (bytes, SHA-256)
parse                     ``lawgraph.reports.parse.parse_report`` (Markdown, DOCX or PDF)
metadata and template     ``parse_metadata`` and ``lawgraph.reports.template.recognise``
extraction                ``lawgraph.extract.extract_many`` as the graph builder calls it
graph building            ``build_report_graph``, its extraction calls left out
store write               ``GraphStore.replace_graphs`` of the report's named graph (``replace_graph``
                          calls it), with what ``ingest`` writes in the same call
assessment                the after-ingest hooks (the gap engine's ``assess`` of the pairs, with its
                          writes)
other                     the rest of ``ingest`` (collecting files, stored hashes, provenance)
========================  ====================================================================

In the same run, two baselines give ratios: reading the file and cutting it into sentences with
one regular expression, and the same ingest with the plain-regex extractor of
``lawgraph.extract.baseline`` in place of the spaCy pipeline.

Targets: Markdown ≥ 100,000 words/s end to end; the PDF in under 5 s. It is a report, not a
test: it exits 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import lawgraph  # noqa: E402
import lawgraph.reports.graph as graph_module  # noqa: E402
import lawgraph.reports.ingest as report_ingest  # noqa: E402
from lawgraph.extract.baseline import baseline_extract_many  # noqa: E402
from lawgraph.reports.markdown import parse_markdown  # noqa: E402
from lawgraph.reports.model import ReportDocument  # noqa: E402
from lawgraph.sources import read_source  # noqa: E402

#: the module (``lawgraph.ingest`` the attribute is the function of the same name)
ingest_module = importlib.import_module("lawgraph.ingest")
REPORTS = ROOT / "country_reports"
HEADER_FROM = REPORTS / "de-2024.md"
STAGES = (
    "read",
    "parse",
    "metadata and template",
    "extraction",
    "graph building",
    "store write",
    "assessment",
    "other",
)
TARGET_MARKDOWN = 100_000  # words/s
TARGET_PDF = 5.0  # seconds
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


# --- the full-length report ---------------------------------------------------------------------


def _header() -> str:
    """The metadata header of a bundled report, saying what this file is."""
    text = HEADER_FROM.read_text(encoding="utf-8")
    header = text[: text.index("\n---", 3) + 4]
    note = (
        "Synthetic full-length report built by bench/ingest_throughput.py from the bundled "
        "sample reports, for throughput measurement only."
    )
    header = re.sub(r"(?m)^sample_note:.*$", f'sample_note: "{note}"', header)
    return header.replace("\n---", "\nstate_of_affairs: 1 January 2024\n---", 1)


def _markdown_line(text: str) -> str:
    """A paragraph as one Markdown line that the entry format reads back as the same text."""
    text = " ".join(text.split())
    return "\\" + text if text[:1] in "#|>`" else text


def build_markdown(words: int) -> str:
    """A report of at least ``words`` words: the bundled reports' numbered sections, their
    chapters renumbered copy by copy."""
    docs = [
        parse_markdown(read_source(p))
        for p in sorted(REPORTS.glob("*.md"))
        if p.name.lower() != "readme.md"
    ]
    lines = [_header(), ""]
    count, copy = 0, 0
    while count < words:
        for doc in docs:
            copy += 1
            for section in doc.sections:
                parts = (section.number or "").split(".")
                if not parts[0].isdigit() or not section.paragraphs:
                    continue  # unnumbered headings and annexes (tables only)
                number = ".".join([str(20 * copy + int(parts[0])), *parts[1:]])
                lines += ["#" * len(parts) + f" {number} {section.heading}", ""]
                for paragraph in section.paragraphs:
                    lines += [_markdown_line(paragraph.text), ""]
                    count += len(paragraph.text.split())
            if count >= words:
                break
    return "\n".join(lines)


def _cp1252(text: str) -> str:
    """``text`` with what the PDF core fonts cannot encode replaced: accents stripped where
    that helps ("ş" → "s"), anything else by "?"."""
    if _encodable(text):
        return text
    out = []
    for char in text:
        if not _encodable(char):
            decomposed = unicodedata.normalize("NFKD", char)
            char = "".join(c for c in decomposed if not unicodedata.combining(c))
            char = char if char and _encodable(char) else "?"
        out.append(char)
    return "".join(out)


def _encodable(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def build_pdf(markdown: Path, pdf: Path) -> None:
    """The same report as a PDF, rendered by ``tools/make_sample_documents.py``."""
    spec = importlib.util.spec_from_file_location(
        "make_sample_documents", ROOT / "tools" / "make_sample_documents.py"
    )
    tools = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tools  # dataclasses look their module up
    spec.loader.exec_module(tools)
    doc: ReportDocument = parse_markdown(read_source(markdown))
    doc.metadata = {k: _cp1252(str(v)) for k, v in doc.metadata.items()}
    for section in doc.sections:
        section.heading = _cp1252(section.heading)
        for paragraph in section.paragraphs:
            paragraph.text = _cp1252(paragraph.text)
    pdf.write_bytes(tools.render_pdf(doc, None))


# --- timing -------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu_seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    words: int = 0
    triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)


class _Clock:
    def __init__(self) -> None:
        self.spent = dict.fromkeys(STAGES, 0.0)
        self.running: list[str] = []

    def wrap(self, stage: str, function: Callable, *, not_in: tuple[str, ...] = ()) -> Callable:
        """``function`` timed as ``stage``, except when called within one of the stages
        ``not_in`` (whose time already includes it)."""

        def timed(*args, **kwargs):
            if any(outer in self.running for outer in not_in):
                return function(*args, **kwargs)
            self.running.append(stage)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[stage] += time.perf_counter() - started
                self.running.pop()

        return timed


@contextlib.contextmanager
def _patched(target: object, name: str, value: object) -> Iterator[None]:
    original = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, original)


@contextlib.contextmanager
def instrumented(
    store: lawgraph.GraphStore, clock: _Clock, extractor: Callable | None = None
) -> Iterator[None]:
    """Time the pipeline's public functions as ``ingest`` calls them; ``extractor`` replaces
    ``extract_many`` (the baseline run)."""
    extract = extractor or graph_module.extract_many
    hooks = list(ingest_module._AFTER_INGEST)
    with contextlib.ExitStack() as stack:
        for target, name, stage in (
            (ingest_module, "read_source", "read"),
            (report_ingest, "parse_report", "parse"),
            (report_ingest, "parse_metadata", "metadata and template"),
            (report_ingest, "recognise", "metadata and template"),
            (report_ingest, "build_report_graph", "graph building"),
        ):
            stack.enter_context(_patched(target, name, clock.wrap(stage, getattr(target, name))))
        stack.enter_context(
            _patched(graph_module, "extract_many", clock.wrap("extraction", extract))
        )
        # replace_graph calls replace_graphs: timing the latter counts either call once; the
        # assessments the hooks write are part of the assessment stage
        write = clock.wrap("store write", store.replace_graphs, not_in=("assessment",))
        stack.enter_context(_patched(store, "replace_graphs", write))
        ingest_module._AFTER_INGEST[:] = [clock.wrap("assessment", h) for h in hooks]
        try:
            yield
        finally:
            ingest_module._AFTER_INGEST[:] = hooks


def ingest_once(path: Path, extractor: Callable | None = None) -> Run:
    """``lawgraph.ingest`` of one file on a fresh embedded store, timed by stage."""
    with tempfile.TemporaryDirectory(prefix="lawgraph-bench-") as tmp:
        store = lawgraph.open_store(Path(tmp) / "store")
        lawgraph.init(store)
        clock = _Clock()
        with instrumented(store, clock, extractor):
            started, cpu = time.perf_counter(), time.process_time()
            summary = lawgraph.ingest(store, [path])
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if not summary.ok:
            raise SystemExit(f"ingest of {path.name} failed: {summary.text()}")
        outcome = summary.outcomes[0]
        stages = dict(clock.spent)
        stages["graph building"] -= stages["extraction"]
        stages["other"] = seconds - sum(v for k, v in stages.items() if k != "other")
        del store
    return Run(seconds, cpu, stages, triples=outcome.triples, counts=outcome.counts)


def best_of(path: Path, repeat: int, words: int, extractor: Callable | None = None) -> Run:
    runs = [ingest_once(path, extractor) for _ in range(repeat)]
    run = min(runs, key=lambda r: r.seconds)
    run.words = words
    return run


def read_and_split(path: Path, repeat: int) -> float:
    """Seconds to read the file and cut its text into sentences with one regex (best run)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        text = path.read_bytes().decode("utf-8")
        _SENTENCE.findall(text)
        best = min(best, time.perf_counter() - started)
    return best


# --- report -------------------------------------------------------------------------------------


def run(words: int, repeat: int, pdf: bool, keep: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="lawgraph-report-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        markdown = folder / "de-2024-full.md"
        markdown.write_text(build_markdown(words), encoding="utf-8")
        doc_words = parse_markdown(read_source(markdown)).word_count()
        ingest_once(REPORTS / "at-2023.md")  # warm up: spaCy, reference data, rules
        report: dict = {"words": doc_words, "file": str(markdown) if keep else markdown.name}
        md = best_of(markdown, repeat, doc_words)
        base = best_of(markdown, repeat, doc_words, _baseline_extractor)
        split = read_and_split(markdown, repeat)
        report["markdown"] = _entry(md)
        report["markdown, regex baseline extractor"] = _entry(base)
        report["read and sentence-split only"] = {
            "seconds": round(split, 4),
            "words_per_s": round(doc_words / split),
        }
        if pdf:
            pdf_path = folder / "de-2024-full.pdf"
            started = time.perf_counter()
            build_pdf(markdown, pdf_path)
            report["pdf rendering (fpdf2, not part of ingest)"] = round(
                time.perf_counter() - started, 2
            )
            report["pdf"] = _entry(best_of(pdf_path, repeat, doc_words))
            report["pdf"]["bytes"] = pdf_path.stat().st_size
    return report


def _baseline_extractor(texts, default_directive=None, **_):
    return baseline_extract_many(texts)


def _entry(r: Run) -> dict:
    return {
        "seconds": round(r.seconds, 3),
        "words_per_s": round(r.words / r.seconds),
        "cpu_seconds": round(r.cpu_seconds, 3),
        "words_per_cpu_s": round(r.words / r.cpu_seconds),
        "triples": r.triples,
        "stages": {k: round(v, 4) for k, v in r.stages.items()},
        "counts": r.counts,
    }


def print_report(report: dict) -> None:
    words = report["words"]
    print(f"full-length report: {words:,} words ({report['file']})")
    md = report["markdown"]
    verdict = "PASS" if md["words_per_s"] >= TARGET_MARKDOWN else "FAIL"
    print(
        f"\nMarkdown ingest: {md['seconds']:.2f} s, {md['words_per_s']:,} words/s   {verdict} "
        f"(≥ {TARGET_MARKDOWN:,})   [{md['triples']:,} triples; CPU time {md['cpu_seconds']:.2f} s, "
        f"{md['words_per_cpu_s']:,} words/s]"
    )
    if "pdf" in report:
        pdf = report["pdf"]
        verdict = "PASS" if pdf["seconds"] < TARGET_PDF else "FAIL"
        print(
            f"PDF ingest:      {pdf['seconds']:.2f} s, {pdf['words_per_s']:,} words/s   "
            f"{verdict} (< {TARGET_PDF:.0f} s)   [{pdf['triples']:,} triples, "
            f"{pdf['bytes'] / 1e6:.1f} MB; CPU time {pdf['cpu_seconds']:.2f} s]"
        )
    columns = [k for k in ("markdown", "pdf", "markdown, regex baseline extractor") if k in report]
    print(
        f"\n{'stage':<24}"
        + "".join(f"{c.split(',')[0] + (' (base)' if ',' in c else ''):>18}" for c in columns)
    )
    for stage in STAGES:
        cells = []
        for column in columns:
            entry = report[column]
            seconds = entry["stages"][stage]
            cells.append(f"{seconds:8.3f} s {100 * seconds / entry['seconds']:4.0f} %")
        print(f"{stage:<24}" + "".join(f"{c:>18}" for c in cells))
    print(f"{'total':<24}" + "".join(f"{report[c]['seconds']:8.3f} s  100 %" for c in columns))
    base = report["markdown, regex baseline extractor"]
    split = report["read and sentence-split only"]
    print("\nbaselines (same run, same file):")
    print(
        f"  ingest with the regex extractor: {base['seconds']:.2f} s, "
        f"{base['words_per_s']:,} words/s; lawgraph/baseline = "
        f"{md['words_per_s'] / base['words_per_s']:.2f}"
    )
    print(
        f"  read + regex sentence split:     {split['seconds']:.3f} s, "
        f"{split['words_per_s']:,} words/s; lawgraph/baseline = "
        f"{md['words_per_s'] / split['words_per_s']:.3f}"
    )
    extraction = md["stages"]["extraction"]
    print(f"  extraction alone in the ingest:  {words / extraction:,.0f} words/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--words",
        type=int,
        default=60_000,
        help="minimum size of the report (default 60,000 words)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="ingests per file on fresh stores; the best is reported",
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    parser.add_argument("--keep", type=Path, help="write the built report files here")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run(args.words, args.repeat, not args.no_pdf, args.keep)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
