"""The code's layout: stages in subpackages, imports pointing one way, small modules.

Every import counts, the ones inside functions too (a lazy import hides a cycle, it does not
remove it). The graph is read from the source with :mod:`ast`, not from the running package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "publisher"

# Lower layers never import higher ones. Modules of one layer may import each other (the
# graph stays acyclic).
LAYERS = [
    {"errors", "config", "lang", "project"},
    {"runtime", "po", "source"},
    {"workspace"},
    {"editions", "exchange"},
    {"ops"},
    {"cli", "__main__"},
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its body."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[:len(parent) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_imports_point_from_later_stages_to_earlier_ones() -> None:
    layer = {stage: index for index, stages in enumerate(LAYERS) for stage in stages}
    wrong = []
    for module, targets in _graph().items():
        if module == "publisher" or _stage(module) not in layer:
            continue
        for target in targets:
            if target == "publisher":
                continue
            if layer[_stage(target)] > layer[_stage(module)]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, wrong


def test_every_stage_is_known_and_there_are_subpackages() -> None:
    stages = {_stage(module) for module in _modules()} - {"__init__"}
    assert stages <= set().union(*LAYERS), stages - set().union(*LAYERS)
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert {"po", "source", "lang", "ops", "editions", "runtime"} <= packages


def test_the_gettext_side_knows_nothing_of_markdown() -> None:
    for module, targets in _graph().items():
        if _stage(module) == "po":
            assert not {_stage(t) for t in targets} & {"source", "editions", "ops"}, module
    for path in (PACKAGE / "po").rglob("*.py"):
        assert "markdown_it" not in path.read_text("utf-8"), path


@pytest.mark.parametrize("name", sorted(_modules()))
def test_no_module_is_over_450_lines(name: str) -> None:
    lines = _modules()[name].read_text("utf-8").count("\n")
    assert lines <= 450, f"{name} has {lines} lines"


def test_only_the_command_line_prints() -> None:
    for name, path in _modules().items():
        if _stage(name) == "cli":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else \
                    func.attr if isinstance(func, ast.Attribute) else ""
                assert called not in ("print", "echo", "secho"), f"{name} prints"
