"""Where the command finds the data: --root, then $PEROVSKITE_KG_ROOT, then the checkout around
the current directory, then the installed package's checkout or bundled copy."""

import shutil

from support import MINI_PROJECT, REPO


def first_line(done) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[0]


def checkout(tmp_path, name="perovskite-kg"):
    """A copy of the mini project with a pyproject.toml naming it `name`."""
    root = tmp_path / "checkout"
    shutil.copytree(MINI_PROJECT, root)
    (root / "pyproject.toml").write_text(f'[project]\nname = "{name}"\n', encoding="utf-8")
    return root


def test_root_option_wins_over_the_environment(run_cli, tmp_path):
    done = run_cli("--root", str(MINI_PROJECT), "info", env={"PEROVSKITE_KG_ROOT": str(REPO)})
    assert first_line(done) == f"perovskite-kg data in {MINI_PROJECT}"


def test_root_option_is_accepted_after_the_subcommand(run_cli):
    done = run_cli("info", "--root", str(MINI_PROJECT))
    assert first_line(done) == f"perovskite-kg data in {MINI_PROJECT}"


def test_environment_wins_over_the_checkout_around_the_current_directory(run_cli):
    done = run_cli("info", cwd=REPO, env={"PEROVSKITE_KG_ROOT": str(MINI_PROJECT)})
    assert first_line(done) == f"perovskite-kg data in {MINI_PROJECT}"


def test_checkout_is_found_from_a_subfolder(run_cli, tmp_path):
    root = checkout(tmp_path)
    done = run_cli("info", cwd=root / "graph")
    assert first_line(done) == f"perovskite-kg data in {root}"


def test_a_folder_of_another_project_is_not_taken_for_a_checkout(run_cli, tmp_path):
    root = checkout(tmp_path, name="some-other-project")
    done = run_cli("info", cwd=root / "graph")
    assert first_line(done) != f"perovskite-kg data in {root}"


def test_outside_any_checkout_the_installed_data_are_used(run_cli, tmp_path):
    # Editable install: the checkout it came from; regular install: the copy in the package.
    # Either way the files are the checkout's.
    done = run_cli("info", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    listed = {line.split()[0] for line in done.stdout.splitlines() if line.startswith("  ")}
    shipped = {
        str(p.relative_to(REPO))
        for folder in ("ontology", "graph")
        for p in (REPO / folder).glob("*.ttl")
    }
    assert shipped <= listed


def test_a_root_without_data_folders_is_refused(run_cli, tmp_path):
    done = run_cli("--root", str(tmp_path), "info")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"perovskite-kg: --root: {tmp_path} is not a perovskite-kg project "
        "(it needs ontology/ and graph/ folders)"
    )
    done = run_cli("info", env={"PEROVSKITE_KG_ROOT": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.startswith(f"perovskite-kg: PEROVSKITE_KG_ROOT: {tmp_path} is not")
