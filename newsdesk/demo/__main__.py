"""``python -m newsdesk.demo``: serve the demo news site alone (a growing site for tests and
benchmarks; ``newsdesk run`` serves it itself). Prints its sources.toml path when ready."""

from __future__ import annotations

import argparse
import asyncio
import signal
from pathlib import Path

from archive.sources import parse_duration
from archive.timestamps import utcnow

from ..benchsites import write_sources_toml
from ..service.http import Served, bind, plain_server, port_of
from . import DEMO_SETTINGS, demo_app, demo_sources


async def _serve(args: argparse.Namespace) -> None:
    sock = bind("127.0.0.1", args.port, "the demo site")
    base = f"http://127.0.0.1:{port_of(sock)}"
    app = demo_app(base, utcnow(), parse_duration(args.publish_every), utcnow)
    served = Served(plain_server(app), sock)
    await served.started()
    if args.sources:
        sources = demo_sources(base, parse_duration(args.interval))
        write_sources_toml(args.sources, sources, DEMO_SETTINGS)
    if args.port_file:
        Path(args.port_file).write_text(str(port_of(sock)))
    print(base, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await served.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.demo", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port (default: any free one)")
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--publish-every", default="20s", help="a new article this often")
    parser.add_argument("--sources", help="write a sources.toml for the site here")
    parser.add_argument("--interval", default="1m", help="interval of those sources")
    asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
