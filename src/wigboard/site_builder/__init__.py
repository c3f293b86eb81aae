"""Site builder: scoring results -> Markdown/HTML pages, charts, JSON API, MkDocs build."""
