"""Scores the model on the test set: writes F1 (an output parameter) and all metrics (JSON)."""
import argparse
import json
import os

import logistic


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True, help="input: pickled model")
    parser.add_argument("--data", required=True, help="input: test set (CSV)")
    parser.add_argument("--f1", required=True, help="output parameter file: F1 score")
    parser.add_argument("--metrics", required=True, help="output: metrics (JSON)")
    args = parser.parse_args()

    model = logistic.load(args.model)
    rows = logistic.read_rows(args.data)
    tp = fp = fn = tn = 0
    for row in rows:
        predicted = logistic.probability(model, row) >= 0.5
        actual = row["label"] == "1"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not predicted and not actual
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metrics = {"f1": f1, "precision": precision, "recall": recall, "accuracy": (tp + tn) / len(rows), "rows": len(rows)}

    for path in (args.f1, args.metrics):
        if os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(args.f1, "w", encoding="utf-8") as f:
        f.write(repr(f1))
    with open(args.metrics, "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=2)
    print("evaluate: " + json.dumps(metrics))


if __name__ == "__main__":
    main()
