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


def test_understood_files_pickle_as_calls_and_come_back_equal() -> None:
    """What a worker sends the importer (a draft with its quotes and tags, or a failure) is
    pickled as constructor calls, with no field-by-field state to restore, and loads equal."""
    import pickle
    import pickletools
    from dataclasses import dataclass, field

    import pytest

    from articles.seeds.pool import understand_file
    from articles.seeds.records import reduce_to_call
    from tests.conftest import REFERENCE_SEED

    done = understand_file(REFERENCE_SEED, "v1")
    failed = understand_file(REFERENCE_SEED.with_name("no-such-seed.txt"), "v1")
    assert done.draft is not None and done.draft.quotes and done.draft.tags
    assert failed.draft is None and failed.failure
    data = pickle.dumps([done, failed])
    assert "BUILD" not in {op.name for op, _arg, _pos in pickletools.genops(data)}
    assert pickle.loads(data) == [done, failed]

    @dataclass(frozen=True)
    class KeywordOnly:
        a: int
        b: int = field(kw_only=True, default=0)

    with pytest.raises(TypeError, match="positional"):
        reduce_to_call(KeywordOnly(1))
