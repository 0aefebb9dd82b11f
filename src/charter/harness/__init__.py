"""Run a suite with a guide's scorers: the one public "evaluate" entry point that ``charter
eval``, ``charter run`` and the orchestrators above them (guards, red-teaming, training) call.

It sits above :mod:`charter.runner` (which runs any scorers and knows no guide) and
:mod:`charter.evaluate` (which builds scorers and knows no runner), so neither has to import
the other.

>>> cfg = EvalConfig(prompt=resolve_system_prompt(guide), judge_mode="yesno")  # doctest: +SKIP
>>> info = await evaluate_suite(guide, suite, target, store=store, judge=judge, config=cfg)  # doctest: +SKIP
"""

from charter.harness._eval import (
    EvalConfig,
    PromptChoice,
    check_suite_matches,
    evaluate_suite,
    resolve_system_prompt,
)

__all__ = ["EvalConfig", "PromptChoice", "check_suite_matches", "evaluate_suite", "resolve_system_prompt"]
