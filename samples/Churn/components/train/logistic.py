"""A logistic regression in plain Python, stored as a pickled dict (no class needed to load it)."""
import csv
import math
import os
import pickle


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fit(rows, features, label, epochs, learning_rate):
    xs = [[float(r[name]) for name in features] for r in rows]
    ys = [float(r[label]) for r in rows]
    means = [sum(column) / len(xs) for column in zip(*xs)]
    stds = [max(1e-9, math.sqrt(sum((v - m) ** 2 for v in column) / len(xs))) for column, m in zip(zip(*xs), means)]
    zs = [[(v - m) / s for v, m, s in zip(x, means, stds)] for x in xs]
    weights = [0.0] * len(features)
    bias = 0.0
    for _ in range(epochs):
        grad_w = [0.0] * len(features)
        grad_b = 0.0
        for z, y in zip(zs, ys):
            error = _sigmoid(bias + sum(w * v for w, v in zip(weights, z))) - y
            grad_w = [g + error * v for g, v in zip(grad_w, z)]
            grad_b += error
        weights = [w - learning_rate * g / len(zs) for w, g in zip(weights, grad_w)]
        bias -= learning_rate * grad_b / len(zs)
    return {"kind": "logistic-regression", "features": features, "means": means, "stds": stds,
            "weights": weights, "bias": bias}


def probability(model, row):
    z = [(float(row[name]) - m) / s for name, m, s in zip(model["features"], model["means"], model["stds"])]
    return _sigmoid(model["bias"] + sum(w * v for w, v in zip(model["weights"], z)))


def save(model, path):
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(model, f)


def load(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))
