"""A small hand-built graph for the web app's tests, written through the store API, and the
``app``/``client`` fixtures (as in Flask's tutorial) that the ``test_webapp*`` modules share.

``fixture_store_path`` (and so ``app`` and ``client``) is the fixture graph on each back-end:
an embedded store directory, and an Oxigraph server of its own (started once per session on
127.0.0.1; ``LAWGRAPH_TEST_BACKENDS`` limits the back-ends, as in ``conftest.py``).

The graph follows ``docs/data-model.md``: five countries (DE, IT, FR from the EU, NO from the
EEA, TR a candidate), reports of Germany 2023 and 2024, Italy 2024 and Norway 2024 with sections,
findings (expert-entered and machine-extracted) and national measures, assessments with reasons
and evidence, and three CJEU rulings (one finding Italian law incompatible with Article 5 of
Directive 2000/78/EC, as Commission v Italy, C-312/11, did).
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from werkzeug.serving import make_server

import lawgraph
from lawgraph.gaps import assessments
from lawgraph.store import EmbeddedStore, GraphStore, RemoteStore
from lawgraph.store.server import OxigraphServer
from lawgraph.store.terms import from_ox
from webapp import close_app, create_app

__all__ = [
    "FIXTURE_TRIG",
    "LiveServer",
    "app",
    "build_fixture_store",
    "client",
    "fixture_graphs",
    "fixture_store_path",
    "make_app",
]

FIXTURE_TRIG = r"""
@base <https://w3id.org/lawgraph/id/> .
@prefix lg: <https://w3id.org/lawgraph/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix country: <http://publications.europa.eu/resource/authority/country/> .

<graph/report/DE/2024> {
  <graph/report/DE/2024> prov:wasDerivedFrom <report/DE/2024> ;
      dct:source "country_reports/de-2024.md" ; lg:sha256 "fixture-de-2024" ;
      prov:generatedAtTime "2025-03-01T09:30:00Z"^^xsd:dateTime .
  <report/DE/2024> a lg:CountryReport ; dct:title "Country report non-discrimination: Germany 2024"@en ;
      lg:country country:DEU ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:periodStart "2023-01-01"^^xsd:date ; lg:periodEnd "2023-12-31"^^xsd:date ;
      lg:expert <expert/max-mustermann> ; lg:isSample true ;
      dct:description "Sample written for lawgraph's tests."@en .
  <expert/max-mustermann> a lg:Expert ; foaf:name "Max Mustermann" ; lg:country country:DEU .
  <report/DE/2024/section/burden-of-proof> a lg:ReportSection ; dct:isPartOf <report/DE/2024> ;
      lg:sectionNumber "5.3" ; dct:title "Burden of proof (Article 8 Directive 2000/43)"@en ;
      lg:templateKey "burden-of-proof" ; lg:order 12 ; lg:location "country_reports/de-2024.md:275" ;
      lg:concernsProvision <provision/32000L0043/art_8/par_1> ;
      lg:text "Under § 22 AGG the burden shifts once the claimant shows indications."@en .
  <report/DE/2024/section/reasonable-accommodation> a lg:ReportSection ; dct:isPartOf <report/DE/2024> ;
      lg:sectionNumber "2.6" ; dct:title "Reasonable accommodation duties"@en ; lg:order 8 ;
      lg:templateKey "reasonable-accommodation" ; lg:location "country_reports/de-2024.md:151" ;
      lg:concernsProvision <provision/32000L0078/art_5> .
  <measure/DEU/agg> a lg:NationalMeasure ;
      eli:title "Allgemeines Gleichbehandlungsgesetz"@de , "General Equal Treatment Act"@en ;
      eli:title_short "AGG" ; eli:jurisdiction country:DEU ;
      eli:date_document "2006-08-14"^^xsd:date ; eli:first_date_entry_in_force "2006-08-18"^^xsd:date ;
      eli:transposes <http://data.europa.eu/eli/dir/2000/43/oj> , <http://data.europa.eu/eli/dir/2000/78/oj> ;
      lg:coversGround <ground/racial-or-ethnic-origin> , <ground/disability> ;
      lg:coversArea <area/employment> , <area/goods-and-services> ;
      lg:listedIn <report/DE/2024> .
  <measure/DEU/agg/par-22> a lg:NationalProvision ; eli:is_part_of <measure/DEU/agg> ;
      rdfs:label "§ 22 AGG" ; eli:transposes <provision/32000L0043/art_8/par_1> .
  <report/DE/2024/finding/1> a lg:Finding ; lg:country country:DEU ;
      lg:provision <provision/32000L0043/art_8/par_1> ; lg:status <status/partial> ;
      lg:evidenceText "The burden of proof shifts in labour courts but not in civil proceedings."@en ;
      lg:inSection <report/DE/2024/section/burden-of-proof> ; lg:method lg:ExpertEntered ;
      lg:confidence "1.00"^^xsd:decimal ; lg:citesNationalProvision <measure/DEU/agg/par-22> ;
      lg:reportingYear "2024"^^xsd:gYear ; lg:location "country_reports/de-2024.md:280" ;
      prov:wasDerivedFrom <report/DE/2024> .
  <report/DE/2024/finding/2> a lg:Finding ; lg:country country:DEU ;
      lg:provision <provision/32000L0078/art_5> ; lg:status <status/not-transposed> ;
      lg:evidenceText "The AGG contains no explicit duty of reasonable accommodation."@en ;
      lg:inSection <report/DE/2024/section/reasonable-accommodation> ; lg:method lg:MachineExtracted ;
      lg:confidence "0.72"^^xsd:decimal ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:location "country_reports/de-2024.md:153" ; prov:wasDerivedFrom <report/DE/2024> .
}

<graph/report/DE/2023> {
  <graph/report/DE/2023> prov:wasDerivedFrom <report/DE/2023> ;
      dct:source "country_reports/de-2023.md" ; lg:sha256 "fixture-de-2023" ;
      prov:generatedAtTime "2025-02-01T08:00:00Z"^^xsd:dateTime .
  <report/DE/2023> a lg:CountryReport ; lg:country country:DEU ; lg:reportingYear "2023"^^xsd:gYear ;
      lg:periodEnd "2022-12-31"^^xsd:date .
  <report/DE/2023/finding/1> a lg:Finding ; lg:country country:DEU ;
      lg:provision <provision/32000L0043/art_8/par_1> ; lg:status <status/conform> ;
      lg:evidenceText "§ 22 AGG shifts the burden of proof."@en ; lg:method lg:ExpertEntered ;
      lg:confidence "1.00"^^xsd:decimal ; lg:reportingYear "2023"^^xsd:gYear ;
      prov:wasDerivedFrom <report/DE/2023> .
}

<graph/report/IT/2024> {
  <graph/report/IT/2024> prov:wasDerivedFrom <report/IT/2024> ;
      dct:source "country_reports/it-2024.md" ; lg:sha256 "fixture-it-2024" ;
      prov:generatedAtTime "2025-03-02T10:00:00Z"^^xsd:dateTime .
  <report/IT/2024> a lg:CountryReport ; lg:country country:ITA ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:periodEnd "2023-12-31"^^xsd:date .
  <measure/ITA/d-lgs-216-2003> a lg:NationalMeasure ;
      eli:title "Decreto legislativo 9 luglio 2003, n. 216"@it ,
          "Legislative Decree No 216 of 9 July 2003"@en ;
      eli:title_short "D.Lgs. 216/2003" ; eli:jurisdiction country:ITA ;
      eli:transposes <http://data.europa.eu/eli/dir/2000/78/oj> ; lg:listedIn <report/IT/2024> .
}

<graph/report/NO/2024> {
  <graph/report/NO/2024> prov:wasDerivedFrom <report/NO/2024> ;
      prov:generatedAtTime "2025-03-03T10:00:00Z"^^xsd:dateTime .
  <report/NO/2024> a lg:CountryReport ; lg:country country:NOR ; lg:reportingYear "2024"^^xsd:gYear .
}

<graph/ruling/ECLI:EU:C:2008:397> {
  <graph/ruling/ECLI:EU:C:2008:397> prov:wasDerivedFrom <ecli/ECLI:EU:C:2008:397> ;
      dct:source "case_law/cjeu/2008-07-10_C-54-07_feryn.md" ;
      prov:generatedAtTime "2025-01-10T12:00:00Z"^^xsd:dateTime .
  <ecli/ECLI:EU:C:2008:397> a lg:Judgment ; lg:ecli "ECLI:EU:C:2008:397" ; lg:caseNumber "C-54/07" ;
      dct:title "Feryn" ;
      lg:parties "Centrum voor gelijkheid van kansen en voor racismebestrijding v Firma Feryn NV" ;
      eli:date_document "2008-07-10"^^xsd:date ; lg:court <court/EU/C> ;
      lg:procedure <procedure/preliminary-ruling> ; lg:country country:BEL ;
      dct:abstract "A public statement that an employer will not recruit people of a certain ethnic origin is direct discrimination."@en ;
      lg:interprets <provision/32000L0043/art_8/par_1> , <provision/32000L0043/art_2/par_2/pnt_a> .
  <provision/32000L0043/art_8/par_1> eli:cited_by_case_law <ecli/ECLI:EU:C:2008:397> .
}

<graph/ruling/ECLI:EU:C:2013:446> {
  <ecli/ECLI:EU:C:2013:446> a lg:Judgment ; lg:ecli "ECLI:EU:C:2013:446" ; lg:caseNumber "C-312/11" ;
      dct:title "Commission v Italy" ; lg:parties "European Commission v Italian Republic" ;
      eli:date_document "2013-07-04"^^xsd:date ; lg:court <court/EU/C> ;
      lg:procedure <procedure/infringement> ; lg:country country:ITA ;
      lg:interprets <provision/32000L0078/art_5> ;
      eli:cites <ecli/ECLI:EU:C:2008:397> ;
      lg:findsIncompatible <ecli/ECLI:EU:C:2013:446/incompatibility/1> .
  <ecli/ECLI:EU:C:2013:446/incompatibility/1> a lg:IncompatibilityFinding ; lg:country country:ITA ;
      lg:provision <provision/32000L0078/art_5> ;
      lg:reason "Italian law did not oblige all employers to provide reasonable accommodation."@en .
}

<graph/ruling/ECLI:EU:C:2012:217> {
  <ecli/ECLI:EU:C:2012:217> a lg:Judgment ; lg:ecli "ECLI:EU:C:2012:217" ; lg:caseNumber "C-415/10" ;
      dct:title "Meister" ; eli:date_document "2012-04-19"^^xsd:date ; lg:court <court/EU/C> ;
      lg:interprets <provision/32000L0078/art_10/par_1> .
}

<graph/assessment/DE/2024> {
  <graph/assessment/DE/2024> prov:wasGeneratedBy <graph/assessment/DE/2024/activity> .
  <graph/assessment/DE/2024/activity> a prov:Activity ;
      prov:endedAtTime "2025-03-01T09:31:00Z"^^xsd:dateTime .
  <assessment/DE/2024/32000L0043/art_8/par_1> a lg:Assessment ; lg:country country:DEU ;
      lg:provision <provision/32000L0043/art_8/par_1> ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:status <status/partial> ; lg:confidence "1.00"^^xsd:decimal ; lg:basis "expert" ;
      lg:contested false ; lg:reason <assessment/DE/2024/32000L0043/art_8/par_1/reason/1> .
  <assessment/DE/2024/32000L0043/art_8/par_1/reason/1> a lg:Reason ; lg:rule <rule/LG-R01> ;
      lg:authority "expert" ; lg:confidence "1.00"^^xsd:decimal ; lg:indication false ;
      lg:status <status/partial> ; lg:evidence <report/DE/2024/finding/1> ;
      lg:evidenceText "The burden of proof shifts in labour courts but not in civil proceedings."@en .
  <assessment/DE/2024/32000L0078/art_5> a lg:Assessment ; lg:country country:DEU ;
      lg:provision <provision/32000L0078/art_5> ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:status <status/not-transposed> ; lg:confidence "0.72"^^xsd:decimal ; lg:basis "report" ;
      lg:contested false ; lg:reason <assessment/DE/2024/32000L0078/art_5/reason/1> .
  <assessment/DE/2024/32000L0078/art_5/reason/1> a lg:Reason ; lg:rule <rule/LG-R02> ;
      lg:authority "report" ; lg:confidence "0.72"^^xsd:decimal ; lg:indication false ;
      lg:status <status/not-transposed> ; lg:evidence <report/DE/2024/finding/2> ;
      lg:evidenceText "The AGG contains no explicit duty of reasonable accommodation."@en .
  <assessment/DE/2024/32000L0043/art_2/par_2/pnt_a> a lg:Assessment ; lg:country country:DEU ;
      lg:provision <provision/32000L0043/art_2/par_2/pnt_a> ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:status <status/conform> ; lg:confidence "1.00"^^xsd:decimal ; lg:basis "expert" ;
      lg:contested false .
}

<graph/assessment/DE/2023> {
  <assessment/DE/2023/32000L0043/art_8/par_1> a lg:Assessment ; lg:country country:DEU ;
      lg:provision <provision/32000L0043/art_8/par_1> ; lg:reportingYear "2023"^^xsd:gYear ;
      lg:status <status/conform> ; lg:confidence "1.00"^^xsd:decimal ; lg:basis "expert" ;
      lg:contested false ; lg:reason <assessment/DE/2023/32000L0043/art_8/par_1/reason/1> .
  <assessment/DE/2023/32000L0043/art_8/par_1/reason/1> a lg:Reason ; lg:rule <rule/LG-R01> ;
      lg:authority "expert" ; lg:confidence "1.00"^^xsd:decimal ; lg:indication false ;
      lg:status <status/conform> ; lg:evidence <report/DE/2023/finding/1> ;
      lg:evidenceText "§ 22 AGG shifts the burden of proof."@en .
}

<graph/assessment/IT/2024> {
  <assessment/IT/2024/32000L0078/art_5> a lg:Assessment ; lg:country country:ITA ;
      lg:provision <provision/32000L0078/art_5> ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:status <status/incorrect> ; lg:confidence "0.90"^^xsd:decimal ; lg:basis "court" ;
      lg:contested true ; lg:reason <assessment/IT/2024/32000L0078/art_5/reason/1> ,
          <assessment/IT/2024/32000L0078/art_5/reason/2> .
  <assessment/IT/2024/32000L0078/art_5/reason/1> a lg:Reason ; lg:rule <rule/LG-R03> ;
      lg:authority "court" ; lg:confidence "0.90"^^xsd:decimal ; lg:indication false ;
      lg:status <status/incorrect> ; lg:evidence <ecli/ECLI:EU:C:2013:446> ;
      lg:evidenceText "Italian law did not oblige all employers to provide reasonable accommodation."@en .
  <assessment/IT/2024/32000L0078/art_5/reason/2> a lg:Reason ; lg:rule <rule/LG-R11> ;
      lg:authority "inference" ; lg:confidence "0.40"^^xsd:decimal ; lg:indication true .
  <assessment/IT/2024/32000L0078/art_10/par_1> a lg:Assessment ; lg:country country:ITA ;
      lg:provision <provision/32000L0078/art_10/par_1> ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:status <status/unclear> ; lg:confidence "0.60"^^xsd:decimal ; lg:basis "report" ;
      lg:contested false .
}

<graph/assessment/NO/2024> {
  <assessment/NO/2024/32000L0043/art_7> a lg:Assessment ; lg:country country:NOR ;
      lg:provision <provision/32000L0043/art_7> ; lg:reportingYear "2024"^^xsd:gYear ;
      lg:status <status/partial> ; lg:confidence "1.00"^^xsd:decimal ; lg:basis "expert" ;
      lg:contested false .
}
"""


def fixture_graphs() -> dict[URIRef, list]:
    """The fixture as named graph → triples."""
    graphs: dict[URIRef, list] = {}
    for quad in ox.parse(FIXTURE_TRIG, format=ox.RdfFormat.TRIG):
        triple = (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
        graphs.setdefault(URIRef(quad.graph_name.value), []).append(triple)
    return graphs


def fill(store: GraphStore) -> None:
    """Reference data plus the fixture graph."""
    try:
        lawgraph.init(store)
        store.replace_graphs(fixture_graphs())
    finally:
        store.close()


def build_fixture_store(path: Path) -> Path:
    """An embedded store at ``path``: reference data plus the fixture graph; closed again."""
    fill(EmbeddedStore(path))
    return path


BACKENDS = [
    b.strip() for b in os.environ.get("LAWGRAPH_TEST_BACKENDS", "embedded,server").split(",")
]
#: the server's own limit on a query: a little above the app's ``query_timeout`` (3 s), so that
#: the queries the tests abandon do not keep the shared CPUs busy for long
SERVER_TIMEOUT_S = 5
_LOCATIONS: dict[str, str] = {}


def fixture_location(backend: str, request: pytest.FixtureRequest,
                     tmp_path_factory: pytest.TempPathFactory) -> str:
    """The fixture graph on ``backend`` ("embedded" or "server"), built once per session."""
    if backend not in _LOCATIONS:
        if backend == "embedded":
            path = build_fixture_store(tmp_path_factory.mktemp("webapp") / "store")
            _LOCATIONS[backend] = str(path)
        else:
            server = OxigraphServer(tmp_path_factory.mktemp("webapp-server") / "db",
                                    timeout_s=SERVER_TIMEOUT_S).start()
            request.session.config.add_cleanup(server.stop)
            fill(RemoteStore(server.url))
            _LOCATIONS[backend] = server.url
    return _LOCATIONS[backend]


@pytest.fixture(scope="session", params=BACKENDS)
def fixture_store_path(request: pytest.FixtureRequest,
                       tmp_path_factory: pytest.TempPathFactory) -> str:
    """Where the fixture graph is: an embedded store's directory, or a server's URL."""
    return fixture_location(request.param, request, tmp_path_factory)


def make_app(store: str | Path, **config):
    settings = {"TESTING": True, "LAWGRAPH_STORE": str(store), "LAWGRAPH_QUERY_TIMEOUT": 3.0,
                "LAWGRAPH_QUERY_LIMIT": 50}
    settings.update(config)
    return create_app(settings)


@pytest.fixture(scope="module")
def app(fixture_store_path: Path):
    application = make_app(fixture_store_path)
    yield application
    close_app(application)


@pytest.fixture
def client(app):
    return app.test_client()


class LiveServer:
    """The app served by werkzeug's WSGI server in a thread on 127.0.0.1."""

    def __init__(self, application) -> None:
        self.server = make_server("127.0.0.1", 0, application, threaded=True)
        self.port = self.server.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_fixture_graph_loads(fixture_store_path: str) -> None:
    store = lawgraph.open_store(fixture_store_path, read_only=True)
    try:
        assert len(assessments(store, year=2024, with_reasons=False)) == 6
    finally:
        store.close()
