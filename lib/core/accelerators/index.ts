/** The accelerator catalog (GPU type → instance and machine types) and how a request resolves against it. */
export * from './catalog';
export * from './resolve';
export * from './guard';
