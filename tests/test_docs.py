"""The README documents what exists: every setting, the two set-up commands, the CI command."""

from pathlib import Path

from tracuu.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [f"TRACUU_{name.upper()}" for name in Settings.model_fields if f"TRACUU_{name.upper()}" not in README]
    assert missing == []


def test_two_setup_commands_and_ci_runs_the_test_one():
    setup = README.split("## Set up", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in setup.split("```sh", 1)[1].split("```", 1)[0].splitlines()]
    assert [c for c in commands if c] == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
