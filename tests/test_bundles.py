"""A file that holds several documents counts for each of them, and the verdict names the part."""

from __future__ import annotations

import json
from pathlib import Path

from test_rules import PROFILE, RUN, add_org, outcomes, store

from audit_rules import apply_profile
from cmn_audit.demo.documents import NEW_PAGE, DocumentSpec, docx_bytes, pdf_bytes
from crawler.extract import extract_bytes
from crawler.understand import classify_document
from reports.context import evidence_labels

ORDER = [
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»",
    "ПРИКАЗ",
    "29.08.2025 № 112-од",
    "О внедрении целевой модели наставничества",
    "В соответствии с распоряжением Минпросвещения России от 25.12.2019 № Р-145, в целях "
    "развития наставничества обучающихся и педагогических работников",
    "ПРИКАЗЫВАЮ:",
    "1. Внедрить целевую модель наставничества в МБОУ «СШ № 7».",
    "2. Утвердить Положение о наставничестве (приложение 1).",
    "3. Утвердить дорожную карту внедрения целевой модели наставничества (приложение 2).",
    "4. Назначить куратором заместителя директора по УВР А.А. Петрову.",
    "Директор И.И. Иванова",
]
REGULATION = [
    "Приложение 1 к приказу от 29.08.2025 № 112-од",
    "ПОЛОЖЕНИЕ",
    "о наставничестве в МБОУ «СШ № 7»",
    "1. Общие положения",
    "1.1. Настоящее Положение разработано в соответствии с распоряжением Минпросвещения России "
    "от 25.12.2019 № Р-145 и определяет порядок наставничества обучающихся и педагогов.",
    "1.2. Наставничество — универсальная технология передачи опыта и знаний.",
    "2. Формы наставничества: «ученик – ученик», «учитель – ученик», «педагог – педагог».",
    "2.1. Куратор формирует базу наставников и наставляемых.",
    "3. Права и обязанности наставника и наставляемого.",
]
ROADMAP = [
    "Приложение 2 к приказу от 29.08.2025 № 112-од",
    "Дорожная карта",
    "внедрения целевой модели наставничества в МБОУ «СШ № 7» на 2025–2027 годы",
    "1. Формирование базы наставников — сентябрь 2025 — куратор",
    "2. Проведение Дня наставника — февраль 2026 — куратор",
    "3. Мониторинг реализации программ наставничества — май 2026 — заместитель директора",
    "4. Размещение информации о наставничестве на сайте — в течение года — администратор",
]


def test_a_scanned_bundle_is_read_part_by_part_with_its_pages() -> None:
    """Order, положение and roadmap one after another in one PDF, each on its own pages."""
    spec = DocumentSpec(paragraphs=[*ORDER, NEW_PAGE, *REGULATION, NEW_PAGE, *ROADMAP])
    extraction = extract_bytes(pdf_bytes(spec), file_ext="pdf")
    facts = classify_document(extraction.text)
    assert facts.kind == "order_implementation"
    assert [(p.kind, p.first_page, p.last_page) for p in facts.parts] == [
        ("order_implementation", 1, 1),
        ("regulation", 2, 2),
        ("roadmap", 3, 3),
    ]
    roadmap = facts.parts[2]
    # The annex is dated by the order it is annexed to; silent on audience, it takes the file's.
    assert (roadmap.date.isoformat(), roadmap.number) == ("2025-08-29", "112-од")
    assert (roadmap.period_start, roadmap.period_end) == (2025, 2027)
    assert roadmap.audience == facts.audience == "both"


def test_a_word_file_is_cut_at_its_annexes() -> None:
    """A DOCX has no pages: the annex headers alone cut the parts."""
    extraction = extract_bytes(docx_bytes(DocumentSpec([*ORDER, *REGULATION])), file_ext="docx")
    facts = classify_document(extraction.text)
    assert [(p.kind, p.first_page) for p in facts.parts] == [
        ("order_implementation", None),
        ("regulation", None),
    ]


def test_annexes_of_one_document_do_not_make_a_bundle() -> None:
    """A положение's forms and a programme's plan are parts of that document, not documents."""
    regulation = [
        *REGULATION[1:],
        "Приложение 1 к Положению о наставничестве",
        "Форма отчёта наставника о реализации программы наставничества",
        "Ф.И.О. наставника ____ Период ____ Проведённые встречи ____",
        "Приложение 2 к Положению о наставничестве",
        "План работы наставника с наставляемым на 2025/2026 учебный год",
        "1. Встреча-знакомство — сентябрь. 2. Совместная разработка плана — октябрь.",
    ]
    assert classify_document("\n".join(regulation)).parts == ()
    single_order = "\n".join(ORDER)
    assert classify_document(single_order).parts == ()


def test_each_part_satisfies_its_rule_and_the_verdict_names_it(tmp_path: Path) -> None:
    spec = DocumentSpec(paragraphs=[*ORDER, NEW_PAGE, *REGULATION, NEW_PAGE, *ROADMAP])
    facts = classify_document(extract_bytes(pdf_bytes(spec), file_ext="pdf").text)
    url = "https://bundle.example.ru/upload/prikaz-112.pdf"
    parts = [{**part.to_dict(), "url": f"{url}#page={part.first_page}"} for part in facts.parts]
    con = store(tmp_path)
    add_org(con, "bundle")
    add_org(con, "order-only")
    for org_id, with_parts in (("bundle", True), ("order-only", False)):
        con.execute(
            "INSERT INTO documents (run_id, org_id, url, fetch_status, extract_status, "
            "text_source, kind, audience, title, issuer, parts) "
            "VALUES (?, ?, ?, 'ok', 'ok', 'text', ?, ?, ?, 'school', ?)",
            [
                RUN,
                org_id,
                url.replace("bundle", org_id),
                facts.kind,
                facts.audience,
                facts.title,
                json.dumps(parts, ensure_ascii=False) if with_parts else None,
            ],
        )
    apply_profile(con, RUN, PROFILE)
    rows = con.execute(
        "SELECT kind, part_of, pages, evidence_urls FROM v_documents "
        "WHERE org_id = 'bundle' ORDER BY kind"
    ).fetchall()
    # The order part is the file itself: counted once, not twice.
    assert rows == [
        ("order_implementation", None, None, [url]),
        ("regulation", url, "2", [f"{url}#page=2"]),
        ("roadmap", url, "3", [f"{url}#page=3"]),
    ]
    regulation_rule = next(
        rule.id for rule in PROFILE.rules if "'regulation'" in rule.where and rule.counted
    )
    assert outcomes(con, "bundle")[regulation_rule] == "pass"
    assert outcomes(con, "order-only")[regulation_rule] == "fail"

    org = {
        "links": [],
        "news": [],
        "section": {"url": None, "title": None},
        "documents": [{"url": url, "title": facts.title, "link_text": None, "parts": parts}],
    }
    label = evidence_labels(org)[f"{url}#page=2"]
    assert label.startswith("Положение о наставничестве")
    assert "(стр. 2 файла «Приказ «О внедрении" in label


def test_a_title_split_by_the_scanners_blank_line_is_whole() -> None:
    """Tesseract sets a blank line between «ПОЛОЖЕНИЕ» and «о наставничестве …»."""
    ocr = "\n\n".join(REGULATION[1:])
    assert classify_document(ocr).title == "Положение о наставничестве в МБОУ «СШ № 7»"


def test_a_scan_read_in_part_counts_its_unread_pages(tmp_path: Path, monkeypatch) -> None:
    """Pages past the OCR limit are counted, not silently dropped."""
    from fpdf import FPDF

    import crawler.extract.pdf_text as pdf_text

    monkeypatch.setattr(pdf_text, "MAX_OCR_PAGES", 1)
    image = tmp_path / "blank.png"
    from PIL import Image

    Image.new("L", (40, 40), 255).save(image)
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.image(str(image), x=10, y=10, w=20)
    extraction = pdf_text.extract_pdf(bytes(pdf.output()))
    assert (extraction.ocr_pages, extraction.unread_pages) == (1, 2)


def test_a_missing_document_is_not_checked_while_a_scan_is_read_in_part(tmp_path: Path) -> None:
    """The roadmap may sit on the pages OCR did not reach: no «не размещено» for it."""
    con = store(tmp_path)
    for org_id, unread in (("part-read", 8), ("whole-read", 0)):
        add_org(con, org_id)
        con.execute(
            "INSERT INTO documents (run_id, org_id, url, fetch_status, extract_status, "
            "text_source, kind, audience, issuer, unread_pages) "
            "VALUES (?, ?, ?, 'ok', 'ok', 'ocr', 'order_implementation', 'both', 'school', ?)",
            [RUN, org_id, f"https://{org_id}.example.ru/scan.pdf", unread],
        )
    apply_profile(con, RUN, PROFILE)
    roadmap_rule = next(
        rule.id for rule in PROFILE.rules if "'roadmap'" in rule.where and rule.counted
    )
    assert outcomes(con, "part-read")[roadmap_rule] == "not_checked"
    assert outcomes(con, "whole-read")[roadmap_rule] == "fail"
