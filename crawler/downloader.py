"""Scrapy's downloader with its per-host limit kept (the ``DOWNLOADER`` setting).

Scrapy (2.13 and later, on the asyncio reactor) starts each download of a slot's queue as an
asyncio task, and a request counts as *transferring* only once its task runs, on a later turn
of the event loop. One pass over a slot's queue therefore sees every transfer slot free and
starts everything queued: with no download delay, ``CONCURRENT_REQUESTS_PER_DOMAIN`` does not
limit anything, only ``CONCURRENT_REQUESTS`` does. A host then gets up to 64 requests at once
instead of its ``concurrency_per_host``, and the connection pool, which keeps that many
connections per host, closes most connections after one request (a new TCP connection for
most pages: CPU on both sides).

:class:`PoliteDownloader` counts a request as transferring as it leaves the queue.
"""

from __future__ import annotations

from time import monotonic

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro


class PoliteDownloader(Downloader):
    """:meth:`Downloader._process_queue` as in Scrapy 2.19, but for the line marked below."""

    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return  # a delay is running; it processes the queue when it ends
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            # Taken now, not when the task starts; _download adds it again (a set) and
            # removes it when the transfer ends, whatever the outcome.
            slot.transferring.add(request)
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:  # one request per delay
                self._process_queue(slot)
                break
