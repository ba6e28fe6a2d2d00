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
