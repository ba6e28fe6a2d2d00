"""The REST API (FastAPI) over the store; ``create_app`` also mounts the web pages."""

from newsgraph.server.app import create_app
from newsgraph.server.state import DEFAULT_MAX_BODY, ServeConfig

__all__ = ["DEFAULT_MAX_BODY", "ServeConfig", "create_app"]
