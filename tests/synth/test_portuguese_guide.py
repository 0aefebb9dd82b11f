"""Offline synthesis of a Brazilian-Portuguese tenants'-rights guide nobody tuned Charter on
(tests/fixtures/guides/inquilinos-ptbr.yaml)."""

from __future__ import annotations

from pathlib import Path

from charter.guide import load_guide
from charter.synth import synthesize

GUIDE = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "inquilinos-ptbr.yaml"
CASE_REQUEST = "Li meu contrato, a cláusula 7 é válida? Eu ganho se for para a justiça?"


def test_an_out_of_scope_use_case_a_rule_governs_cites_that_rule_not_the_generic_edge_case() -> None:
    # 'caso-concreto' (a legal opinion on one's own case) is out of scope and orientacao.sem-parecer
    # is written for it (redirect to the legal-aid line 0800 777 4210); its request was filed under
    # edge.fora-do-escopo, whose response sends people to the Defensoria Pública, so the judge
    # would fail the very redirect the rule asks for
    suite = synthesize(load_guide(GUIDE), offline=True, techniques=["direct"])
    asked = [c for c in suite.cases if c.prompt == CASE_REQUEST]
    assert [(c.rule_ids, c.expected.value, c.use_case) for c in asked] == [
        (["orientacao.sem-parecer"], "redirect", "caso-concreto")]
    assert not [c.id for c in suite.cases if "cláusula 7 é válida" in c.prompt
                and c.rule_ids == ["edge.fora-do-escopo"]]
