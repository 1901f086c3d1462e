"""The translators' tool for the translation track (`make translations ARGS="..."`).

    status [--json]     every page's status; exit 1 when the policy in mkdocs.yml is violated
    diff PAGE           what changed in the Finnish source since the translation was pinned
    ack PAGE... | --all re-pin reviewed translations to the current Finnish source
                        (--accept-drift: also accept the structural differences shown)
    new PAGE            scaffold an English twin of a Finnish page, marked as a draft
    migrate             re-pin the translations whose pin of the former format is current

PAGE is a path inside the language folders (`teoria/desistanssi.md`), or the path of
either file (`docs/fi/teoria/desistanssi.md`). Paths come from the folder of mkdocs.yml,
never from the working directory. Exit codes: 0 fine, 1 policy violated, 2 bad input
(one `path:line: message` line each, every other page still handled; never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from handbook import translation as engine
from handbook.cli.project import DEFAULT_CONFIG
from handbook.core import relative_to_root
from handbook.core.kept import Kept
from handbook.translation import markdown_config
from handbook.translation.diffing import page_diff
from handbook.translation.migration import accepted_differences, migrate
from handbook.translation.rendering import RENDERED_PAGES


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
        try:
            # The pages are rendered with the site's own Markdown configuration, as the build renders them.
            self.renderer = engine.Renderer(
                markdown_config.from_config_file(config_file, relative_to_root(config_file, self.root)), cache=Kept.for_project(self.root, RENDERED_PAGES),
                root=self.root,
            )
        except markdown_config.MarkdownConfigError as error:
            raise UsageError(error.finding.format()) from None

    def track(self) -> engine.Track:
        return engine.build_track(self.root, self.docs_dir, self.settings.source_language, [self.language], renderer=self.renderer)

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
        print(f"{'PAGE':<{width}}  {'STATUS':<10}  {'SEVERITY':<8}  {'DAYS':>4}  CHANGED SECTIONS")
        for page in lang_track.pages:
            days = str(page.days_outdated) if page.days_outdated is not None else "-"
            changed = ", ".join(f"{key} ({nature})" for key, nature in page.section_changes.items()) or "-"
            print(f"{page.path:<{width}}  {page.status:<10}  {page.severity or '-':<8}  {days:>4}  {changed}")
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
    lines = page_diff(record, project.source_dir / rel, project.translation_dir / rel, project.root, project.renderer, project.language)
    print("\n".join(lines))
    return 2 if record.errors and record.status == "unpinned" else 0


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
    failures = sum(not _ack_page(project, page, args.accept_drift) for page in chosen)
    return 2 if failures else 0


def _ack_page(project: Project, page: engine.PageStatus, accept_drift: bool) -> bool:
    """Pin one page; a problem is one `path:line: message` line and False, never a traceback."""
    translation_path = project.translation_dir / page.path
    try:
        source = engine.read_document(project.source_dir / page.path, project.root)
        try:
            raw = translation_path.read_bytes()
        except OSError as error:
            raise engine.TranslationInputError(engine.Finding(page.translation, 1, message=f"cannot be read: {error.strerror}")) from None
        text = engine.decode(raw, page.translation)
        translation = engine.parse_document(text, page.translation)
        current = project.renderer.page(source, page.path)
        translated = project.renderer.page(translation, page.path, f"{project.language}/")
    except engine.TranslationInputError as error:
        print(engine.located(error.finding).format(), file=sys.stderr)
        return False
    if translation.problems:
        for problem in translation.problems:
            print(f"{problem.format()}; fix it before pinning", file=sys.stderr)
        return False
    settings = project.settings
    differences = engine.all_differences(current, translated, source_language=settings.source_language, language=project.language)
    previous = engine.read_pin(translation).accepted
    accepted = accepted_differences(differences) if accept_drift else {k: [f for f in v if any(d.section == k and d.fact == f for d in differences)] for k, v in previous.items()}
    accepted = {k: v for k, v in accepted.items() if v}
    pinned = engine.apply_pin(text, current, accepted=accepted or None)
    line = translation.key_lines.get(engine.HASH_KEY, 1)
    for difference in differences:
        state = "accepted" if difference.fact in accepted.get(difference.section, ()) else "not accepted (drift)"
        print(f"{page.translation}:{difference.line or line}: {state}: {difference.message}")
    if any(d.fact not in accepted.get(d.section, ()) for d in differences):
        print(f"{page.translation}: the structure differs from {page.source} as listed; fix the translation, or accept the differences: handbook translations ack --accept-drift {page.path}")
    if pinned == text:
        print(f"{page.translation}: already pinned to the current {page.source}")
        return True
    try:
        engine.write_atomically(translation_path, pinned)
    except OSError as error:
        print(f"{page.translation}:{line}: cannot write the pin: {error.strerror or error}; nothing was changed", file=sys.stderr)
        return False
    print(f"{page.translation}: pinned to {page.source} ({current.hash[:19]}…)")
    return True


def command_migrate(project: Project, args) -> int:
    results = migrate(project.root, project.docs_dir, project.settings.source_language, project.language, project.renderer,
                      accept_drift=args.accept_drift, write=not args.dry_run)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.action] = counts.get(result.action, 0) + 1
        if result.action == "unreadable":
            print(result.detail, file=sys.stderr)
            continue
        print(f"{result.translation}: {result.action}{' (dry run)' if args.dry_run and result.action == 're-pinned' else ''}: {result.detail}")
        for key, facts in (result.accepted or {}).items():
            for fact in facts:
                print(f"  accepted in section '{key}': {fact}")
    print("\n" + ", ".join(f"{action} {count}" for action, count in sorted(counts.items())))
    return 2 if counts.get("unreadable") else 0


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
    engine.write_atomically(target, engine.scaffold(source, renderer=project.renderer, page=rel))
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
    ack.add_argument("--accept-drift", action="store_true", help="record the structural differences shown as accepted: only new ones raise drift")
    new = commands.add_parser("new", help="scaffold an English twin of a Finnish page")
    new.add_argument("page")
    migration = commands.add_parser("migrate", help="re-pin, in the rendered format, exactly the translations whose former pin is current")
    migration.add_argument("--accept-drift", action="store_true", help="also record the structural differences that exist now as accepted")
    migration.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        project = Project(args.config.resolve(), args.language)
        command = {"status": command_status, "diff": command_diff, "ack": command_ack, "new": command_new, "migrate": command_migrate}[args.command]
        try:
            return command(project, args)
        finally:
            project.renderer.cache.save()
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except engine.TranslationInputError as error:
        print(engine.located(error.finding).format(), file=sys.stderr)
        return 2
    except OSError as error:  # a folder or file the command cannot touch: one line, not a traceback
        print(f"{error.filename or 'error'}: {error.strerror or error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
