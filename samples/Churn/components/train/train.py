"""Trains the model on the training set and pickles it."""
import argparse

import logistic

FEATURES = ["tenure_months", "monthly_charges", "support_calls"]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, help="input: training set (CSV)")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--learning-rate", type=float, default=0.5)
    parser.add_argument("--model", required=True, help="output: pickled model")
    args = parser.parse_args()

    rows = logistic.read_rows(args.data)
    model = logistic.fit(rows, FEATURES, "label", args.epochs, args.learning_rate)
    logistic.save(model, args.model)
    print("train: %d rows, weights %s" % (len(rows), ", ".join("%.3f" % w for w in model["weights"])))


if __name__ == "__main__":
    main()
