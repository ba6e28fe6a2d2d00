"""The REST API (FastAPI) over the store; ``create_app`` also mounts the web pages."""

from newsgraph.server.app import DEFAULT_MAX_BODY, ServeConfig, create_app

__all__ = ["DEFAULT_MAX_BODY", "ServeConfig", "create_app"]
