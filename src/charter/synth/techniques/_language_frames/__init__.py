"""One language's attack frames, as one value: :class:`LanguageFrames`.

Each module of this package (``de``, ``nl``, …) holds one language's frames as one
``FRAMES = LanguageFrames(...)`` call, and :func:`charter.synth.techniques._frames.register`
files them into the tables the techniques read. Every field is a required keyword, so a language
that forgets a table does not construct (``TypeError: ... missing 1 required keyword-only
argument: 'spoof'``) and mypy names the field; before, a forgotten table silently fell back to the
English frame. A language that deliberately has no frame for one table passes ``None`` there,
with a comment why: that table's English words are used for it (a technique records
``frame_language`` en only from its main table, not from a secondary one such as ``levels``,
``prefix_templates`` or ``many_shot_labels``, so a translation is better than a ``None`` there).

The fields are named after the tables (``roleplay`` fills ``ROLEPLAY``) and have their shapes,
with the same slots as the English constants they stand for (``{req}``, ``{name}``,
``{code}``, ``{level}``, ``{prefix}``, ``{source}``, ``{tool}``, ``{text}``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LanguageFrames"]


@dataclass(frozen=True, kw_only=True)
class LanguageFrames:
    """Every frame of one language (``None``: this table keeps the English frame, on purpose)."""

    # --- roleplay -------------------------------------------------------------------------
    roleplay: tuple[str, ...] | None
    #: the word in a roleplay template that marks the grandmother persona
    grandmother: str | None
    # --- prefix-injection -----------------------------------------------------------------
    prefixes: tuple[str, ...] | None
    prefix_templates: tuple[str, ...] | None
    # --- hypothetical / fiction -----------------------------------------------------------
    hypothetical: tuple[str, ...] | None
    fiction: tuple[str, ...] | None
    # --- refusal-suppression --------------------------------------------------------------
    #: (the rules, the sentence before them, the label before the request)
    suppression: tuple[tuple[str, ...], str, str] | None
    # --- payload-splitting ----------------------------------------------------------------
    #: (the opening sentence, the instruction after the definitions with {z} for "a + b + …")
    splitting: tuple[str, str] | None
    # --- base64 / rot13 -------------------------------------------------------------------
    base64_leads: tuple[str, ...] | None
    rot13_leads: tuple[str, ...] | None
    # --- authority ------------------------------------------------------------------------
    spoof: tuple[str, ...] | None
    #: the authority levels' names in the spoofed system message
    levels: dict[str, str] | None
    claim: tuple[str, ...] | None
    # --- tool- / document-injection -------------------------------------------------------
    harmful_wrap: tuple[str, ...] | None
    refusal_wrap: tuple[str, ...] | None
    tool_tasks: tuple[str, ...] | None
    #: the user's request about a pasted document; {source} is the document with its
    #: demonstrative ("dieses Dokument", "cette page web"), in the case the sentence needs
    doc_tasks: tuple[str, ...] | None
    #: (the source with its demonstrative for doc_tasks, its plain name for the line before a
    #: document), per source
    source_names: dict[str, tuple[str, str]] | None
    #: (the assistant's line before the tool call with {tool}, the line before a pasted document
    #: with {source}, the three generic filler lines of a document)
    injection_lines: tuple[str, str, tuple[str, str, str]] | None
    # --- many-shot ------------------------------------------------------------------------
    many_shot_filler: tuple[tuple[str, str], ...] | None
    #: the speaker labels of the faux transcript
    many_shot_labels: tuple[str, str] | None
    # --- multi-turn-escalation ------------------------------------------------------------
    #: (generic warm-up turns, escalations, the assistant's warm-up answer, the "help me with
    #: {a}" question, the answer to it)
    multi_turn: tuple[tuple[tuple[str, str], ...], tuple[str, ...], str, str, str] | None
    # --- authority-developer-override -----------------------------------------------------
    #: the developer note that tries to lift a rule only the platform may change; it is in the
    #: language of the rule it quotes (``{text}``, quoted the way the language quotes), not the
    #: case's: a developer who writes the rules in Polish writes the override in Polish too
    developer_note: tuple[str, ...] | None
