"""lawgraph's reference data: the ontology, SKOS schemes, directives, countries, SHACL shapes
and gap rules, shipped as package data (``lawgraph.ontology``) so that an installed lawgraph
finds them without the source tree."""
