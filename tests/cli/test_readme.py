"""The README stays true to the tree: its quick start is what CI runs, and every subcommand of the
command line is documented there."""

import re
import shlex

import pytest
from support import REPO

from perovskite_kg.cli import parser

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n\s*(.+?)\n\s*```", section)


def test_quick_start_is_two_commands_installing_then_building_and_testing():
    install_and_build, install_and_test = quick_start_commands()
    assert install_and_build.endswith("python -m pip install . && perovskite-kg build")
    assert install_and_test == "python -m pip install '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command_exactly():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_every_subcommand_is_documented_with_an_example():
    commands = parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"| `{name}` | `perovskite-kg {name}" in README, name


CONSOLE = re.compile(r"```console\n\$ perovskite-kg (?P<command>.+?)\n(?P<output>.*?)```", re.S)


def test_the_readme_has_command_line_examples():
    assert len(CONSOLE.findall(README)) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("command, output", CONSOLE.findall(README), ids=lambda c: c[:40])
def test_each_readme_example_is_the_programs_real_output(run_cli, command, output):
    done = run_cli(*shlex.split(command))
    assert done.returncode == 0, done.stderr
    assert done.stdout == output
