"""Real SPARQL stores for the `stores` tier: Oxigraph server and Virtuoso 7, on loopback ports, and
Apache Jena's ARQ over the exported graph.

Each store runs from its own folder under the session's pytest temporary directory (Virtuoso with
a `virtuoso.ini` written here, never the system one), is filled once with `perovskite-kg push`,
and is stopped when the session ends, whether the tests passed or not. A store whose program is
not installed makes its tests skip with the reason; `.ci/run` installs all three, so CI runs them.

Virtuoso takes the push on /sparql-graph-crud-auth, the Graph Store endpoint that asks for HTTP
Digest credentials: a new database's `dba` account, handed to the command through
PEROVSKITE_KG_USER and PEROVSKITE_KG_PASSWORD as a user would (no grants to change with isql).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMMAND = Path(sys.executable).parent / "perovskite-kg"
START_TIMEOUT_S = 120
JENA_JARS = Path("/usr/share/java")
JENA_CLASSPATH = ("jena-arq", "jena-base", "jena-core", "jena-iri", "jena-cmds", "commons-cli",
                  "commons-compress", "commons-io", "commons-lang3", "dexx.collection", "guava",
                  "thrift", "slf4j-api", "slf4j-nop")
"""The jars `arq.sparql` loads (Jena and the Debian packages it depends on). Not every jar of
/usr/share/java: two SLF4J bindings there make Jena stop at start."""
JENA_BUNDLES = "org/apache/jena/ext/xerces/"
JENA_TIMEOUT_S = 300
JENA_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
"""A JVM tuned for a run of a few seconds (the quick compiler only, one GC thread): 40% less CPU
per query here."""

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 4
ServerThreads = 4
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Store:
    """A running store: where to query it, where to push, the credentials, its ports."""

    name: str
    endpoint: str
    graph_store: str
    ports: tuple[int, ...]
    env: dict[str, str] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(process: subprocess.Popen, log: Path, ready: str, name: str) -> None:
    """Wait until the server writes `ready` in its log (no probing connection needed)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} exited with {process.returncode}: {log.read_text()[-2000:]}")
        if log.is_file() and ready in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    pytest.fail(f"{name} did not start within {START_TIMEOUT_S} s: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def push(store: Store, guard) -> None:
    """Fill the store with the project's two named graphs, as a user would."""
    allow(store, guard)
    env = {k: v for k, v in os.environ.items() if k != "PEROVSKITE_KG_ROOT"}
    env |= guard.allow_env() | store.env
    done = subprocess.run([str(COMMAND), "push", "--endpoint", store.endpoint,
                           "--graph-store", store.graph_store],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def allow(store: Store, guard) -> None:
    for port in store.ports:
        guard.allowed.add(("127.0.0.1", port))


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory, network_guard):
    program = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}{os.pathsep}"
                           f"{os.environ.get('PATH', '')}")
    if program is None:
        pytest.skip("Oxigraph server is not installed (pip install oxigraph, in the test extra)")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = folder / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([program, "serve", "--location", str(folder / "db"),
                                    "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=out)
    try:
        _wait_for(process, log, "Listening for requests", "oxigraph serve")
        store = Store("oxigraph", f"http://127.0.0.1:{port}/query",
                      f"http://127.0.0.1:{port}/store", (port,))
        push(store, network_guard)
        yield store
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory, network_guard):
    program = shutil.which("virtuoso-t")
    if program is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource; .ci/run does)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "virtuoso.log"
    with (folder / "stdout.log").open("w") as out:
        # -f: stay in the foreground, so the fixture owns the process and can stop it.
        process = subprocess.Popen([program, "-f", "-c", str(ini)], cwd=folder, stdout=out,
                                   stderr=out)
    try:
        _wait_for(process, log, "Server online at", "virtuoso-t")
        store = Store("virtuoso", f"http://127.0.0.1:{http_port}/sparql",
                      f"http://127.0.0.1:{http_port}/sparql-graph-crud-auth", (http_port,),
                      {"PEROVSKITE_KG_USER": "dba", "PEROVSKITE_KG_PASSWORD": "dba"})
        push(store, network_guard)
        yield store
    finally:
        _stop(process)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request, network_guard):
    """Each store in turn, its ports allowed for this test (every test starts with none)."""
    store = request.getfixturevalue(f"{request.param}_server")
    allow(store, network_guard)
    return store


@dataclass
class Jena:
    """ARQ over one exported file: `answer` runs a query text and returns its SPARQL JSON."""

    classpath: str
    data: Path
    folder: Path

    def answer(self, text: str) -> dict:
        query = self.folder / "query.rq"
        query.write_text(text, encoding="utf-8")
        done = subprocess.run(["java", *JENA_JVM, "-cp", self.classpath, "arq.sparql", "--data",
                               str(self.data), "--query", str(query), "--results=JSON"],
                              capture_output=True, text=True, timeout=JENA_TIMEOUT_S)
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)


def _xerces_bundles(core: Path, folder: Path) -> Path:
    """Jena's Xerces message bundles copied from `core` to where Debian's build looks for them."""
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith(JENA_BUNDLES) and name.endswith(".properties"):
                target = folder / "xerces" / name.removeprefix(JENA_BUNDLES)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


@pytest.fixture(scope="session")
def jena(tmp_path_factory):
    jars = [JENA_JARS / f"{name}.jar" for name in JENA_CLASSPATH]
    missing = [jar.name for jar in jars if not jar.is_file()]
    if shutil.which("java") is None or missing:
        pytest.skip(f"Apache Jena is not installed (missing {', '.join(missing) or 'java'}; "
                    "apt-get install libapache-jena-java, as .ci/run does)")
    folder = tmp_path_factory.mktemp("jena")
    bundles = _xerces_bundles(JENA_JARS / "jena-core.jar", folder / "bundles")
    data = folder / "graph.nt"
    env = {k: v for k, v in os.environ.items() if k != "PEROVSKITE_KG_ROOT"}
    done = subprocess.run([str(COMMAND), "export", "--format", "nt", "--inferred", "-o",
                           str(data)], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return Jena(os.pathsep.join(map(str, [*jars, bundles])), data, folder)
