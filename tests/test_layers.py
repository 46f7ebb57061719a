"""The layer rule of docs/architecture.md, held by reading the imports of every module.

crawler (facts) ← audit_rules (verdicts) ← reports (outputs) ← cmn_audit (the application):
a package imports only the packages before it, no modules import each other in a loop, and a
function-level import is kept only for a heavy third-party library that a process may never
need (the list below says why each is late).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("crawler", "audit_rules", "reports", "cmn_audit")
# Imported inside the function that needs them: the crawl's child process imports
# crawler.extract but parses nothing, and most runs print no PDF.
LATE_IMPORTS = {
    "pdfplumber": "PDF tables and links: only for a PDF that names a roadmap or links",
    "pypdfium2": "PDF text layer: only when a PDF is read",
    "pytesseract": "OCR: only for scans, and only when Tesseract is installed",
    "PIL": "images: only for a scan or a photograph",
    "docx": "DOCX: only when a Word file is read",
    "openpyxl": "XLSX: only when a workbook is read",
    "xlrd": "XLS: only when an old Excel file is read",
    "lxml": "ODT: only when an OpenDocument file is read",
    "pebble": "worker pool: only in the process that reads documents",
    "pymorphy3": "morphology: its analyzer is built once, on first use",
    "playwright": "PDF printing through Chromium, which may be absent",
    "matplotlib": "the reference's charts: 0.5 s to import, paid only by a command that draws",
    "dramatiq": "the job queue: only in a run with --redis and in `cmn-audit worker`",
    "rq": "a job queue set against Dramatiq, only by `make bench-queues`",
    "celery": "a job queue set against Dramatiq, only by `make bench-queues`",
}


def _modules() -> dict[str, Path]:
    modules = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[tuple[str, bool, int, bool]]:
    """(imported module, inside a function, line, for type hints only) for each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]

    def walk(
        node: ast.AST, in_function: bool, typing: bool
    ) -> Iterator[tuple[str, bool, int, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, in_function, child.lineno, typing
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    prefix = package[: len(package) - child.level + 1]
                    base = ".".join([*prefix, *([base] if base else [])])
                submodules = [
                    f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in MODULES
                ]
                yield from ((module, in_function, child.lineno, typing) for module in submodules)
                if len(submodules) < len(child.names):
                    yield base, in_function, child.lineno, typing
            function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            hints = isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            yield from walk(child, in_function or function, typing or hints)

    yield from walk(tree, False, False)


def _own(module: str) -> str | None:
    """The project module an import names (its nearest known parent), else None."""
    while module and module not in MODULES:
        module = module.rpartition(".")[0]
    return module or None


def _graph(*, with_type_hints: bool = True) -> dict[str, set[str]]:
    """Module → the project modules it imports (type-hint-only imports if asked)."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        imported = (
            _own(module)
            for module, _, _, typing in _imports(name, path)
            if with_type_hints or not typing
        )
        graph[name] = {own for own in imported if own and own != name}
    return graph


def test_every_layer_imports_only_the_layers_before_it() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        for target in targets
        if LAYERS.index(target.split(".")[0]) > LAYERS.index(name.split(".")[0])
    ]
    assert upward == []


def test_no_modules_import_each_other_in_a_loop() -> None:
    # `if TYPE_CHECKING:` imports never run: a type hint may name a class of its importer.
    graph = _graph(with_type_hints=False)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan: each strongly connected component is a loop
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (member := stack.pop()) != node:
                component.append(member)
            if component:
                loops.append(sorted([node, *component]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert loops == []


def test_function_level_imports_are_only_heavy_third_party_libraries() -> None:
    late = [
        f"{name}:{line} imports {module}"
        for name, path in MODULES.items()
        for module, in_function, line, _ in _imports(name, path)
        if in_function and module.split(".")[0] not in LATE_IMPORTS
    ]
    assert late == []


def test_readme_map_of_the_tree_names_every_top_level_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("Дерево проекта:", 1)[1].split("```")[1]
    named = {line.split()[0].rstrip("/") for line in tree.splitlines() if line[2:3].strip()}
    ignored = {"build", "dist", "workspace", "demo-workspace"}  # .gitignore's own folders
    folders = {
        path.name
        for path in ROOT.iterdir()
        if path.is_dir()
        and not path.name.startswith(".")
        and path.name not in ignored
        and not path.name.startswith("workspace")
        and not path.name.endswith(".egg-info")
    }
    assert folders <= named
    assert all((ROOT / name).exists() for name in named)


def test_readme_map_of_the_tree_names_every_subpackage_of_the_application_layers() -> None:
    """The map's nested entries (four spaces in) are folders of the entry above them, and
    every subpackage of reports/ and cmn_audit/ is on the map."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("Дерево проекта:", 1)[1].split("```")[1]
    nested: set[str] = set()
    parent = ""
    for line in tree.splitlines():
        if line[2:3].strip():
            parent = line.split()[0].rstrip("/")
        elif line[:4] == "    " and line[4:5].strip():
            nested.add(f"{parent}/{line.split()[0].rstrip('/')}")
    packages = {
        f"{layer}/{path.parent.name}"
        for layer in ("reports", "cmn_audit")
        for path in (ROOT / layer).glob("*/__init__.py")
    }
    assert packages <= nested
    assert all((ROOT / name).is_dir() for name in nested)
