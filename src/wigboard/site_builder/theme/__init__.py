"""The wigboard MkDocs theme (entry point ``mkdocs.themes: wigboard``): no JavaScript, no CDN."""
