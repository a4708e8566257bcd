"""Each model has one test factory, and every factory is importable from `tests.factories`."""

import ast
from collections import Counter
from pathlib import Path

import tests.factories

TESTS = Path(__file__).resolve().parents[1]


def factory_classes() -> list[str]:
    names = []
    for path in TESTS.rglob("*.py"):
        tree = ast.parse(path.read_text())
        names += [
            node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name.endswith("Factory")
        ]
    return names


def test_no_factory_is_defined_twice():
    assert [name for name, count in Counter(factory_classes()).items() if count > 1] == []


def test_every_factory_is_exported_from_the_factory_package():
    assert set(factory_classes()) - set(tests.factories.__all__) == set()
