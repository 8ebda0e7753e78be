"""Running ASGI apps inside the service's own event loop, on sockets bound beforehand.

Binding first gives a clear error for a port in use (before anything starts) and the real
port when 0 was asked for. uvicorn's own signal handling is left out: the service handles
SIGTERM and SIGINT itself, so that it can stop the crawl child first.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
from typing import Any

import uvicorn

from .errors import ServiceError


def bind(host: str, port: int, what: str) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServiceError(
                f"cannot serve {what} on {host}:{port}: the port is in use "
                "(another newsdesk? choose another with --port)"
            ) from None
        raise ServiceError(f"cannot serve {what} on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


def port_of(sock: socket.socket) -> int:
    return int(sock.getsockname()[1])


def _quiet_signals() -> contextlib.AbstractContextManager[None]:
    return contextlib.nullcontext()


class Served:
    """One uvicorn server running ``app`` on ``sock`` as a task of the current loop."""

    def __init__(self, server: uvicorn.Server, sock: socket.socket) -> None:
        self.server = server
        self.sock = sock
        server.capture_signals = _quiet_signals  # type: ignore[method-assign,assignment]
        self.task: asyncio.Task[None] = asyncio.create_task(server.serve(sockets=[sock]))

    async def started(self) -> None:
        while not self.server.started:
            if self.task.done():
                await self.task  # raises what stopped it
                raise ServiceError("the HTTP server stopped while starting")
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        self.server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        self.sock.close()


def plain_server(app: Any) -> uvicorn.Server:
    """A quiet uvicorn server for a small internal app (the demo site)."""
    config = uvicorn.Config(
        app,
        lifespan="off",
        access_log=False,
        log_config=None,
        server_header=False,
        timeout_graceful_shutdown=2,
    )
    return uvicorn.Server(config)
