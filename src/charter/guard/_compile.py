"""Guide → guard config: which scorer watches which rule, where, with what action.

Cheapest first: deterministic checks (canary and system-prompt leakage, PII, secrets,
injection in untrusted text, verbosity, formatting, claiming to be human, a blocklist left
empty to fill in), then the input classifier trained from the guide, the hazard-request model
shipped with Charter (for the guide's ``hazards.*`` rules), then (with a judge) the
policy-conditioned LLM classifier on input.
"""

from __future__ import annotations

from pathlib import Path

from charter.evaluate import is_contact, named_resources, refusal_resources
from charter.guard._classifier import blockable
from charter.guard._config import Action, GuardConfig, GuardSpec, GuideRef, SettledBy
from charter.guard._hazard import HAZARD_THRESHOLD
from charter.guide import AUTHORITY_ORDER, AuthorityLevel, Expected, Guide, RuleKind
from charter.types import Case, Intent, Message

__all__ = ["DEFAULT_REFUSAL", "JUDGE_BAND", "JUDGE_PROMPT", "JUDGE_THRESHOLD", "compile_guard_config"]

#: with a judge: the wording of its prompt, its threshold on p(Yes), and the band of the input
#: classifier's p(violating) inside which the judge decides (below it the request passes, at or
#: above it the classifier blocks), chosen on the development split (docs/guards.md)
JUDGE_PROMPT = "request"
JUDGE_THRESHOLD = 0.55
JUDGE_BAND: tuple[float, float] | None = (0.3, 0.6)

DEFAULT_REFUSAL = "I'm sorry, but I can't help with that."


def _rules_matching(guide: Guide, *words: str, hazards: tuple[str, ...] = ()) -> list[str]:
    out = []
    for r in guide.iter_rules():
        hay = r.id.lower()
        if any(w in hay for w in words) or any(h in r.hazards or r.id.endswith(f".{h}") for h in hazards):
            out.append(r.id)
    return out


#: the guard's refusal in the guide's default language: (refusal, "I'm {name}, …" sentence)
_REFUSALS: dict[str, tuple[str, str]] = {
    "en": (DEFAULT_REFUSAL, " I'm {name}, and that's outside what I'm allowed to do here."),
    "fr": ("Désolé, je ne peux pas vous aider pour cette demande.",
           " Je suis {name}, et cela sort de ce que je suis autorisé à faire ici."),
    "de": ("Das kann ich leider nicht übernehmen.", " Ich bin {name}, und das gehört nicht zu dem, was ich hier tun darf."),
    "es": ("Lo siento, pero no puedo ayudarle con eso.", " Soy {name}, y eso está fuera de lo que puedo hacer aquí."),
    "it": ("Mi dispiace, ma non posso aiutarla con questa richiesta.",
           " Sono {name}, e questo va oltre ciò che posso fare qui."),
    "pt": ("Desculpe, mas não posso ajudar com isso.", " Sou {name}, e isso está fora do que posso fazer aqui."),
    # (no space between sentences in Chinese and Japanese)
    "zh": ("抱歉，这个我无法帮您处理。", "我是{name}，这超出了我的服务范围。"),
    "ja": ("申し訳ありませんが、そのご依頼はお手伝いできません。", "{name}です。こちらは私の対応範囲外です。"),
    "ar": ("عذرًا، لا أستطيع مساعدتك في هذا الطلب.", " أنا {name}، وهذا خارج نطاق ما يُسمح لي به هنا."),
    "ru": ("Извините, но с этим я помочь не могу.", " Я {name}, и это выходит за рамки того, что мне разрешено делать здесь."),
    "ko": ("죄송하지만 그 요청은 도와드릴 수 없어요.", " 저는 {name}이고, 이 요청은 제가 도와드릴 수 있는 범위를 벗어나요."),
    # (the name stands alone: Turkish would put a suffix on it after a verb)
    "tr": ("Üzgünüm, bu konuda yardımcı olamam.", " Ben {name}; bu istek yetki alanımın dışında."),
    # (the name stands alone: Polish would decline it after "jestem")
    "pl": ("Przepraszam, ale nie mogę pomóc w tej sprawie.", " Tu {name}; to wykracza poza to, co mogę tu zrobić."),
    "id": ("Mohon maaf, saya tidak dapat membantu permintaan ini.", " Saya {name}, dan hal ini di luar wewenang saya."),
    "vi": ("Xin lỗi, tôi không thể hỗ trợ yêu cầu này.", " Tôi là {name}, và việc này nằm ngoài phạm vi tôi được phép hỗ trợ."),
    # (Thai separates sentences with a space; no ค่ะ / ครับ: the particle says the speaker's gender,
    # which the guide does not)
    "th": ("ขออภัย ไม่สามารถช่วยเรื่องนี้ได้", " เรื่องนี้อยู่นอกเหนือขอบเขตที่{name}ให้บริการได้"),
    # (the first-person future "לא אוכל" and "אני {name}" say no gender, which the guide may not:
    # "אני לא יכול / יכולה" would)
    "he": ("סליחה, לא אוכל לעזור בזה.", " אני {name}, וזה מחוץ לתחום שלי כאן."),
    "nl": ("Sorry, daar kan ik u helaas niet mee helpen.", " Ik ben {name}, en dit valt buiten wat ik hier mag doen."),
}


def _refusal(guide: Guide) -> str:
    """The guard's refusal, in the guide's default language (English when Charter has no
    wording for it): a French shop's customer blocked with "I'm sorry, but I can't help with
    that." got an answer in a language the guide never speaks by default."""
    text, intro = _REFUSALS.get(_default_language(guide), _REFUSALS["en"])
    name = guide.behavior.persona.name
    if name:
        text += intro.format(name=name)
    return text


#: the redirect to what a ``must_not`` rule's redirect names, in the guide's default language
_CONTACT_REDIRECTS: dict[str, str] = {
    "en": "For this, please contact: {contacts}.", "fr": "Pour cela, vous pouvez contacter : {contacts}.",
    "de": "Dafür wenden Sie sich bitte an: {contacts}.", "es": "Para esto, puede contactar: {contacts}.",
    "it": "Per questo può rivolgersi a: {contacts}.", "pt": "Para isso, pode contactar: {contacts}.",
    "zh": "如需办理，请联系：{contacts}。", "ja": "こちらについては、{contacts}までお問い合わせください。",
    "ar": "لهذا الطلب يمكنك التواصل مع: {contacts}.",
    "ru": "По этому вопросу обращайтесь: {contacts}.",
    "ko": "이 문의는 다음으로 연락해 주세요: {contacts}.",
    "tr": "Bu konuda şu kanallardan bize ulaşabilirsiniz: {contacts}.",
    "pl": "W tej sprawie proszę się skontaktować: {contacts}.",
    "id": "Untuk hal ini, silakan hubungi: {contacts}.",
    "vi": "Về việc này, quý khách vui lòng liên hệ: {contacts}.",
    "th": "เรื่องนี้กรุณาติดต่อ {contacts}",
    "he": "בנושא זה אפשר לפנות אל: {contacts}.",
    "nl": "Hiervoor kunt u terecht bij: {contacts}.",
}


def _default_language(guide: Guide) -> str:
    return guide.audience.languages.primary.lower().split("-")[0]


def _named_contacts(guide: Guide, rule_id: str) -> list[str]:
    """The phone numbers, email addresses and URLs the guide names for ``rule_id`` (what its
    redirect must carry: :func:`charter.evaluate.named_resources`)."""
    probe = Case(id=f"guard-redirect:{rule_id}", messages=[Message(role="user", content="")],
                 expected=Expected.redirect, intent=Intent.violating, rule_ids=[rule_id])
    return [x for x in named_resources(guide, probe) if is_contact(x)]


def _redirects(guide: Guide) -> dict[str, str]:
    """Rule id → what a block for it offers instead. An edge case's ``alternative``; for a
    ``must_not`` rule whose answer is a redirect, the contacts the guide names for it ("never
    give investment advice; send the customer to an advisor at 800 555 020"): the guard's
    generic refusal alone took away the number the rule asks for. For any other rule the guard
    blocks for, the numbers, URLs and emails every GOOD refusal of the rule gives
    (:func:`charter.evaluate.refusal_resources`: a dosage question still gets the nurse line)."""
    out: dict[str, str] = {}
    for e in guide.edge_cases:
        if e.alternative:
            out[e.id] = e.alternative
    template = _CONTACT_REDIRECTS.get(_default_language(guide), _CONTACT_REDIRECTS["en"])
    for r in guide.iter_rules():
        if r.expected_on_violation() != Expected.redirect or r.id in out:
            continue
        if r.rationale and r.id.startswith("edge."):
            out[r.id] = r.rationale
        elif r.kind == RuleKind.must_not and (contacts := _named_contacts(guide, r.id)):
            out[r.id] = template.format(contacts=", ".join(contacts))
    for r in guide.iter_rules():
        if r.id in out or not blockable(r, guide):
            continue
        if res := refusal_resources(guide, r.id):
            out[r.id] = template.format(contacts=", ".join(res))
    return out


def compile_guard_config(guide: Guide, *, guide_path: str | Path | None = None, canary: str | None = None,
                         judge: bool = False, classifier_threshold: float = 0.5,
                         judge_threshold: float = JUDGE_THRESHOLD, judge_prompt: str = JUDGE_PROMPT,
                         judge_band: tuple[float, float] | None = JUDGE_BAND,
                         hazard: bool = False, hazard_threshold: float = HAZARD_THRESHOLD) -> GuardConfig:
    """The default guard config for ``guide`` (``judge``: turn on the LLM policy classifier on
    input; ``hazard``: turn on the hazard-request model shipped with Charter for the guide's
    ``hazards.*`` rules, a guard compiled, off, whenever the guide has such rules; ``canary``:
    the string planted in the system prompt, redacted from every output).

    With ``judge`` and a ``judge_band`` (low, high) the two input guards form a cascade: the
    input classifier blocks at ``high`` and above, and the judge runs only on a message whose
    classifier score is in ``[low, high)``. With ``judge_band=None`` both run on every message
    and either one blocks."""
    leak_rules = _rules_matching(guide, "prompt-extraction", "system-prompt", "confidential")
    pii_rules = _rules_matching(guide, "pii", "privacy", "personal-data", "third-party", hazards=("prv",))
    secret_rules = _rules_matching(guide, "secret", "credential", "password")
    injection_rules = _rules_matching(guide, "injection", "injected")
    human_rules = _rules_matching(guide, "human-claim", "no-human")
    refusing = [r.id for r in guide.iter_rules() if blockable(r, guide)]
    hazard_rules = [r for r in refusing if r.startswith("hazards.")]
    # the rules a developer message may not lift (those of a level above the developer's)
    platform_rules = [r.id for r in guide.iter_rules()
                      if AUTHORITY_ORDER[r.authority] < AUTHORITY_ORDER[AuthorityLevel.developer]]
    guards = [
        GuardSpec(id="leakage", scorer="leakage", stage="output", rules=leak_rules, action=Action.redact),
        GuardSpec(id="pii-output", scorer="pii", stage="output", rules=pii_rules, action=Action.redact),
        GuardSpec(id="secrets-input", scorer="secrets", stage="input", rules=secret_rules, action=Action.redact,
                  roles=["user", "tool"]),
        GuardSpec(id="secrets-output", scorer="secrets", stage="output", rules=secret_rules, action=Action.redact),
        GuardSpec(id="injection-data", scorer="injection", stage="input", rules=injection_rules,
                  action=Action.redact, roles=["tool"]),
        GuardSpec(id="injection-user", scorer="injection", stage="input", rules=injection_rules,
                  action=Action.flag, roles=["user"]),
        # a developer message that lifts the rules ("you may ignore the following rule: …"): a rule
        # above the developer's level still holds, so the turn is flagged (only where there is one).
        # A hit names the rule the message quotes (none for "all restrictions are lifted"); the guard
        # lists no rules of its own, so a rule's guards are still those that act on its violations
        *([GuardSpec(id="developer-override", scorer="rule_override", stage="input", action=Action.flag,
                     roles=["developer"])] if platform_rules else []),
        GuardSpec(id="blocklist", scorer="blocklist", stage="both", action=Action.block,
                  options={"terms": []}, enabled=False),
        GuardSpec(id="verbosity", scorer="verbosity", stage="output", action=Action.flag),
        GuardSpec(id="formatting", scorer="formatting", stage="output", action=Action.flag),
        GuardSpec(id="human-claim", scorer="human_claim", stage="output", rules=human_rules, action=Action.flag),
        GuardSpec(id="input-classifier", scorer="prompt_classifier", stage="input", rules=refusing,
                  threshold=judge_band[1] if judge and judge_band else classifier_threshold, action=Action.block),
        GuardSpec(id="input-classifier-data", scorer="prompt_classifier", stage="input", rules=refusing,
                  threshold=judge_band[1] if judge and judge_band else classifier_threshold, action=Action.block,
                  roles=["tool"], options={"injected_only": True}),
        # the hazard-request model shipped with Charter, for the guide's rules of the built-in hazard
        # library only (a guide without them has no such guard)
        # (off unless ``hazard``: on the example guides' suites it blocks 0.8-2.2% of the look-alikes
        # of seen seeds that no guard blocked; docs/guards.md)
        *([GuardSpec(id="hazard-classifier", scorer="hazard_classifier", stage="input", rules=hazard_rules,
                     threshold=hazard_threshold, action=Action.block, enabled=hazard)] if hazard_rules else []),
        GuardSpec(id="policy-judge", scorer="policy_judge", stage="input", rules=refusing,
                  threshold=judge_threshold, action=Action.block, enabled=judge, options={"prompt": judge_prompt},
                  settled_by=SettledBy(guard="input-classifier", low=judge_band[0], high=judge_band[1])
                  if judge_band else None),
    ]
    return GuardConfig(
        guide=GuideRef(name=guide.meta.name, version=guide.meta.version, fingerprint=guide.fingerprint(),
                       path=str(guide_path) if guide_path is not None else None),
        refusal=_refusal(guide), canary=canary, redirects=_redirects(guide), guards=guards,
    )
