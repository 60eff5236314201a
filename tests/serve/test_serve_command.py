"""`perovskite-kg serve` refuses an address it cannot use in one line, with exit code 2."""

import socket


def test_a_port_in_use_is_a_usage_error(run_cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--port", str(port))
    assert done.returncode == 2
    assert done.stderr == (f"perovskite-kg: cannot listen on 127.0.0.1:{port}: Address already in "
                           "use (choose another --port or --host)\n")


def test_a_timeout_must_be_positive(run_cli):
    done = run_cli("serve", "--timeout", "0")
    assert done.returncode == 2
    assert "--timeout must be positive" in done.stderr and done.stderr.count("\n") == 1
