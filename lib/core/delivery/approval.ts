import { ValidationProblem } from '../errors';
import { CORE_GUARD_CONTEXT } from '../guard';

/**
 * The rule both clouds' `ProductionApproval.waived(reason)` apply: production without approval
 * exists only with a reason, a non-empty sentence.
 */
export function waiverReasonProblems(reason: unknown): ValidationProblem[] {
  if (typeof reason === 'string' && CORE_GUARD_CONTEXT.isUnresolved(reason)) {
    return [{ property: 'reason', value: reason, allowed: 'a literal sentence, known at synth time: it is the synth-time warning that production deploys without approval' }];
  }
  return typeof reason === 'string' && reason.trim() !== ''
    ? []
    : [{ property: 'reason', value: reason, allowed: 'a non-empty sentence saying why production needs no approval (ProductionApproval.waived(reason))' }];
}
