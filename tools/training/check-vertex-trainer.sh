#!/usr/bin/env bash
# Runs the trainer the Google Cloud TrainingPipeline ships (lib/gcp/training-pipeline/private/trainer.ts)
# on a small synthetic dataset version, with Debian's python3-xgboost 1.7.4 (the XGBoost version of
# Vertex AI's prebuilt xgboost-cpu.1-7 container): train, evaluate, and compare the metrics it writes
# with numpy's own computation. Not part of `npm test` (it needs the Debian package):
#   apt-get install -y --no-install-recommends python3-xgboost && bash tools/training/check-vertex-trainer.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npx tsx -e "process.stdout.write(require('./lib/gcp/training-pipeline/private/trainer').VERTEX_XGBOOST_TRAINER_PY)" > "$work/trainer.py"
/usr/bin/python3 - "$work" <<'PY'
import os, sys
import numpy as np
work = sys.argv[1]
rng = np.random.default_rng(7)
for side, n, parts in (("train", 2000, 3), ("validation", 500, 2)):
    os.makedirs(os.path.join(work, "ds", side))
    x = rng.normal(size=(n, 3))
    y = (x[:, 0] + 0.5 * x[:, 1] + rng.normal(scale=0.5, size=n) > 0).astype(int)
    rows = np.column_stack([y, x])
    for i, chunk in enumerate(np.array_split(rows, parts)):
        with open(os.path.join(work, "ds", side, "part-%03d.csv" % i), "w") as f:
            for r in chunk:
                f.write(",".join([str(int(r[0]))] + ["" if i == 1 and j == 2 else repr(v) for j, v in enumerate(r[1:])]) + "\n")
    # an empty file, as EXPORT DATA can leave, and (train) a file of one row
    open(os.path.join(work, "ds", side, "part-999.csv"), "w").close()
    if side == "train":
        with open(os.path.join(work, "ds", side, "part-998.csv"), "w") as f:
            f.write("1,0.5,0.25,-1.0\n")
PY
for metric in auc accuracy logloss; do
  /usr/bin/python3 "$work/trainer.py" train --dataset-dir "$work/ds" --model-dir "$work/model" \
    --hyperparameters '{"num_round":"20","max_depth":"3","eta":"0.3","objective":"binary:logistic","eval_metric":"auc"}'
  /usr/bin/python3 "$work/trainer.py" evaluate --dataset-dir "$work/ds" --model-dir "$work/model" --metric "$metric" \
    --metrics-file "$work/eval/metrics-$metric.json" --dataset-version test-version
done
/usr/bin/python3 - "$work" <<'PY'
import glob, json, os, sys
import numpy as np
import xgboost as xgb
work = sys.argv[1]
data = np.concatenate([np.genfromtxt(f, delimiter=",", ndmin=2) for f in sorted(glob.glob(os.path.join(work, "ds", "validation", "part-00*.csv")))])
y, x = data[:, 0], data[:, 1:]
b = xgb.Booster(); b.load_model(os.path.join(work, "model", "model.bst"))
p = b.predict(xgb.DMatrix(x))
pos, neg = p[y == 1], p[y == 0]
auc = (np.sum(pos[:, None] > neg[None, :]) + 0.5 * np.sum(pos[:, None] == neg[None, :])) / (len(pos) * len(neg))
expected = {"auc": auc, "accuracy": np.mean((p >= 0.5) == (y == 1)),
            "logloss": -np.mean(y * np.log(np.clip(p, 1e-15, 1 - 1e-15)) + (1 - y) * np.log(1 - np.clip(p, 1e-15, 1 - 1e-15)))}
for metric, value in expected.items():
    written = json.load(open(os.path.join(work, "eval", "metrics-%s.json" % metric)))
    assert written["datasetVersion"] == "test-version" and written["validationRows"] == len(y), written
    assert abs(written[metric] - value) < 1e-12, (metric, written[metric], value)
    print("%s: trainer %.12f, reference %.12f" % (metric, written[metric], value))
assert expected["auc"] > 0.8
print("trainer check passed (xgboost %s)" % xgb.__version__)
PY
