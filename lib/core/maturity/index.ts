/** The MLOps maturity levels 0–3: what each contains and adds. */
export * from './levels';
