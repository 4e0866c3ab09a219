#!/usr/bin/env python3
"""The numpy/scipy side of the drift benchmark (tools/bench/drift.ts; `npm run bench`).

    python3 tools/drift/bench.py DIR

Generates a baseline and a window of ROWS records each (8 numeric and 2 categorical features, with
missing values and, in the window, a shift and new categories), writes them to DIR/baseline.csv and
DIR/window.csv for DuckDB, then times the same statistics the generated SQL computes:

  baseline: per numeric field the quantile edges (numpy.quantile), bin shares, distinct values
            with counts (what the KS of a later window needs) and missing rate; per categorical
            field the category counts, top-K buckets and missing rate;
  window:   per numeric field PSI over those edges, scipy.stats.ks_2samp and the missing rate; per
            categorical field PSI over top-K + other, unseen share and missing rate.

Then serves the benchmark, one JSON line per command read from stdin, so that its rounds
interleave with DuckDB's and machine noise hits both sides alike: `baseline` and `window` run the
stage once and answer its seconds; `statistics` answers the window statistics (so the benchmark
checks both sides computed the same numbers); end of input ends it.
"""
import json
import os
import sys
import time

import numpy as np
from scipy import stats

ROWS = int(os.environ.get('DRIFT_BENCH_ROWS', 1_000_000))
NUMERIC = [f'x{i}' for i in range(8)]
CATEGORICAL = ['c0', 'c1']
BINS = 10
TOP_K = 10
EPS = 1e-4


def generate(rng, n, shift):
    data = {}
    for i, name in enumerate(NUMERIC):
        x = rng.normal(loc=shift * (i % 3), scale=1 + i / 4, size=n) if i % 2 == 0 else np.round(rng.gamma(2 + i, 10, size=n) + shift * 5, 2)
        x[rng.random(n) < 0.02 + shift * 0.03] = np.nan
        data[name] = x
    for j, name in enumerate(CATEGORICAL):
        k = 8 + 12 * j
        weights = 1 / np.arange(1, k + 1)
        codes = rng.choice(k, size=n, p=weights / weights.sum())
        cats = np.array([f'{name}_{c:02d}' for c in range(k)] + [f'{name}_new'])
        if shift:
            codes[rng.random(n) < 0.03] = k
        values = cats[codes].astype('U12')
        values[rng.random(n) < 0.02] = ''  # missing (written as an empty CSV field, which DuckDB reads as NULL)
        data[name] = values
    return data


def write_csv(path, data):
    columns = [np.where(np.isnan(data[c]), '', np.char.mod('%.17g', data[c])) for c in NUMERIC] + [data[c] for c in CATEGORICAL]
    lines = columns[0]
    for column in columns[1:]:
        lines = np.char.add(np.char.add(lines, ','), column)
    with open(path, 'w') as f:
        f.write(','.join(NUMERIC + CATEGORICAL) + '\n')
        f.write('\n'.join(lines.tolist()))
        f.write('\n')


def psi(expected, actual):
    e = np.where(expected == 0, EPS, expected)
    a = np.where(actual == 0, EPS, actual)
    return float(np.sum((a - e) * np.log(a / e)))


def baseline_stats(data):
    out = {}
    for name in NUMERIC:
        x = data[name]
        present = x[~np.isnan(x)]
        edges = np.quantile(present, np.arange(1, BINS) / BINS)
        shares = np.bincount(np.searchsorted(edges, present, side='right'), minlength=BINS) / len(present)
        values, counts = np.unique(present, return_counts=True)
        out[name] = {'edges': edges, 'shares': shares, 'present': present, 'values': values, 'counts': counts,
                     'missing': 1 - len(present) / len(x)}
    for name in CATEGORICAL:
        x = data[name]
        present = x[x != '']
        cats, counts = np.unique(present, return_counts=True)
        order = np.lexsort((cats, -counts))
        top = cats[order[:TOP_K]]
        shares = np.append(counts[order[:TOP_K]] / len(present), counts[order[TOP_K:]].sum() / len(present))
        out[name] = {'top': top, 'shares': shares, 'seen': cats, 'missing': 1 - len(present) / len(x)}
    return out


def window_stats(base, data):
    out = {}
    for name in NUMERIC:
        x = data[name]
        present = x[~np.isnan(x)]
        actual = np.bincount(np.searchsorted(base[name]['edges'], present, side='right'), minlength=BINS) / len(present)
        out[name] = {'psi': psi(base[name]['shares'], actual),
                     'ks': float(stats.ks_2samp(base[name]['present'], present).statistic),
                     'missing_rate': 1 - len(present) / len(x)}
    for name in CATEGORICAL:
        x = data[name]
        present = x[x != '']
        cats, counts = np.unique(present, return_counts=True)
        top = base[name]['top']
        in_top = np.isin(cats, top)
        by_cat = dict(zip(cats[in_top], counts[in_top]))
        actual = np.append([by_cat.get(c, 0) for c in top], counts[~in_top].sum()) / len(present)
        unseen = counts[~np.isin(cats, base[name]['seen'])].sum() / len(present)
        out[name] = {'psi': psi(base[name]['shares'], actual), 'unseen_share': float(unseen), 'missing_rate': 1 - len(present) / len(x)}
    return out


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main():
    out_dir = sys.argv[1]
    rng = np.random.default_rng(7)
    baseline = generate(rng, ROWS, 0.0)
    window = generate(rng, ROWS, 0.3)
    write_csv(os.path.join(out_dir, 'baseline.csv'), baseline)
    write_csv(os.path.join(out_dir, 'window.csv'), window)
    base = baseline_stats(baseline)
    result = None
    print(json.dumps({'ready': True, 'rows': ROWS, 'numpy': np.__version__}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == 'baseline':
            seconds, base = timed(lambda: baseline_stats(baseline))
            print(json.dumps({'s': seconds}), flush=True)
        elif command == 'window':
            seconds, result = timed(lambda: window_stats(base, window))
            print(json.dumps({'s': seconds}), flush=True)
        elif command == 'statistics':
            print(json.dumps({'statistics': result if result is not None else window_stats(base, window)}), flush=True)


if __name__ == '__main__':
    main()
