"""`python -m benchmarks queues`: RQ, Dramatiq and Celery on one local redis-server.

What decides the extraction queue (cmn_audit/distributed/): the cost of one job through the
queue (one worker, empty jobs, enqueue to result), and how long a job of a worker killed by
SIGKILL mid-job takes to finish on another worker. Each library is set up the way the
application would run it: one job at a time per worker process, at most one job prefetched,
a dead worker's job retried by the library itself. The figures are in docs/scale.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from cmn_audit.distributed.redis_server import local_redis_server

QUEUE = "bench"
JOBS = 200
KILLED_JOB_SECONDS = 3.0
RECOVERY_CAP_SECONDS = 240.0
STARTED = "bench:started:"  # a job marks that it began, so the benchmark kills it mid-job
# A Dramatiq worker counts as dead after this long without a heartbeat; Celery's Redis
# transport gives an unacknowledged job back after its visibility timeout, which must be
# longer than the longest job (a 120 s OCR), else live workers' jobs run twice.
DRAMATIQ_HEARTBEAT_MS = 10_000
CELERY_VISIBILITY_SECONDS = 130


def sleep_job(token: str, seconds: float) -> str:
    """The benchmark's job: say it started, then take `seconds`."""
    redis.Redis.from_url(os.environ["BENCH_REDIS_URL"]).set(STARTED + token, "1")
    if seconds:
        time.sleep(seconds)
    return token


# --- RQ: a work-horse forked per job; a dead worker's job is retried by a live worker's
# maintenance once its execution's heartbeat (monitoring interval + 60 s) has expired.


def _rq_enqueue(url: str, token: str, seconds: float):
    from rq import Queue, Retry

    queue = Queue(QUEUE, connection=redis.Redis.from_url(url))
    return queue.enqueue(sleep_job, token, seconds, retry=Retry(max=3), job_timeout=600)


def _rq_done(job) -> bool:
    return job.get_status(refresh=True) == "finished"


def _rq_worker(url: str) -> None:
    from rq import Worker

    connection = redis.Redis.from_url(url)
    # RQ looks for abandoned jobs only between two waits on the queue: a short worker_ttl
    # (its wait is worker_ttl - 15 s) and maintenance every second give it its best chance.
    worker = Worker(
        [QUEUE],
        connection=connection,
        maintenance_interval=1,
        job_monitoring_interval=1,
        worker_ttl=20,
    )
    worker.work(logging_level="WARNING")


# --- Dramatiq: a message is acknowledged after its job; a worker that stops sending heartbeats
# has its unacknowledged messages given back by the broker's maintenance.


def _dramatiq_broker(url: str):
    import dramatiq
    from dramatiq.brokers.redis import RedisBroker
    from dramatiq.results import Results
    from dramatiq.results.backends.redis import RedisBackend

    broker = RedisBroker(
        url=url, heartbeat_timeout=DRAMATIQ_HEARTBEAT_MS, maintenance_chance=100_000
    )
    backend = RedisBackend(url=url)
    broker.add_middleware(Results(backend=backend))
    actor = dramatiq.Actor(
        sleep_job,
        broker=broker,
        actor_name="sleep_job",
        queue_name=QUEUE,
        priority=0,
        options={"store_results": True, "max_retries": 3},
    )
    return broker, actor, backend


def _dramatiq_enqueue(url: str, token: str, seconds: float):
    if url not in _DRAMATIQ:
        _DRAMATIQ[url] = _dramatiq_broker(url)
    _, actor, backend = _DRAMATIQ[url]
    return actor.send(token, seconds), backend


def _dramatiq_done(handle) -> bool:
    from dramatiq.results import ResultMissing

    message, backend = handle
    try:
        backend.get_result(message)
        return True
    except ResultMissing:
        return False


def _dramatiq_worker(url: str) -> None:
    from dramatiq import Worker

    broker, _, _ = _dramatiq_broker(url)
    worker = Worker(broker, worker_threads=1, worker_timeout=100)
    worker.queue_prefetch = 1
    worker.start()
    while True:
        time.sleep(1)


_DRAMATIQ: dict = {}

# --- Celery: acks_late + reject_on_worker_lost; Redis gives back the job of a dead worker
# after the visibility timeout.


def _celery_app(url: str):
    from celery import Celery

    app = Celery("bench", broker=url, backend=url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": CELERY_VISIBILITY_SECONDS},
        task_default_queue=QUEUE,
        worker_hijack_root_logger=False,
    )
    return app, app.task(name="sleep_job")(sleep_job)


def _celery_enqueue(url: str, token: str, seconds: float):
    if url not in _CELERY:
        _CELERY[url] = _celery_app(url)
    _, task = _CELERY[url]
    return task.delay(token, seconds)


def _celery_done(result) -> bool:
    return result.ready()


def _celery_worker(url: str) -> None:
    app, _ = _celery_app(url)
    app.worker_main(
        ["worker", "--pool=solo", "--concurrency=1", "--loglevel=WARNING", "-Q", QUEUE]
        + ["--without-heartbeat", "--without-gossip", "--without-mingle"]
    )


_CELERY: dict = {}

LIBRARIES = {
    "rq": (_rq_enqueue, _rq_done, _rq_worker),
    "dramatiq": (_dramatiq_enqueue, _dramatiq_done, _dramatiq_worker),
    "celery": (_celery_enqueue, _celery_done, _celery_worker),
}


def _start_worker(library: str, url: str) -> subprocess.Popen:
    env = {**os.environ, "BENCH_REDIS_URL": url}
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.queues", "worker", library, url],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_tree(pid: int) -> None:
    """SIGKILL a worker and every process under it, as a lost machine would: RQ's work-horse
    runs in a session of its own and would otherwise finish the job alone."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending.extend(children.get(current, []))
    for member in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(member, signal.SIGKILL)


def _wait(done, handles, cap: float) -> float:
    start = time.perf_counter()
    pending = list(handles)
    while pending:
        pending = [handle for handle in pending if not done(handle)]
        if pending and time.perf_counter() - start > cap:
            return float("inf")
        time.sleep(0.005)
    return time.perf_counter() - start


def bench_library(library: str, folder: Path) -> dict:
    """Per-job overhead (one worker) and the recovery of a SIGKILLed worker's job."""
    enqueue, done, _ = LIBRARIES[library]
    with local_redis_server(folder / library) as url:
        os.environ["BENCH_REDIS_URL"] = url
        worker = _start_worker(library, url)
        try:
            _wait(done, [enqueue(url, "warm-up", 0)], 60)  # the worker is up and imported
            start = time.perf_counter()
            handles = [enqueue(url, f"job-{k}", 0) for k in range(JOBS)]
            _wait(done, handles, 120)
            per_job_ms = (time.perf_counter() - start) * 1000 / JOBS
            killed = enqueue(url, "killed", KILLED_JOB_SECONDS)
            connection = redis.Redis.from_url(url)
            while not connection.exists(STARTED + "killed"):
                time.sleep(0.005)
            _kill_tree(worker.pid)
            worker.wait()
            killed_at = time.perf_counter()
            worker = _start_worker(library, url)
            recovered = _wait(done, [killed], RECOVERY_CAP_SECONDS)
            recovery_s = time.perf_counter() - killed_at if recovered != float("inf") else None
        finally:
            _kill_tree(worker.pid)
            worker.wait()
    return {
        "per_job_ms": round(per_job_ms, 2),
        "killed_job_recovered_after_s": round(recovery_s, 1) if recovery_s else None,
        "killed_job_seconds": KILLED_JOB_SECONDS,
    }


def bench_queues(libraries: list[str] | None = None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        return {name: bench_library(name, Path(folder)) for name in libraries or list(LIBRARIES)}


def main(argv: list[str]) -> int:
    if argv[:1] == ["worker"]:
        LIBRARIES[argv[1]][2](argv[2])
        return 0
    print(json.dumps(bench_queues(argv or None), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
