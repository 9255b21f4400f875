"""Imports between the project's modules run one way: no module imports, at any depth, one that
imports it back. A circle dodged with an import inside a function is still a circle (the two modules
cannot be understood or loaded apart), so imports in function bodies count too.

Importing `a.b.c` from outside `a.b` runs `a.b`'s `__init__` first, so that is an edge as well: a
package whose `__init__` re-exports its submodules is in a circle with any module it reaches that
imports from the package again.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

PACKAGES = ("assets", "channels", "faceless_site", "publishing", "videos")
# Circles that are accepted on purpose, as frozensets of module names. None today.
ALLOWED_CYCLES: set[frozenset[str]] = set()


def project_modules(root: Path) -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def _executed(name: str, modules: dict[str, Path]) -> list[str]:
    """The project modules that importing `name` runs: the deepest existing module and its packages."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    chain = []
    while name:
        if name in modules:
            chain.append(name)
        name = name.rpartition(".")[0]
    return chain


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    targets.update(_executed(alias.name, modules))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                for alias in node.names:
                    targets.update(_executed(f"{base}.{alias.name}", modules))
        # A module's own packages are already running when it is imported: not a dependency.
        graph[name] = targets - set(_executed(name, modules))
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path around each circle found by a depth-first search (enough to name it)."""
    cycles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append([*stack[stack.index(target):], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_the_graph_sees_an_import_inside_a_function(tmp_path):
    (tmp_path / "videos").mkdir()
    (tmp_path / "videos" / "__init__.py").write_text("")
    (tmp_path / "videos" / "a.py").write_text("from videos.b import thing\n")
    (tmp_path / "videos" / "b.py").write_text("def thing():\n    from videos import a\n    return a\n")
    modules = {name: path for name, path in project_modules(tmp_path).items()}
    assert find_cycles(import_graph(modules)) == [["videos.a", "videos.b", "videos.a"]]


def test_no_import_circles_among_the_projects_modules():
    graph = import_graph(project_modules(Path(settings.BASE_DIR)))
    cycles = [" -> ".join(cycle) for cycle in find_cycles(graph) if frozenset(cycle) not in ALLOWED_CYCLES]
    assert not cycles, "Import circles (make the imports run one way):\n" + "\n".join(cycles)
