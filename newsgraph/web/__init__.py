"""The web UI: server-rendered pages (Jinja2 templates), a little JavaScript, static assets
bundled in the package (no CDN)."""
