"""Scores customers' expected spend with a fitted model (package:NAME or a pickle path)."""
import argparse
import csv
import importlib
import os
import pickle

from fit import feature


def load_model(uri):
    # package:NAME imports the published model package, whose load() checks the model's sha256 first.
    if uri.startswith("package:"):
        return importlib.import_module(uri[len("package:"):]).load()
    with open(uri[len("file://"):] if uri.startswith("file://") else uri, "rb") as f:
        return pickle.load(f)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--model-uri", required=True)
    parser.add_argument("--values", required=True, help="output: customer_id, expected_spend (CSV)")
    parser.add_argument("--total", required=True, help="output parameter: the sum of expected spend")
    args = parser.parse_args()

    model = load_model(args.model_uri)
    with open(args.features, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    total = 0.0
    for path in (args.values, args.total):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(args.values, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_id", "expected_spend"])
        for row in rows:
            value = model["slope"] * feature(row)
            total += value
            writer.writerow([row["customer_id"], "%.2f" % value])
    with open(args.total, "w", encoding="utf-8") as f:
        f.write("%.2f" % total)
    print("score: %d customers, total %.2f" % (len(rows), total))


if __name__ == "__main__":
    main()
