"""Markdown to HTML in GOV.UK Frontend's styles, sanitised.

Extensions: tables, a contents list (toc), attributes ({: .class }), and admonitions for the
GOV.UK inset text, warning text and details components:

    !!! inset
        Text set apart.

    !!! warning
        Something people must not miss.

    !!! details "What counts as capital"
        Text shown when the summary is opened.

Links between pages are written with the page's slug, [text](deferred-payment-agreements), and
two extra forms link into the rest of the site:

    {directory: help_types=befriending, area=West Dorset | befriending services in West Dorset}
    {planner: option=extra_care | compare the cost of extra care housing}

The first shows a live count ("12 befriending services in West Dorset") and opens the directory
with those filters; the second opens the planner with an option chosen.

Figures and contacts come from data, never typed by hand:

    The upper limit is {figure: upper_capital_limit}.   (from calculators/rates/<year>.toml)
    {contact: adult_access_team}                       (on a line of its own: an inset with the
                                                        number, hours and website from
                                                        webapp/content/data/contacts.toml)
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from calculators.rates import Figure
from webapp.content.contacts import contact
from webapp.content.figures import figure, money

CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "caption": "govuk-table__caption govuk-table__caption--s",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
}
ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "a", "ul", "ol", "li", "strong", "em", "b", "i", "table", "thead",
    "tbody", "tr", "th", "td", "caption", "div", "span", "details", "summary", "img", "br", "hr",
    "abbr", "code", "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "span": {"aria-hidden"},
    "abbr": {"title"},
}
# {directory: filters | text} and {planner: choices | text}
SITE_LINK = re.compile(r"\{(directory|planner):\s*([^|}]*)\|\s*([^}]+)\}")
COUNT_MARK = "\u27e6count:{}\u27e7"  # ⟦count:N⟧, filled in when the page is served
COUNT_PATTERN = re.compile("\u27e6count:(\\d+)\u27e7")
# {figure: key}, or a sum for worked examples: {figure: state_pension_full + 9 - key}
FIGURE = re.compile(r"\{figure:\s*([a-z0-9_][a-z0-9_.+\- ]*?)\s*\}")
TERM = re.compile(r"([+-]?)\s*([a-z_][a-z0-9_]*|\d+(?:\.\d+)?)")
CONTACT = re.compile(r"^\{contact:\s*([a-z0-9_]+)\s*\}[ \t]*$", re.MULTILINE)
INLINE_CONTACT = re.compile(r"\{contact:\s*([a-z0-9_]+)\s*\}")


@dataclass
class Rendered:
    html: str
    headings: list[tuple[str, str, int]]  # id, text, level
    links: list[str]  # internal slugs linked to
    images_without_alt: list[str]
    directory_links: list[dict[str, list[str]]] = field(default_factory=list)
    text: str = ""
    figures: list[Figure] = field(default_factory=list)  # each rates figure the page quotes
    unknown: list[str] = field(default_factory=list)  # macros naming no figure or contact


def render(
    source: str, url_for_slug: Callable[[str], str | None], day: date | None = None
) -> Rendered:
    """The page as HTML, with the figures in force on `day` (today by default)."""
    directory_links: list[dict[str, list[str]]] = []
    figures: dict[str, Figure] = {}
    unknown: list[str] = []
    source = SITE_LINK.sub(lambda m: _site_link(m, directory_links), source)
    source = FIGURE.sub(lambda m: _figure(m, day, figures, unknown), source)
    source = CONTACT.sub(lambda m: _contact(m, unknown), source)
    # Any contact left was written inside a sentence, where an inset cannot go.
    unknown.extend(
        f"contact: {name} (put it on a line of its own)" for name in INLINE_CONTACT.findall(source)
    )
    collector = _Collector(url_for_slug)
    converter = markdown.Markdown(
        extensions=["tables", "attr_list", "admonition", "toc", _GovukExtension(collector)],
        extension_configs={"toc": {"toc_depth": "2-2", "permalink": False}},
        output_format="html",
    )
    html = converter.convert(source)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    return Rendered(
        html=clean,
        headings=collector.headings,
        links=collector.links,
        images_without_alt=collector.images_without_alt,
        directory_links=directory_links,
        text=" ".join(collector.texts),
        figures=list(figures.values()),
        unknown=unknown,
    )


def fill_counts(html: str, count: Callable[[dict[str, list[str]]], int], links) -> str:
    """Put the live listing counts into a rendered page's directory links."""
    return COUNT_PATTERN.sub(lambda m: str(count(links[int(m.group(1))])), html)


def _site_link(match: re.Match, directory_links: list) -> str:
    kind, settings, text = match.group(1), match.group(2), match.group(3).strip()
    choices: dict[str, list[str]] = {}
    for part in filter(None, (p.strip() for p in settings.split(","))):
        name, _, value = part.partition("=")
        choices.setdefault(name.strip(), []).append(value.strip().strip('"'))
    query = urlencode([(name, value) for name, values in choices.items() for value in values])
    if kind == "planner":
        return f"[{text}](/planner?{query})"
    directory_links.append(choices)
    mark = COUNT_MARK.format(len(directory_links) - 1)
    return f"[{mark} {text}](/find-support?{query})"


def _figure(match: re.Match, day: date | None, used: dict[str, Figure], unknown: list) -> str:
    total = Decimal(0)
    for sign, term in TERM.findall(match.group(1)):
        if term[0].isdigit():
            value = Decimal(term)
        else:
            found = figure(term, day)
            if found is None:
                unknown.append(f"figure: {term}")
                return match.group(0)
            used[found.key] = found
            value = found.value
        total += -value if sign == "-" else value
    return money(total)


def _contact(match: re.Match, unknown: list) -> str:
    """An inset with who to contact, their number and hours, or their website if no number."""
    found = contact(match.group(1))
    if found is None:
        unknown.append(f"contact: {match.group(1)}")
        return f"[unknown contact: {match.group(1)}]"
    lines = [f"**{found.name}**  ", found.purpose, ""]
    if found.phone:
        lines.append(f"Telephone: [{found.phone}]({found.tel})" + ("  " if found.hours else ""))
        if found.hours:
            lines.append(found.hours)
        lines.append("")
    lines.append(f"[Visit the {found.name} website]({found.website})")
    return "!!! inset\n" + "\n".join(f"    {line}" if line else "" for line in lines) + "\n"


class _Collector:
    def __init__(self, url_for_slug: Callable[[str], str | None]):
        self.url_for_slug = url_for_slug
        self.links: list[str] = []
        self.images_without_alt: list[str] = []
        self.headings: list[tuple[str, str, int]] = []
        self.texts: list[str] = []


class _GovukTreeprocessor(Treeprocessor):
    def __init__(self, md, collector: _Collector):
        super().__init__(md)
        self.collector = collector

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "div" and "admonition" in element.get("class", ""):
                    parent[index] = _component(element)
        for element in root.iter():
            if element.tag in CLASSES and "class" not in element.attrib:
                element.set("class", CLASSES[element.tag])
            if element.tag == "th":
                element.set("scope", "col" if _in_head(root, element) else "row")
            if element.tag == "a":
                self._link(element)
            if element.tag == "img" and not (element.get("alt") or "").strip():
                self.collector.images_without_alt.append(element.get("src", ""))
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.collector.headings.append(
                    (element.get("id", ""), "".join(element.itertext()), int(element.tag[1]))
                )
            if element.tag in ("p", "li", "td", "th", "h2", "h3", "h4", "summary"):
                self.collector.texts.append("".join(element.itertext()))

    def _link(self, element: ET.Element) -> None:
        href = element.get("href", "")
        if re.fullmatch(r"[a-z0-9-]+(#[a-z0-9-]+)?", href):
            slug, _, anchor = href.partition("#")
            self.collector.links.append(slug)
            url = self.collector.url_for_slug(slug)
            if url:
                element.set("href", url + (f"#{anchor}" if anchor else ""))


def _in_head(root: ET.Element, cell: ET.Element) -> bool:
    return any(found is cell for head in root.iter("thead") for found in head.iter("th"))


def _component(admonition: ET.Element) -> ET.Element:
    kinds = admonition.get("class", "").split()
    title_element = admonition.find("p[@class='admonition-title']")
    title = "".join(title_element.itertext()) if title_element is not None else ""
    if title_element is not None:
        admonition.remove(title_element)
    body = list(admonition)
    if "warning" in kinds:
        component = ET.Element("div", {"class": "govuk-warning-text"})
        icon = ET.SubElement(
            component, "span", {"class": "govuk-warning-text__icon", "aria-hidden": "true"}
        )
        icon.text = "!"
        strong = ET.SubElement(component, "strong", {"class": "govuk-warning-text__text"})
        hidden = ET.SubElement(strong, "span", {"class": "govuk-visually-hidden"})
        hidden.text = "Warning"
        hidden.tail = " "
        for paragraph in body:  # the paragraphs' words and links, inside the one <strong>
            strong[-1].tail = (strong[-1].tail or "") + (paragraph.text or "")
            strong.extend(list(paragraph))
        return component
    if "details" in kinds:
        component = ET.Element("details", {"class": "govuk-details"})
        summary = ET.SubElement(component, "summary", {"class": "govuk-details__summary"})
        text = ET.SubElement(summary, "span", {"class": "govuk-details__summary-text"})
        text.text = title or "More information"
        inner = ET.SubElement(component, "div", {"class": "govuk-details__text"})
        inner.extend(body)
        return component
    component = ET.Element("div", {"class": "govuk-inset-text"})
    component.extend(body)
    return component


class _GovukExtension(Extension):
    def __init__(self, collector: _Collector):
        super().__init__()
        self.collector = collector

    def extendMarkdown(self, md) -> None:
        # After the inline patterns (priority 20) and the toc's ids (priority 5 runs last).
        md.treeprocessors.register(_GovukTreeprocessor(md, self.collector), "govuk", 4)
