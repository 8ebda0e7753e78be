"""Running the feeds app: uvicorn with uvloop and httptools, in this process."""

from __future__ import annotations

import logging
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .app import FeedApp

log = logging.getLogger(__name__)

#: A request line and headers longer than this are refused (431) before they are read in
#: full: httptools keeps a header of any size in memory until it ends, which anyone could
#: make the server spend. (Bodies are not read: flow control stops a client at 64 KiB.)
MAX_REQUEST_HEAD_BYTES = 64 * 1024
_REFUSED_BODY = b"request line or headers too long\n"
_REFUSED = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_REFUSED_BODY), _REFUSED_BODY)
)


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a limit on each request's head (its h11 protocol
    has one; this one had none)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True  # from the end of one message to the end of the next headers
        self._head_bytes = 0
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        super().data_received(data)
        # Counted once parsed: a chunk that ends the head (and starts a body) is not head.
        if self._in_head and not self.transport.is_closing():
            self._head_bytes += len(data)
            if self._head_bytes > MAX_REQUEST_HEAD_BYTES:
                self._refused = True
                self.transport.write(_REFUSED)
                self.transport.close()

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._in_head, self._head_bytes = True, 0
        super().on_message_complete()


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
        http=BoundedHttpToolsProtocol,
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
