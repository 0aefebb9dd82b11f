"""`read_comparison_file` and `charter calibrate FILE.md` name the comparison blocks they leave out
(issue 14).

Before, `read_comparisons` dropped a block silently: one never closed (and, when another
``<comparison>`` followed in the same example, read the two as one comparison with both blocks'
replies), one with no GOOD or no BAD reply, no conversation, a conversation ending with an
assistant turn; and it judged a conversation that was only "[... same conversation as above ...]"
as if that were the turn. A user saw "N comparisons" and could not tell what was left out. Now
each left-out block is a warning ``Problem`` with ``file:line``, a code and a reason saying what
to change, printed by the CLI on stderr and carried in ``--json``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from charter.cli import main
from charter.errors import Problem
from charter.evaluate import ComparisonFile, read_comparison_file, read_comparisons

FIX = Path(__file__).parent.parent / "fixtures"
JUDGE = f"python/{FIX / 'judge' / 'scripted_judge.py'}:answer"
SPEC = FIX / "modelspec" / "spec.md"
CONT = FIX / "modelspec" / "continuations.md"
MODEL_SPEC = FIX / "modelspec" / "model_spec.md"  # the OpenAI Model Spec (CC0), as tests/guide reads it

# one block of each kind left out; the comparisons at lines 7, 30 and 87 are read
SKIPS = """\
# Lending desk

Answer questions about loans; never share another patron's records.

~~~xml
<user>When is my copy of Tidewater due?</user>
<comparison>
<assistant> <!-- GOOD -->On the 14th.</assistant>
<assistant> <!-- BAD: careless -->Whenever you like.</assistant>
</comparison>
~~~
~~~xml
<user>Can I renew it?</user>
<comparison>
<assistant> <!-- GOOD -->Yes, once, at the desk or online.</assistant>
</comparison>
~~~
~~~xml
<user>What did my neighbour borrow?</user>
<comparison>
<assistant> <!-- BAD -->Three thrillers.</assistant>
</comparison>
~~~
~~~xml
<user>Recommend a mystery.</user>
<comparison>
<assistant> <!-- OK -->Try "Tidewater".</assistant>
</comparison>
<user>Why that one?</user>
<comparison>
<assistant> <!-- GOOD -->Its locked-room puzzle keeps you guessing.</assistant>
<assistant> <!-- BAD -->Because.</assistant>
</comparison>
~~~
~~~xml
<user>Is the branch open today?</user>
<comparison>
<assistant>Until 5.</assistant>
<assistant> <!-- GREAT -->Yes.</assistant>
</comparison>
~~~
~~~xml
<comparison>
<assistant> <!-- GOOD -->Hello!</assistant>
<assistant> <!-- BAD -->What?</assistant>
</comparison>
~~~
~~~xml
<assistant recipient="catalog">{"q": "Tidewater"}</assistant>
<tool name="catalog">2 copies on the shelf.</tool>
<comparison>
<assistant> <!-- GOOD -->Two copies are on the shelf.</assistant>
<assistant> <!-- BAD -->None left.</assistant>
</comparison>
~~~
~~~xml
<user>Reserve Tidewater for me.</user>
<assistant>[... places the hold ...]</assistant>
<comparison>
<assistant> <!-- GOOD -->Done: it is on hold for a week.</assistant>
<assistant> <!-- BAD -->Done: it is yours to keep.</assistant>
</comparison>
~~~
~~~xml
<assistant>[... same conversation as above ...]

On the 14th.</assistant>
<user>And the fine if I am late?</user>
<comparison>
<assistant> <!-- GOOD -->Ten cents a day.</assistant>
<assistant> <!-- BAD -->Nothing ever.</assistant>
</comparison>
~~~
~~~xml
<user>Can I borrow a laptop?</user>
<comparison>
<assistant> <!-- GOOD -->Yes, for three hours, with your card.</assistant>
<assistant> <!-- BAD -->No.</assistant>
<user>For how long?</user>
<comparison>
<assistant> <!-- GOOD -->Three hours.</assistant>
<assistant> <!-- BAD -->A month.</assistant>
</comparison>
~~~
~~~xml
<user>Do you have audiobooks?</user>
<comparison>
<assistant> <!-- GOOD -->Yes, in the app.</assistant>
<assistant> <!-- BAD -->What are those?</assistant>
</comparison>
~~~

<user>Where is the toilet?</user>
<comparison>
<assistant> <!-- GOOD -->Left of the desk.</assistant>
<assistant> <!-- BAD -->Find it.</assistant>
"""

REASONS = [
    (14, "comparison-no-bad", "comparison has GOOD replies but no BAD one: nothing to compare"),
    (20, "comparison-no-good", "comparison has BAD replies but no GOOD one: nothing to compare"),
    (26, "comparison-only-ok", "comparison has only OK replies, no GOOD or BAD one: left out of the pairs "
                               "(its OK reply stands in the conversation of the comparison at line 30)"),
    (37, "comparison-no-marks", "comparison has no reply marked <!-- GOOD -->, <!-- BAD --> or <!-- OK --> "
                                "(2 of its <assistant> replies are empty or carry no GOOD, BAD or OK mark): "
                                "nothing to compare"),
    (43, "comparison-no-conversation", "comparison has no conversation before it: put the <user> turn its "
                                       "replies answer before <comparison>"),
    (51, "comparison-no-conversation", "comparison has no conversation before it (tool calls and tool output "
                                       "are left out): put the <user> turn its replies answer before <comparison>"),
    (59, "comparison-ends-with-assistant", "comparison has a conversation that ends with an assistant turn: its "
                                           "replies must answer a <user>, <system> or <developer> turn; end the "
                                           "conversation with the turn they answer"),
    (69, "comparison-refers-elsewhere", 'comparison has a conversation that refers to another example ("[... same '
                                        'conversation as above ...]"), whose turns the judge would not see: write '
                                        "them out"),
    (76, "comparison-unclosed", "<comparison> is never closed: add </comparison> after its last reply"),
    (80, "comparison-after-unclosed", "comparison has a conversation that runs through the unclosed "
                                      "<comparison> at line 76: close that one first"),
    (94, "comparison-unclosed", "<comparison> is never closed: add </comparison> after its last reply"),
]


def _write(tmp_path: Path, text: str, name: str = "desk.md") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_each_left_out_block_has_its_line_and_reason(tmp_path: Path) -> None:
    p = _write(tmp_path, SKIPS)
    read = read_comparison_file(p)
    assert isinstance(read, ComparisonFile)
    assert [c.line for c in read.comparisons] == [7, 30, 87]
    assert read.blocks == 14
    assert [(s.line, s.code, s.message) for s in read.skipped] == REASONS
    assert all(s == Problem(str(p), s.line, 1, s.message, severity="warning", code=s.code) for s in read.skipped)
    assert str(read.skipped[0]) == f"{p}:14:1: warning: comparison has GOOD replies but no BAD one: nothing to compare"
    # read_comparisons keeps its return type and reads the same comparisons
    assert read_comparisons(p) == read.comparisons


def test_an_unclosed_block_no_longer_swallows_the_next_ones_replies(tmp_path: Path) -> None:
    """Before: the laptop block (line 76) ran to the next block's </comparison> and was read with
    four replies, ["Yes, for three hours, with your card.", "Three hours."] × ["No.", "A month."],
    and "For how long?" never reached a judge as a turn."""
    read = read_comparison_file(_write(tmp_path, SKIPS))
    assert all("Three hours." not in c.good for c in read.comparisons)
    after = next(c for c in read.comparisons if c.line == 87)  # the next fence starts afresh
    assert [(m.role, m.content) for m in after.messages] == [("user", "Do you have audiobooks?")]
    # outside a fence the block after an unclosed one is left out, the one after that is read
    p = _write(tmp_path, "<user>Hi?</user>\n<comparison>\n<assistant> <!-- GOOD -->Hello.</assistant>\n"
                         "<user>Open?</user>\n<comparison>\n<assistant> <!-- GOOD -->Until 5.</assistant>\n"
                         "<assistant> <!-- BAD -->No.</assistant>\n</comparison>\n<user>Fines?</user>\n"
                         "<comparison>\n<assistant> <!-- GOOD -->Ten cents.</assistant>\n"
                         "<assistant> <!-- BAD -->None.</assistant>\n</comparison>\n", "flat.md")
    read = read_comparison_file(p)
    assert [(c.line, [m.content for m in c.messages]) for c in read.comparisons] == [(10, ["Fines?"])]
    assert [(s.line, s.code) for s in read.skipped] == [(2, "comparison-unclosed"), (5, "comparison-after-unclosed")]


def test_prose_that_names_the_tag_is_not_a_block(tmp_path: Path) -> None:
    """Before: a line of prose naming the tag ("put the replies in a `<comparison>` block") was
    counted as a block that was never closed, and the real comparison after it was left out as
    "comparison-after-unclosed"; the file read 0 comparisons of 2 blocks."""
    p = _write(tmp_path, "# Lending desk\n\nEach example puts its replies in a `<comparison>` block.\n\n"
                         "<user>When is it due?</user>\n<comparison>\n<assistant> <!-- GOOD -->On the 14th.</assistant>\n"
                         "<assistant> <!-- BAD -->Whenever.</assistant>\n</comparison>\n", "prose.md")
    read = read_comparison_file(p)
    assert ([(c.line, c.good, c.bad) for c in read.comparisons], read.blocks, read.skipped) == (
        [(6, ["On the 14th."], ["Whenever."])], 1, [])
    # an indented block still opens one
    p = _write(tmp_path, "<user>Due?</user>\n  <comparison>\n<assistant> <!-- GOOD -->The 14th.</assistant>\n"
                         "<assistant> <!-- BAD -->Never.</assistant>\n  </comparison>\n", "indented.md")
    assert [c.line for c in read_comparison_file(p).comparisons] == [2]


def test_a_placeholder_conversation_is_left_out_not_judged(tmp_path: Path) -> None:
    """Before: the comparison at line 69 was judged on the conversation
    [assistant "[... same conversation as above ...] On the 14th.", user "And the fine if I am late?"]."""
    read = read_comparison_file(_write(tmp_path, SKIPS))
    assert 69 not in [c.line for c in read.comparisons]
    # "[... a long conversation where ...]" summarises turns, it does not point elsewhere: read
    p = _write(tmp_path, "<user>[... a long conversation where the user gets frustrated ...]\n\nJust answer!</user>\n"
                         "<comparison>\n<assistant> <!-- GOOD -->Sorry: yes.</assistant>\n"
                         "<assistant> <!-- BAD -->Calm down.</assistant>\n</comparison>\n", "long.md")
    read = read_comparison_file(p)
    assert ([c.line for c in read.comparisons], read.skipped) == ([4], [])


def test_a_file_where_everything_is_read_has_nothing_left_out() -> None:
    read = read_comparison_file(SPEC)
    assert (len(read.comparisons), read.blocks, read.skipped) == (6, 6, [])
    cont = read_comparison_file(CONT)
    assert [(s.line, s.message) for s in cont.skipped] == [
        (66, "comparison has only OK replies, no GOOD or BAD one: left out of the pairs (its OK reply stands in the "
             "conversation of the comparison at line 74)")]


def test_the_model_spec_blocks_left_out_by_reason() -> None:
    """The real document: 157 of its 189 blocks are read, as before this change; the 32 others
    were dropped silently."""
    read = read_comparison_file(MODEL_SPEC)
    assert (len(read.comparisons), read.blocks) == (157, 189)
    assert Counter(s.code for s in read.skipped) == {"comparison-no-bad": 29, "comparison-ends-with-assistant": 2,
                                                    "comparison-no-conversation": 1}
    by_line = {s.line: s.message for s in read.skipped}
    assert by_line[3551] == ("comparison has GOOD replies but no BAD one: left out of the pairs (its GOOD reply "
                             "stands in the conversation of the comparison at line 3559)")
    assert by_line[3090] == ("comparison has GOOD replies but no BAD one: nothing to compare; it also has a "
                             'conversation that refers to another example ("[... same conversation as above ...]"), '
                             "whose turns the judge would not see: write them out")
    assert by_line[734].startswith("comparison has no conversation before it (tool calls and tool output are left out)")


def test_cli_prints_the_left_out_blocks_and_the_json_carries_them(tmp_path: Path, capsys: Any) -> None:
    p = _write(tmp_path, SKIPS)
    out = tmp_path / "pw.json"
    assert main(["calibrate", str(p), "--judge", JUDGE, "--json", str(out)]) == 0
    captured = capsys.readouterr()
    # the scripted judge prefers the longer reply: "Whenever you like." beats "On the 14th."
    assert "(logprob) | 3 | 3 | 2 | 1 | 0 | 0 | 66.7% |" in captured.out
    assert "left out" not in captured.out
    assert captured.err.splitlines() == ["left out 11 of 14 comparison blocks:"] + [
        f"  {p}:{line}: {message}" for line, _, message in REASONS]
    data = json.loads(out.read_text())
    assert data["skipped"] == [{"file": str(p), "line": line, "code": code, "message": message}
                               for line, code, message in REASONS]


def test_cli_says_nothing_when_nothing_is_left_out(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "pw.json"
    assert main(["calibrate", str(SPEC), "--judge", JUDGE, "--json", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert json.loads(out.read_text())["skipped"] == []


def test_cli_caps_the_list_at_twenty_lines(tmp_path: Path, capsys: Any) -> None:
    only_good = "<user>Q{n}?</user>\n<comparison>\n<assistant> <!-- GOOD -->A{n}.</assistant>\n</comparison>\n\n"
    pair = "<user>Open?</user>\n<comparison>\n<assistant> <!-- GOOD -->Until 5.</assistant>\n" \
           "<assistant> <!-- BAD -->No.</assistant>\n</comparison>\n"
    p = _write(tmp_path, "".join(only_good.format(n=n) for n in range(23)) + pair, "many.md")
    assert main(["calibrate", str(p), "--judge", JUDGE]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "left out 23 of 24 comparison blocks:"
    assert err[1] == f"  {p}:2: comparison has GOOD replies but no BAD one: nothing to compare"
    assert err[20] == f"  {p}:97: comparison has GOOD replies but no BAD one: nothing to compare"
    assert err[21:] == ["  … and 3 more (--json FILE lists all of them)"]
    out = tmp_path / "all.json"
    assert main(["calibrate", str(p), "--judge", JUDGE, "--json", str(out)]) == 0
    assert capsys.readouterr().err.splitlines()[21:] == [f"  … and 3 more (all of them in {out})"]
    assert len(json.loads(out.read_text())["skipped"]) == 23


def test_cli_with_nothing_to_compare_lists_why_then_fails(tmp_path: Path, capsys: Any) -> None:
    p = _write(tmp_path, "# Desk\n\n<user>Renew?</user>\n<comparison>\n<assistant> <!-- GOOD -->Yes.</assistant>\n"
                         "</comparison>\n", "one.md")
    assert main(["calibrate", str(p), "--judge", JUDGE]) == 2
    err = capsys.readouterr().err
    assert err.startswith("left out 1 of 1 comparison blocks:\n"
                          f"  {p}:4: comparison has GOOD replies but no BAD one: nothing to compare\n")
    assert f"{p}: no <comparison> with a GOOD and a BAD reply (1 block left out, listed above)" in err
