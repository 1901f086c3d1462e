"""Our features' settings in mkdocs.yml, validated declaratively with MkDocs' own Config classes.

Each concern declares its block (`extra.translation_track`, `extra.reference_check`, ...)
as a `mkdocs.config.base.Config` subclass. `validate_block` runs it and turns every
mistake into one line that names the place in mkdocs.yml and the valid choices:

    mkdocs.yml:172: extra.translation_track.warn: 'outdate' is not a status (choose from translated, outdated, ...)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

Block = TypeVar("Block", bound=base.Config)


class SettingsError(ValueError):
    """A setting in mkdocs.yml that cannot be used; the message is the whole located line."""


class WholeDays(c.BaseConfigOption):
    """A number of days, or null for no limit (a missing key keeps the default)."""

    def __init__(self, default: int | None) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(f"{value!r} is not a whole number of days (write a number such as 30, or null for no limit)")
        return value


class OnOff(c.BaseConfigOption):
    """A switch: true or false (YAML's yes/no count too); a missing key keeps the default."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"{value!r} is not a switch (write true or false)")
        return value


class OneOf(c.BaseConfigOption):
    """A value from a fixed list; the message lists the choices."""

    def __init__(self, choices: Sequence[str], what: str) -> None:
        super().__init__()
        self.choices = tuple(choices)
        self.what = what

    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise ValidationError(f"{value!r} is not {self.what} (choose from {', '.join(self.choices)})")
        return value  # type: ignore[return-value]


class ListOf(c.BaseConfigOption):
    """A list of values from a fixed list; a single value is a mistake, not a list of one."""

    def __init__(self, choices: Sequence[str], what: str, default: Sequence[str]) -> None:
        super().__init__()
        self.item = OneOf(choices, what)
        self.default = list(default)

    def run_validation(self, value: object) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValidationError(f"expected a list such as [{', '.join(self.item.choices[:2])}], got {value!r}")
        return [self.item.run_validation(item) for item in value]


class InBothLanguages(c.BaseConfigOption):
    """Reader-facing text set in mkdocs.yml: `{fi: ..., en: ...}`, or null while unset."""

    LANGUAGES = ("fi", "en")

    def run_validation(self, value: object) -> dict | None:
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != set(self.LANGUAGES) or not all(isinstance(text, str) and text.strip() for text in value.values()):
            raise ValidationError(f"expected the text in both languages, {{fi: ..., en: ...}}, or null while unset; got {value!r}")
        return value


def validate_block(schema: type[Block], raw: Any, where: str, config_file: Path | str | None) -> Block:
    """The validated block `where` (e.g. 'extra.translation_track'), or `SettingsError`."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SettingsError(located(config_file, where, f"{where}: must be a mapping of settings, got {raw!r}"))
    block = schema(config_file_path=str(config_file) if config_file else None)
    block.load_dict(raw)
    failed, warnings = block.validate()
    known = sorted(key for key, _ in block._schema)
    for key, _ in warnings:
        if key not in known:
            raise SettingsError(located(config_file, f"{where}.{key}", f"{where}: unknown setting '{key}' (valid: {', '.join(known)})"))
    for key, error in failed:
        dotted, message = f"{where}.{key}", str(error)
        # A nested block (SubConfig) names its own key: point at it, not at the block.
        while (nested := re.match(r"Sub-option '([^']+)': (.*)", message, re.DOTALL)):
            dotted, message = f"{dotted}.{nested.group(1)}", nested.group(2)
        raise SettingsError(located(config_file, dotted, f"{dotted}: {message}"))
    return block


def located(config_file: Path | str | None, dotted: str, message: str) -> str:
    """`mkdocs.yml:LINE: message`, the line of the deepest key of `dotted` that the file has."""
    if not config_file:
        return message
    path = Path(config_file)
    line = config_line(path, dotted.split("."))
    return f"{path.name}:{line}: {message}" if line else f"{path.name}: {message}"


def config_line(config_file: Path, keys: Sequence[str]) -> int:
    """1-based line of the deepest of `keys` found in the YAML file; 0 when none is.

    The file is composed, not constructed, so MkDocs' own tags (!ENV, !relative) need no loader."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 0
    line = 0
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                line = key_node.start_mark.line + 1
                node = value_node
                break
        else:
            break
    return line
