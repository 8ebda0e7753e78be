"""The synthetic news sites of ../shared/bench, for the benchmarks: generate one, serve it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"


def generate(out: Path, *, articles: int, publishers: int = 10, seed: int = 1,
             bad_inputs: bool = True) -> Path:  # fmt: skip
    """make_sites.py into ``out`` (kept if it is already there)."""
    if not (out / "truth.jsonl").exists():
        subprocess.run(
            [sys.executable, str(BENCH / "make_sites.py"), "--publishers", str(publishers),
             "--articles", str(articles), "--seed", str(seed), "--out", str(out), "--force",
             *([] if bad_inputs else ["--no-bad"])],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return out


def truth(site: Path) -> list[dict]:
    with open(site / "truth.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


class Server:
    """serve.py on a free port of 127.0.0.1, with its access log; a fresh (cold) cache."""

    def __init__(self, site: Path, log: Path) -> None:
        port_file = site.parent / "port"
        port_file.unlink(missing_ok=True)
        log.unlink(missing_ok=True)
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, str(BENCH / "serve.py"), str(site), "--port", "0",
             "--port-file", str(port_file), "--access-log", str(log)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(400):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{port_file.read_text().strip()}"

    def entries(self) -> list[dict]:
        time.sleep(0.5)  # the server flushes its log every 0.2 s
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def clear_log(self) -> None:
        time.sleep(0.5)
        self.log.write_text("")

    def stop(self) -> list[dict]:
        self.proc.terminate()
        self.proc.wait()
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]
