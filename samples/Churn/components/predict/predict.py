"""Loads a model (package:NAME, gs://, file:// or a path) and writes one probability per customer."""
import argparse
import csv
import math
import os
import pickle


def local_path(uri):
    # Vertex AI Pipelines mounts Cloud Storage buckets under /gcs/ (Cloud Storage FUSE).
    if uri.startswith("gs://"):
        return "/gcs/" + uri[len("gs://"):]
    if uri.startswith("file://"):
        return uri[len("file://"):]
    return uri


def load_model(uri):
    # package:NAME imports the published model package (pip install it first); its load() checks the model's
    # sha256 before unpickling it.
    if uri.startswith("package:"):
        import importlib
        return importlib.import_module(uri[len("package:"):]).load()
    with open(local_path(uri), "rb") as f:
        return pickle.load(f)


def probability(model, row):
    z = [(float(row[name]) - m) / s for name, m, s in zip(model["features"], model["means"], model["stds"])]
    x = model["bias"] + sum(w * v for w, v in zip(model["weights"], z))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, help="input: customers to score (CSV)")
    parser.add_argument("--model-uri", required=True)
    parser.add_argument("--predictions", required=True, help="output: customer_id, probability (CSV)")
    args = parser.parse_args()

    model = load_model(args.model_uri)
    with open(args.data, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if os.path.dirname(args.predictions):
        os.makedirs(os.path.dirname(args.predictions), exist_ok=True)
    with open(args.predictions, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_id", "probability"])
        for row in rows:
            writer.writerow([row["customer_id"], "%.6f" % probability(model, row)])
    print("predict: %d rows scored" % len(rows))


if __name__ == "__main__":
    main()
