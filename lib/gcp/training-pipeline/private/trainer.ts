/**
 * The trainer the default pipeline runs in Vertex AI's prebuilt XGBoost 1.7 container: one Python
 * file (standard library, numpy and xgboost, which the container has), uploaded into the lake's
 * artifacts bucket by Terraform (`google_storage_bucket_object`) and run from Cloud Storage FUSE
 * (`/gcs/<bucket>/…`, which Vertex AI mounts in every custom job), so no image is built and no
 * package is published.
 *
 * `train`: reads the headerless CSV files of a dataset version's `train/` folder (label first),
 * trains with the given hyperparameters (`num_round` rounds), saves `model.bst` (the file the
 * prebuilt XGBoost serving container loads) into the model directory.
 * `evaluate`: scores the `validation/` folder with that model and writes the metrics file
 * `{ "<metric>": value, "datasetVersion": "…", "validationRows": n }`.
 *
 * Metrics as the core defines them: `auc` (the Mann–Whitney statistic, ties counted half),
 * `accuracy` (threshold 0.5), `logloss` (probabilities clipped to [1e-15, 1 − 1e-15]), `rmse`, `mae`.
 *
 * Checked by tools/training/check-vertex-trainer.sh with Debian's python3-xgboost 1.7.4.
 */
export const VERTEX_XGBOOST_TRAINER_PY = String.raw`"""mlops-constructs trainer for Vertex AI's prebuilt XGBoost 1.7 training container."""
import argparse
import glob
import json
import math
import os
import sys

import numpy as np
import xgboost as xgb


def read_split(dataset_dir, side):
    files = sorted(f for f in glob.glob(os.path.join(dataset_dir, side, "*")) if os.path.isfile(f) and os.path.getsize(f) > 0)
    # atleast_2d rather than ndmin=2, which numpy added only in 1.23
    parts = [np.atleast_2d(np.genfromtxt(f, delimiter=",", dtype=np.float64)) for f in files]
    parts = [p for p in parts if p.size > 0]
    if not parts:
        sys.exit("no rows in %s" % os.path.join(dataset_dir, side))
    data = np.concatenate(parts, axis=0)
    return data[:, 1:], data[:, 0]


def auc(y, p):
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p), dtype=np.float64)
    sorted_p = p[order]
    i = 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and sorted_p[j + 1] == sorted_p[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    positives = float(np.sum(y == 1))
    negatives = float(len(y)) - positives
    if positives == 0 or negatives == 0:
        sys.exit("auc needs both classes in the validation split")
    return (float(np.sum(ranks[y == 1])) - positives * (positives + 1) / 2.0) / (positives * negatives)


def metric_value(name, y, p):
    if name == "auc":
        return auc(y, p)
    if name == "accuracy":
        return float(np.mean((p >= 0.5) == (y == 1)))
    if name == "logloss":
        q = np.clip(p, 1e-15, 1 - 1e-15)
        return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))
    if name == "rmse":
        return float(math.sqrt(np.mean((p - y) ** 2)))
    if name == "mae":
        return float(np.mean(np.abs(p - y)))
    sys.exit("unknown metric %s" % name)


def train(args):
    features, labels = read_split(args.dataset_dir, "train")
    params = json.loads(args.hyperparameters)
    rounds = int(params.pop("num_round", "100"))
    booster = xgb.train(params, xgb.DMatrix(features, label=labels), num_boost_round=rounds)
    os.makedirs(args.model_dir, exist_ok=True)
    booster.save_model(os.path.join(args.model_dir, "model.bst"))
    print("trained %d rounds on %d rows into %s" % (rounds, len(labels), args.model_dir))


def evaluate(args):
    features, labels = read_split(args.dataset_dir, "validation")
    booster = xgb.Booster()
    booster.load_model(os.path.join(args.model_dir, "model.bst"))
    value = metric_value(args.metric, labels, booster.predict(xgb.DMatrix(features)))
    if not math.isfinite(value):
        sys.exit("%s is not finite" % args.metric)
    os.makedirs(os.path.dirname(args.metrics_file), exist_ok=True)
    with open(args.metrics_file, "w") as out:
        json.dump({args.metric: value, "datasetVersion": args.dataset_version, "validationRows": int(len(labels))}, out)
    print("%s = %r on %d rows" % (args.metric, value, len(labels)))


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["train", "evaluate"])
    parser.add_argument("--dataset-dir", required=True)
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--hyperparameters", default="{}")
    parser.add_argument("--metric")
    parser.add_argument("--metrics-file")
    parser.add_argument("--dataset-version", default="")
    args = parser.parse_args(argv)
    if args.mode == "train":
        train(args)
    else:
        evaluate(args)


if __name__ == "__main__":
    main(sys.argv[1:])
`;
