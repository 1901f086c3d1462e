"""The last result of `handbook check`, kept while nothing it reads has changed.

The key is a digest of every input of the reference and term checks: mkdocs.yml (and any file it INHERITs),
every file under docs_dir, the snippet folders, the data files (data/, the `watch:`
entries, files named in `extra`), the hook files and the `handbook` package itself, the
environment variables mkdocs.yml reads (`!ENV`), the working folder (relative snippet
folders are found from it) and the versions of MkDocs and the Markdown packages. Files
are hashed by content, so a file touched but not changed still hits. The key is computed
without loading mkdocs.yml through MkDocs (that alone costs more than the target of a
check that finds nothing new); where mkdocs.yml cannot be read this way, or a snippet
folder would be the whole project, there is no key and the check simply runs.

The result lives in `.cache/handbook/` next to mkdocs.yml, one file per mkdocs.yml,
written to a temporary file and renamed into place; an unreadable or corrupt file is a
miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

FORMAT = 2  # 2: the term check's lines too
CACHE_DIR = Path(".cache") / "handbook"
# The term check's words come from the Finnish analyser and the Snowball stemmers.
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions", "markdown", "pyyaml", "pyvoikko", "snowballstemmer")
PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # hooks/handbook


@dataclass(frozen=True)
class CheckResult:
    """What `handbook check` printed: its finding lines and the counts of its summary."""

    lines: list[str]
    problems: int
    informative: int

    def to_json(self) -> dict:
        return {"lines": self.lines, "problems": self.problems, "informative": self.informative}

    @classmethod
    def from_json(cls, data: dict) -> CheckResult:
        lines, problems, informative = data["lines"], data["problems"], data["informative"]
        if not (isinstance(lines, list) and all(isinstance(line, str) for line in lines) and isinstance(problems, int) and isinstance(informative, int)):
            raise ValueError("malformed result")
        return cls(lines, problems, informative)


class NoKey(Exception):
    """The inputs of this check cannot be named without MkDocs: do not cache it."""


# --- Reading mkdocs.yml as plain YAML


@dataclass(frozen=True)
class _Relative:
    """`!relative PATH` of MkDocs: relative to the config folder or the docs folder."""

    path: str


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: a long nav reads 10x faster
    pass


def _environment(loader: _Loader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, ..., default]`: the first variable set, else the default."""
    if isinstance(node, yaml.SequenceNode):
        items = [str(item) for item in loader.construct_sequence(node)]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        names, default = [str(loader.construct_scalar(node))], None
    loader.environment_names.extend(names)
    return next((os.environ[name] for name in names if name in os.environ), default)


def _other_tag(loader: _Loader, suffix: str, node: yaml.Node):
    # Python names (a slugify function) and the like: their text is in mkdocs.yml's bytes.
    return f"!{suffix}"


_Loader.add_constructor("!ENV", _environment)
_Loader.add_constructor("!relative", lambda loader, node: _Relative(loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else ""))
_Loader.add_multi_constructor("!", _other_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other_tag)


def _read_config(path: Path, environment_names: list[str]) -> dict:
    loader = _Loader(path.read_text(encoding="utf-8"))
    loader.environment_names = environment_names
    try:
        config = loader.get_single_data()
    finally:
        loader.dispose()
    if not isinstance(config, dict):
        raise NoKey("mkdocs.yml is not a mapping")
    return config


# --- The inputs


def _extension_config(config: dict, name: str) -> dict | None:
    for extension in config.get("markdown_extensions") or []:
        if extension == name:
            return {}
        if isinstance(extension, dict) and name in extension:
            return extension[name] or {}
    return None


def _resolve(value, config_dir: Path, docs_dir: Path, cwd: Path) -> Path:
    if isinstance(value, _Relative):
        text = value.path
        for variable, folder in (("$config_dir", config_dir), ("$docs_dir", docs_dir)):
            if text.startswith(variable):
                return (folder / text[len(variable) :].lstrip("/\\")).resolve()
        raise NoKey("a !relative path relative to the current page")
    if not isinstance(value, str):
        raise NoKey(f"a path that is not text: {value!r}")
    return (cwd / value).resolve()


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def input_paths(config_file: Path, cwd: Path) -> tuple[list[Path], list[str]]:
    """Every file and folder the check reads, and the environment variables it depends on."""
    config_file = config_file.resolve()
    config_dir = config_file.parent
    environment_names: list[str] = []
    paths: list[Path] = [config_file]
    config = _read_config(config_file, environment_names)
    seen_configs = {config_file}
    parent = config.get("INHERIT")
    while parent:
        parent_file = (config_dir / str(parent)).resolve()
        if parent_file in seen_configs:
            break
        seen_configs.add(parent_file)
        paths.append(parent_file)
        parent = _read_config(parent_file, environment_names).get("INHERIT")
    docs_dir = (config_dir / str(config.get("docs_dir") or "docs")).resolve()
    paths.append(docs_dir)
    snippets = _extension_config(config, "pymdownx.snippets")
    if snippets is not None:
        bases = snippets.get("base_path", ["."])
        for base in bases if isinstance(bases, list) else [bases]:
            folder = _resolve(base, config_dir, docs_dir, cwd)
            if folder == config_dir or folder in config_dir.parents or folder == Path(folder.anchor):
                raise NoKey(f"the snippet folder {folder} is the whole project")
            paths.append(folder)
    for entry in config.get("watch") or []:
        paths.append(_resolve(entry, config_dir, docs_dir, config_dir))
    if (config_dir / "data").is_dir():
        paths.append(config_dir / "data")
    for value in _strings(config.get("extra") or {}):
        if len(value) < 300 and "\n" not in value and ("/" in value or "." in value):
            candidate = (config_dir / value).resolve()
            if candidate.is_file():
                paths.append(candidate)
    for hook in config.get("hooks") or []:
        if isinstance(hook, str):
            paths.append((config_dir / hook).resolve())
    paths.append(PACKAGE_ROOT)
    return paths, environment_names


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    found = []
    for folder, folders, files in os.walk(path):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        found += [Path(folder) / name for name in sorted(files) if not name.endswith(".pyc")]
    return found


def check_key(config_file: Path, cwd: Path | None = None) -> str:
    """The digest of everything the check of `config_file` reads (raises NoKey)."""
    cwd = (cwd or Path.cwd()).resolve()
    try:
        paths, environment_names = input_paths(config_file, cwd)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise NoKey(str(error)) from None
    digest = hashlib.blake2b(digest_size=32)
    header = {
        "format": FORMAT,
        "config": str(config_file.resolve()),
        "cwd": str(cwd),
        "python": sys.version,
        "environment": {name: os.environ.get(name) for name in sorted(set(environment_names))},
        "packages": {name: _version(name) for name in PACKAGES},
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    for path in dict.fromkeys(paths):  # once each, in a fixed order
        digest.update(b"\0path\0" + str(path).encode())
        for file in _files(path):
            try:
                data = file.read_bytes()
            except OSError:
                data = b"\0unreadable"
            digest.update(b"\0file\0" + str(file).encode() + b"\0" + str(len(data)).encode() + b"\0")
            digest.update(data)
    return digest.hexdigest()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


# --- The stored result


def cache_file(config_file: Path) -> Path:
    config_file = config_file.resolve()
    name = hashlib.blake2b(str(config_file).encode(), digest_size=8).hexdigest()
    return config_file.parent / CACHE_DIR / f"check-{name}.json"


def load(config_file: Path, key: str) -> CheckResult | None:
    """The stored result for `key`, or None (no file, another key, or a corrupt file)."""
    try:
        stored = json.loads(cache_file(config_file).read_text(encoding="utf-8"))
        if stored.get("format") != FORMAT or stored.get("key") != key:
            return None
        return CheckResult.from_json(stored["result"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(config_file: Path, key: str, result: CheckResult) -> None:
    """Keep `result` for `key`: written beside its final name, then renamed over it."""
    target = cache_file(config_file)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".check-", suffix=".tmp")
    except OSError:
        return  # a read-only checkout still gets its check, only not the next one faster
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"format": FORMAT, "key": key, "result": result.to_json()}, out, ensure_ascii=False)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
