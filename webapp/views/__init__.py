"""The app's blueprints, one per area: dashboard, countries, provisions, resources, search,
sparql, api. Views are thin: they read request arguments, call lawgraph (through the helpers in
:mod:`webapp`), and hand one view model to :func:`webapp.pages.respond`."""
