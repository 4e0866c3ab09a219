export * from './data-lake';
export * from './lake-table';
export * from './location';
