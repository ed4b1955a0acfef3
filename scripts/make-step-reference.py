"""Prints numpy's numbers for one epoch of the lesson's update, step by step, as JSON (npm run fixtures)."""

import json

import numpy as np


def epoch(name, x, y, seed, learning_rate=1.0, activation="sigmoid", bias=False, before=0):
    """The numbers of epoch before + 1: the same loop as the lesson, keeping what it computes on the way."""
    x = np.array(x, dtype=float)
    if bias:
        x = np.hstack([x, np.ones((x.shape[0], 1))])
    y = np.array([y], dtype=float).T
    np.random.seed(seed)
    w = 2 * np.random.random((x.shape[1], 1)) - 1
    for _ in range(before + 1):
        start = w.copy()
        z = x @ w
        out = 1 / (1 + np.exp(-z)) if activation == "sigmoid" else (z > 0).astype(float)
        error = y - out
        term = error * out * (1 - out) if activation == "sigmoid" else error
        gradient = x.T @ term
        w = w + learning_rate * gradient
    return {
        "name": name,
        "seed": seed,
        "learningRate": learning_rate,
        "activation": activation,
        "bias": bias,
        "epochsBefore": before,
        "x": x[:, : x.shape[1] - (1 if bias else 0)].tolist(),
        "y": y.ravel().tolist(),
        "before": start.ravel().tolist(),
        "sums": z.ravel().tolist(),
        "outputs": out.ravel().tolist(),
        "errors": error.ravel().tolist(),
        "terms": term.ravel().tolist(),
        "gradient": gradient.ravel().tolist(),
        "after": w.ravel().tolist(),
        "loss": float(np.mean(error**2)),
    }


LESSON_X = [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]]
LESSON_Y = [0, 1, 1, 0]
AND_X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]


def main():
    steps = [
        epoch("lesson, first epoch", LESSON_X, LESSON_Y, 1),
        epoch("lesson, third epoch", LESSON_X, LESSON_Y, 1, before=2),
        epoch("lesson lr 0.5 with bias", [r[:2] for r in LESSON_X], LESSON_Y, 7, learning_rate=0.5, bias=True),
        epoch("and, step activation, second epoch", AND_X, [0, 0, 0, 1], 1, activation="step", before=1),
    ]
    print(json.dumps({"numpy": np.__version__, "steps": steps}, indent=1))


if __name__ == "__main__":
    main()
