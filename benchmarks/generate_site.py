"""Generate a synthetic bilingual handbook for the benchmarks, deterministic from a seed.

The site has N Finnish content pages under `docs/fi/osa-XX/sivu-YYY.md`, each with an
English twin under `docs/en/` (except a share left untranslated), realistic Markdown
(headings with explicit ids, paragraphs, lists, admonitions, tables, images, snippets,
reference-style links and internal links with anchors across sections), the handbook's
service pages that the hooks fill (glossary, translation status, print page) and its own
`mkdocs.yml` derived from the real one: same theme, i18n, Markdown extensions and hooks
(absolute paths), with the navigation of the generated pages.

With `breaks=True` it also plants known broken references of every kind the reference
checker covers and writes `manifest.json`: one entry (kind, file, line) per planted break.
The same seed with `breaks=False` gives the same site without them (for strict builds).

    python benchmarks/generate_site.py OUT_DIR --pages 200 --seed 1 [--breaks]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "hooks"))

from handbook import translation as handbook_translation  # noqa: E402  (the pin format comes from the translation track itself)

PAGES_PER_SECTION = 25
UNTRANSLATED_SHARE = 0.10
OUTDATED_SHARE = 0.10
SECTION_IDS = ("kohta-1", "kohta-2", "kohta-3", "kohta-4")
# One planted break of each kind per this many pages (at least one of each kind).
PAGES_PER_BREAK = 100

FI_WORDS = (
    "asiakas työntekijä tapaaminen keskustelu muutos turvallisuus luottamus tavoite arki "
    "perhe ystävä koulu työ vastuu kokemus tunne tilanne tuki palvelu verkosto kunta "
    "ohjaus päätös suunnitelma seuranta arvio menetelmä harjoitus kysymys vastaus ajatus "
    "hetki viikko kuukausi alku loppu vaihe polku askel taito voima rauha kohtaaminen"
).split()
EN_WORDS = (
    "client worker meeting discussion change safety trust goal everyday family friend "
    "school work responsibility experience feeling situation support service network "
    "municipality guidance decision plan follow-up assessment method exercise question "
    "answer thought moment week month beginning end phase path step skill strength calm"
).split()
FI_HEADINGS = ("Taustaa", "Käytännössä", "Huomioitavaa", "Esimerkki", "Yhteenveto")
EN_HEADINGS = ("Background", "In practice", "Points to note", "Example", "Summary")
# A 1x1 transparent PNG: images are real files the build copies and the checks resolve.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
IMAGES = 5


@dataclass(frozen=True)
class Break:
    kind: str  # a reference-check finding kind
    file: str  # relative to the site root, e.g. docs/fi/osa-01/sivu-003.md or mkdocs.yml
    line: int  # 1-based; 0 for a whole-file finding (orphan-page)


@dataclass
class PageSpec:
    section: int
    number: int
    status: str  # translated | outdated | untranslated

    @property
    def rel(self) -> str:
        return f"osa-{self.section:02d}/sivu-{self.number:03d}.md"


class _Tagged:
    """A YAML tag of the real mkdocs.yml (!ENV, !relative) kept as written."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag, self.node = tag, node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_Dumper.add_representer(_Tagged, lambda dumper, value: _retag(value))


def _retag(value: _Tagged) -> yaml.Node:
    node = value.node
    node.tag = value.tag
    return node


# --- Text


def _sentence(rng: random.Random, words: tuple[str, ...] | list[str], length: int) -> str:
    chosen = [rng.choice(words) for _ in range(length)]
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def _paragraph(rng: random.Random, words, sentences: int) -> list[str]:
    text = " ".join(_sentence(rng, words, rng.randint(6, 12)) for _ in range(sentences))
    # Wrapped like the handbook's sources, about 90 characters a line.
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


def _relative(from_rel: str, to_rel: str) -> str:
    import posixpath

    return posixpath.relpath(to_rel, posixpath.dirname(from_rel) or ".")


# --- The site


class Generator:
    def __init__(self, root: Path, pages: int, seed: int, breaks: bool) -> None:
        self.root, self.count, self.seed, self.plant = root, pages, seed, breaks
        self.rng = random.Random(seed)
        self.sections = max(2, -(-pages // PAGES_PER_SECTION))
        self.specs: list[PageSpec] = []
        self.breaks: list[Break] = []
        # Lines planted into a page: (language, rel) -> list of (unique token, kind, line text)
        self.planted: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        self.references = 0

    # Layout

    def plan(self) -> None:
        statuses = ["translated"] * self.count
        shuffled = list(range(self.count))
        self.rng.shuffle(shuffled)
        untranslated = int(self.count * UNTRANSLATED_SHARE)
        outdated = int(self.count * OUTDATED_SHARE)
        for index in shuffled[:untranslated]:
            statuses[index] = "untranslated"
        for index in shuffled[untranslated : untranslated + outdated]:
            statuses[index] = "outdated"
        for index in range(self.count):
            self.specs.append(PageSpec(section=index % self.sections + 1, number=index + 1, status=statuses[index]))

    def translated(self) -> list[PageSpec]:
        return [spec for spec in self.specs if spec.status != "untranslated"]

    # Pages

    def page_lines(self, spec: PageSpec, language: str, rng: random.Random, links: list[tuple[str, str]]) -> list[str]:
        """One page; `rng` is seeded per page so both languages share structure and links."""
        fi = language == "fi"
        words = FI_WORDS if fi else EN_WORDS
        headings = FI_HEADINGS if fi else EN_HEADINGS
        title = f"{'Sivu' if fi else 'Page'} {spec.number}: {' '.join(rng.choice(words) for _ in range(3))}"
        lines = ["---", f"description: {_sentence(rng, words, 8)}", "---", "", f"# {title} {{#sivu-{spec.number:03d}}}", ""]
        lines += _paragraph(rng, words, 3) + [""]
        link_iter = iter(links)
        for index, section_id in enumerate(SECTION_IDS):
            lines += [f"## {headings[index]} {{#{section_id}}}", ""]
            lines += _paragraph(rng, words, rng.randint(2, 4))
            text, target = next(link_iter)
            lines += [f"{'Katso myös' if fi else 'See also'} [{text}]({target}).", ""]
            self.references += 1
            if index == 0:
                lines += [f"### {headings[4]} {{#{section_id}-1}}", ""]
                lines += [f"- {_sentence(rng, words, 5)}" for _ in range(rng.randint(3, 5))] + [""]
                lines += [f'!!! note "{"Huomio" if fi else "Note"}"', ""]
                lines += ["    " + row for row in _paragraph(rng, words, 2)] + [""]
            elif index == 1:
                lines += ["| " + " | ".join(rng.choice(words) for _ in range(3)) + " |", "| --- | --- | --- |"]
                lines += ["| " + " | ".join(str(rng.randint(1, 99)) for _ in range(3)) + " |" for _ in range(3)] + [""]
                image = f"kuvat/kaavio-{rng.randint(1, IMAGES)}.png"
                lines += [f"![{'Kaavio' if fi else 'Diagram'}]({_relative(spec.rel, image)})", ""]
                self.references += 1
                lines += [f"{'Palaa' if fi else 'Back to'} [{'alkuun' if fi else 'the start'}](#{SECTION_IDS[0]}).", ""]
                self.references += 1
            elif index == 2:
                lines += [f"1. {_sentence(rng, words, 4)}" for _ in range(3)] + [""]
                text, target = next(link_iter)
                lines += [f"{'Lisää aiheesta' if fi else 'More on this'}: [{text}][viite-{spec.number}].", ""]
                lines += [f"[viite-{spec.number}]: {target}", ""]
                self.references += 2
            else:
                if spec.number % 10 == 0:
                    lines += ['--8<-- "yhteystiedot.md"', ""]
                    self.references += 1
        for _token, _kind, text in self.planted.get((language, spec.rel), []):
            lines += [text, ""]
        return lines

    def links_for(self, spec: PageSpec, rng: random.Random) -> list[tuple[str, str]]:
        """Five links to translated pages (with anchors) and section indexes, same in both languages."""
        targets = self.translated()
        links = []
        for _ in range(5):
            if rng.random() < 0.15:
                section = rng.randint(1, self.sections)
                links.append((f"osa {section}", _relative(spec.rel, f"osa-{section:02d}/index.md")))
                continue
            target = rng.choice(targets)
            anchor = rng.choice(SECTION_IDS + ("",))
            url = _relative(spec.rel, target.rel) + (f"#{anchor}" if anchor else "")
            links.append((f"sivu {target.number}", url))
        return links

    def write_page(self, spec: PageSpec) -> None:
        seed = self.rng.randrange(2**32)
        links = self.links_for(spec, random.Random(seed))
        fi_lines = self.page_lines(spec, "fi", random.Random(seed + 1), links)
        fi_text = "\n".join(fi_lines) + "\n"
        self.write(f"docs/fi/{spec.rel}", fi_text)
        if spec.status == "untranslated":
            return
        en_text = "\n".join(self.page_lines(spec, "en", random.Random(seed + 1), links)) + "\n"
        source = handbook_translation.parse_document(fi_text, f"docs/fi/{spec.rel}")
        if spec.status == "outdated":
            # Pinned to an earlier Finnish text: its first paragraph has changed since.
            earlier = fi_text.replace(fi_lines[6], fi_lines[6] + " Aiempi versio.", 1)
            source = handbook_translation.parse_document(earlier, f"docs/fi/{spec.rel}")
        self.write(f"docs/en/{spec.rel}", handbook_translation.apply_pin(en_text, source))

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    def write_fixed_pages(self) -> None:
        for language, (home, section_word, glossary, status, printing) in {
            "fi": ("Synteettinen käsikirja", "Osa", "Sanasto", "Käännöstilanne", "Tulosta koko käsikirja"),
            "en": ("Synthetic handbook", "Part", "Glossary", "Translation status", "Print the whole handbook"),
        }.items():
            self.write(f"docs/{language}/index.md", f"# {home} {{#home}}\n\n" + "\n".join(_paragraph(self.rng, FI_WORDS if language == "fi" else EN_WORDS, 3)) + "\n")
            for section in range(1, self.sections + 1):
                self.write(f"docs/{language}/osa-{section:02d}/index.md", f"# {section_word} {section} {{#osa-{section:02d}}}\n\n" + "\n".join(_paragraph(self.rng, FI_WORDS if language == "fi" else EN_WORDS, 2)) + "\n")
            self.write(f"docs/{language}/liitteet/sanasto.md", f"# {glossary} {{#glossary}}\n\n<!-- glossary -->\n")
            self.write(f"docs/{language}/kaannostilanne.md", f"# {status} {{#translation-status}}\n\n<!-- translation-status -->\n")
            self.write(f"docs/{language}/tulosta.md", f"---\nprint_handbook: true\nsearch:\n  exclude: true\n---\n\n# {printing}\n")
            for image in range(1, IMAGES + 1):
                self.write(f"docs/{language}/kuvat/kaavio-{image}.png", PNG)
        self.write("snippets/yhteystiedot.md", "Aggredi, HelsinkiMissio.\n")

    # Planted breaks

    def plan_breaks(self) -> list[tuple[str, str, str]]:
        """(language, rel, kind) for each break; text goes into `self.planted`, nav/file kinds elsewhere."""
        rng = random.Random(self.seed * 7919 + 13)
        each = max(1, self.count // PAGES_PER_BREAK)
        translated = [spec for spec in self.specs if spec.status == "translated"]
        untranslated = [spec for spec in self.specs if spec.status == "untranslated"]
        if len(translated) < each * 13:
            raise SystemExit(f"error: {self.count} pages are too few to plant every kind of break; use at least 20")
        hosts = rng.sample(translated, each * 13)
        host_iter = iter(hosts)
        extra: list[tuple[str, str, str]] = []
        serial = 0

        def plant(language: str, spec: PageSpec, kind: str, text: str) -> None:
            nonlocal serial
            serial += 1
            self.planted.setdefault((language, spec.rel), []).append((text, kind, text))

        for copy in range(each):
            n = copy + 1
            language = ("fi", "en")[copy % 2]
            other = rng.choice(translated)
            host = next(host_iter)
            plant(language, host, "broken-link", f"[Poistettu sivu {n}]({_relative(host.rel, f'osa-01/poistettu-{n}.md')})")
            host = next(host_iter)
            plant(language, host, "broken-link", f"![Puuttuva kuva {n}]({_relative(host.rel, f'kuvat/puuttuva-{n}.png')})")
            host = next(host_iter)
            upper = other.rel.replace("sivu-", "Sivu-")
            plant(language, host, "case-mismatch", f"[Kirjainkoko {n}]({_relative(host.rel, upper)})")
            host = next(host_iter)
            section = rng.choice([s for s in range(1, self.sections + 1) if s != host.section])
            plant(language, host, "folder-link", f"[Kansio {n}]({_relative(host.rel, f'osa-{section:02d}/index.md')[:-len('index.md')]})")
            host = next(host_iter)
            plant(language, host, "broken-anchor", f"[Ankkuri {n}]({_relative(host.rel, other.rel)}#ei-ole-{n})")
            host = next(host_iter)
            plant(language, host, "undefined-reference", f"[Viite ilman määritelmää {n}][maarittelematon-{n}]")
            host = next(host_iter)
            plant(language, host, "unused-definition", f"[kayttamaton-{n}]: {_relative(host.rel, other.rel)}")
            host = next(host_iter)
            plant(language, host, "missing-snippet", f'--8<-- "puuttuva-{n}.md"')
            host = next(host_iter)
            plant(language, host, "absolute-link", f"[Absoluuttinen {n}](/{other.rel[:-3]}/)")
            host = next(host_iter)
            into = "en" if language == "fi" else "fi"
            plant(language, host, "cross-language", f"[Toinen kieli {n}]({_relative(language + '/' + host.rel, into + '/' + other.rel)})")
            host = next(host_iter)
            plant(language, host, "duplicate-id", f"## Sama otsikko {n} {{#{SECTION_IDS[1]}}}")
            # An English page linking to a page that has no English translation.
            if untranslated:
                host = next(host_iter)
                target = rng.choice(untranslated)
                plant("en", host, "untranslated-target", f"[Only in Finnish {n}]({_relative(host.rel, target.rel)})")
            # The id of a heading exists in the Finnish page only; a Finnish page links to it.
            drifted = next(host_iter)
            self.drifted.add(drifted.rel)
            host = rng.choice([spec for spec in translated if spec is not drifted])
            plant("fi", host, "anchor-drift", f"[Ajelehtinut {n}]({_relative(host.rel, drifted.rel)}#lisahuomio-{n})")
            self.drift_ids.setdefault(drifted.rel, []).append(n)
            extra.append(("fi", f"osa-01/orpo-{n}.md", "orphan-page"))
            extra.append(("fi", f"osa-01/rikkinainen-{n}.md", "unreadable-file"))
            extra.append(("", f"osa-01/puuttuu-{n}.md", "nav-target"))
        return extra

    # Configuration

    def config(self, nav_missing: list[str], project_root: Path = PROJECT_ROOT) -> str:
        """The site's mkdocs.yml, derived from `project_root`'s (another checkout of the
        project gives the same site built by that revision's theme, plugins and hooks)."""
        with open(project_root / "mkdocs.yml", encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_Loader)
        config["site_name"] = "Synteettinen käsikirja"
        config["theme"]["custom_dir"] = str(project_root / "overrides")
        config["hooks"] = [str(project_root / hook) for hook in config.get("hooks") or []]
        # `make serve` watches the project's data, snippets and overrides; so does the copy.
        config["watch"] = [str(project_root / path) for path in config.get("watch") or []]
        extra = config.setdefault("extra", {})
        extra["glossary"] = str(project_root / extra.get("glossary", "data/glossary.yml"))
        # The track still reads every page, writes its notices and the status page, but
        # outdated pages inform instead of failing a strict build: builds measure cost.
        track = dict(extra.get("translation_track") or {})
        track.update(warn=[], fail_on=[])
        extra["translation_track"] = track
        nav: list = [{"Etusivu": "index.md"}]
        translations = {"Etusivu": "Home"}
        for section in range(1, self.sections + 1):
            entries: list = [f"osa-{section:02d}/index.md"]
            entries += [{f"Sivu {spec.number}": spec.rel} for spec in self.specs if spec.section == section]
            nav.append({f"Osa {section}": entries})
            translations[f"Osa {section}"] = f"Part {section}"
            translations.update({f"Sivu {spec.number}": f"Page {spec.number}" for spec in self.specs if spec.section == section})
        nav.append({"Liitteet": [{"Sanasto": "liitteet/sanasto.md"}, {"Käännöstilanne": "kaannostilanne.md"}, {"Tulosta koko käsikirja": "tulosta.md"}]})
        translations.update({"Liitteet": "Appendices", "Sanasto": "Glossary", "Käännöstilanne": "Translation status", "Tulosta koko käsikirja": "Print the whole handbook"})
        for index, rel in enumerate(self.unreadable, 1):
            nav[-1]["Liitteet"].append({f"Rikkinäinen {index}": rel})
        for index, missing in enumerate(nav_missing, 1):
            nav[-1]["Liitteet"].append({f"Puuttuva {index}": missing})
        config["nav"] = nav
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                for language in plugin["i18n"]["languages"]:
                    if "nav_translations" in language:
                        language["nav_translations"] = translations
        if self.plant:
            # A missing include would stop every build at the first one (check_paths: true);
            # the site with planted breaks must still build for the tools that render it.
            for extension in config["markdown_extensions"]:
                if isinstance(extension, dict) and "pymdownx.snippets" in extension:
                    extension["pymdownx.snippets"]["check_paths"] = False
        extra.pop("footer_links", None)  # the real service pages are not in the synthetic site
        return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)

    # Everything

    def run(self, other_configs: dict[str, Path] | None = None) -> list[Break]:
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)
        self.plan()
        self.drifted: set[str] = set()
        self.drift_ids: dict[str, list[int]] = {}
        extra = self.plan_breaks() if self.plant else []
        for spec in self.specs:
            self.write_page(spec)
        for rel, numbers in self.drift_ids.items():
            for language, heading in (("fi", "Lisähuomio"), ("en", "Further note")):
                path = self.root / "docs" / language / rel
                text = path.read_text(encoding="utf-8")
                for n in numbers:
                    anchor = f"lisahuomio-{n}" if language == "fi" else f"further-note-{n}"
                    text += f"\n## {heading} {n} {{#{anchor}}}\n\n{'Teksti' if language == 'fi' else 'Text'}.\n"
                path.write_text(text, encoding="utf-8")
        self.write_fixed_pages()
        nav_missing = []
        for language, rel, kind in extra:
            if kind == "orphan-page":
                self.write(f"docs/{language}/{rel}", "# Orpo sivu\n\n" + "\n".join(_paragraph(self.rng, FI_WORDS, 2)) + "\n")
                self.breaks.append(Break(kind, f"docs/{language}/{rel}", 0))
            elif kind == "unreadable-file":
                self.write(f"docs/{language}/{rel}", "---\ndescription: Väärin: kaksoispiste\n---\n\n# Rikkinäinen\n\nTeksti.\n")
                self.breaks.append(Break(kind, f"docs/{language}/{rel}", 2))
                self.unreadable.append(rel)
            elif kind == "nav-target":
                nav_missing.append(rel)
        # The unreadable page is in the nav (so that it is no orphan as well).
        config = self.config(nav_missing)
        self.write("mkdocs.yml", config)
        for name, project_root in (other_configs or {}).items():
            self.write(f"mkdocs-{name}.yml", self.config(nav_missing, project_root))
        config_lines = config.split("\n")
        for rel in nav_missing:
            line = next(i for i, text in enumerate(config_lines, 1) if text.rstrip().endswith(": " + rel))
            self.breaks.append(Break("nav-target", "mkdocs.yml", line))
        for (language, rel), planted in self.planted.items():
            lines = (self.root / "docs" / language / rel).read_text(encoding="utf-8").split("\n")
            for token, kind, _ in planted:
                line = next(i for i, text in enumerate(lines, 1) if text == token)
                self.breaks.append(Break(kind, f"docs/{language}/{rel}", line))
        self.breaks.sort(key=lambda b: (b.file, b.line, b.kind))
        summary = {
            "pages": self.count,
            "seed": self.seed,
            "sections": self.sections,
            "untranslated": sum(spec.status == "untranslated" for spec in self.specs),
            "outdated": sum(spec.status == "outdated" for spec in self.specs),
            "references": self.references,
            "breaks": [asdict(b) for b in self.breaks],
        }
        self.write("manifest.json", json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
        return self.breaks

    unreadable: list[str]


def generate(root: Path, pages: int, seed: int = 1, breaks: bool = False, other_configs: dict[str, Path] | None = None) -> dict:
    """Write the site into `root` (replacing it) and return its manifest.

    `other_configs` (name -> another checkout of the project) adds `mkdocs-<name>.yml`
    beside `mkdocs.yml`: the same site configured from that checkout."""
    generator = Generator(Path(root), pages, seed, breaks)
    generator.unreadable = []
    generator.run(other_configs)
    return json.loads((Path(root) / "manifest.json").read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--breaks", action="store_true", help="plant known broken references and list them in manifest.json")
    arguments = parser.parse_args(argv)
    manifest = generate(arguments.out, arguments.pages, arguments.seed, arguments.breaks)
    print(f"{arguments.out}: {manifest['pages']} pages x 2 languages, {manifest['references']} references per language, {len(manifest['breaks'])} planted breaks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
