"""The error catalogue: one coded message per situation, codes unique and in their block."""

from __future__ import annotations

import re

import pytest

from newsgraph.errors import Errors, InputError, Message, NewsgraphError, UsageError


def catalogue() -> dict[str, Message]:
    return {name: value for name, value in vars(Errors).items() if isinstance(value, Message)}


def test_every_entry_is_named_by_its_code_and_says_something() -> None:
    for name, message in catalogue().items():
        assert re.fullmatch(r"E[1-7]\d\d", name), name
        assert message.code == name
        assert message.template.strip() and "\n" not in message.template, name


def test_messages_are_unique() -> None:
    templates = [m.template for m in catalogue().values()]
    assert len(templates) == len(set(templates))


def test_an_error_raised_from_an_entry_carries_its_code_and_fields() -> None:
    class Sample:
        E199 = Message("{name} must be a date YYYY-MM-DD, got '{value}'")

    error = UsageError(Sample.E199, name="--since", value="yesterday")
    assert error.code == "E199"
    assert str(error) == "[E199] --since must be a date YYYY-MM-DD, got 'yesterday'"
    assert error.message == "--since must be a date YYYY-MM-DD, got 'yesterday'"
    with pytest.raises(KeyError):
        UsageError(Sample.E199, name="--since")  # a missing field is a programming error


def test_a_plain_message_keeps_its_class_code() -> None:
    error = InputError("cannot read it")
    assert isinstance(error, NewsgraphError)
    assert str(error) == f"[{InputError.code}] cannot read it"


def test_every_raise_site_names_a_catalogue_entry() -> None:
    """No library error is raised with a message written at the raise site."""
    import ast
    from pathlib import Path

    import newsgraph.errors as errors_module

    classes = {name for name, value in vars(errors_module).items() if isinstance(value, type) and issubclass(value, NewsgraphError)}
    package = Path(errors_module.__file__).parent
    written_inline = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            named = isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in classes
            if named and call.args and isinstance(call.args[0], ast.Constant | ast.JoinedStr):  # type: ignore[union-attr]
                written_inline.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    assert not written_inline, "raise sites with inline messages (add an entry to errors.Errors): " + ", ".join(written_inline)
