// alerts.ts builds the default alert policies and has no public names: the monitor exposes them.
export * from './drift-monitor';
export * from './schedule';
export * from './baseline';
