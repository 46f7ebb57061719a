"""What many tests need: a sample order, a one-school workspace, the CLI in a child process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cmn_audit.config import Workspace, init_workspace, load_workspace
from cmn_audit.demo.documents import DocumentSpec

# An order introducing the mentorship model: classified as order_implementation for students.
ORDER = DocumentSpec(
    [
        "МБОУ «СОШ № 7»",
        "ПРИКАЗ",
        "от 01.09.2022 № 112-од",
        "О внедрении целевой модели наставничества обучающихся",
        "В соответствии с распоряжением Минпросвещения России от 25.12.2019 № Р-145 ПРИКАЗЫВАЮ:",
        "1. Внедрить целевую модель наставничества обучающихся.",
        "Директор школы И. И. Иванов",
    ]
)
REGISTRY_HEADER = "id,name,short_name,kind,site_url,email,head_name,municipality\n"
# Sites served by the test on 127.0.0.1, crawled without pauses.
LOCAL_CRAWL = {"allow_private_addresses": True, "download_delay": 0.0}


def write_registry(path: Path, site_url: str, org_id: str = "s7") -> Path:
    """A registry of one school whose site is `site_url`."""
    path.write_text(
        REGISTRY_HEADER + f"{org_id},МБОУ «СОШ № 7»,СОШ № 7,школа,{site_url},"
        f"{org_id}@example.ru,Иванов Иван Иванович,Район\n",
        encoding="utf-8",
    )
    return path


def one_school_workspace(tmp_path: Path, site_url: str, **crawl) -> tuple[Workspace, Path]:
    """A fresh workspace under tmp_path/ws and a registry of one school at `site_url`."""
    init_workspace(tmp_path / "ws", overrides={"crawl": {**LOCAL_CRAWL, **crawl}})
    registry = write_registry(tmp_path / "registry.csv", site_url)
    return load_workspace(tmp_path / "ws"), registry


def cli_command(*args: str) -> list[str]:
    """The argv of `cmn-audit ARGS` run by this interpreter."""
    return [sys.executable, "-m", "cmn_audit", *args]


def cli(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """`cmn-audit ARGS` in a child process, output captured as text, exit code unchecked."""
    return subprocess.run(
        cli_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )
