import { IConstruct } from 'constructs';
import { Annotations } from '../cdktf';

/**
 * Adds the synth-time warning `id` (a value of a `<CONSTRUCT>_WARNINGS` object) to `scope`: the
 * text is `[<id>] <message>`, so that users can find, filter and acknowledge it by its id.
 */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarning(`[${id}] ${message}`);
}
