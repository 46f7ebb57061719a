"""`cmn-audit demo`: serve the bundled demo municipality and audit it like a real one."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import time
from collections.abc import Callable
from pathlib import Path

from cmn_audit import messages
from cmn_audit.config import (
    CONFIG_NAME,
    Workspace,
    init_workspace,
    load_workspace,
    set_profile_param,
)
from cmn_audit.demo import running_demo
from cmn_audit.demo.runner import DemoMunicipality
from cmn_audit.evaluate.report import evaluate_run, render_table
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.pipeline.commit import RunOutcome
from crawler.file_hosts import STAND_INS_ENV

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


# The demo's справка: why and by whom the (made-up) monitoring was held.
DEMO_REFERENCE = {
    "basis": "план работы МКУ «ИМЦ» Заречного муниципального района на учебный год",
    "checked_by": "методист МКУ «ИМЦ» А. С. Примерова",
}
# The demo's letters name a deadline, as a centre's do: this many days after the workspace is made.
DEMO_DEADLINE_DAYS = 30


def init_demo_workspace(
    workspace: Path, *, today: dt.date | None = None, crawl: dict | None = None
) -> Path:
    """The demo's workspace: its made-up centre, a deadline a month ahead, polite-enough crawl."""
    deadline = (today or dt.date.today()) + dt.timedelta(days=DEMO_DEADLINE_DAYS)
    return init_workspace(
        workspace,
        overrides={
            "crawl": crawl or DEMO_CRAWL,
            "centre": DEMO_CENTRE,
            "reference": DEMO_REFERENCE,
            "audit": {"deadline": deadline.isoformat()},
        },
    )


def load_demo_workspace(workspace: Path, municipality: DemoMunicipality) -> Workspace:
    """The demo workspace told where the demo's municipal resource of normative acts is
    served this time (a new port each run): its [profile_params] names it, as a centre's
    config names its own resource."""
    resource = [municipality.municipal_resource_url]
    set_profile_param(workspace, "normative_resource_urls", resource)
    return load_workspace(workspace)


def run_demo(
    workspace: Path,
    *,
    echo: Callable[[str], None] = print,
    serve: bool = False,
    announce: Callable[[RunOutcome], None] | None = None,
    wait: Callable[[], None] | None = None,
) -> RunOutcome:
    """Build and serve the demo sites, audit them into `workspace`, stop the servers.

    `announce` is told the outcome as soon as the audit is done. `serve`: then keep the sites
    up until Ctrl-C (or `wait` returns), so a newcomer can try `cmn-audit init` and
    `cmn-audit run` on them by hand.
    """
    if not (workspace / CONFIG_NAME).exists():
        init_demo_workspace(workspace)
    with running_demo(workspace / "demo-web") as municipality:
        outcome = audit_demo(workspace, municipality, echo=echo, announce=announce)
        if serve:
            echo(serve_notice(municipality.registry_path))
            (wait or wait_for_interrupt)()
            echo(messages.DEMO_STOPPED)
    return outcome


def audit_demo(
    workspace: Path,
    municipality: DemoMunicipality,
    *,
    echo: Callable[[str], None] = print,
    announce: Callable[[RunOutcome], None] | None = None,
) -> RunOutcome:
    """Audit the served demo municipality into `workspace`, then show how close the audit came
    to the demo's written answers and `announce` the outcome."""
    settings = load_demo_workspace(workspace, municipality)
    echo(messages.DEMO_SERVING.format(count=len(municipality.sites)))
    outcome = run_audit(settings, municipality.registry_path, echo=echo)
    if municipality.truth_path:
        evaluation = evaluate_run(settings.db_path, municipality.truth_path, outcome.run_id)
        echo(render_table(evaluation, municipality.truth_path))
    if announce is not None:
        announce(outcome)
    return outcome


def serve_notice(registry: Path) -> str:
    """What a newcomer types to audit the demo sites with a workspace of their own."""
    stand_ins = os.environ.get(STAND_INS_ENV, "")
    prefix = f"{STAND_INS_ENV}={shlex.quote(stand_ins)} " if stand_ins else ""
    return messages.DEMO_SERVE_NOTICE.format(registry=registry.resolve(), prefix=prefix)


def wait_for_interrupt() -> None:
    """Block until Ctrl-C: the demo sites stay up meanwhile."""
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return
