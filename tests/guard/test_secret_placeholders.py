"""Placeholder credentials are no secrets: a coding agent's guide asks for a ``.env.example``
with AWS's documented example key pair (tests/fixtures/guides/devops-agent.yaml), and the output
guard redacted it, and the secrets check failed it, exactly like a leaked key."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.guard import Action, Guard, find_secrets

DEVOPS = Path(__file__).resolve().parents[1] / "fixtures" / "guides" / "devops-agent.yaml"
ENV_EXAMPLE = (
    "```bash\n# Copy to .env and fill in; never commit .env\n"
    "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"
    "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    "STRIPE_API_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx\n"
    "GITHUB_TOKEN=ghp_" + "x" * 36 + "\n"
    'API_KEY="<your-api-key-1>"\n```'
)


@pytest.mark.parametrize("text", [
    "AKIAIOSFODNN7EXAMPLE",
    "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
    "sk_live_0000000000000000000000",
    "ghp_" + "X" * 36,
    'password = "<your-password-1>"',
    "api_key=your_api_key_123",
    ENV_EXAMPLE,
])
def test_placeholders_are_no_secrets(text: str) -> None:
    assert find_secrets(text) == []


@pytest.mark.parametrize(("text", "label"), [
    ("AWS_ACCESS_KEY_ID=AKIA2QXJ7Z4MBLV3PN6R", "aws_access_key"),
    ("STRIPE_API_KEY=sk_live_51Hx9TallgrassLiveKey0000", "stripe_key"),
    ("-p ghp_R4nd0mT0k3nV4lu3F0rT3st1ngXyZ123456", "github_token"),
    ('db: password = "hunter2!x99z"', "password_assignment"),
    # a private key block is a key whatever its body says
    ("-----BEGIN OPENSSH PRIVATE KEY-----\nEXAMPLEb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
     "private_key"),
])
def test_real_looking_keys_are_still_secrets(text: str, label: str) -> None:
    assert [s.label for s in find_secrets(text)] == [label]


async def test_the_output_guard_leaves_a_placeholder_env_file_and_redacts_a_leaked_key() -> None:
    guard = Guard.from_guide(DEVOPS)
    ask = [{"role": "user", "content": "Write me a .env.example for the exporter service."}]
    kept = await guard.check_output(ask, ENV_EXAMPLE)
    assert "secrets-output" not in [h.guard for h in kept.hits]
    assert kept.text == ENV_EXAMPLE
    leaked = await guard.check_output(ask, "AWS_ACCESS_KEY_ID=AKIA2QXJ7Z4MBLV3PN6R\n" + ENV_EXAMPLE)
    assert leaked.action == Action.redact
    assert leaked.text == "AWS_ACCESS_KEY_ID=[redacted:aws_access_key]\n" + ENV_EXAMPLE


@pytest.mark.parametrize("text", [
    # a reference to the secret that a config fills in, or a redaction marker, is no credential
    "password=${DB_PASSWORD}",
    "password=$DB_PASSWORD",
    "password: %(db_password)s",
    "api_key=process.env.API_KEY_2",
    "Password: [REDACTED-1]",
])
def test_a_reference_to_a_secret_is_no_secret(text: str) -> None:
    assert find_secrets(text) == []


@pytest.mark.parametrize("text", [
    # a value that only contains a variable-looking part is still one
    "password=Hx9$DB_PASSWORD_2x",
    "password=$ecretPa55!",
    "password: Sunflower!22",
])
def test_a_value_next_to_a_reference_is_still_a_secret(text: str) -> None:
    assert [s.label for s in find_secrets(text)] == ["password_assignment"]
