#!/usr/bin/env python3
"""Reference data and values for the drift statistics' tests (test/core/drift).

Regenerate (from the repository root):

    python3 tools/drift/reference.py

It writes, under tools/drift/data/:
  baseline.csv                  the training data (a dataset version) the baseline is computed from
  window_<name>.csv             captured records of three windows: no_drift, mean_shift, new_categories;
                                each also holds records just outside the window, which the queries must skip
  labels.csv                    labels for the no_drift window's records (classification and regression)
  reference.json                every statistic as numpy/scipy compute it, with the config that drives the spec

The statistics are computed here independently of the SQL, from their definitions:
  - bin edges: numpy.quantile (default 'linear' method) of the baseline's non-null values at k/bins;
  - PSI: sum((a - e) * ln(a / e)) over bins (numpy.searchsorted(edges, x, side='right') assigns a
    bin) or over the top-K categories plus "other"; zero shares replaced by PSI_EPSILON;
  - KS: scipy.stats.ks_2samp(...).statistic;
  - unseen share, missing rate: by counting;
  - accuracy (score >= 0.5), AUC (scipy.stats.mannwhitneyu U / (n+ * n-)), RMSE, MAE.
The tests only read these files; they never run Python.
"""
import csv
import json
import math
import os
from datetime import datetime, timedelta

import numpy as np
import scipy
from scipy import stats

SEED = 20240501
PSI_EPSILON = 1e-4
DECISION_THRESHOLD = 0.5
BINS = {'amount': 10, 'age': 4, 'balance': 10, 'score': 10}
TOP_K = {'country': 10, 'channel': 10, 'is_member': 10}
NUMERIC = list(BINS)
CATEGORICAL = list(TOP_K)
COLUMNS = ['request_id', 'customer_id', 'event_time', 'amount', 'age', 'balance', 'country', 'channel', 'is_member', 'score']
WINDOW_START = datetime(2024, 5, 1)
WINDOW_END = datetime(2024, 5, 2)
BASELINE_ROWS = 4400
BASELINE_NULLS = 400          # per nullable numeric field: 4000 non-null values, see check_positions
WINDOW_ROWS = 2000
OUTSIDE_ROWS = 300
COUNTRIES = ['US', 'DE', 'FR', 'GB', 'IT', 'ES', 'NL', 'SE', 'PL', 'BR', 'JP', 'IN', 'CA', 'AU', 'MX']
COUNTRY_WEIGHTS = np.array([30, 14, 11, 9, 7, 6, 5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5])
CHANNELS = ['web', 'app', 'store']
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')

rng = np.random.default_rng(SEED)


def records(n, start, span_seconds, *, amount_shift=0.0, age_shift=0, balance_shift=0.0, score_shift=0.0,
            new_countries=0.0, new_channel=0.0, missing=0.1, exact_nulls=None, prefix='r'):
    """n records with event times in [start, start + span): unique seconds, so entity + time is a key."""
    seconds = np.sort(rng.choice(span_seconds, size=n, replace=False))
    times = [start + timedelta(seconds=int(s)) for s in seconds]
    amount = rng.lognormal(mean=3.5 + amount_shift, sigma=0.6, size=n)
    age = np.clip(np.round(rng.normal(41 + age_shift, 12, size=n)), 18, 95).astype(int)
    balance = np.round(rng.gamma(shape=2.0, scale=900.0, size=n) + balance_shift, 2)
    country = rng.choice(COUNTRIES, size=n, p=COUNTRY_WEIGHTS / COUNTRY_WEIGHTS.sum()).astype(object)
    if new_countries > 0:
        new = rng.random(n) < new_countries
        country[new] = rng.choice(['XX', 'YY', 'ZZ'], size=int(new.sum()))
    channel = rng.choice(CHANNELS, size=n, p=[0.55, 0.35, 0.10]).astype(object)
    if new_channel > 0:
        channel[rng.random(n) < new_channel] = 'kiosk'
    is_member = rng.random(n) < 0.4
    logit = -2.0 + 0.02 * (age - 41) + 0.4 * (np.log(amount) - 3.5) + score_shift
    score = np.round(1 / (1 + np.exp(-logit)) * 0.8 + rng.random(n) * 0.2, 3)  # rounded: tied scores
    rows = []
    for i in range(n):
        rows.append({
            'request_id': f'{prefix}{i:05d}', 'customer_id': f'c{int(rng.integers(0, 700)):04d}',
            'event_time': times[i].strftime('%Y-%m-%d %H:%M:%S'),
            'amount': float(amount[i]), 'age': int(age[i]), 'balance': float(balance[i]),
            'country': str(country[i]), 'channel': str(channel[i]), 'is_member': bool(is_member[i]), 'score': float(score[i]),
        })
    nullable = ['amount', 'age', 'balance', 'country', 'channel', 'is_member']
    for field in nullable:
        if exact_nulls is not None and field in NUMERIC:
            idx = rng.choice(n, size=exact_nulls, replace=False)
        else:
            idx = np.flatnonzero(rng.random(n) < missing)
        for i in idx:
            rows[int(i)][field] = None
    return rows


def write_csv(name, rows, columns):
    with open(os.path.join(OUT, name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(columns)
        for r in rows:
            w.writerow(['' if r[c] is None else (('true' if r[c] else 'false') if isinstance(r[c], bool) else (repr(r[c]) if isinstance(r[c], float) else r[c])) for c in columns])


def values(rows, field):
    return np.array([r[field] for r in rows if r[field] is not None], dtype=float)


def categories(rows, field):
    out = []
    for r in rows:
        v = r[field]
        if v is not None:
            out.append(('true' if v else 'false') if isinstance(v, bool) else v)
    return out


def replace_zero(shares):
    shares = np.array(shares, dtype=float)
    return np.where(shares == 0, PSI_EPSILON, shares)


def psi(expected, actual):
    e = replace_zero(expected)
    a = replace_zero(actual)
    return float(np.sum((a - e) * np.log(a / e)))


def check_positions(n, bins, field):
    # With gcd(n - 1, bins) = 1 no quantile position (n - 1)·k/bins is an integer, so every edge
    # lies strictly between two order statistics or on a run of equal values: no data point can
    # fall on the wrong side of an edge through rounding, and the reference is well-posed.
    assert math.gcd(n - 1, bins) == 1, f'{field}: {n} non-null values with {bins} bins puts an edge on a data point'


def numeric_baseline(base, field):
    bins = BINS[field]
    check_positions(len(base), bins, field)
    edges = np.quantile(base, np.arange(1, bins) / bins)
    counts = np.bincount(np.searchsorted(edges, base, side='right'), minlength=bins)
    return edges, counts


def categorical_baseline(base, field):
    counts = {}
    for c in base:
        counts[c] = counts.get(c, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[:TOP_K[field]]
    return counts, ranked, top


def window_stats(baseline_rows, window_rows):
    inside = [r for r in window_rows if WINDOW_START <= datetime.strptime(r['event_time'], '%Y-%m-%d %H:%M:%S') < WINDOW_END]
    out = {}
    for field in NUMERIC:
        base = values(baseline_rows, field)
        win = values(inside, field)
        edges, base_counts = numeric_baseline(base, field)
        win_counts = np.bincount(np.searchsorted(edges, win, side='right'), minlength=BINS[field])
        out[field] = {
            'psi': psi(base_counts / len(base), win_counts / len(win)),
            'ks': float(stats.ks_2samp(base, win).statistic),
            'missing_rate': sum(1 for r in inside if r[field] is None) / len(inside),
            'sample_size': len(win),
            'rows': len(inside),
        }
    for field in CATEGORICAL:
        base = categories(baseline_rows, field)
        win = categories(inside, field)
        counts, ranked, top = categorical_baseline(base, field)
        top_names = [c for c, _ in top]
        expected = [n / len(base) for _, n in top] + [(len(base) - sum(n for _, n in top)) / len(base)]
        actual = [sum(1 for c in win if c == name) / len(win) for name in top_names]
        actual.append(sum(1 for c in win if c not in top_names) / len(win))
        out[field] = {
            'psi': psi(expected, actual),
            'unseen_share': sum(1 for c in win if c not in counts) / len(win),
            'missing_rate': sum(1 for r in inside if r[field] is None) / len(inside),
            'sample_size': len(win),
            'rows': len(inside),
        }
    return out, inside


def baseline_reference(rows):
    ref = {'edges': {}, 'bin_shares': {}, 'buckets': {}, 'categories': {}, 'missing_rate': {}, 'rows': len(rows)}
    for field in NUMERIC:
        base = values(rows, field)
        edges, counts = numeric_baseline(base, field)
        ref['edges'][field] = [float(e) for e in edges]
        ref['bin_shares'][field] = [float(c) / len(base) for c in counts]
        ref['missing_rate'][field] = (len(rows) - len(base)) / len(rows)
    for field in CATEGORICAL:
        base = categories(rows, field)
        counts, ranked, top = categorical_baseline(base, field)
        ref['buckets'][field] = [{'ordinal': i + 1, 'category': c, 'share': n / len(base)} for i, (c, n) in enumerate(top)]
        ref['buckets'][field].append({'ordinal': 0, 'category': None, 'share': (len(base) - sum(n for _, n in top)) / len(base)})
        ref['categories'][field] = len(counts)
        ref['missing_rate'][field] = (len(rows) - len(base)) / len(rows)
    return ref


def quality_reference(inside, labels):
    by_id = {l['request_id']: l for l in labels}
    joined = [(r['score'], by_id[r['request_id']]) for r in inside if r['request_id'] in by_id]
    cls = [(s, l['label']) for s, l in joined if l['label'] is not None]
    reg = [(s, l['target']) for s, l in joined if l['target'] is not None]
    scores = np.array([s for s, _ in cls])
    y = np.array([1 if l else 0 for _, l in cls])
    pos, neg = scores[y == 1], scores[y == 0]
    auc = stats.mannwhitneyu(pos, neg, alternative='two-sided', method='asymptotic').statistic / (len(pos) * len(neg))
    pred = np.array([s for s, _ in reg])
    target = np.array([t for _, t in reg])
    return {
        'classification': {'accuracy': float(np.mean((scores >= DECISION_THRESHOLD) == (y == 1))), 'auc': float(auc), 'sample_size': len(cls)},
        'regression': {'rmse': float(np.sqrt(np.mean((pred - target) ** 2))), 'mae': float(np.mean(np.abs(pred - target))), 'sample_size': len(reg)},
    }


def labels_for(window_rows, inside):
    inside_ids = {r['request_id'] for r in inside}
    out = []
    for r in window_rows:
        if rng.random() < 0.1:
            continue  # no label (yet) for about one prediction in ten
        p = min(max(r['score'], 0.0), 1.0)
        label = bool(rng.random() < p * 1.4)
        target = float(np.round(r['score'] + rng.normal(0, 0.08), 6))
        out.append({
            'request_id': r['request_id'], 'customer_id': r['customer_id'], 'event_time': r['event_time'],
            # A few labels are missing their value, which the statistics skip; those of records outside
            # the window must be skipped by the window predicate on the label table.
            'label': None if rng.random() < 0.03 else label, 'target': None if rng.random() < 0.03 else target,
        })
    assert any(l['request_id'] not in inside_ids for l in out)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    baseline = records(BASELINE_ROWS, datetime(2024, 3, 1), 60 * 86400, exact_nulls=BASELINE_NULLS, prefix='b')
    for field in NUMERIC:
        check_positions(len(values(baseline, field)), BINS[field], field)
    write_csv('baseline.csv', baseline, COLUMNS)

    variants = {
        'no_drift': {},
        'mean_shift': {'amount_shift': 0.5, 'age_shift': 6, 'balance_shift': 400.0, 'score_shift': 0.8, 'missing': 0.14},
        'new_categories': {'new_countries': 0.08, 'new_channel': 0.05, 'missing': 0.1},
    }
    reference = {
        'command': 'python3 tools/drift/reference.py',
        'numpy': np.__version__, 'scipy': scipy.__version__, 'seed': SEED,
        'config': {
            'bins': BINS, 'topCategories': TOP_K, 'psiEpsilon': PSI_EPSILON, 'decisionThreshold': DECISION_THRESHOLD,
            'windowStart': WINDOW_START.strftime('%Y-%m-%d %H:%M:%S'), 'windowEnd': WINDOW_END.strftime('%Y-%m-%d %H:%M:%S'),
        },
        'baseline': baseline_reference(baseline),
        'windows': {},
    }
    for name, shift in variants.items():
        inside = records(WINDOW_ROWS, WINDOW_START, 86400, prefix=f'{name[:2]}', **shift)
        # Records on the days around the window, far off the distribution: counted, they would show.
        before = records(OUTSIDE_ROWS // 2, WINDOW_START - timedelta(days=1), 86400, amount_shift=4.0, age_shift=30, new_countries=0.9, prefix=f'{name[:2]}p')
        after = records(OUTSIDE_ROWS // 2, WINDOW_END, 86400, amount_shift=4.0, age_shift=30, new_countries=0.9, prefix=f'{name[:2]}n')
        rows = before + inside + after
        write_csv(f'window_{name}.csv', rows, COLUMNS)
        stats_by_field, inside_rows = window_stats(baseline, rows)
        reference['windows'][name] = stats_by_field
        if name == 'no_drift':
            labels = labels_for(rows, inside_rows)
            write_csv('labels.csv', labels, ['request_id', 'customer_id', 'event_time', 'label', 'target'])
            reference['quality'] = quality_reference(inside_rows, labels)
    with open(os.path.join(OUT, 'reference.json'), 'w') as f:
        json.dump(reference, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
