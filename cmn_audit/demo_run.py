"""`cmn-audit demo`: serve the bundled demo municipality and audit it like a real one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cmn_audit import messages
from cmn_audit.config import CONFIG_NAME, init_workspace, load_workspace
from cmn_audit.demo import running_demo
from cmn_audit.evaluate_report import evaluate_run, render_table
from cmn_audit.pipeline import RunOutcome, run_audit

# The demo web lives on 127.0.0.1 and is ours: private addresses allowed, short delays.
DEMO_CRAWL = {"allow_private_addresses": True, "download_delay": 0.05, "timeout_seconds": 10}
# The demo's centre is made up, and its phone numbers plainly so: nobody is called by mistake.
DEMO_CENTRE = {
    "name": "МКУ «Информационно-методический центр» Заречного муниципального района",
    "address": "000000, Заречный муниципальный район, с. Демидово, ул. Центральная, д. 1",
    "phone": "+7 (000) 000-00-00",
    "email": "imc@example.ru",
    "signatory_name": "Е. В. Образцова",
    "signatory_post": "Директор",
    "executor_name": "Примерова Анна Сергеевна",
    "executor_phone": "+7 (000) 000-00-01",
}


def run_demo(workspace: Path, *, echo: Callable[[str], None] = print) -> RunOutcome:
    """Build and serve the demo sites, audit them into `workspace`, stop the servers."""
    if not (workspace / CONFIG_NAME).exists():
        init_workspace(workspace, overrides={"crawl": DEMO_CRAWL, "centre": DEMO_CENTRE})
    settings = load_workspace(workspace)
    with running_demo(workspace / "demo-web") as municipality:
        echo(messages.DEMO_SERVING.format(count=len(municipality.sites)))
        outcome = run_audit(settings, municipality.registry_path, echo=echo)
    if municipality.truth_path:
        # The demo's answers are written down: show how close the audit came to them.
        evaluation = evaluate_run(settings.db_path, municipality.truth_path, outcome.run_id)
        echo(render_table(evaluation, municipality.truth_path))
    return outcome
