"""Property-based fuzzing of every parser and of the SPARQL endpoint.

Inputs are mutations of real files (the bundled reports and rulings, byte-level and
structure-level) and generated text. The properties:

* a parser either returns or raises one of lawgraph's errors (``InputError`` naming the file,
  ``IdentifierError`` for identifiers); nothing else escapes;
* a rejection names the file and says something;
* no input takes more than the deadline;
* the web app's ``/sparql`` never answers 500, whatever the query, the Accept header, the
  method, the content type or the body.

The budget is small here (``LAWGRAPH_FUZZ_EXAMPLES``, default 25 per property);
``bench/fuzz.py`` runs the same properties with a large one.
"""

from __future__ import annotations

import hashlib
import io
import os
import traceback
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lawgraph.errors import InputError, LawgraphError
from lawgraph.sources import SourceFile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("LAWGRAPH_FUZZ_EXAMPLES", "25"))
DEADLINE_MS = int(os.environ.get("LAWGRAPH_FUZZ_DEADLINE_MS", "5000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=DEADLINE_MS,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
    derandomize=os.environ.get("LAWGRAPH_FUZZ_RANDOM") != "1",
    database=None,
)

MARKDOWN = (ROOT / "country_reports" / "de-2024.md").read_text("utf-8")
DOCX = (ROOT / "country_reports" / "fr-2024.docx").read_bytes()
PDFS = [(ROOT / "country_reports" / name).read_bytes() for name in ("at-2010.pdf", "de-2012.pdf")]
RULINGS = {
    path.name: path.read_bytes()
    for path in [
        *sorted((ROOT / "case_law" / "cjeu").glob("*.md"))[:3],
        *sorted((ROOT / "tests" / "data" / "judgments").iterdir()),
    ]
    if path.is_file()
}


def source(name: str, data: bytes) -> SourceFile:
    return SourceFile(name, data, hashlib.sha256(data).hexdigest())


def rejected_clearly(exc: InputError, name: str) -> None:
    """A rejection names the file and says what is wrong."""
    assert exc.source == name, f"the error names {exc.source!r}, not the file {name!r}"
    assert str(exc).startswith(name) and exc.message.strip(), str(exc)


#: Crashes this fuzzing found, each pinned by a strict-xfail regression test at the end of this
#: file. The properties tolerate exactly these (exception type, file that raised it) so that
#: fuzzing goes on finding new ones; remove an entry when its bug is fixed (its regression test
#: then passes and its xfail marker must go too).
KNOWN_CRASHES: dict[tuple[str, str], str] = {}


def known_crash(exc: BaseException) -> bool:
    files = [
        frame.filename.replace(os.sep, "/") for frame in traceback.extract_tb(exc.__traceback__)
    ]
    return any(
        type(exc).__name__ == name and any(f.endswith(path) for f in files)
        for name, path in KNOWN_CRASHES
    )


def parse_or_reject(call, name: str):
    """Run a parser: it returns, or rejects the file clearly, or fails in a known way."""
    try:
        return call()
    except InputError as exc:
        rejected_clearly(exc, name)
    except Exception as exc:
        if not known_crash(exc):
            raise
    return None


# --- mutations ------------------------------------------------------------------------------


@st.composite
def mutated_bytes(draw: st.DrawFn, original: bytes) -> bytes:
    """Flip, delete, insert, duplicate or truncate bytes of a real file."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "zero"]))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        elif kind == "truncate":
            del data[at:]
        else:
            data[at : at + 16] = bytes(min(16, len(data) - at))
    return bytes(data)


MD_PIECES = st.sampled_from(
    [
        "# Country report\n",
        "## 2.2 Direct discrimination (Article 2(2)(a))\n",
        "### 9.9.9.9 x\n",
        "```assessment\n",
        "```development\n",
        "```equality-body\n",
        "```\n",
        "~~~\n",
        "provision: 2000/43 Art 2(2)(a)\n",
        "provision: 2000/78 Art 99(9)(z)\n",
        "provision: \n",
        "status: conform\n",
        "status: partial\n",
        "status: bogus\n",
        "reason: because\n",
        "national: § 3 AGG\n",
        "country: Germany\n",
        "country: XX\n",
        "year: 2024\n",
        "year: 99999999999999999999\n",
        "reporting_year: 0\n",
        "expert: A. B.\n",
        "---\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "\x00",
        "\ufeff",
        "\r\n",
        "\u2028",
        "\t",
        "Annex 1: x\n",
        "ECLI:EU:C:2008:397 ",
        "C-54/07 ",
        "Directive 2000/43/EC ",
        "Article 2(2)(b) ",
    ]
)


@st.composite
def mutated_markdown(draw: st.DrawFn) -> str:
    lines = MARKDOWN.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        kind = draw(st.sampled_from(["delete", "insert", "swap", "duplicate", "edit", "cut"]))
        if not lines:
            lines = [""]
        if kind == "delete":
            del lines[at : at + draw(st.integers(1, 20))]
        elif kind == "insert":
            lines[at:at] = draw(st.lists(st.one_of(MD_PIECES, st.text(max_size=40)), max_size=5))
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "duplicate":
            lines[at:at] = lines[at : at + draw(st.integers(1, 30))]
        elif kind == "edit":
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(st.one_of(MD_PIECES, st.text(max_size=10))) + line[cut:]
        else:
            lines = lines[:at]
    return "".join(lines)


REPORT_TEXT = st.one_of(
    mutated_markdown(),
    st.lists(MD_PIECES, max_size=60).map("".join),
    st.text(max_size=500),
)


# --- country reports ------------------------------------------------------------------------


@FUZZ
@given(REPORT_TEXT, st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_markdown_reports(text: str, encoding: str):
    from lawgraph.reports.parse import parse_report

    name = "fuzz/de-2024.md"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    parse_or_reject(lambda: parse_report(source(name, data)), name)


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 5))
@given(mutated_markdown())
def test_markdown_reports_through_the_whole_ingest_build(text: str):
    """Parse, extract and build the graph, as ``lawgraph ingest`` does before writing."""
    from lawgraph.ingest import build

    name = "fuzz/de-2024.md"
    built = parse_or_reject(
        lambda: build(source(name, text.encode("utf-8", "surrogatepass"))), name
    )
    assert built is None or built.triples


def _rezip(original: bytes, edit) -> bytes:
    """Rewrite a DOCX with one member's XML edited (a valid archive with damaged content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = edit(data)
            zout.writestr(item, data)
    return out.getvalue()


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(mutated_bytes(DOCX))

    def edit(xml: bytes) -> bytes:
        data = bytearray(xml)
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["cut", "insert", "delete"]))
        if kind == "cut":
            return bytes(data[:at])
        if kind == "insert":
            piece = draw(
                st.sampled_from(
                    [
                        b"<w:p>",
                        b"</w:p>",
                        b"<w:tbl>",
                        b"&",
                        b"<",
                        b"\x00",
                        b"<w:t>Annex 1</w:t>",
                        b"\xff\xfe",
                    ]
                )
            )
            return bytes(data[:at] + piece + data[at:])
        return bytes(data[:at] + data[at + draw(st.integers(1, 500)) :])

    return _rezip(DOCX, edit)


@FUZZ
@given(mutated_docx())
def test_docx_reports(data: bytes):
    from lawgraph.reports.parse import parse_report

    name = "fuzz/fr-2024.docx"
    parse_or_reject(lambda: parse_report(source(name, data)), name)


@FUZZ
@given(st.sampled_from(range(len(PDFS))).flatmap(lambda i: mutated_bytes(PDFS[i])))
def test_pdf_reports(data: bytes):
    from lawgraph.reports.parse import parse_report

    name = "fuzz/at-2010.pdf"
    parse_or_reject(lambda: parse_report(source(name, data)), name)


# --- case law -------------------------------------------------------------------------------

CASE_PIECES = st.sampled_from(
    [
        "---\n",
        "ecli: ECLI:EU:C:2008:397\n",
        "ecli: ECLI:XX:Y:0:0\n",
        "case_numbers: [C-54/07]\n",
        "case_numbers:\n  - C-335/11\n  - C-337/11\n",
        "date: 2008-07-10\n",
        "date: 2008-02-30\n",
        "court: Court of Justice\n",
        "interprets:\n  - 2000/43 Art 2(2)(a)\n",
        "interprets: [",
        "incompatible:\n  - country: DE\n    provision: 2000/78 Art 5\n",
        "title: Feryn\n",
        "JUDGMENT OF THE COURT (Second Chamber)\n",
        "10 July 2008 (*)\n",
        "In Case C-54/07,\n",
        "On those grounds, the Court (Second Chamber) hereby rules:\n",
        "<html><body>",
        "<p>",
        "</p>",
        "&amp;",
        "&#0;",
        "\x00",
        "\ufeff",
        ": : :\n",
        "- - -\n",
        "{",
        "}",
        "[",
        "]",
        "*",
        "&a ",
        "!!x ",
    ]
)


@st.composite
def case_law_file(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(RULINGS)))
    kind = draw(st.sampled_from(["bytes", "pieces", "splice"]))
    if kind == "bytes":
        data = draw(mutated_bytes(RULINGS[name]))
    elif kind == "pieces":
        data = "".join(draw(st.lists(CASE_PIECES, max_size=40))).encode("utf-8")
    else:
        text = RULINGS[name].decode("utf-8")
        at = draw(st.integers(0, len(text)))
        data = (
            text[:at]
            + "".join(draw(st.lists(CASE_PIECES, max_size=5)))
            + text[at + draw(st.integers(0, 200)) :]
        ).encode("utf-8")
    return f"fuzz/{name}", data


@FUZZ
@given(case_law_file())
def test_case_law_files(named: tuple[str, bytes]):
    from lawgraph.caselaw.files import read_ruling

    name, data = named
    parse_or_reject(lambda: read_ruling(source(name, data)), name)


# --- identifiers ----------------------------------------------------------------------------

ID_PIECES = st.sampled_from(
    [
        "ECLI",
        ":",
        "EU",
        "C",
        "T",
        "F",
        "DE",
        "BAG",
        "2008",
        "397",
        "CELEX",
        "3",
        "2000",
        "L",
        "0043",
        "32000L0043",
        "C-",
        "T-",
        "54/07",
        "/",
        "P",
        " and ",
        ", ",
        "to",
        "Joined Cases",
        "Case",
        "http://data.europa.eu/eli/dir/2000/43/oj",
        "eli",
        "dir",
        "oj",
        "Art",
        "Article",
        "2(2)(b)(ii)",
        "(",
        ")",
        "first subparagraph",
        "point",
        "Directive",
        "2000/78/EC",
        "(EU)",
        "2024/1499",
        "RED",
        "EEC",
        "\u2011",
        "\u2013",
        "\u00a0",
        " ",
        "0",
        "9" * 30,
        "ⅱ",
        "٣",
    ]
)
ID_TEXT = st.one_of(st.text(max_size=60), st.lists(ID_PIECES, max_size=14).map("".join))


def _identifier_parsers():
    from lawgraph import identifiers as ids

    return {
        "DirectiveNumber": ids.DirectiveNumber.parse,
        "Celex": ids.Celex.parse,
        "Ecli": ids.Ecli.parse,
        "CaseNumber": ids.CaseNumber.parse,
        "parse_case_numbers": ids.parse_case_numbers,
        "JoinedCases": ids.JoinedCases.parse,
        "Eli": ids.Eli.parse,
        "ProvisionPath": ids.ProvisionPath.parse,
        "ProvisionPath.from_iri_path": ids.ProvisionPath.from_iri_path,
        "ProvisionRef": ids.ProvisionRef.parse,
    }


@pytest.mark.parametrize("parser", sorted(_identifier_parsers()))
@settings(FUZZ, max_examples=EXAMPLES * 4, deadline=1000)
@given(text=ID_TEXT)
def test_identifiers(parser: str, text: str):
    from lawgraph.identifiers import IdentifierError

    parse = _identifier_parsers()[parser]
    try:
        parsed = parse(text)
    except IdentifierError as exc:
        assert exc.reason.strip() and str(exc)
        return
    if parser in ("parse_case_numbers", "ProvisionPath.from_iri_path"):
        return
    again = parse(str(parsed))  # what was accepted prints back to something accepted
    assert str(again) == str(parsed)


# --- the web app's SPARQL endpoint ----------------------------------------------------------

SPARQL_PIECES = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "*",
        "?s",
        "?p",
        "?o",
        "WHERE",
        "{",
        "}",
        "(",
        ")",
        ".",
        ";",
        ",",
        "GRAPH",
        "?g",
        "FILTER",
        "REGEX(",
        "STR(",
        "COUNT(*)",
        "AS",
        "?n",
        "LIMIT",
        "10",
        "-1",
        "99999999999999999999",
        "OFFSET",
        "ORDER BY",
        "GROUP BY",
        "OPTIONAL",
        "UNION",
        "SERVICE <http://127.0.0.1:9/>",
        "INSERT DATA",
        "DELETE WHERE",
        "DROP ALL",
        "LOAD <x>",
        "PREFIX lg: <https://w3id.org/lawgraph/ontology#>",
        "lg:Assessment",
        "a",
        '"x"@en',
        '"""',
        "<",
        ">",
        "'",
        "\\",
        "#",
        "\n",
        "\x00",
        "\ud7ff",
        "VALUES ?x { 1 }",
        "BIND(1 AS ?x)",
        "FROM <urn:x>",
        "FROM NAMED <urn:y>",
        "<<",
        ">>",
        "ASK {}",
        "SELECT * WHERE { ?s ?p ?o }",
    ]
)
QUERIES = st.one_of(st.lists(SPARQL_PIECES, max_size=25).map(" ".join), st.text(max_size=200))
MEDIA = st.sampled_from(
    [
        "*/*",
        "text/html",
        "application/json",
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
        "text/plain",
        "image/png",
        "application/*",
        "text/*",
        "",
        "garbage",
        "*/*;q=abc",
        ";;;",
        "a/b/c",
    ]
)
ACCEPT = st.one_of(
    st.lists(
        st.tuples(
            MEDIA,
            st.sampled_from(["", ";q=0", ";q=0.5", ";q=1", ";q=2", ";q=-1", ";level=1", ";q=NaN"]),
        ),
        max_size=4,
    ).map(lambda parts: ", ".join(m + q for m, q in parts)),
    st.text(max_size=40),
)
PARAMS = st.dictionaries(
    st.sampled_from(
        [
            "query",
            "format",
            "output",
            "default-graph-uri",
            "named-graph-uri",
            "timeout",
            "update",
            "x",
        ]
    ),
    st.one_of(QUERIES, st.sampled_from(["json", "csv", "tsv", "xml", "turtle", "html", "x"])),
    max_size=4,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    webapp = pytest.importorskip("webapp")
    import lawgraph
    from lawgraph.store import EmbeddedStore

    path = tmp_path_factory.mktemp("fuzz") / "store"
    with EmbeddedStore(path) as store:
        lawgraph.init(store)
    app = webapp.create_app(
        {"LAWGRAPH_STORE": str(path), "LAWGRAPH_QUERY_TIMEOUT": 2, "TESTING": True}
    )
    yield app.test_client()
    webapp.close_app(app)


def _sendable(value: str) -> bool:
    """What an HTTP client can put in a header (the test client refuses the rest itself)."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not any(ch in value for ch in "\r\n\x00")


def _ok_status(response, what: str) -> None:
    assert response.status_code < 500 or response.status_code in (503, 504), (
        f"{what} answered {response.status_code}: {response.get_data(as_text=True)[:300]}"
    )


@settings(FUZZ, deadline=None)
@given(params=PARAMS, accept=ACCEPT)
def test_sparql_get_never_500(client, params: dict, accept: str):
    headers = {"Accept": accept} if _sendable(accept) else {}
    response = client.get("/sparql", query_string=params, headers=headers)
    _ok_status(response, f"GET /sparql {params!r} Accept {accept!r}")


BODY_TYPES = st.sampled_from(
    [
        "application/sparql-query",
        "application/sparql-update",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "application/json",
        "text/plain",
        "application/octet-stream",
        "",
        "application/sparql-query; charset=latin-1",
        "application/sparql-query; charset=utf-16",
        "application/x-www-form-urlencoded; charset=x",
    ]
)


@settings(FUZZ, deadline=None)
@given(
    body=st.one_of(
        QUERIES.map(lambda q: q.encode("utf-8", "surrogatepass")),
        st.binary(max_size=300),
        PARAMS.map(
            lambda p: "&".join(f"{k}={v}" for k, v in p.items()).encode("utf-8", "surrogatepass")
        ),
    ),
    content_type=BODY_TYPES,
    accept=ACCEPT,
)
def test_sparql_post_and_uploads_never_500(client, body: bytes, content_type: str, accept: str):
    headers = {"Content-Type": content_type}
    if _sendable(accept):
        headers["Accept"] = accept
    response = client.post("/sparql", data=body, headers=headers)
    _ok_status(response, f"POST /sparql {content_type!r} {body[:80]!r}")


@settings(FUZZ, deadline=None, max_examples=max(EXAMPLES // 2, 5))
@given(
    files=st.dictionaries(
        st.sampled_from(["query", "file", "upload", "data"]),
        st.binary(max_size=200),
        min_size=1,
        max_size=2,
    ),
    fields=PARAMS,
)
def test_multipart_uploads_never_500(client, files: dict, fields: dict):
    """Whatever the app does with uploaded files (today: /sparql ignores them), a multipart
    body never makes it fail."""
    data = {k: (io.BytesIO(v), f"{k}.nq") for k, v in files.items()}
    data.update({k: v for k, v in fields.items() if k not in data})
    assume(all("\x00" not in str(v) for v in fields.values()))
    response = client.post("/sparql", data=data, content_type="multipart/form-data")
    _ok_status(response, f"multipart POST /sparql {sorted(files)} {fields!r}")


def test_fuzz_errors_are_lawgraph_errors():
    """The acceptable rejections are lawgraph's own (a guard for the properties above)."""
    from lawgraph.identifiers import IdentifierError

    assert issubclass(InputError, LawgraphError)
    assert issubclass(IdentifierError, ValueError)


# --- regressions: crashes found by the properties above (fix them, then drop the marker) -----


def test_regression_control_character_in_front_matter():
    """Found by fuzzing: a control character in the header escaped as yaml.ReaderError."""
    from lawgraph.reports.parse import parse_report

    with pytest.raises(InputError, match="x.md"):
        parse_report(source("x.md", b"---\n\x08country: DE\n---\n"))
