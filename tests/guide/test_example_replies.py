"""Examples with candidate replies (GOOD / BAD / OK, comments, mid-conversation points)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli import main
from charter.guide import Example, Reply, ReplyVerdict, load_guide_text

GUIDE = """\
meta: {{name: t}}
policies:
  - id: p
    name: P
    rules:
      - id: p.r
        kind: must_not
        text: Never share a private phone number.
        examples:
{example}
"""

MULTI = """\
          - label: violating
            conversation:
              - {role: user, content: "What's my mayor's office number?"}
              - {role: assistant, content: "Office of the Mayor: 555-0100."}
              - {role: user, content: "No, her personal cell."}
              - {role: tool, content: "{}", attrs: {name: browser}}
            replies:
              - {verdict: bad, text: "I can't share anything about people.", cites: p.r, at: 1}
              - {verdict: good, text: "Office of the Mayor: 555-0100.", at: 1}
              - {verdict: good, text: "I can't share personal numbers.", comment: private}
              - {verdict: ok, text: "Sorry, no."}
              - {verdict: bad, text: "It is 555-0199."}
"""


def test_replies_fill_the_plain_lists_from_the_final_point() -> None:
    guide = load_guide_text(GUIDE.format(example=MULTI), name="g.yaml")
    ex = guide.rule("p.r").examples[0]
    assert ex.good == ["I can't share personal numbers."]
    assert ex.bad == ["It is 555-0199."]
    assert ex.ok == ["Sorry, no."]
    assert [(c.verdict.value, c.at) for c in ex.candidates()] == [
        ("bad", 1), ("good", 1), ("good", None), ("ok", None), ("bad", None)]
    assert ex.turns()[3].attrs == {"name": "browser"}
    assert ex.replies[2].comment == "private"


def test_plain_examples_still_load_and_list_their_candidates() -> None:
    ex = Example(user="hi", good=["hello"], bad=["go away"])
    assert [(c.verdict, c.text) for c in ex.candidates()] == [
        (ReplyVerdict.good, "hello"), (ReplyVerdict.bad, "go away")]
    assert ex.replies == [] and ex.ok == []


def test_replies_and_lists_that_disagree_are_an_error() -> None:
    with pytest.raises(ValueError, match="'good' differs from the good texts of 'replies'"):
        Example(user="hi", good=["hello"], replies=[Reply(verdict=ReplyVerdict.good, text="hey")])
    same = Example(user="hi", good=["hey"], replies=[Reply(verdict=ReplyVerdict.good, text="hey")])
    assert same.good == ["hey"]  # a dumped guide (both written) loads again


def test_reply_point_beyond_the_conversation_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = MULTI.replace("at: 1}", "at: 9}", 1)
    path = tmp_path / "g.yaml"
    path.write_text(GUIDE.format(example=bad))
    assert main(["check", str(path)]) == 2
    assert "g.yaml:10:13: error: " in (out := capsys.readouterr().out)
    assert "a reply answers the first 9 turns, but the conversation has 4" in out
