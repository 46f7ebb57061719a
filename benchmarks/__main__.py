"""`make bench`: speed and memory of each stage, measured in one run and reported as ratios."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from audit_rules import apply_profile, load_profile
from benchmarks.crawling import bench_crawl
from benchmarks.reading import bench_ocr, bench_text_pdf, bench_workers
from benchmarks.real_documents import bench_real_documents
from benchmarks.reports import bench_reports
from cmn_audit.config import init_workspace
from cmn_audit.demo import running_demo
from cmn_audit.demo.audit import DEMO_CRAWL, load_demo_workspace
from cmn_audit.demo.documents import DocumentSpec, docx_bytes, pdf_bytes
from cmn_audit.evaluate.report import evaluate_run, figures
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.store import schema_sql
from crawler.extract import extract_bytes
from crawler.understand import classify_document

REPEATS = 5


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call, CPU including child processes (the crawl)."""
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    action()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(
        a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
        for a, b in zip(after, before, strict=True)
    )
    return wall, cpu


def bench_demo_audit(root: Path) -> dict:
    """A full audit of the demo municipality, scored against its truth when the demo writes
    one, then a re-audit of the unchanged web."""
    init_workspace(root / "ws", overrides={"crawl": DEMO_CRAWL})
    runs: list[str] = []
    with running_demo(root / "web") as municipality:
        workspace = load_demo_workspace(root / "ws", municipality)
        outcomes = []

        def audit() -> None:
            outcome = run_audit(workspace, municipality.registry_path, echo=lambda _: None)
            runs.append(outcome.run_id)
            outcomes.append(outcome)

        first = timed(audit)
        truth_path = getattr(municipality, "truth_path", None)
        evaluation = (
            figures(evaluate_run(workspace.db_path, Path(truth_path), runs[0]))
            if truth_path is not None and Path(truth_path).is_file()
            else None
        )
        again = timed(audit)
    peak_mb = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    return {
        "schools": len(municipality.sites),
        "first_wall_s": round(first[0], 2),
        "first_cpu_s": round(first[1], 2),
        "reaudit_wall_s": round(again[0], 2),
        "reaudit_to_first_wall": round(again[0] / first[0], 2),
        "reaudit_files_from_cache_share": round(
            outcomes[1].from_cache / max(outcomes[1].from_cache + outcomes[1].read_anew, 1), 2
        ),
        "peak_rss_mb": round(peak_mb, 1),
        "evaluation": evaluation,
        "reports": bench_reports(workspace, runs[-1]),
    }


def sample_text(pages: int) -> DocumentSpec:
    paragraph = (
        "В соответствии с распоряжением Министерства просвещения Российской Федерации от "
        "25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества "
        "обучающихся» и в целях реализации целевой модели наставничества ПРИКАЗЫВАЮ: "
    )
    return DocumentSpec(["ПРИКАЗ № 112-од от 01.09.2022"] + [paragraph * 3] * (pages * 6))


def median_ms(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def bench_extract_and_classify() -> dict:
    pdf = pdf_bytes(sample_text(10))
    pages = extract_bytes(pdf, file_ext="pdf").pages or 1
    docx = docx_bytes(sample_text(3))
    text = extract_bytes(pdf, file_ext="pdf").text
    pdf_ms = median_ms(lambda: extract_bytes(pdf, file_ext="pdf"))
    docx_ms = median_ms(lambda: extract_bytes(docx, file_ext="docx"))
    classify_ms = median_ms(lambda: classify_document(text, title_hint="Приказ о внедрении ЦМН"))
    return {
        "pdf_pages": pages,
        "pdf_text_ms_per_page": round(pdf_ms / pages, 2),
        "docx_ms_per_document": round(docx_ms, 2),
        "classify_ms_per_document": round(classify_ms, 2),
        "classify_to_pdf_page_ratio": round(classify_ms / (pdf_ms / pages), 1),
    }


def bench_cli_startup() -> dict:
    """What every `cmn-audit` command pays before it starts its work: the application's
    imports, against a bare interpreter started in the same run."""

    def start(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run([sys.executable, *args], capture_output=True, check=True)

    bare = median_ms(start("-c", "pass"))
    cli = median_ms(start("-m", "cmn_audit", "--help"))
    return {
        "python_ms": round(bare),
        "cmn_audit_help_ms": round(cli),
        "cli_to_python_ratio": round(cli / bare, 1),
    }


def bench_scoring(schools: int = 5000) -> dict:
    """The profile over many synthetic schools: rules are set-based SQL, not Python loops."""
    con = duckdb.connect()
    con.execute(schema_sql())
    con.execute(
        "INSERT INTO organisations (run_id, org_id, name, site_url) "
        "SELECT 'r', 'o' || i, 'Школа ' || i, 'http://s' || i || '.ru/' FROM range(?) t(i)",
        [schools],
    )
    con.execute(
        "INSERT INTO sites (run_id, org_id, site_status, section_found, section_url) "
        "SELECT 'r', org_id, 'ok', true, site_url || 'nastavnichestvo/' FROM organisations"
    )
    kinds = ["order_implementation", "regulation", "roadmap", "program", "order_pairs"]
    con.execute(
        "INSERT INTO documents (run_id, org_id, url, fetch_status, extract_status, text_source,"
        " kind, audience, doc_date, period_start, period_end) "
        "SELECT 'r', o.org_id, o.site_url || k || a || '.pdf', 'ok', 'ok', 'text', k, a,"
        " DATE '2022-09-01', 2022, 2024 FROM organisations o, unnest(?) t(k),"
        " unnest(['students', 'teachers']) u(a) WHERE hash(o.org_id || k || a) % 4 <> 0",
        [kinds],
    )
    profile = load_profile("ust_ishim_2022")
    wall, _ = timed(lambda: apply_profile(con, "r", profile))
    results = con.execute("SELECT count(*) FROM rule_results").fetchone()[0]
    return {
        "schools": schools,
        "rules": len(profile.rules),
        "rule_results": results,
        "scoring_wall_s": round(wall, 3),
    }


def main() -> int:
    if sys.argv[1:2] == ["region"]:  # make bench-region: minutes to an hour, never in `make bench`
        from benchmarks.region.bench import main as region_main

        return region_main(sys.argv[2:])
    if sys.argv[1:2] == ["region-workers"]:  # one worker against two on the region's reading
        from benchmarks.region.workers import main as workers_main

        return workers_main(sys.argv[2:])
    if sys.argv[1:2] == ["queues"]:  # the job queue's choice (docs/scale.md), minutes
        from benchmarks.queues import main as queues_main

        return queues_main(sys.argv[2:])
    if sys.argv[1:] == ["real"]:
        splits = {split: bench_real_documents(split) for split in ("dev", "test")}
        print(json.dumps(splits, ensure_ascii=False, indent=2))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        figures = {
            "demo_audit": bench_demo_audit(Path(tmp) / "demo"),
            "crawl_simulated_network": bench_crawl(Path(tmp) / "network"),
            "extract_classify": bench_extract_and_classify(),
            "cli_startup": bench_cli_startup(),
            "real_documents_dev": bench_real_documents(),
            "real_documents_test": bench_real_documents("test"),  # frozen: headline figures only
            "scoring": bench_scoring(),
            "reading": {
                "text_pdf": bench_text_pdf(),
                "ocr": bench_ocr(),
                "workers": bench_workers(),
            },
        }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
