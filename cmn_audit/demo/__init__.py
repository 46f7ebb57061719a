"""The bundled demo municipality: builds its sites and serves them on 127.0.0.1."""

from cmn_audit.demo.builder import build_site
from cmn_audit.demo.runner import (
    DemoMunicipality,
    DemoSite,
    ExpectedDocument,
    ExpectedNews,
    build_municipality,
    describe_municipality,
    running_demo,
)
from cmn_audit.demo.spec import load_municipality

__all__ = [
    "DemoMunicipality",
    "DemoSite",
    "ExpectedDocument",
    "ExpectedNews",
    "build_municipality",
    "build_site",
    "describe_municipality",
    "load_municipality",
    "running_demo",
]
