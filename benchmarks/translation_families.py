"""The mutation families of the outdated-translation benchmark (translation_detection.py):
edits to a real page pair as authors and translators make them, each with its ground truth.

A family that needs something a page lacks (two paragraphs side by side, a list) raises
`NotApplicable` for that page, and the page has no scenario of that family.
"""

from __future__ import annotations

import re

from handbook import translation as engine

POSITIVE, NEGATIVE = "outdated", "not_outdated"
CODE_FI = '```sh\nmake translations ARGS="status"\n```'
SITE = "https://aggredi-handbook.example.org/"

# --- Editing Markdown as authors and translators do


def blocks(text: str) -> list[list[int]]:
    """Blank-line-separated blocks of the body as lists of line indexes (fences kept whole)."""
    lines = text.split("\n")
    found: list[list[int]] = []
    current: list[int] = []
    fence = False
    start = 0
    if lines and lines[0] == "---":
        start = lines.index("---", 1) + 1
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip().startswith("```"):
            fence = not fence
        if not line.strip() and not fence:
            if current:
                found.append(current)
                current = []
            continue
        current.append(index)
    if current:
        found.append(current)
    return found


def kind(text: str, block: list[int]) -> str:
    first = text.split("\n")[block[0]].strip()
    if first.startswith("#"):
        return "heading"
    if first.startswith(("- ", "* ")) or re.match(r"\d+\. ", first):
        return "list"
    if first.startswith(("!!!", "???")):
        return "admonition"
    if first.startswith("```"):
        return "code"
    if first.startswith(("|", "<", "{:", "[", "*[")):
        return "other"
    return "paragraph"


def nth(text: str, wanted: str, n: int = 0) -> list[int] | None:
    found = [b for b in blocks(text) if kind(text, b) == wanted]
    return found[n] if len(found) > n else None


def replace_lines(text: str, block: list[int], new: list[str]) -> str:
    lines = text.split("\n")
    return "\n".join(lines[: block[0]] + new + lines[block[-1] + 1 :])


def extend_paragraph(text: str, sentence: str) -> str | None:
    block = nth(text, "paragraph", 1) or nth(text, "paragraph")
    if block is None:
        return None
    lines = text.split("\n")
    return replace_lines(text, block, [lines[i] for i in block[:-1]] + [lines[block[-1]] + " " + sentence])


def rewrite_paragraph(text: str, replacement: str) -> str | None:
    block = nth(text, "paragraph", 1) or nth(text, "paragraph")
    if block is None:
        return None
    indent = re.match(r"\s*", text.split("\n")[block[0]]).group(0)
    return replace_lines(text, block, [indent + replacement])


def drop_block(text: str, wanted: str, n: int = 1) -> str | None:
    block = nth(text, wanted, n) or nth(text, wanted)
    return None if block is None else replace_lines(text, block, [])


def reorder_paragraphs(text: str) -> str | None:
    found = blocks(text)
    lines = text.split("\n")
    for first, second in zip(found, found[1:]):
        same_indent = re.match(r"\s*", lines[first[0]]).group(0) == re.match(r"\s*", lines[second[0]]).group(0)
        if kind(text, first) == kind(text, second) == "paragraph" and same_indent and second[0] - first[-1] == 2:
            swapped = [lines[i] for i in second] + [""] + [lines[i] for i in first]
            return "\n".join(lines[: first[0]] + swapped + lines[second[-1] + 1 :])
    return None


def list_items(text: str, block: list[int]) -> list[list[int]]:
    lines = text.split("\n")
    indent = len(lines[block[0]]) - len(lines[block[0]].lstrip())
    items: list[list[int]] = []
    for index in block:
        line = lines[index]
        if len(line) - len(line.lstrip()) == indent and re.match(r"\s*(?:[-*]|\d+\.) ", line):
            items.append([index])
        elif items:
            items[-1].append(index)
    return items


def add_list_item(text: str, item: str) -> str | None:
    block = nth(text, "list")
    if block is None:
        return None
    lines = text.split("\n")
    marker = re.match(r"\s*(?:[-*]|\d+\.) ", lines[block[0]]).group(0)
    return "\n".join(lines[: block[-1] + 1] + [marker + item] + lines[block[-1] + 1 :])


def remove_list_item(text: str) -> str | None:
    block = nth(text, "list")
    if block is None or len(list_items(text, block)) < 2:
        return None
    last = list_items(text, block)[-1]
    return replace_lines(text, last, [])


def change_number(text: str) -> str | None:
    """A translator's typo in a figure: the first number of the prose off by one."""
    for block in blocks(text):
        if kind(text, block) in ("paragraph", "list"):
            lines = text.split("\n")
            for index in block:
                match = re.search(r"(?<![\w#./-])(\d{1,4})(?![\w/-])", lines[index])
                if match and "](" not in lines[index][: match.start()][-40:]:
                    lines[index] = lines[index][: match.start()] + str(int(match.group(1)) + 1) + lines[index][match.end() :]
                    return "\n".join(lines)
    return None


def split_paragraph(text: str) -> str | None:
    """A translator splits a paragraph of two or more sentences in two: the same words."""
    for block in blocks(text):
        if kind(text, block) != "paragraph":
            continue
        lines = text.split("\n")
        joined = " ".join(lines[i].strip() for i in block)
        indent = re.match(r"\s*", lines[block[0]]).group(0)
        match = re.search(r"(?<=[a-z]\.) (?=[A-Z])", joined)
        if match:
            return replace_lines(text, block, [indent + joined[: match.start()], "", indent + joined[match.end() :]])
    return None


def rename_heading(text: str, title: str) -> str | None:
    match = re.search(r"(?m)^(## )([^\n{]+?)( \{#[^}]+\})$", text)
    return None if match is None else text[: match.start(2)] + title + text[match.end(2) :]


def with_code(text: str) -> str:
    """The page with a code block after its first paragraph (the same command in both languages)."""
    block = nth(text, "paragraph")
    lines = text.split("\n")
    return "\n".join(lines[: block[-1] + 1] + ["", CODE_FI] + lines[block[-1] + 1 :])


def formatting_only(text: str) -> str:
    """Emphasis markers swapped, the first paragraph rewrapped, CRLF line endings."""
    text = re.sub(r"\*\*([^*\n]+)\*\*", r"__\1__", text)
    text = re.sub(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])", r"_\1_", text)
    block = nth(text, "paragraph")
    if block is not None:
        lines = text.split("\n")
        words = " ".join(lines[i].strip() for i in block).split()
        indent = re.match(r"\s*", lines[block[0]]).group(0)
        text = replace_lines(text, block, [indent + " ".join(words[k : k + 6]) for k in range(0, len(words), 6)])
    return text.replace("\n", "\r\n")


def canonical_links(text: str, page: str) -> str:
    """Every relative page link written another way to the same target: ./x.md, or the own
    site's URL of the page for links that leave the folder."""
    def relink(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"[a-z]+:|#", target):
            return match.group(0)
        if target.startswith("../"):
            url = engine.resolve_target(target, page, engine.MarkdownSettings(site_url=SITE))
            return f"{match.group(1)}({SITE}{url.lstrip('/')})"
        return f"{match.group(1)}(./{target})"

    return re.sub(r"(\[[^\]]+\])\(([^)\s]+)\)", relink, text)


def markup_only(text: str) -> str:
    """An HTML comment, a reference-style link and padded table cells: nothing a reader sees."""
    text = re.sub(r"(?m)^(## .*)$", r"<!-- tarkistettu -->\n\n\1", text, count=1)
    match = re.search(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)", text)
    if match:
        text = text[: match.start()] + f"[{match.group(1)}][viite]" + text[match.end() :] + f"\n[viite]: {match.group(2)}\n"
    return re.sub(r"(?m)^\| (.*) \|$", lambda m: "|  " + m.group(1).replace(" | ", "  |  ") + "  |", text)


# --- Families: (name, group, ground truth, what it does to (fi, en))

FI_SENTENCE = "Työntekijä sopii asiakkaan kanssa myös siitä, miten yhteyttä pidetään tapaamisten välillä."
FI_REWRITE = "Tämä kappale on kirjoitettu kokonaan uudelleen: nyt siinä kerrotaan, että tapaamisia voi olla myös ryhmässä."
FI_ITEM = "sosiaalitoimi"
FI_HEADING = "Uusi otsikko"


def family_mutations():
    return {
        "baseline_unmodified": (NEGATIVE, lambda fi, en, p: (fi, en)),
        "formatting_only_source": (NEGATIVE, lambda fi, en, p: (formatting_only(fi), en)),
        "link_canonicalisation_source": (NEGATIVE, lambda fi, en, p: (canonical_links(fi, p), en)),
        "markup_only_source": (NEGATIVE, lambda fi, en, p: (markup_only(fi), en)),
        "paragraph_reflow_translation": (NEGATIVE, lambda fi, en, p: (fi, _opt(extend_paragraph(en, "In short, this is how it is usually done.")))),
        "paragraph_reorder_translation": (NEGATIVE, lambda fi, en, p: (fi, _opt(reorder_paragraphs(en)))),
        "missing_paragraph_translation": (POSITIVE, lambda fi, en, p: (fi, _opt(drop_block(en, "paragraph")))),
        "missing_list_item_translation": (POSITIVE, lambda fi, en, p: (fi, _opt(remove_list_item(en)))),
        "missing_code_block_translation": (POSITIVE, lambda fi, en, p: (fi, _opt(drop_block(en, "code", 0)))),
        "paragraph_extended_source": (POSITIVE, lambda fi, en, p: (_opt(extend_paragraph(fi, FI_SENTENCE)), en)),
        "paragraph_rewritten_source": (POSITIVE, lambda fi, en, p: (_opt(rewrite_paragraph(fi, FI_REWRITE)), en)),
        "heading_rename_source": (POSITIVE, lambda fi, en, p: (_opt(rename_heading(fi, FI_HEADING)), en)),
        "list_item_added_source": (POSITIVE, lambda fi, en, p: (_opt(add_list_item(fi, FI_ITEM)), en)),
        "code_command_changed_source": (POSITIVE, lambda fi, en, p: (fi.replace("make translations", "make check"), en)),
        "code_parameters_changed_source": (POSITIVE, lambda fi, en, p: (fi.replace('ARGS="status"', 'ARGS="status --max-outdated-days 60"'), en)),
        "number_changed_translation": (POSITIVE, lambda fi, en, p: (fi, _opt(change_number(en)))),
        "paragraph_split_translation": (NEGATIVE, lambda fi, en, p: (fi, _opt(split_paragraph(en)))),
        "combined_drift": (POSITIVE, lambda fi, en, p: (_opt(rename_heading(_opt(add_list_item(_opt(extend_paragraph(fi, FI_SENTENCE)), FI_ITEM)), FI_HEADING)), en)),
    }


class NotApplicable(Exception):
    pass


def _opt(text: str | None) -> str:
    if text is None:
        raise NotApplicable
    return text


# Families whose base pair carries a code block (the handbook's pages have none of their own).
CODE_FAMILIES = {"missing_code_block_translation", "code_command_changed_source", "code_parameters_changed_source"}

# Git-history scenarios: (name, ground truth, commits after the pin as (language, edit)).
HISTORY = {
    "history_formatting_only_source": (NEGATIVE, [("fi", lambda fi, en, p: formatting_only(fi))]),
    "history_link_canonicalisation_source": (NEGATIVE, [("fi", lambda fi, en, p: canonical_links(fi, p))]),
    "history_markup_only_source": (NEGATIVE, [("fi", lambda fi, en, p: markup_only(fi))]),
    "history_masked_by_cosmetic_translation_edit": (POSITIVE, [("fi", lambda fi, en, p: _opt(extend_paragraph(fi, FI_SENTENCE))),
                                                          ("en", lambda fi, en, p: formatting_only(en).replace("\r\n", "\n"))]),
    "history_new_section_source": (POSITIVE, [("fi", lambda fi, en, p: fi.rstrip("\n") + "\n\n## Uusi osio {#new-part}\n\nTässä on uutta tekstiä.\n")]),
}
