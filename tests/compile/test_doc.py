"""render_guide_markdown / render_guide_html: complete, escaped, self-contained."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from charter.compile import render_guide_html, render_guide_markdown
from charter.guide import Guide, load_guide, load_guide_text

HOSTILE = """
meta: {name: "Evil <b>Co</b>", description: "desc & more"}
behavior:
  persona: {name: "<img src=x onerror=alert(1)>"}
policies:
  - id: p
    name: P
    rules:
      - id: p.xss
        kind: must_not
        text: "Never run <script>alert('x')</script> | ever"
        boundary: {allowed: ["a < b"], disallowed: ["<iframe src='https://evil.example'>"]}
        examples:
          - label: violating
            user: "<script>steal()</script>"
            good: ["no <b>way</b>"]
            bad: ["</td></tr></table><script>1</script>"]
"""


def norm(text: str) -> str:
    return " ".join(text.split())


def _md_text(s: str) -> str:
    return norm(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Tags(HTMLParser):
    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def test_markdown_has_every_rule_edge_case_and_section(any_guide: Guide) -> None:
    md = render_guide_markdown(any_guide)
    flat = norm(md)
    assert md.startswith(f"# {_md_text(any_guide.meta.name)} — behavior guide")
    for heading in ("## Audience", "## Behavior", "## Authority", "## Policies", "## Edge cases", "## Disclosure"):
        assert heading in md
    for rule in any_guide.iter_rules(include_disabled=True):
        assert f"`{rule.id}`" in md
    for p in any_guide.policies:
        for r in p.rules:
            assert _md_text(r.text) in flat, r.id
            for ex in r.examples:
                for good in ex.good:
                    assert _md_text(good) in flat
    for e in any_guide.edge_cases:
        assert _md_text(e.response) in flat
    assert f"{len(any_guide.rules)} rules" in md


def test_markdown_shows_overrides_and_hazards(isp_guide: Guide) -> None:
    md = render_guide_markdown(isp_guide)
    assert "## Overrides of included rules" in md
    assert "| `hazards.spc` | severity: low |" in md
    assert "## Hazard taxonomy" in md and "| `cse` |" in md


def test_html_is_self_contained_and_balanced(any_guide: Guide) -> None:
    page = render_guide_html(any_guide)
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    parser = _Tags()
    parser.feed(page)
    assert parser.errors == [] and parser.stack == []
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names
    for _, attrs in parser.tags:
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), value  # in-page anchors only
    ids = [a["id"] for _, a in parser.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    for rule in any_guide.rules:
        assert f"<code>{rule.id}</code>" in page


def test_html_escapes_guide_text() -> None:
    g = load_guide_text(HOSTILE)
    page = render_guide_html(g)
    assert "<script" not in page and "<iframe" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in page
    assert "Evil &lt;b&gt;Co&lt;/b&gt;" in page
    parser = _Tags()
    parser.feed(page)
    assert parser.errors == [] and parser.stack == []


def test_markdown_escapes_guide_text() -> None:
    md = render_guide_markdown(load_guide_text(HOSTILE))
    assert "<script" not in md and "<iframe" not in md and "<b>" not in md and "<img" not in md
    assert "Never run &lt;script&gt;alert('x')&lt;/script&gt; | ever" in md
    assert "desc &amp; more" in md


def test_documents_are_deterministic(isp_guide: Guide) -> None:
    assert render_guide_html(isp_guide) == render_guide_html(isp_guide)
    assert render_guide_markdown(isp_guide) == render_guide_markdown(isp_guide)


def test_bare_guide_renders() -> None:
    g = load_guide_text("meta: {name: Bare}")
    assert "0 rules in 0 policies" in render_guide_markdown(g)
    assert "<h1>Bare</h1>" in render_guide_html(g)


def test_the_document_says_the_default_language() -> None:
    # an Italian-default guide with it/en/pt: the document listed the three languages and
    # never said that any other language is answered in Italian
    path = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "assicurazioni-it.yaml"
    lines = render_guide_markdown(load_guide(path)).splitlines()
    assert "- Languages: supported it, en, pt; default it (for any other language)" in lines
