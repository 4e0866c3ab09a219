/**
 * Service limits as data, next to the naming rules (`naming.ts`): free-text lengths, environment
 * variable rules and reserved names, enumerated and ranged numbers — each entry citing the page
 * that states it — and the checks that apply them.
 */
export * from './limits';
export * from './aws';
export * from './gcp';
export * from './schema';
