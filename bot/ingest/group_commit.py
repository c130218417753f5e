"""Group commit: jobs handed in by many tasks, written a batch at a time by one writer task."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from types import TracebackType
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")


class GroupCommit(Generic[J, R]):
    """`async with GroupCommit(write, max_batch) as batches`, then `await batches.submit(job)`
    from any number of tasks. One writer task calls `write(jobs)` (one transaction) with every
    job waiting, up to `max_batch`; jobs handed in while it writes join the next batch. So a
    round of polls pays for one transaction per batch, not one per feed, and on SQLite the
    polls no longer queue one by one for its single write lock.

    `write` returns one result per job, in order; when it raises, every job of that batch gets
    the error. Leaving the block cancels the writer: a batch cut short is rolled back by its
    transaction, as a single write cut short would be."""

    def __init__(self, write: Callable[[list[J]], Awaitable[Sequence[R]]],
                 max_batch: int) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be 1 or more")
        self._write = write
        self._max = max_batch
        self._waiting: list[tuple[J, asyncio.Future[R]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._closed = False

    async def __aenter__(self) -> GroupCommit[J, R]:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        self._closed = True
        if self._writer is not None:
            self._writer.cancel()
            with suppress(asyncio.CancelledError):
                await self._writer
        for _, future in self._waiting:
            future.cancel()
        self._waiting.clear()

    async def submit(self, job: J) -> R:
        """Write `job` with the next batch; its result, or the batch's error."""
        if self._closed:
            raise RuntimeError("this group commit is closed")
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append((job, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain(), name="group-commit")
        return await future

    async def _drain(self) -> None:
        while self._waiting:
            batch = self._waiting[:self._max]
            del self._waiting[:self._max]
            try:
                results = await self._write([job for job, _ in batch])
                if len(results) != len(batch):
                    raise RuntimeError(f"{len(results)} results for {len(batch)} jobs")
            except Exception as exc:  # every job of the batch hears of it
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            except BaseException:  # cancelled: nobody waits for a batch that never finished
                for _, future in batch:
                    future.cancel()
                raise
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():  # a submitter cancelled meanwhile wants no answer
                    future.set_result(result)
