export * from './training-pipeline';
export * from './training-schedule';
export * from './alarms';
