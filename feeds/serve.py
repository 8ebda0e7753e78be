"""Running the feeds app: uvicorn with uvloop and httptools, in this process."""

from __future__ import annotations

import logging

import uvicorn

from .app import FeedApp

log = logging.getLogger(__name__)


def server(app: FeedApp, host: str, port: int, *, access_log: bool = False) -> uvicorn.Server:
    """A uvicorn server for ``app``; ``await server.serve()`` runs it inside an event loop
    that already exists (the service's), ``server.should_exit = True`` stops it.

    uvicorn leaves logging alone (``log_config=None``): its records, the access log at INFO
    included, go to whatever handlers the entry point configured.
    """
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        loop="uvloop",
        http="httptools",
        lifespan="on",
        access_log=access_log,
        log_config=None,
        server_header=False,
        timeout_graceful_shutdown=5,
    )
    return uvicorn.Server(config)


def serve(app: FeedApp, host: str, port: int, *, access_log: bool = False) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then release the archive."""
    log.info("serving feeds on http://%s:%d/", host, port)
    try:
        server(app, host, port, access_log=access_log).run()
    finally:
        app.close()
