"""Example queries on the SPARQL page, each runnable with one click."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EXAMPLES", "Example", "examples"]

_PREFIXES = """PREFIX lg: <https://w3id.org/lawgraph/ontology#>
PREFIX lgd: <https://w3id.org/lawgraph/id/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
_GAPS = ("<https://w3id.org/lawgraph/id/status/not-transposed>, "
         "<https://w3id.org/lawgraph/id/status/incorrect>, "
         "<https://w3id.org/lawgraph/id/status/partial>")


@dataclass(frozen=True)
class Example:
    key: str
    title: str
    description: str
    query: str


EXAMPLES = (
    Example("gap-matrix", "The gap matrix of the latest reporting year",
            "Every provision where a country's law falls short, by country, with its status.",
            _PREFIXES + f"""
SELECT ?country ?provision ?status ?confidence WHERE {{
  {{ SELECT (MAX(?y) AS ?year) WHERE {{ ?r a lg:CountryReport ; lg:reportingYear ?y }} }}
  VALUES ?s {{ {_GAPS.replace(",", "")} }}
  ?a lg:status ?s ; lg:reportingYear ?year ; a lg:Assessment ; lg:country ?c ;
     lg:provision ?p ; lg:confidence ?confidence .
  ?c lg:euCode ?country . ?p rdfs:label ?provision . ?s skos:prefLabel ?status .
}}
ORDER BY ?country ?provision"""),
    Example("italy-2000-78", "Italy's gaps on Directive 2000/78/EC",
            "Every year's gaps in Italian law on the Employment Equality Directive, with the "
            "evidence behind each.",
            _PREFIXES + f"""
SELECT ?year ?provision ?status ?evidence WHERE {{
  ?a a lg:Assessment ; lg:country <http://publications.europa.eu/resource/authority/country/ITA> ;
     lg:provision ?p ; lg:status ?s ; lg:reportingYear ?year .
  ?p lg:directive <http://data.europa.eu/eli/dir/2000/78/oj> ; rdfs:label ?provision .
  FILTER (?s IN ({_GAPS}))
  ?s skos:prefLabel ?status .
  # a reason from an expert's or a machine's finding points at it (lg:evidence); reasons of
  # other kinds carry their own sentence
  OPTIONAL {{ ?a lg:reason ?reason .
             OPTIONAL {{ ?reason lg:evidence/lg:evidenceText ?found }}
             OPTIONAL {{ ?reason lg:evidenceText ?own }} }}
  BIND (COALESCE(?found, ?own) AS ?evidence)
}}
ORDER BY ?year ?provision"""),
    Example("burden-of-proof", "Case law on the burden of proof, across directives",
            "Rulings interpreting any provision the concept map files under 'burden of proof' "
            "(or a part of one), in every directive. The pattern starts from the rulings: "
            "there are far fewer of them than provisions and their parts.",
            _PREFIXES + """
SELECT ?case ?name ?date ?provision WHERE {
  ?ruling lg:interprets ?part ; eli:date_document ?date .
  ?part eli:is_part_of* ?p ; rdfs:label ?provision .
  ?p eli:is_about <https://w3id.org/lawgraph/id/concept/burden-of-proof> .
  OPTIONAL { ?ruling dct:title ?name }
  OPTIONAL { ?ruling lg:caseNumber ?case }
}
ORDER BY ?date"""),
    Example("german-measures", "Germany's national measures",
            "The national anti-discrimination legislation named in Germany's reports (each "
            "report names them again: DISTINCT lists each once).",
            _PREFIXES + """
SELECT DISTINCT ?measure ?abbreviation ?title ?adopted WHERE {
  ?measure a lg:NationalMeasure ;
      eli:jurisdiction <http://publications.europa.eu/resource/authority/country/DEU> .
  OPTIONAL { ?measure eli:title_short ?abbreviation }
  OPTIONAL { ?measure eli:title ?title FILTER (LANGMATCHES(LANG(?title), "en")) }
  OPTIONAL { ?measure eli:date_document ?adopted }
}
ORDER BY ?abbreviation ?title"""),
)


def examples() -> tuple[Example, ...]:
    return EXAMPLES
