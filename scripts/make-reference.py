"""Prints numpy's numbers for the perceptron core's tests as JSON (npm run fixtures)."""

import json
import math

import numpy as np

LESSON_X = [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]]
LESSON_Y = [0, 1, 1, 0]


def initial_weights(seed, count):
    np.random.seed(seed)
    return 2 * np.random.random((count, 1)) - 1


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def train(x, y, seed, epochs, learning_rate=1.0, activation="sigmoid", bias=False):
    """The lesson's loop; with bias a constant-1 column is appended and its weight is drawn last."""
    x = np.array(x, dtype=float)
    if bias:
        x = np.hstack([x, np.ones((x.shape[0], 1))])
    y = np.array([y], dtype=float).T
    w = initial_weights(seed, x.shape[1])
    start = w.copy()
    loss = None
    for _ in range(epochs):
        if activation == "sigmoid":
            out = sigmoid(x @ w)
            w += learning_rate * (x.T @ ((y - out) * out * (1 - out)))
        else:
            out = (x @ w > 0).astype(float)
            w += learning_rate * (x.T @ (y - out))
        loss = float(np.mean((y - out) ** 2))
    outputs = sigmoid(x @ w) if activation == "sigmoid" else (x @ w > 0).astype(float)
    return start.ravel(), w.ravel(), outputs.ravel(), loss


def train_in_row_order(x, y, seed, epochs, learning_rate):
    """The sigmoid loop in plain Python, summing in the order the TypeScript kernel does (BLAS may not)."""
    w = initial_weights(seed, len(x[0])).ravel().tolist()
    for _ in range(epochs):
        delta = []
        for row, target in zip(x, y):
            z = 0.0
            for value, weight in zip(row, w):
                z += value * weight
            out = 1 / (1 + math.exp(-z))
            delta.append((target - out) * out * (1 - out))
        for c in range(len(w)):
            g = 0.0
            for row, d in zip(x, delta):
                g += row[c] * d
            w[c] = w[c] + learning_rate * g
    return w


def case(name, x, y, seed, epochs, learning_rate=1.0, activation="sigmoid", bias=False, predict=None, in_order=False):
    start, w, outputs, loss = train(x, y, seed, epochs, learning_rate, activation, bias)
    inputs = len(x[0])
    result = {
        "name": name,
        "seed": seed,
        "epochs": epochs,
        "learningRate": learning_rate,
        "activation": activation,
        "bias": bias,
        "x": x,
        "y": y,
        "initialWeights": start[:inputs].tolist(),
        "weights": w[:inputs].tolist(),
        "outputs": outputs.tolist(),
        "loss": loss,
    }
    if bias:
        result["initialBias"] = float(start[inputs])
        result["finalBias"] = float(w[inputs])
    if in_order:
        result["weightsInRowOrder"] = train_in_row_order(x, y, seed, epochs, learning_rate)
    if predict is not None:
        sum_ = np.array(predict, dtype=float) @ w[:inputs] + (w[inputs] if bias else 0)
        result["predict"] = {"inputs": predict, "sum": float(sum_), "output": float(sigmoid(sum_))}
    return result


def random_data(data_seed, rows, inputs):
    """0/1 inputs with targets from a random hyperplane, so the data can be learned."""
    rng = np.random.RandomState(data_seed)
    x = rng.randint(0, 2, (rows, inputs))
    plane = rng.standard_normal(inputs)
    y = (x @ plane > plane.sum() / 2).astype(int)
    return x.tolist(), y.tolist()


def main():
    weights = [
        {"seed": seed, "count": count, "weights": initial_weights(seed, count).ravel().tolist()}
        for seed in [0, 1, 42, 123456789, 4294967295]
        for count in [1, 3, 32]
    ]
    x5, y5 = random_data(5, 30, 5)
    x32, y32 = random_data(32, 40, 32)
    x20, y20 = random_data(20, 20, 5)
    x50, y50 = random_data(50, 50, 32)
    training = [
        case("lesson", LESSON_X, LESSON_Y, 1, 20000, predict=[1, 1, 0]),
        case("lesson seed 42", LESSON_X, LESSON_Y, 42, 5000, predict=[1, 1, 0]),
        case("lesson seed 4294967295", LESSON_X, LESSON_Y, 4294967295, 3000),
        case("lesson lr 0.1", LESSON_X, LESSON_Y, 1, 2000, learning_rate=0.1),
        case("lesson lr 2.5", LESSON_X, LESSON_Y, 7, 2000, learning_rate=2.5, predict=[1, 1, 0]),
        case("random 5 inputs", x5, y5, 3, 1500),
        case("random 32 inputs", x32, y32, 123456789, 600, learning_rate=0.1),
        # Rounding differences of BLAS's summation order grow to about 3e-8 here, hence the in-order weights too.
        case("random 32 inputs lr 1", x50, y50, 0, 2000, in_order=True),
        case("random 32 inputs step", x50, y50, 9, 300, activation="step"),
        case("random 5 inputs with bias", x20, y20, 11, 800, bias=True, predict=[1, 0, 1, 0, 1]),
        case("lesson with bias", [r[:2] for r in LESSON_X], LESSON_Y, 1, 2000, bias=True, predict=[1, 1]),
        case("random 5 inputs step", x5, y5, 2, 200, learning_rate=0.5, activation="step"),
        case("and step", [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], [0, 0, 0, 1], 1, 50, activation="step"),
    ]
    # 700 doubles take 1400 words, so the generator refills its 624-word state twice.
    long_draw = {"seed": 2024, "count": 700, "tail": initial_weights(2024, 700).ravel()[-3:].tolist()}
    reference = {"numpy": np.__version__, "initialWeights": weights, "longDraw": long_draw, "training": training}
    print(json.dumps(reference, indent=1))


if __name__ == "__main__":
    main()
