import { MlopsValidationError, PathLike } from './errors';

/**
 * App-level context key that must be `true` before any construct of this library may destroy
 * stored data. It is the second of two opt-ins: the first is the construct's own removal policy.
 *
 * Set it in `cdk.json` / `cdktf.json` (`"context": { "mlops-constructs:allowDataDestruction": true }`)
 * or on the app (`new App({ context: { ... } })`).
 */
export const ALLOW_DATA_DESTRUCTION_CONTEXT = 'mlops-constructs:allowDataDestruction';

/** Anything that can read construct context (a construct from `constructs`). */
export interface ContextReader extends PathLike {
  /** The construct node. */
  readonly node: { readonly path: string; tryGetContext(key: string): unknown };
}

/**
 * Throws unless the app allows data destruction. Call when a construct was asked to destroy
 * data (`property` = `value`).
 */
export function assertDataDestructionAllowed(scope: ContextReader, property: string, value: unknown): void {
  const allowed = scope.node.tryGetContext(ALLOW_DATA_DESTRUCTION_CONTEXT);
  if (allowed === true || allowed === 'true') {
    return;
  }
  throw new MlopsValidationError(scope, property, value,
    `a policy that destroys data only when the app also sets the context "${ALLOW_DATA_DESTRUCTION_CONTEXT}": true; `
    + 'without it, keep the default (retain)');
}
