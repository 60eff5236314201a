"""The stored queries in `queries/`: each `.rq` file and the `#+ key: value` header it opens with.

The header is the query's contract, read by `perovskite-kg queries`, by `query` (to bind
parameters) and by the tests (to check the answer's shape), in the style of grlc query files:

    #+ id: CQ-07
    #+ summary: Shells that keep at least 80% of the PL after water treatment
    #+ question: Which shells keep at least 80% of the initial PL after at least a week in water?
    #+ tags: stability, water
    #+ expects: non-empty; columns heterostructure, shell, remnantPlPercent, minRemnantPercent
    #+ param: minRemnantPercent = 80 (decimal) the least remnant PL, in percent
    #+ values: stressor = pk:Stressor
    #+ reasoning: pk:WaterResistantHeterostructure
    #+ lists: shells

`expects` is `non-empty`, `empty` or `rows N`, then `; columns ...` (SELECT), or `boolean` (ASK)
or `graph` (CONSTRUCT, DESCRIBE). A parameter is bound by `--param NAME=VALUE`, else to its
default; it must be one of the SELECT columns (the answer says which value it used). `reasoning`
names the defined classes whose inferred members the query depends on, or the properties whose
inferred values it reads. `lists` names the columns whose cells join several values with "; "
(GROUP_CONCAT): SPARQL leaves the order of those values to the engine, so other stores may give
them in another order, and tests that compare engines compare such a cell as a set of values.
`values: NAME = TERM` says where a parameter's allowed values are read from the graph: the members
of the class TERM, or the values of the property TERM (`reference = pk:referenceNumber`).
"""

import re
from collections import namedtuple
from pathlib import Path

from perovskite_kg.errors import InputError
from perovskite_kg.project import paths, reading

REQUIRED_KEYS = ("id", "summary", "question", "tags", "expects")
REPEATABLE_KEYS = ("param", "reasoning", "lists", "values")
LIST_SEPARATOR = "; "
"""How a `lists` column joins its values."""
PARAMETER_KINDS = ("iri", "string", "integer", "decimal", "boolean")

_HEADER_LINE = re.compile(r"#\+\s*(?P<key>[A-Za-z-]+)\s*:\s*(?P<value>.*?)\s*$")
_PARAMETER = re.compile(
    r"(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<default>\"[^\"]*\"|\S+)\s*"
    r"\((?P<kind>\w+)\)\s*(?P<description>.*)"
)
_VALUES = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<term>\S+)")
_EXPECTS = re.compile(r"(?P<shape>non-empty|empty|rows (?P<rows>\d+)|boolean|graph)"
                      r"(?:\s*;\s*columns\s+(?P<columns>.+))?")


class Parameter(namedtuple("Parameter", "name default kind description")):
    """A value the user may set with `--param NAME=VALUE` (each field a str)."""

    __slots__ = ()


class Expectation(namedtuple("Expectation", "shape rows columns")):
    """The shape of the answer a query promises: its kind (str), how many rows (int or None),
    and which columns (a tuple of str)."""

    __slots__ = ()


class QueryFile(namedtuple("QueryFile", "path text header parameters reasoning lists values",
                           defaults=((), (), (), ()))):
    """One query text with its header (empty for an ad-hoc query): its path (None for an ad-hoc
    query), text, header (a dict of str), its `Parameter`s, the reasoning it relies on and the
    lists it gives (tuples of str), and `values`, (parameter, class or property) pairs: where each
    parameter's allowed values come from."""

    __slots__ = ()

    @property
    def name(self) -> str:
        return self.path.stem if self.path else "<query>"

    @property
    def source(self) -> str:
        """How error messages name the query."""
        return paths.display(self.path) if self.path else "<query>"

    @property
    def expects(self) -> Expectation | None:
        text = self.header.get("expects")
        return _expectation(text) if text else None


def read(path: Path) -> QueryFile:
    """Read a query file and its header; a malformed header line is a located `InputError`."""
    shown = paths.display(path)
    try:
        text = reading.read_bytes(Path(path), shown).decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 at byte offset {err.start} (save the file as UTF-8)",
                         shown) from err
    return parse(text, Path(path))


def parse(text: str, path: Path | None = None) -> QueryFile:
    """The header of `text`: the `#+` lines among the comment lines it opens with."""
    shown = paths.display(path) if path else "<query>"
    header: dict[str, str] = {}
    parameters: list[Parameter] = []
    reasoning: list[str] = []
    lists: list[str] = []
    values: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        found = _HEADER_LINE.match(stripped)
        if not found:
            continue
        key, value = found["key"].lower(), found["value"]
        column = line.index("#") + 1
        if key == "param":
            parameters.append(_parameter(value, shown, number, column))
        elif key == "reasoning":
            reasoning += [term.strip() for term in value.split(",") if term.strip()]
        elif key == "lists":
            lists += [column.strip() for column in value.split(",") if column.strip()]
        elif key == "values":
            found_values = _VALUES.fullmatch(value)
            if not found_values:
                raise InputError("malformed 'values': write '#+ values: NAME = pk:SomeClass'",
                                 shown, number, column)
            values.append((found_values["name"], found_values["term"]))
        elif key in REQUIRED_KEYS:
            if key in header:
                raise InputError(f"header key '{key}' is given twice", shown, number, column)
            if key == "expects":
                _expectation(value, shown, number, column)
            header[key] = value
        else:
            known = ", ".join(REQUIRED_KEYS + REPEATABLE_KEYS)
            raise InputError(f"unknown header key '{key}' (known: {known})", shown, number, column)
    names = [p.name for p in parameters]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(f"parameter declared twice: {', '.join(duplicates)}", shown)
    undeclared = sorted({n for n, _ in values} - set(names))
    if undeclared:
        raise InputError(f"'values' for an undeclared parameter: {', '.join(undeclared)} "
                         "(declare it with '#+ param:')", shown)
    return QueryFile(path, text, header, tuple(parameters), tuple(reasoning), tuple(lists),
                     tuple(values))


def stored(root: Path) -> list[QueryFile]:
    """Every stored query under `root`, sorted by name."""
    return [read(path) for path in paths.query_files(root)]


def find(root: Path, name: str) -> QueryFile:
    """A stored query by name (`stability`) or id (`CQ-07`), or a query file by path.

    An unknown name is an `InputError` listing the close matches.
    """
    candidate = Path(name)
    if candidate.suffix == ".rq" or candidate.is_file():
        return read(candidate)
    files = {path.stem: path for path in paths.query_files(root)}
    if name in files:
        return read(files[name])
    by_id = {q.header.get("id", "").lower(): q for q in map(read, files.values())}
    if name.lower() in by_id:
        return by_id[name.lower()]
    import difflib  # only to suggest names: an error's path

    close = difflib.get_close_matches(name, list(files), n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise InputError(
        f"no stored query named '{name}'{hint} (list them with `perovskite-kg queries`)"
    )


def listing(queries: list[QueryFile]) -> str:
    """`name  id  summary`, aligned, one query per line."""
    rows = [(q.name, q.header.get("id", ""), q.header.get("summary", "")) for q in queries]
    if not rows:
        return "no stored queries"
    name_width = max(len(r[0]) for r in rows) + 2
    id_width = max(len(r[1]) for r in rows) + 2
    return "\n".join(f"{n:<{name_width}}{i:<{id_width}}{s}".rstrip() for n, i, s in rows)


def search(queries: list[QueryFile], words: str) -> list[QueryFile]:
    """The queries whose name, question, summary or tags hold every one of `words` (any case)."""
    wanted = words.lower().split()
    def text(q: QueryFile) -> str:
        return " ".join([q.name, *(q.header.get(k, "") for k in ("question", "summary", "tags"))])
    return [q for q in queries if all(w in text(q).lower() for w in wanted)]


def _parameter(value: str, shown: str, line: int, column: int) -> Parameter:
    found = _PARAMETER.fullmatch(value)
    if not found:
        raise InputError(
            "malformed parameter: write '#+ param: NAME = DEFAULT (KIND) description'",
            shown, line, column,
        )
    if found["kind"] not in PARAMETER_KINDS:
        kinds = ", ".join(PARAMETER_KINDS)
        raise InputError(f"unknown parameter kind '{found['kind']}' (known: {kinds})",
                         shown, line, column)
    default = found["default"]
    if default.startswith('"'):
        default = default[1:-1]
    return Parameter(found["name"], default, found["kind"], found["description"])


def _expectation(value: str, shown: str = "<query>", line: int | None = None,
                 column: int | None = None) -> Expectation:
    found = _EXPECTS.fullmatch(value)
    if not found:
        raise InputError(
            "malformed 'expects': write 'non-empty', 'empty' or 'rows N', then '; columns a, b', "
            "or 'boolean' or 'graph'",
            shown, line, column,
        )
    columns = tuple(c.strip() for c in (found["columns"] or "").split(",") if c.strip())
    shape = found["shape"].split()[0]
    rows = int(found["rows"]) if found["rows"] else None
    return Expectation(shape, rows, columns)
