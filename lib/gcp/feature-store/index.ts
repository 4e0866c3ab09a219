export * from './feature-store';
export * from './online-serving';
export * from './sync-schedule';
