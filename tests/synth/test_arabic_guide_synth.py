"""The offline suite of the Arabic utility guide (tests/fixtures/guides/utility-support-ar.yaml)."""

from __future__ import annotations

from pathlib import Path

from charter.guide import load_guide
from charter.synth import asynthesize

GUIDE = load_guide(Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "utility-support-ar.yaml")


async def test_a_thousands_separator_is_no_clause_boundary() -> None:
    # the terse variation cut "Can I pay my 3,000 dirham arrears in instalments?" at the comma of
    # "3,000" ("Can I pay my 3?", a request for nothing), which the realism lint then dropped
    suite = await asynthesize(GUIDE, offline=True, techniques=["direct"])
    assert suite.config["unrealistic_examples"] == []
    assert not [c.prompt for c in suite.cases if c.prompt.endswith(" 3?")]
    # an Arabic request is not cut at its Arabic comma: "عليّ متأخرات ٢٬٤٠٠ درهم" asks nothing
    assert not [c for c in suite.cases if c.variation == "length-terse" and not c.prompt.isascii()]
