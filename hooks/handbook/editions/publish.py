"""Publish one edition of the handbook to the gh-pages branch with mike, safely.

    handbook publish --version 2026 [--alias latest] [--title "2026"] [--push]

`make publish VERSION=2026 ALIAS=latest` runs it. It builds the working tree strictly
(mike runs `mkdocs build`; mkdocs.yml has `strict: true`) and commits the edition to the
local gh-pages branch; the other editions on the branch are left as they are. Before
mike touches anything it:

* fetches gh-pages from the remote (when the remote has one) and refuses to go on when
  the local branch has diverged from it: publishing on top would either be rejected
  on push or, forced, lose the editions published from elsewhere;
* after deploying, points the site root at the edition or alias named by --default
  (`latest`) as soon as it exists, and gives the root that edition's 404 page (GitHub
  Pages serves only the root's 404.html);
* tells the build which edition came before this one and from which commit it was
  built (records.py), so the edition's changes page lists what changed since; the build
  records this edition's own source commit in `<edition>/edition.json`;
* pushes once, at the end, with --push (never forced).

Errors are one `error:` line with an indented hint, and exit status 1.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from handbook.editions import records

# Edition and alias names become folder names in the published site and parts of URLs.
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class PublishError(Exception):
    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__(problem)
        self.hint = hint

    def format(self) -> str:
        return f"error: {self}" + (f"\n  {self.hint}" if self.hint else "")


# --- Git


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def has_ref(ref: str) -> bool:
    return git("rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False).returncode == 0


def is_ancestor(commit: str, of: str) -> bool:
    """Whether `of` is built on `commit` (the same commit included)."""
    return git("merge-base", "--is-ancestor", commit, of, check=False).returncode == 0


def remote_has_branch(remote: str, branch: str) -> bool:
    if git("remote", "get-url", remote, check=False).returncode != 0:
        return False
    result = git("ls-remote", "--exit-code", "--heads", remote, branch, check=False)
    if result.returncode not in (0, 2):
        raise PublishError(f"cannot reach remote '{remote}': {result.stderr.strip()}", "check the network and the remote's address (git remote -v), then retry")
    return result.returncode == 0


def fetch_published_branch(remote: str, branch: str) -> None:
    """Bring <remote>/<branch> up to date; mike itself only compares with the last fetch."""
    if remote_has_branch(remote, branch):
        git("fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")


def branch_relation(branch: str, upstream: str) -> str:
    """'missing', 'same', 'ahead', 'behind' or 'diverged' (also for unrelated histories)."""
    if not has_ref(branch) or not has_ref(upstream):
        return "missing"
    local, remote = git("rev-parse", branch).stdout.strip(), git("rev-parse", upstream).stdout.strip()
    if local == remote:
        return "same"
    base = git("merge-base", branch, upstream, check=False).stdout.strip()
    if base == remote:
        return "ahead"
    if base == local:
        return "behind"
    return "diverged"


def refuse_diverged(branch: str, remote: str) -> None:
    upstream = f"{remote}/{branch}"
    if branch_relation(branch, upstream) == "diverged":
        raise PublishError(
            f"the local {branch} branch has diverged from {upstream}; nothing was published",
            f"editions were published from elsewhere since this clone last fetched. Compare them with "
            f"`git log --oneline {branch}...{upstream}`; to keep the published ones, run "
            f"`git branch -f {branch} {upstream}` and publish again.",
        )


# --- mike


def mike_command() -> list[str]:
    # The mike next to this Python (the project's venv), never one from elsewhere on PATH.
    return [str(Path(sys.executable).parent / "mike")]


def mike(*args: str, settings: dict[str, str] | None = None) -> None:
    env = {**os.environ, **(settings or {})}
    # mike runs `mkdocs build` as a subprocess: the venv's bin must come first on PATH.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    result = subprocess.run([*mike_command(), *args], env=env)
    if result.returncode != 0:
        raise PublishError(f"mike {args[0]} failed (exit status {result.returncode}); its messages are above")


def edition_behind(branch: str, name: str) -> str | None:
    """The edition a name (edition or alias) stands for on the branch."""
    return records.edition_of(published_versions(branch), name)


def published_versions(branch: str) -> list[dict]:
    shown = git("show", f"{branch}:versions.json", check=False)
    try:
        versions = json.loads(shown.stdout) if shown.returncode == 0 else []
    except json.JSONDecodeError:
        return []
    return [v for v in versions if isinstance(v, dict) and isinstance(v.get("version"), str)] if isinstance(versions, list) else []


def edition_record(branch: str, edition: str) -> records.EditionRecord | None:
    """The record an edition carries on the branch; None when it has none (published before
    editions recorded their source) or it cannot be read."""
    shown = git("show", f"{branch}:{edition}/{records.RECORD_FILE}", check=False)
    if shown.returncode != 0:
        return None
    try:
        return records.record_from_json(shown.stdout, f"{branch}:{edition}/{records.RECORD_FILE}")
    except records.RecordError:
        return None


def previous_record(branch: str, version: str, default: str) -> records.EditionRecord | None:
    """The edition this publish is compared with and its source commit ('' when it has no
    record); None for the first edition."""
    versions = published_versions(branch)
    recorded = {v["version"]: r for v in versions if (r := edition_record(branch, v["version"])) is not None}
    name = records.previous_edition(version, versions, recorded, default, built_on=lambda commit: is_ancestor(commit, "HEAD"))
    if name is None:
        return None
    return recorded.get(name) or records.EditionRecord(name, "")


def copy_not_found_page_to_root(branch: str, default: str) -> None:
    """GitHub Pages answers every missing address with the site root's 404.html only:
    it gets the current edition's (Finnish, absolute links, so it works at any depth)."""
    from mike import git_utils

    edition = edition_behind(branch, default)
    if edition is None:
        return
    page = subprocess.run(["git", "show", f"{branch}:{edition}/404.html"], capture_output=True)
    current = subprocess.run(["git", "show", f"{branch}:404.html"], capture_output=True)
    if page.returncode != 0 or (current.returncode == 0 and current.stdout == page.stdout):
        return
    with git_utils.Commit(branch, f"Copied {edition}/404.html to the site root") as commit:
        commit.add_file(git_utils.FileInfo("404.html", page.stdout))


def push_published_branch(remote: str, branch: str) -> None:
    result = git("push", "--quiet", remote, branch, check=False)
    if result.returncode != 0:
        raise PublishError(
            f"pushing {branch} to {remote} failed; the edition is committed locally only",
            f"{result.stderr.strip()}\n  fetch and compare (`git fetch {remote} && git log --oneline {branch}...{remote}/{branch}`), then publish again",
        )


def root_redirects_to(branch: str, name: str) -> bool:
    shown = git("show", f"{branch}:index.html", check=False)
    return shown.returncode == 0 and re.search(rf'(?:href|url)=["\']?{re.escape(name)}/', shown.stdout) is not None


# --- Before publishing: the address and the translations


# RFC 2606 names for documentation and examples: an edition published under one of them
# has a language switcher, sitemaps and citations that point nowhere.
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "localhost", "127.0.0.1")


def is_placeholder_url(site_url: str | None) -> bool:
    host = urlsplit(site_url or "").hostname or ""
    return not host or any(host == name or host.endswith("." + name) for name in PLACEHOLDER_HOSTS) or host.endswith(".example")


def refuse_placeholder_url(site_url: str | None) -> None:
    if is_placeholder_url(site_url):
        raise PublishError(
            f"site_url is '{site_url or ''}', a placeholder; nothing was published",
            "set the site's real address: SITE_URL=https://handbook.example.fi/ make publish VERSION=... "
            "(CI: the repository variable HANDBOOK_SITE_URL); to rehearse locally, add --allow-placeholder-url",
        )


@dataclass
class TranslationState:
    """The English pages an edition is published with, from the translation track."""

    pages: int = 0
    outdated: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)  # outdated beyond the grace period


def translation_state(config_file: Path) -> tuple[TranslationState, bool]:
    """The translation languages' state now, and whether overdue pages block a publish."""
    from handbook import translation

    root, docs_dir, settings = translation.load_project(config_file)
    track = translation.build_track(root, docs_dir, settings.source_language, settings.languages)
    state = TranslationState()
    for language, pages in track.languages.items():
        for page in pages.pages:
            if page.translation is None and page.status != "missing":
                continue
            state.pages += 1
            name = f"{language}/{page.path}"
            if page.status == "outdated":
                state.outdated.append(f"{name} ({page.days_outdated} days)" if page.days_outdated is not None else name)
                limit = settings.max_outdated_days
                if limit is not None and (page.days_outdated or 0) > limit:
                    state.overdue.append(f"{name}: outdated for {page.days_outdated} days (limit {limit})")
    return state, settings.overdue_blocks_publish


def refuse_overdue(state: TranslationState, blocks: bool) -> None:
    if blocks and state.overdue:
        raise PublishError(
            f"{len(state.overdue)} translation(s) are outdated beyond the grace period; nothing was published:\n  "
            + "\n  ".join(state.overdue),
            "update and pin them (handbook translations diff PAGE, then ack PAGE), or set "
            "extra.translation_track.overdue_blocks_publish: false in mkdocs.yml",
        )


def site_url_of(config_file: Path) -> str | None:
    """site_url as the build will see it (SITE_URL from the environment, else mkdocs.yml)."""
    from mkdocs.config import load_config

    return load_config(str(config_file)).site_url


def pages_per_language(branch: str, edition: str) -> dict[str, int]:
    """Built pages (index.html files) of the edition on the branch, per language folder."""
    listed = git("ls-tree", "-r", "--name-only", branch, f"{edition}/", check=False).stdout.splitlines()
    counts: dict[str, int] = {}
    for name in listed:
        if not name.endswith("index.html"):
            continue
        rest = name[len(edition) + 1 :]
        language = rest.split("/", 1)[0] if rest.split("/", 1)[0] in ("en",) else "fi"
        counts[language] = counts.get(language, 0) + 1
    return counts


def comparison_line(previous: records.EditionRecord | None) -> str:
    if previous is None:
        return "  changes page: the first edition, nothing to compare with"
    if not previous.source:
        return f"  changes page: edition {previous.version} has no record of its source commit, so no changes are listed"
    if not has_ref(previous.source):
        return f"  changes page: the source commit of edition {previous.version} ({previous.source[:7]}) is not in this clone, so no changes are listed"
    return f"  changes page: compared with edition {previous.version} (commit {previous.source[:7]})"


def summary(edition: str, alias: str | None, branch: str, state: TranslationState, pushed: bool,
            previous: records.EditionRecord | None = None) -> str:
    commit = git("rev-parse", "--short", "HEAD", check=False).stdout.strip() or "(no commit)"
    counts = pages_per_language(branch, edition)
    lines = [
        f"published edition {edition}" + (f" as {alias}" if alias else "") + f" from commit {commit} to {branch}" + (" and pushed" if pushed else " (not pushed)"),
        "  pages: " + (", ".join(f"{language} {count}" for language, count in sorted(counts.items())) or "none found"),
        f"  outdated English pages: {len(state.outdated)}" + ("".join(f"\n    {name}" for name in state.outdated)),
        comparison_line(previous),
    ]
    return "\n".join(lines)


# --- Publishing


def publish(version: str, alias: str | None, title: str | None, push: bool, default: str, branch: str, remote: str,
            config_file: Path = Path("mkdocs.yml"), allow_placeholder_url: bool = False) -> str:
    """Publish one edition; the summary for the editor."""
    for what, name in (("edition", version), ("alias", alias), ("default", default)):
        if name is not None and not NAME.match(name):
            raise PublishError(f"{what} name '{name}' is not a plain folder name", "use letters, digits, '.', '_' or '-', e.g. 2026 or latest")
    if alias == version:
        raise PublishError(f"alias '{alias}' is the edition's own name", "choose another alias, e.g. latest")

    if not allow_placeholder_url:
        refuse_placeholder_url(site_url_of(config_file))
    state, blocks = translation_state(config_file)
    refuse_overdue(state, blocks)

    fetch_published_branch(remote, branch)
    refuse_diverged(branch, remote)

    # The build mike runs compares this edition with the previous one and records its source.
    branch_read = branch if has_ref(branch) else f"{remote}/{branch}"
    previous = previous_record(branch_read, version, default)
    source = git("rev-parse", "HEAD", check=False).stdout.strip()
    comparison = {records.PREVIOUS_VARIABLE: previous.to_json() if previous else "null", records.SOURCE_VARIABLE: source}

    deploy = ["deploy", "--update-aliases", "--branch", branch, "--remote", remote]
    if title:
        deploy += ["--title", title]
    mike(*deploy, version, *([alias] if alias else []), settings=comparison)

    if edition_behind(branch, default) and not root_redirects_to(branch, default):
        mike("set-default", "--branch", branch, "--remote", remote, default)
    copy_not_found_page_to_root(branch, default)
    # One push at the end: a remote that moved meanwhile rejects it, nothing is forced.
    if push:
        push_published_branch(remote, branch)
    return summary(version, alias, branch, state, push, previous)
