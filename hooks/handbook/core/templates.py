"""The theme's templates compiled once, not once per build: kept in the process and on disk.

MkDocs makes a new Jinja environment for every build, mkdocs-static-i18n runs one build
per language, and `mkdocs serve` runs a new build for every save: each of them compiles
every template of Material and of overrides/ again (a third of a preview rebuild of the
handbook, and about a sixth of every `mkdocs build`, which starts a new process). Jinja's
bytecode cache keeps the compiled code of a template by its name, its file and the
environment's syntax settings, and Jinja compiles again whenever the source changes (it
compares a checksum of the source), so an edited override is used at once.

The compiled code is also kept between processes, in `.cache/handbook/templates.pickle`
(core/kept.py: valid only for the same handbook code and text packages; Jinja's own
header rejects code of another Jinja or Python version, and the template is compiled
again).
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from handbook.core.kept import Kept, key_of
from handbook.core.lifecycle import BuildHook

KEPT_TEMPLATES = "templates"


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, shared by every Jinja environment of the process, and
    those of earlier processes from the project's kept file (`kept`, when set)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self.kept: Kept | None = None

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Jinja keys by name and file only; the syntax settings shape the compiled code too,
        # and so do the filters and tests the environment has (see _functions).
        key = f"{self.get_cache_key(name, filename)}|{_syntax(environment)}|{self._functions(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is None and self.kept is not None:
            code = self.kept.get(key_of(bucket.key))
        if code is not None:
            if self.kept is not None:
                # Used by this build, even from memory (a preview rebuild): it stays in the file.
                self.kept.put(key_of(bucket.key), code)
            # A changed source fails the checksum, another Jinja the header: compiled anew.
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        self.compiled[bucket.key] = code
        if self.kept is not None:
            self.kept.put(key_of(bucket.key), code)

    def clear(self) -> None:
        self.compiled.clear()

    def _functions(self, environment: jinja2.Environment) -> str:
        """The filters, tests and finalize as the compiler sees them, as one digest.

        Jinja writes how a filter or test is called into the compiled code (one marked
        @pass_context gets the context first) and applies a plain one to a constant once,
        at compile time, keeping only its result. A filter of a project's own hook (not
        part of the handbook code the kept file is valid for) that changes either way
        would otherwise keep being called the old way, or keep its old result."""
        parts = [f"{kind}:{name}={describe_function(function)}" for kind, functions in (("filter", environment.filters), ("test", environment.tests))
                 for name, function in sorted(functions.items())]
        parts.append(f"finalize={describe_function(environment.finalize) if environment.finalize else '-'}")
        return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_DESCRIBED: dict[int, tuple[object, str]] = {}  # id(function) -> (function, how it compiles and runs)


def describe_function(function) -> str:
    """A filter, test or global function as Jinja compiles and calls it: its name, how it is
    passed the context, and a digest of its code. By the function object, each is described
    once per process (a live preview makes some anew for every build, hence the bound)."""
    found = _DESCRIBED.get(id(function))
    if found is None or found[0] is not function:
        if len(_DESCRIBED) >= 4096:
            _DESCRIBED.clear()
        kind = getattr(function, "jinja_pass_arg", None)
        code = getattr(function, "__code__", None)
        name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', type(function).__qualname__)}"
        found = _DESCRIBED[id(function)] = (function, f"{name}|{getattr(kind, 'name', '')}|{hashlib.sha256(marshal.dumps(code)).hexdigest() if code else ''}")
    return found[1]


def _syntax(environment: jinja2.Environment) -> str:
    settings = (
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, repr(environment.autoescape), tuple(sorted(environment.extensions)),
        environment.is_async, environment.policies.get("ext.i18n.trimmed"), getattr(environment, "newstyle_gettext", None),
    )
    return repr(settings)


class CompiledTemplatesHook(BuildHook):
    """Hands every build's Jinja environment the compiled templates. Nothing of a build is
    kept but compiled code, which is checked against each template's source when used."""

    def __init__(self) -> None:
        self.cache = CompiledTemplates()
        super().__init__()

    def reset(self) -> None:
        self.cache.kept = None

    def start(self, config) -> None:
        # The project's file: every template a build of this handbook compiled last time.
        self.cache.kept = Kept.for_project(Path(config.config_file_path).parent, KEPT_TEMPLATES)

    def on_env(self, env: jinja2.Environment, config, files) -> jinja2.Environment:
        env.bytecode_cache = self.cache
        return env

    def finish(self, config) -> None:
        # Templates are compiled as pages render, in every language's build: saved once all ran.
        if self.cache.kept is not None:
            self.cache.kept.save()
