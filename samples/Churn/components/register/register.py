"""Registers a model: writes its model card (name, F1, size, sha256) as Markdown."""
import argparse
import hashlib
import os


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True, help="input: pickled model")
    parser.add_argument("--name", required=True)
    parser.add_argument("--f1", type=float, required=True)
    parser.add_argument("--card", required=True, help="output: model card (Markdown)")
    args = parser.parse_args()

    with open(args.model, "rb") as f:
        content = f.read()
    digest = hashlib.sha256(content).hexdigest()
    if os.path.dirname(args.card):
        os.makedirs(os.path.dirname(args.card), exist_ok=True)
    with open(args.card, "w", encoding="utf-8") as f:
        f.write("# Model card: %s\n\n" % args.name)
        f.write("| field | value |\n|---|---|\n")
        f.write("| F1 on the test set | %.4f |\n" % args.f1)
        f.write("| size | %d bytes |\n" % len(content))
        f.write("| sha256 | `%s` |\n" % digest)
    print("register: %s sha256:%s" % (args.name, digest))


if __name__ == "__main__":
    main()
