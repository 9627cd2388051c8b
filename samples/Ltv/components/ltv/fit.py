"""Fits spend ~ orders/month * basket (least squares through the origin) and reports the held-out MAE."""
import argparse
import csv
import os
import pickle


def feature(row):
    return float(row["orders"]) / float(row["months_active"]) * float(row["avg_basket"])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--model", required=True, help="output: the pickled model")
    parser.add_argument("--mae", required=True, help="output parameter: mean absolute error")
    args = parser.parse_args()

    with open(args.features, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    train, test = rows[: len(rows) * 4 // 5], rows[len(rows) * 4 // 5:]
    xs = [feature(r) for r in train]
    ys = [float(r["future_spend"]) for r in train]
    slope = sum(x * y for x, y in zip(xs, ys)) / sum(x * x for x in xs)
    mae = sum(abs(slope * feature(r) - float(r["future_spend"])) for r in test) / len(test)

    for path in (args.model, args.mae):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(args.model, "wb") as f:
        pickle.dump({"kind": "ltv-regression", "slope": slope}, f)
    with open(args.mae, "w", encoding="utf-8") as f:
        f.write("%.4f" % mae)
    print("fit: slope %.3f, held-out MAE %.2f" % (slope, mae))


if __name__ == "__main__":
    main()
