"""LLM judges: rubrics compiled from rules, structured verdicts, yes/no log-probabilities,
voting and position-swapped pairwise comparison — all injection-hardened, the rule judges
behind a cascade that settles clear refusals first — and a trained reward model as a judge
(``reward``, ``--judge rm/<dir>``)."""

from charter.evaluate.judges._cascade import (
    ChecksSettled,
    PairSettled,
    Settled,
    pair_checks,
    settle,
    settle_pair,
    settle_pair_by_checks,
    settle_pair_with_checks,
    system_prompt_of,
)
from charter.evaluate.judges._fence import (
    Fenced,
    echoes_planted_verdict,
    fence,
    find_injections,
    stable_token,
    strip_injections,
)
from charter.evaluate.judges._judges import (
    CONTENT_JUDGE_SCHEMA,
    RubricJudge,
    VotingJudge,
    YesNoJudge,
    yes_probability,
)
from charter.evaluate.judges._pairwise import (
    PAIRWISE_SCHEMA,
    FollowsAnswer,
    PairwiseResult,
    RequestAnswer,
    follows,
    pairwise,
    pointwise_result,
    request_need,
)
from charter.evaluate.judges._prompts import REQUEST_CRITERIA, Question, questions
from charter.evaluate.judges._reward import (
    REWARD_EVAL_FILE,
    REWARD_PREFIX,
    RewardJudge,
    RewardModel,
    check_reward_dir,
    reward_messages,
)
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
    "REQUEST_CRITERIA",
    "REWARD_EVAL_FILE",
    "REWARD_PREFIX",
    "ChecksSettled",
    "Fenced",
    "FollowsAnswer",
    "JudgeVerdict",
    "PairSettled",
    "PairwiseResult",
    "Question",
    "RequestAnswer",
    "RewardJudge",
    "RewardModel",
    "RubricJudge",
    "Settled",
    "VotingJudge",
    "YesNoJudge",
    "check_reward_dir",
    "compile_rubric",
    "echoes_planted_verdict",
    "fence",
    "find_injections",
    "follows",
    "pair_checks",
    "pairwise",
    "parse_judge_output",
    "pointwise_result",
    "questions",
    "request_need",
    "reward_messages",
    "settle",
    "settle_pair",
    "settle_pair_by_checks",
    "settle_pair_with_checks",
    "stable_token",
    "strip_injections",
    "system_prompt_of",
    "yes_probability",
]
