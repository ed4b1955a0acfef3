"""Prints numpy's numbers for iRprop- and the genetic algorithm as JSON (npm run fixtures).

The genetic algorithm draws from np.random.RandomState(seed) in the order src/core/genetic.ts documents;
the core must make the same selections, so it reaches the same weights.
"""

import importlib.util
import json
from pathlib import Path

import numpy as np

spec = importlib.util.spec_from_file_location("reference", Path(__file__).with_name("make-reference.py"))
reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reference)

LESSON_X, LESSON_Y = reference.LESSON_X, reference.LESSON_Y
AND_X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
AND_Y = [0, 0, 0, 1]
SMILEYS_X = [
    [1, 0, 1, 0, 0, 1], [0, 0, 1, 0, 0, 1], [1, 1, 1, 0, 0, 1], [1, 0, 1, 0, 1, 1],
    [1, 0, 0, 1, 0, 1], [1, 0, 0, 1, 1, 1], [1, 1, 0, 1, 0, 1], [0, 0, 0, 1, 0, 1],
]
SMILEYS_Y = [1, 1, 1, 1, 0, 0, 0, 0]


def outputs(x, w, activation):
    z = x @ w
    return 1 / (1 + np.exp(-z)) if activation == "sigmoid" else (z > 0).astype(float)


def rprop(x, y, seed, epochs, target=None):
    """iRprop- on the lesson's gradient g = X.T @ delta (the lesson adds g, so w moves by +sign(g))."""
    x = np.array(x, dtype=float)
    y = np.array(y, dtype=float)
    w = reference.initial_weights(seed, x.shape[1]).ravel()
    steps = np.full_like(w, 0.1)
    previous = np.zeros_like(w)
    losses = []
    done = 0
    for _ in range(epochs):
        out = outputs(x, w, "sigmoid")
        loss = float(np.mean((y - out) ** 2))
        if target is not None and loss <= target:
            break
        losses.append(loss)
        g = x.T @ ((y - out) * out * (1 - out))
        product = g * previous
        steps = np.where(product > 0, np.minimum(steps * 1.2, 50), steps)
        steps = np.where(product < 0, np.maximum(steps * 0.5, 1e-6), steps)
        g = np.where(product < 0, 0.0, g)
        w = w + np.sign(g) * steps
        previous = g
        done += 1
    return {"weights": w.tolist(), "steps": steps.tolist(), "previousGradient": previous.tolist(),
            "losses": losses, "epochsRun": done}


def tournament(rng, size):
    return min(int(rng.random_sample() * size) for _ in range(3))


def genetic(x, y, seed, generations, size, activation="sigmoid"):
    x = np.array(x, dtype=float)
    y = np.array(y, dtype=float)
    cols = x.shape[1]
    rng = np.random.RandomState(seed)
    start = 2 * rng.random_sample(cols) - 1  # the starting weights, as the model draws them
    population = np.vstack([start, 2 * rng.random_sample((size - 1, cols)) - 1])
    best_losses = []
    for _ in range(generations):
        fitness = np.array([np.mean((y - outputs(x, w, activation)) ** 2) for w in population])
        ranked = population[np.argsort(fitness, kind="stable")]
        best_losses.append(float(np.min(fitness)))
        children = [ranked[0], ranked[1]]
        for _ in range(2, size):
            a = ranked[tournament(rng, size)]
            b = ranked[tournament(rng, size)]
            child = np.where(rng.random_sample(cols) < 0.5, a, b)
            mutate = rng.random_sample(cols) < 0.1
            child[mutate] += 0.5 * rng.standard_normal(int(mutate.sum()))
            children.append(child)
        population = np.array(children)
    return {"weights": population[0].tolist(), "population": population.tolist(), "bestLosses": best_losses,
            "nextRandom": float(rng.random_sample())}


def main():
    x32, y32 = reference.random_data(32, 40, 32)
    data = {"lesson": (LESSON_X, LESSON_Y), "and": (AND_X, AND_Y), "smileys": (SMILEYS_X, SMILEYS_Y),
            "random 32 inputs": (x32, y32),
            # One weight: pushed the same way forever (steps reach 50), or to and fro around 0 (down to 1e-6).
            "always one": ([[0.001], [0.001]], [1, 1]), "balance": ([[1], [1]], [0.3, 0.7])}
    rprop_cases = [("lesson", 1, 100, None), ("lesson", 42, 1000, None), ("lesson", 1, 1000, 0.001),
                   ("and", 1, 300, None), ("and", 7, 300, 0.01), ("smileys", 1, 200, None),
                   ("smileys", 42, 200, None), ("random 32 inputs", 0, 300, None),
                   ("random 32 inputs", 5, 300, None), ("always one", 1, 100, None), ("balance", 3, 200, None)]
    genetic_cases = [("lesson", 1, 30, 50, "sigmoid"), ("lesson", 42, 30, 50, "sigmoid"),
                     ("and", 3, 40, 20, "sigmoid"), ("and", 1, 20, 10, "step"),
                     ("smileys", 1, 25, 50, "sigmoid"), ("smileys", 9, 25, 7, "sigmoid"),
                     ("random 32 inputs", 0, 20, 30, "sigmoid"), ("random 32 inputs", 123456789, 10, 50, "sigmoid")]
    out = {
        "numpy": np.__version__,
        "data": {name: {"x": x, "y": y} for name, (x, y) in data.items()},
        "rprop": [{"data": d, "seed": s, "epochs": e, "target": t, **rprop(*data[d], s, e, t)}
                  for d, s, e, t in rprop_cases],
        "genetic": [{"data": d, "seed": s, "generations": g, "population": p, "activation": a,
                     **{k: v for k, v in genetic(*data[d], s, g, p, a).items() if k != "population"},
                     "finalPopulation": genetic(*data[d], s, g, p, a)["population"]}
                    for d, s, g, p, a in genetic_cases],
        "normals": {"seed": 5, "values": np.random.RandomState(5).standard_normal(7).tolist()},
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
