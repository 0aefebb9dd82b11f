"""LLM judges: rubrics compiled from rules, structured verdicts, yes/no log-probabilities,
voting and position-swapped pairwise comparison — all injection-hardened."""

from charter.evaluate.judges._fence import (
    Fenced,
    echoes_planted_verdict,
    fence,
    find_injections,
    strip_injections,
)
from charter.evaluate.judges._judges import RubricJudge, VotingJudge, YesNoJudge, judge_messages
from charter.evaluate.judges._pairwise import PAIRWISE_SCHEMA, PairwiseResult, pairwise
from charter.evaluate.judges._rubric import (
    JUDGE_SCHEMA,
    JudgeVerdict,
    compile_rubric,
    parse_judge_output,
)

__all__ = [
    "JUDGE_SCHEMA",
    "PAIRWISE_SCHEMA",
    "Fenced",
    "JudgeVerdict",
    "PairwiseResult",
    "RubricJudge",
    "VotingJudge",
    "YesNoJudge",
    "compile_rubric",
    "echoes_planted_verdict",
    "fence",
    "find_injections",
    "judge_messages",
    "pairwise",
    "parse_judge_output",
    "strip_injections",
]
