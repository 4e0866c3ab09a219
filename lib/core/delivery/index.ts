export * from './git';
export * from './approval';
