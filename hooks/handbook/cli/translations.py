"""The translators' tool for the translation track (`make translations ARGS="..."`).

    status [--json]     every page's status; exit 1 when the policy in mkdocs.yml is violated
    diff PAGE           what changed in the Finnish source since the translation was pinned
    ack PAGE... | --all re-pin reviewed translations to the current Finnish source
    new PAGE            scaffold an English twin of a Finnish page, marked as a draft

PAGE is a path inside the language folders (`teoria/desistanssi.md`), or the path of
either file (`docs/fi/teoria/desistanssi.md`). Paths come from the folder of mkdocs.yml,
never from the working directory. Exit codes: 0 fine, 1 policy violated, 2 bad input.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from handbook import translation as engine
from handbook.cli.project import DEFAULT_CONFIG
from handbook.core import relative_to_root


class UsageError(Exception):
    pass


class Project:
    def __init__(self, config_file: Path, language: str | None) -> None:
        if not config_file.is_file():
            raise UsageError(f"{config_file}: no such configuration file")
        try:
            self.root, self.docs_dir, self.settings = engine.load_project(config_file)
        except engine.SettingsError as error:
            raise UsageError(str(error)) from None
        source = self.settings.source_language
        languages = self.settings.languages or engine.translation_languages(self.docs_dir, source)
        if language is None:
            if not languages:
                raise UsageError(f"no translation folder beside {relative_to_root(self.docs_dir / source, self.root)}")
            language = languages[0]
        self.language = language
        self.source_dir = self.docs_dir / source
        self.translation_dir = self.docs_dir / language

    def track(self) -> engine.Track:
        return engine.build_track(self.root, self.docs_dir, self.settings.source_language, [self.language])

    def page_path(self, given: str) -> str:
        """`teoria/x.md` from any of the ways a translator may name a page."""
        candidate = Path(given)
        for base in (Path.cwd(), self.root):
            absolute = (base / candidate).resolve()
            for folder in (self.source_dir, self.translation_dir):
                try:
                    return absolute.relative_to(folder.resolve()).as_posix()
                except ValueError:
                    continue
        rel = given.replace("\\", "/").lstrip("./")
        for folder in (self.source_dir, self.translation_dir):
            prefix = relative_to_root(folder, self.root) + "/"
            if rel.startswith(prefix):
                rel = rel[len(prefix) :]
        return rel if rel.endswith(".md") else rel + ".md"

    def shown(self, path: Path) -> str:
        return relative_to_root(path, self.root)


# --- Commands


def command_status(project: Project, args) -> int:
    track = project.track()
    max_days = args.max_outdated_days if args.max_outdated_days is not None else project.settings.max_outdated_days
    fail_on = args.fail_on.split(",") if args.fail_on is not None else project.settings.fail_on
    unknown = [s for s in fail_on if s and s not in engine.STATUSES]
    if unknown:
        raise UsageError(f"--fail-on: unknown status {', '.join(unknown)} (known: {', '.join(engine.STATUSES)})")
    violations = engine.policy_violations(track, [s for s in fail_on if s], max_days)
    if args.json:
        data = track.as_json()
        data["policy"] = {"fail_on": list(fail_on), "max_outdated_days": max_days, "violations": violations}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        lang_track = track.languages[project.language]
        width = max([len(p.path) for p in lang_track.pages] + [4])
        print(f"{'PAGE':<{width}}  {'STATUS':<10}  {'DAYS':>4}  CHANGED SECTIONS")
        for page in lang_track.pages:
            days = str(page.days_outdated) if page.days_outdated is not None else "-"
            print(f"{page.path:<{width}}  {page.status:<10}  {days:>4}  {', '.join(page.changed_sections) or '-'}")
        findings = [f for f in engine.track_findings(track, project.settings.warn) if f.kind in ("drifted", "input", "orphan", "outdated")]
        if findings:
            print()
            for finding in sorted(set(findings)):
                print(finding.format())
        summary = ", ".join(f"{status} {count}" for status, count in lang_track.summary().items() if count)
        dated = {p.date_evidence for p in lang_track.pages if p.date_evidence}
        dates = f"; dates from {' and '.join(sorted(dated))}" if dated else ""
        print(f"\n{project.language}: {len(lang_track.pages)} pages: {summary}{dates}")
        for violation in violations:
            print(f"policy: {violation}", file=sys.stderr)
    return 1 if violations else 0


def command_diff(project: Project, args) -> int:
    rel = project.page_path(args.page)
    record = project.track().languages[project.language].page(rel)
    if record is None:
        raise UsageError(f"{rel}: no such page in {project.shown(project.source_dir)} or {project.shown(project.translation_dir)}")
    for error in record.errors:
        print(error.format(), file=sys.stderr)
    if record.status != "outdated":
        explain = {
            "translated": "the translation is pinned to the current Finnish text: nothing changed since",
            "drifted": "the translation is pinned to the current Finnish text, but its structure differs (see `status`)",
            "unpinned": f"the translation has no pin, so there is no synced text to compare with; after review: make translations ARGS=\"ack {rel}\"",
            "draft": "the translation is a draft: translate the whole page",
            "missing": f"there is no translation yet: make translations ARGS=\"new {rel}\"",
            "orphan": "there is no Finnish source" + (f"; renamed to {record.suggestion}?" if record.suggestion else ""),
        }[record.status]
        print(f"{rel}: {record.status}: {explain}")
        return 0
    source_path = project.source_dir / rel
    source = engine.read_document(source_path, project.root)
    translation = engine.read_document(project.translation_dir / rel, project.root)
    pin = engine.read_pin(translation)
    current = {s.key: s for s in engine.split_sections(source)}
    history = engine.SourceHistory(project.root)
    revision = next((r for r in history.revisions(source_path) if r.hash == pin.source_hash), None)
    print(f"{record.source}: changed on {record.changed:%Y-%m-%d} (date from {record.date_evidence}); changed sections: {', '.join(record.changed_sections) or 'none'}")
    if revision is None:
        reason = "there is no git history here" if not history.available else "no committed revision of it matches the pin (pinned to uncommitted text, or a shallow clone)"
        print(f"cannot show the old text: {reason}. Current text of the changed sections:\n")
        for key in record.changed_sections:
            section = current.get(key)
            if section is None:
                print(f"--- section '{key}': removed from the Finnish source\n")
            else:
                print(f"--- section '{key}' ({record.source}:{section.line})")
                print(section.text.rstrip("\n") + "\n")
        return 0
    old_document = engine.parse_document(revision.text, record.source)
    old = {s.key: s for s in engine.split_sections(old_document)}
    print(f"compared with commit {revision.commit[:12]} ({revision.when:%Y-%m-%d}), the text the translation was pinned to\n")
    for key in list(current) + [k for k in old if k not in current]:
        before, after = old.get(key), current.get(key)
        if before is not None and after is not None and before.hash == after.hash:
            continue
        where = f"{record.source}:{after.line}" if after else "removed"
        print(f"--- section '{key}' ({where})" + (" (new section)" if before is None else ""))
        diff = difflib.unified_diff(
            before.lines if before else [], after.lines if after else [],
            fromfile=f"{record.source}@{revision.commit[:12]}", tofile=record.source, lineterm="", n=2,
        )
        print("\n".join(list(diff)[2:]) + "\n")
    return 0


def command_ack(project: Project, args) -> int:
    if args.all == bool(args.pages):
        raise UsageError("ack: name the pages to pin, or --all")
    track = project.track().languages[project.language]
    if args.all:
        chosen = [p for p in track.pages if p.source and p.translation and p.status != "draft"]
        for page in track.pages:
            if page.status == "draft":
                print(f"skipped {page.translation}: a draft; remove 'translation: draft' when translated, then ack it")
    else:
        chosen = []
        for given in args.pages:
            rel = project.page_path(given)
            page = track.page(rel)
            if page is None or page.translation is None:
                raise UsageError(f"{rel}: no translation at {project.shown(project.translation_dir / rel)}; scaffold one with `new`")
            if page.source is None:
                raise UsageError(f"{page.translation}: an orphan, no Finnish source to pin to")
            chosen.append(page)
    failures = 0
    for page in chosen:
        translation_path = project.translation_dir / page.path
        try:
            source = engine.read_document(project.source_dir / page.path, project.root)
            raw = translation_path.read_bytes()
            text = engine.decode(raw, page.translation)
            problems = engine.parse_document(text, page.translation).problems
        except engine.TranslationInputError as error:
            print(error.finding.format(), file=sys.stderr)
            failures += 1
            continue
        if problems:
            for problem in problems:
                print(f"{problem.format()}; fix it before pinning", file=sys.stderr)
            failures += 1
            continue
        pinned = engine.apply_pin(text, source)
        if pinned == text:
            print(f"{page.translation}: already pinned to the current {page.source}")
            continue
        engine.write_atomically(translation_path, pinned)
        print(f"{page.translation}: pinned to {page.source} ({engine.document_hash(source)[:19]}…)")
    return 2 if failures else 0


def command_new(project: Project, args) -> int:
    rel = project.page_path(args.page)
    source_path, target = project.source_dir / rel, project.translation_dir / rel
    if not source_path.is_file():
        raise UsageError(f"{project.shown(source_path)}: no such Finnish page")
    if target.exists():
        raise UsageError(f"{project.shown(target)} already exists; see what changed with `diff {rel}`")
    source = engine.read_document(source_path, project.root)
    for problem in source.problems:
        print(problem.format(), file=sys.stderr)
    target.parent.mkdir(parents=True, exist_ok=True)
    engine.write_atomically(target, engine.scaffold(source))
    print(f"{project.shown(target)}: created as a draft of {project.shown(source_path)}; translate it in place keeping every heading id, "
          f"then remove 'translation: draft'. Add its English title to nav_translations in mkdocs.yml.")
    return 0


# --- Entry point


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="handbook translations", description="The translation track of the handbook.")
    top.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="mkdocs.yml of the project (default: the repository's)")
    top.add_argument("--language", help="translation folder (default: the only one, en)")
    commands = top.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status", help="status of every page")
    status.add_argument("--json", action="store_true", help="machine-readable, the shape of translation-status.json")
    status.add_argument("--max-outdated-days", type=int, help="fail when a page is outdated for longer (default from mkdocs.yml)")
    status.add_argument("--fail-on", help="comma-separated statuses that fail (default from mkdocs.yml)")
    diff = commands.add_parser("diff", help="what changed in the Finnish source since the pin")
    diff.add_argument("page")
    ack = commands.add_parser("ack", help="re-pin reviewed translations to the current Finnish source")
    ack.add_argument("pages", nargs="*")
    ack.add_argument("--all", action="store_true", help="every English page that has a Finnish source (drafts excepted)")
    new = commands.add_parser("new", help="scaffold an English twin of a Finnish page")
    new.add_argument("page")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        project = Project(args.config.resolve(), args.language)
        command = {"status": command_status, "diff": command_diff, "ack": command_ack, "new": command_new}[args.command]
        return command(project, args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except engine.TranslationInputError as error:
        print(error.finding.format(), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
