"""The report workflow: experts enter their country's annual report, reviewers approve it,
and only then does it enter the graph.

Routes (blueprint ``workflow``, under ``/workflow``):

| route | who | what |
|---|---|---|
| ``GET /workflow/`` | experts, reviewers | the reports in progress; start this year's |
| ``POST /workflow/{cc}/start`` | the country's experts | a draft from last year's report |
| ``GET /workflow/{cc}/{year}`` | readers | overview: sections, state, problems, comments |
| ``GET/POST /workflow/{cc}/{year}/section/{id}`` | readers / writers | edit one section |
| ``POST …/section/{id}/add`` | writers | a new section after this one |
| ``GET …/section/{id}/versions`` | readers | every version, also those kept aside |
| ``POST …/section/{id}/versions/{v}/restore`` | writers | make an old version current |
| ``GET/POST /workflow/{cc}/{year}/upload`` | writers | replace the text by a .md/.docx file |
| ``GET /workflow/{cc}/{year}/check`` | readers | parser, graph and SHACL problems |
| ``POST /workflow/{cc}/{year}/submit`` | writers | hand it to the reviewers |
| ``GET /workflow/{cc}/{year}/report.md`` | readers | the assembled Markdown |
| ``GET /workflow/{cc}/{year}/review`` | readers | changes against last year / last submission |
| ``POST /workflow/{cc}/{year}/comments`` | reviewers | a comment on a section |
| ``POST /workflow/{cc}/{year}/return`` | reviewers | back to the expert |
| ``POST /workflow/{cc}/{year}/approve`` | reviewers | into the graph, with PROV-O |
| ``GET /workflow/lookup`` | logged in | provisions, national provisions, rulings (JSON) |

"Readers" are the country's experts, reviewers and administrators; "writers" the country's
experts, while the report is a draft or returned. Every page answers JSON too (``Accept`` or
``?format=json``).
"""

from webapp.workflow import review, upload, views  # noqa: F401 - registers the routes
from webapp.workflow.blueprint import bp

__all__ = ["bp"]
