"""Practice profiles for readers and machines: card and index views, JSON-LD, practices.json.

The views are plain dicts of already translated strings for one language; the
templates (`overrides/partials/handbook/practice-card.html`, `practice-index.html`)
only lay them out, so every filled field reaches the page and no empty one does.

Pure module: no MkDocs import, no state.
"""

from __future__ import annotations

import json
from typing import Any

from handbook import words
from handbook.practices.load import Practice
from handbook.practices.vocabularies import LANGUAGES, VOCABULARY_KINDS, Vocabularies

# Captions of the card's fields and the index's headings, and month names, per language
# (handbook/words/practices.yml).
_WORDS = words.load("practices")
CAPTIONS: dict[str, dict[str, str]] = {key: {language: _WORDS[language]["captions"][key] for language in _WORDS} for key in _WORDS["fi"]["captions"]}
_MONTHS = {language: _WORDS[language]["months"] for language in _WORDS}

# Text sections of the card, in reading order (the RAN entry's order where it has one).
_TEXT_SECTIONS = ("description", "approach", "client_groups", "methods", "evaluation",
                  "sustainability_and_transferability", "geographical_scope", "funding")


def caption(key: str, language: str) -> str:
    return CAPTIONS[key][language]


def tag_anchor(kind: str, term_id: str) -> str:
    """The id of a vocabulary value's list on the index: `key-theme-prison-and-probation`."""
    return f"{VOCABULARY_KINDS[kind].replace(' ', '-')}-{term_id}".lower()


def kind_anchor(kind: str) -> str:
    return kind.replace("_", "-")


def format_day(iso: str, language: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    if language == "fi":
        return f"{day}.{month}.{year}"
    return f"{day} {_MONTHS['en'][month - 1]} {year}"


def format_partial_date(value: str, language: str) -> str:
    """`2021-09` as "syyskuu 2021" / "September 2021"; a bare year stays as it is."""
    if "-" not in value:
        return value
    year, month = value.split("-")
    return f"{_MONTHS[language][int(month) - 1]} {year}"


def format_age_range(age_range: dict[str, Any], language: str) -> str:
    text = f"{age_range['from']}–{age_range['to']} {caption('years', language)}"
    if "where" in age_range:
        text += f" ({age_range['where'][language]})"
    return text


def paragraphs(text: str) -> list[str]:
    """A text field's paragraphs: blank lines separate them."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]


# --- Card


def card_view(practice: Practice, vocabularies: Vocabularies, language: str) -> dict[str, Any]:
    """Everything the practice card shows, in `language`, in display order; nothing empty."""
    data = practice.data
    organisation = data["organisation"]

    def term(kind: str, term_id: str, *, linked: bool = True) -> dict[str, str]:
        value = {"text": vocabularies.term(kind, term_id).label(language)}
        if linked:
            value["anchor"] = tag_anchor(kind, term_id)
        return value

    def fact(key: str, values: list[dict[str, str]]) -> dict[str, Any]:
        return {"key": key.replace("_", "-"), "caption": caption(key, language), "values": values}

    facts = [fact("organisation", [{"text": organisation["name"]}]),
             fact("organisation_type", [term("organisation_types", organisation["type"])])]
    if "founded" in organisation:
        facts.append(fact("founded", [{"text": str(organisation["founded"])}]))
    facts.append(fact("country", [term("countries", data["country"], linked=False)]))
    if "label" in data:
        facts.append(fact("label", [term("labels", data["label"])]))
    if "start" in data:
        facts.append(fact("start", [{"text": str(data["start"])}]))
    if "age_ranges" in data:
        facts.append(fact("age_ranges", [{"text": format_age_range(ages, language)} for ages in data["age_ranges"]]))
    facts.append(fact("last_update", [{"text": format_day(data["last_update"], language)}]))

    tags = [fact(kind, [term(kind, term_id) for term_id in data[kind]])
            for kind in ("target_audiences", "key_themes") if kind in data]

    sections = []
    for key in _TEXT_SECTIONS:
        if key not in data:
            continue
        section = {"key": key.replace("_", "-"), "caption": caption(key, language)}
        if isinstance(data[key], list):
            section["entries"] = [{"text": item[language]} for item in data[key]]
        else:
            section["paragraphs"] = paragraphs(data[key][language])
        sections.append(section)
    if "deliverables" in data:
        sections.append({"key": "deliverables", "caption": caption("deliverables", language),
                         "entries": [_deliverable(item, language) for item in data["deliverables"]]})
    if "description" in organisation:
        sections.append({"key": "organisation", "caption": caption("about_organisation", language),
                         "paragraphs": paragraphs(organisation["description"][language])})

    card = {"id": practice.id, "language": language, "name": data["name"][language],
            "caption": caption("practice_card", language), "facts": facts, "tags": tags,
            "sections": sections, "index_caption": caption("index_link", language)}
    if "contact" in data:
        card["contact"] = _contact(data["contact"], vocabularies, language)
    if "source" in data:
        card["source"] = {"caption": caption("source", language), "text": data["source"][language],
                          "last_update": f"{caption('last_update', language)} {format_day(data['last_update'], language)}"}
    return card


def _deliverable(item: dict[str, Any], language: str) -> dict[str, Any]:
    view: dict[str, Any] = {"text": item["description"][language], "details": []}
    if "title" in item:
        view["title"] = item["title"]
    if "published" in item:
        view["details"].append(f"{caption('published', language)}: {format_partial_date(item['published'], language)}")
    if "isbn" in item:
        view["details"].append(f"ISBN {item['isbn']}")
    return view


def _contact(contact: dict[str, Any], vocabularies: Vocabularies, language: str) -> dict[str, Any]:
    view: dict[str, Any] = {"key": "contact", "caption": caption("contact", language), "organisation": contact["organisation"]}
    if "role" in contact:
        view["role"] = {"caption": caption("role", language), "text": contact["role"][language]}
    if "address" in contact:
        address = contact["address"]
        lines = [address["street"], f"{address['postal_code']} {address['locality']}"]
        if "country" in address:
            lines.append(vocabularies.term("countries", address["country"]).label(language))
        view["address"] = lines
    if "website" in contact:
        view["website"] = {"caption": caption("website", language), "url": contact["website"]}
    return view


def card_toc(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Table-of-contents entries (MkDocs toc tokens) for the card's headings."""
    entries = [(section["key"], section["caption"]) for section in card["sections"]]
    if "contact" in card:
        entries.append((card["contact"]["key"], card["contact"]["caption"]))
    return [{"level": 2, "id": key, "name": name, "children": []} for key, name in entries]


# --- Index


def index_view(practices: list[Practice], vocabularies: Vocabularies, language: str,
               page_urls: dict[str, str]) -> dict[str, Any]:
    """The practices index in `language`: every practice with its key facts, then lists by tag.

    `page_urls` maps a practice id to its page's URL relative to the index page.
    """
    entries = []
    by_term: dict[tuple[str, str], list[dict[str, str]]] = {}
    for practice in sorted(practices, key=lambda p: p.data["name"][language].casefold()):
        card = card_view(practice, vocabularies, language)
        link = {"name": card["name"], "url": page_urls.get(practice.id, "")}
        key_facts = [fact for fact in card["facts"] if fact["key"] in {"organisation", "organisation-type", "country", "label", "last-update"}]
        entries.append({**link, "anchor": f"practice-{practice.id}", "facts": key_facts + card["tags"]})
        data = practice.data
        chosen = [("organisation_types", data["organisation"]["type"])]
        chosen += [("labels", data["label"])] if "label" in data else []
        chosen += [(kind, term_id) for kind in ("target_audiences", "key_themes") for term_id in data.get(kind, [])]
        for kind_and_id in chosen:
            by_term.setdefault(kind_and_id, []).append(link)
    groups = []
    for kind in ("target_audiences", "key_themes", "labels", "organisation_types"):
        terms = [{"text": term.label(language), "anchor": tag_anchor(kind, term.id), "practices": by_term[(kind, term.id)]}
                 for term in vocabularies.terms[kind].values() if (kind, term.id) in by_term]
        if terms:
            heading = {"labels": "label", "organisation_types": "organisation_type"}.get(kind, kind)
            groups.append({"anchor": kind_anchor(kind), "caption": caption(heading, language), "terms": terms})
    return {"language": language, "practices": entries, "groups": groups,
            "all_caption": caption("all_practices", language), "by_tag_caption": caption("by_tag", language)}


def index_toc(view: dict[str, Any]) -> list[dict[str, Any]]:
    groups = [{"level": 3, "id": group["anchor"], "name": group["caption"], "children": []} for group in view["groups"]]
    toc = [{"level": 2, "id": "all-practices", "name": view["all_caption"], "children": []}]
    if groups:
        toc.append({"level": 2, "id": "by-tag", "name": view["by_tag_caption"], "children": groups})
    return toc


# --- Machine-readable output


def _expanded(kind: str, term_id: str, vocabularies: Vocabularies) -> dict[str, Any]:
    term = vocabularies.term(kind, term_id)
    return {"id": term.id, "labels": dict(term.labels)}


def practice_record(practice: Practice, vocabularies: Vocabularies, pages: dict[str, str]) -> dict[str, Any]:
    """One practice for practices.json: the data, with vocabulary ids expanded to both labels."""
    data = json.loads(json.dumps(practice.data))  # a deep copy of plain values
    data["organisation"]["type"] = _expanded("organisation_types", data["organisation"]["type"], vocabularies)
    data["country"] = _expanded("countries", data["country"], vocabularies)
    if "label" in data:
        data["label"] = _expanded("labels", data["label"], vocabularies)
    for kind in ("target_audiences", "key_themes"):
        if kind in data:
            data[kind] = [_expanded(kind, term_id, vocabularies) for term_id in data[kind]]
    address = data.get("contact", {}).get("address", {})
    if "country" in address:
        address["country"] = _expanded("countries", address["country"], vocabularies)
    return {"id": practice.id, "pages": pages, **data}


def practices_document(practices: list[Practice], vocabularies: Vocabularies, pages: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The whole practices.json: every practice; `pages[id][language]` is a URL from the site root."""
    return {
        "languages": list(LANGUAGES),
        "practices": [practice_record(practice, vocabularies, pages.get(practice.id, {})) for practice in practices],
    }


def json_ld(practice: Practice, vocabularies: Vocabularies, language: str, page_url: str,
            page_title: str, page_description: str | None) -> dict[str, Any]:
    """schema.org description of the organisation, the practice and the page, in `language`."""
    data = practice.data
    organisation = data["organisation"]
    org_type = vocabularies.term("organisation_types", organisation["type"])
    org_id = f"{page_url}#organisation"
    practice_id = f"{page_url}#practice"
    org: dict[str, Any] = {"@type": org_type.extras.get("schema_org", "Organization"), "@id": org_id, "name": organisation["name"]}
    if "founded" in organisation:
        org["foundingDate"] = str(organisation["founded"])
    if "description" in organisation:
        org["description"] = organisation["description"][language]
    project: dict[str, Any] = {
        "@type": "Project",
        "@id": practice_id,
        "name": data["name"][language],
        "description": data["description"][language],
        "parentOrganization": {"@id": org_id},
        "areaServed": {"@type": "Country", "name": vocabularies.term("countries", data["country"]).label(language)},
    }
    if "start" in data:
        project["foundingDate"] = str(data["start"])
    if "label" in data:
        project["award"] = vocabularies.term("labels", data["label"]).label(language)
    if "key_themes" in data:
        project["keywords"] = [vocabularies.term("key_themes", t).label(language) for t in data["key_themes"]]
    contact = data.get("contact")
    if contact:
        point: dict[str, Any] = {"@type": "ContactPoint", "name": contact["organisation"]}
        if "address" in contact:
            address = contact["address"]
            postal = {"@type": "PostalAddress", "streetAddress": address["street"],
                      "postalCode": address["postal_code"], "addressLocality": address["locality"]}
            if "country" in address:
                postal["addressCountry"] = address["country"]
            # PostalAddress is the ContactPoint subtype that carries an address.
            point = {**postal, "name": contact["organisation"]}
            if contact["organisation"] == organisation["name"]:
                org["address"] = postal
        if "role" in contact:
            point["contactType"] = contact["role"][language]
        if "website" in contact:
            point["url"] = contact["website"]
        project["contactPoint"] = point
    page: dict[str, Any] = {
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": page_title,
        "inLanguage": language,
        "about": {"@id": practice_id},
    }
    if page_description:
        page["description"] = page_description
    if "target_audiences" in data:
        page["audience"] = [{"@type": "Audience", "audienceType": vocabularies.term("target_audiences", t).label(language)}
                            for t in data["target_audiences"]]
    if "source" in data:
        page["isBasedOn"] = {"@type": "CreativeWork", "name": data["source"][language], "dateModified": data["last_update"]}
    return {"@context": "https://schema.org", "@graph": [org, project, page]}


def script_json(value: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
