"""The README's examples are what they say: its YAML parses (PyYAML), and every publisher
command in its CI example is one the command line accepts (click parses it)."""

from __future__ import annotations

import re
import shlex
import textwrap

import click
import yaml

from conftest import REPO
from publisher.cli.main import cli

README = (REPO / "README.md").read_text("utf-8")
BLOCKS = [
    textwrap.dedent(match.group(2))
    for match in re.finditer(r"^( *)```yaml\n(.*?)\n\1```", README, re.S | re.M)
]


def _accepted(args: list[str]) -> None:
    """Raise click's error when ``publisher ARGS`` is not a command line it accepts."""
    context = click.Context(cli, info_name="publisher")
    command = cli.get_command(context, args[0])
    assert command is not None, args
    command.make_context(args[0], list(args[1:]), parent=context)


def test_every_yaml_example_parses():
    assert len(BLOCKS) >= 2
    for block in BLOCKS:
        assert [document for document in yaml.safe_load_all(block) if document]


def test_the_ci_example_runs_commands_the_command_line_accepts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where the parts' folders are, as the last job has them
    for k in range(1, 5):
        (tmp_path / f"part-{k}").mkdir()
    workflow = next(d for b in BLOCKS for d in yaml.safe_load_all(b) if d and "jobs" in d)
    runs = [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "run" in step
    ]
    commands = [
        shlex.split(part.strip().replace("${{ matrix.k }}", "1"))
        for line in runs
        for part in line.split("&&")
        if part.strip().startswith("publisher ")
    ]
    assert len(commands) >= 4
    for command in commands:
        _accepted(command[1:])
    try:
        _accepted(["build", "--no-such-option"])
    except click.UsageError:
        pass
    else:
        raise AssertionError("a wrong option was accepted: the check above checks nothing")
