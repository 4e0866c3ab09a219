export * from './drift-monitor';
export * from './drift-schedule';
export * from './drift-baseline';
export * from './alarms';
