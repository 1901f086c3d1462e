"""The theme's templates compiled once per process, not once per build.

MkDocs makes a new Jinja environment for every build, mkdocs-static-i18n runs one build
per language, and `mkdocs serve` runs a new build for every save: each of them compiles
every template of Material and of overrides/ again (a third of a preview rebuild of the
handbook). Jinja's bytecode cache keeps the compiled code of a template by its name, its
file and the environment's syntax settings, and Jinja compiles again whenever the source
changes (it compares a checksum of the source), so an edited override is used at once.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket

from handbook.core.lifecycle import BuildHook


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, shared by every Jinja environment of the process."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Jinja keys by name and file only; the syntax settings shape the compiled code too.
        key = f"{self.get_cache_key(name, filename)}|{_syntax(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a changed source fails the checksum: compiled anew

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


def _syntax(environment: jinja2.Environment) -> str:
    settings = (
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, repr(environment.autoescape), tuple(sorted(environment.extensions)),
    )
    return repr(settings)


class CompiledTemplatesHook(BuildHook):
    """Hands every build's Jinja environment the process's compiled templates. Nothing of
    a build is kept: compiled code is checked against each template's source when used."""

    def __init__(self) -> None:
        self.cache = CompiledTemplates()
        super().__init__()

    def on_env(self, env: jinja2.Environment, config, files) -> jinja2.Environment:
        env.bytecode_cache = self.cache
        return env
