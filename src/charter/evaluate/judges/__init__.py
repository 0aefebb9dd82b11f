"""LLM judges: rubrics compiled from rules, structured verdicts, yes/no log-probabilities,
voting and position-swapped pairwise comparison — all injection-hardened, the rule judges
behind a cascade that settles clear refusals first."""

from charter.evaluate.judges._cascade import Settled, settle
from charter.evaluate.judges._fence import (
    Fenced,
    echoes_planted_verdict,
    fence,
    find_injections,
    strip_injections,
)
from charter.evaluate.judges._judges import (
    CONTENT_JUDGE_SCHEMA,
    RubricJudge,
    VotingJudge,
    YesNoJudge,
)
from charter.evaluate.judges._pairwise import PAIRWISE_SCHEMA, PairwiseResult, pairwise
from charter.evaluate.judges._prompts import Question, questions
from charter.evaluate.judges._rubric import (
    JUDGE_SCHEMA,
    JudgeVerdict,
    compile_rubric,
    parse_judge_output,
)

__all__ = [
    "CONTENT_JUDGE_SCHEMA",
    "JUDGE_SCHEMA",
    "PAIRWISE_SCHEMA",
    "Fenced",
    "JudgeVerdict",
    "PairwiseResult",
    "Question",
    "RubricJudge",
    "Settled",
    "VotingJudge",
    "YesNoJudge",
    "compile_rubric",
    "echoes_planted_verdict",
    "fence",
    "find_injections",
    "pairwise",
    "parse_judge_output",
    "questions",
    "settle",
    "strip_injections",
]
