import { ValidationProblem } from '../errors';

/**
 * The rule both clouds' `ProductionApproval.waived(reason)` apply: production without approval
 * exists only with a reason, a non-empty sentence.
 */
export function waiverReasonProblems(reason: unknown): ValidationProblem[] {
  return typeof reason === 'string' && reason.trim() !== ''
    ? []
    : [{ property: 'reason', value: reason, allowed: 'a non-empty sentence saying why production needs no approval (ProductionApproval.waived(reason))' }];
}
