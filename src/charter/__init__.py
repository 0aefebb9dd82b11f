"""Charter: one behavior guide in; system prompt, eval and red-team suites, training data,
judges, guards and a model card out — and a rule-by-rule measure of how far a model is from
the guide.

The top level re-exports the main entry point of each noun's package (loaded on first use,
so ``import charter`` stays cheap)::

    import charter
    guide = charter.load_guide("examples/isp-support.yaml")
    prompt = charter.compile_prompt(guide).text
    suite = charter.synthesize(guide, n=60, seed=0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter._lazy import lazy_exports as _lazy_exports
from charter._version import __version__
from charter.errors import CharterError, GuideError, Problem

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "Case": "charter.suite",
    "Context": "charter.registry",
    "EvalConfig": "charter.harness",
    "GenerateConfig": "charter.model",
    "Guide": "charter.guide",
    "JobConfig": "charter.job",
    "Message": "charter.suite",
    "Model": "charter.model",
    "ModelOutput": "charter.model",
    "Rule": "charter.guide",
    "RunStore": "charter.store",
    "Runner": "charter.runner",
    "RunnerConfig": "charter.runner",
    "Score": "charter.evaluate",
    "Scorer": "charter.evaluate",
    "Suite": "charter.suite",
    "build_scorers": "charter.evaluate",
    "compile_prompt": "charter.compile",
    "compute_metrics": "charter.evaluate",
    "current_context": "charter.registry",
    "default_context": "charter.registry",
    "evaluate_suite": "charter.harness",
    "get_model": "charter.model",
    "lint_guide": "charter.guide",
    "load_guide": "charter.guide",
    "load_guide_text": "charter.guide",
    "load_report": "charter.report",
    "read_suite": "charter.suite",
    "run_job": "charter.job",
    "synthesize": "charter.synth",
    "use_context": "charter.registry",
    "write_report": "charter.report",
    "write_suite": "charter.suite",
}

__all__ = [
    "Case",
    "CharterError",
    "Context",
    "EvalConfig",
    "GenerateConfig",
    "Guide",
    "GuideError",
    "JobConfig",
    "Message",
    "Model",
    "ModelOutput",
    "Problem",
    "Rule",
    "RunStore",
    "Runner",
    "RunnerConfig",
    "Score",
    "Scorer",
    "Suite",
    "__version__",
    "build_scorers",
    "compile_prompt",
    "compute_metrics",
    "current_context",
    "default_context",
    "evaluate_suite",
    "get_model",
    "lint_guide",
    "load_guide",
    "load_guide_text",
    "load_report",
    "read_suite",
    "run_job",
    "synthesize",
    "use_context",
    "write_report",
    "write_suite",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from charter.compile import compile_prompt
    from charter.evaluate import Score, Scorer, build_scorers, compute_metrics
    from charter.guide import Guide, Rule, lint_guide, load_guide, load_guide_text
    from charter.harness import EvalConfig, evaluate_suite
    from charter.job import JobConfig, run_job
    from charter.model import GenerateConfig, Model, ModelOutput, get_model
    from charter.registry import Context, current_context, default_context, use_context
    from charter.report import load_report, write_report
    from charter.runner import Runner, RunnerConfig
    from charter.store import RunStore
    from charter.suite import Case, Message, Suite, read_suite, write_suite
    from charter.synth import synthesize


__getattr__, __dir__ = _lazy_exports('charter', _LAZY, globals())
