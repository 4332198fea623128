"""The extraction workers: how they are set up."""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from articles.seeds.pool import WORKER_GC_THRESHOLD, _init_worker


def test_a_worker_collects_garbage_less_often_than_the_default() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=_init_worker) as pool:
        threshold = pool.submit(gc.get_threshold).result(timeout=60)
    assert threshold[0] == max(700, WORKER_GC_THRESHOLD)
    assert threshold[1:] == gc.get_threshold()[1:]
