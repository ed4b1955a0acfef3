"""The lesson's numpy program, timed, for bench/core-speed.ts.

  python3 bench/numpy-lesson.py lesson [repeats]   the lesson itself: 4 rows x 3 inputs x 20,000 epochs
  python3 bench/numpy-lesson.py batch [repeats]    the same update on a problem read from stdin as JSON:
                                                   {"x": [[...]], "y": [...], "w": [...], "lr": 1, "epochs": 5000}

Prints one JSON object: the times of each repeat (after one warm-up run, timed with time.perf_counter),
the final weights, the numpy and BLAS configuration, and the process's peak RSS in kilobytes.
"""

import json
import os
import resource
import sys
import time

import numpy as np


def lesson():
    X = np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]])
    y = np.array([[0, 1, 1, 0]]).T
    np.random.seed(1)
    w = 2 * np.random.random((3, 1)) - 1
    initial = w.copy()
    for _ in range(20000):
        out = 1 / (1 + np.exp(-(X @ w)))
        w += X.T @ ((y - out) * out * (1 - out))
    prediction = 1 / (1 + np.exp(-(np.array([1, 1, 0]) @ w)))
    return {"initial": initial[:, 0].tolist(), "weights": w[:, 0].tolist(), "prediction": float(prediction[0])}


def batch(problem):
    X = np.array(problem["x"], dtype=np.float64)
    y = np.array(problem["y"], dtype=np.float64).reshape(-1, 1)
    w = np.array(problem["w"], dtype=np.float64).reshape(-1, 1)
    lr = problem["lr"]
    with np.errstate(over="ignore"):
        for _ in range(problem["epochs"]):
            out = 1 / (1 + np.exp(-(X @ w)))
            w += lr * (X.T @ ((y - out) * out * (1 - out)))
    return {"weights": w[:, 0].tolist()}


def blas_config():
    config = {"numpy": np.__version__}
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        config["blas"] = f"{blas.get('name')} {blas.get('version')}"
        config["blas_build"] = blas.get("openblas configuration", "")
    except Exception:  # older numpy: no dict mode
        config["blas"] = "unknown"
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if name in os.environ:
            config[name] = os.environ[name]
    try:
        from threadpoolctl import threadpool_info

        config["threadpools"] = [
            f"{pool.get('internal_api')} {pool.get('version')} threads={pool.get('num_threads')}"
            for pool in threadpool_info()
        ]
    except ImportError:
        pass
    return config


def main():
    mode = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    problem = json.load(sys.stdin) if mode == "batch" else None
    run = lesson if mode == "lesson" else lambda: batch(problem)
    result = run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    result.update(times=times, config=blas_config(), maxrss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
