"""Country reports: parsing (Markdown, DOCX, PDF), metadata, template recognition, the
structured blocks an expert writes, and the report's graph."""
