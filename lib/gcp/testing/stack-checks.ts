// First: a missing peer is reported by name with the install command, as by mlops-constructs/gcp.
import '../peers';
import { MlopsValidationError } from '../../core';
import { TerraformStack, Testing } from '../cdktf';
import { GcpChecks } from '../policy/engine/gcp-checks';
import { PolicyPack } from '../policy/engine/pack';
import { AcknowledgedFinding, PolicyFinding } from '../policy/engine/report';
import { TerraformJson } from '../policy/engine/synthesized-stack';
import { GcpFoundationChecks } from '../policy/packs/gcp-foundation-checks';

/** What {@link runChecks} and {@link synthWithChecks} run. */
export interface GcpCheckOptions {
  /**
   * The policy packs to run on the stack's Terraform JSON.
   *
   * @default - [new GcpFoundationChecks()], the pack the library's own stacks pass
   */
  readonly packs?: PolicyPack[];
}

/** What {@link runChecks} returns. */
export interface GcpStackCheck {
  /**
   * The stack synthesized as `Testing.synth(stack, true)` returns it (aspects applied, construct
   * validations run, cdktf's metadata left out): the string cdktf's `Testing` matchers take
   * (`expect(synthesized).toHaveResource(StorageBucket)`, `JSON.parse(synthesized)`).
   */
  readonly synthesized: string;
  /** Every unacknowledged finding of every pack. */
  readonly findings: PolicyFinding[];
  /** Findings silenced by `GcpChecks.acknowledge` (the library's own included), with the reason given. */
  readonly acknowledged: AcknowledgedFinding[];
}

/** Thrown by {@link synthWithChecks} when a pack reports findings. */
export class GcpChecksFailedError extends Error {
  /** The findings, as {@link runChecks} returns them. */
  public readonly findings: PolicyFinding[];

  constructor(stackPath: string, findings: PolicyFinding[]) {
    super(`[${stackPath}] ${findings.length} unacknowledged finding(s) of the policy packs:\n${findings.map(GcpChecks.formatFinding).join('\n')}`);
    this.name = 'GcpChecksFailedError';
    this.findings = findings;
  }
}

/**
 * Synthesizes `stack` as cdktf's `Testing.synth(stack, true)` does — aspects, then every construct
 * validation — and runs the policy packs on the result, as `app.synth()` does for a stack given to
 * `GcpChecks.addTo`. `Testing.synth` alone runs no pack: a snapshot test built on it passes
 * whatever the policy rules say. Never throws because of findings; assert on `findings`.
 *
 * A check costs about one synth of the stack (the packs read its Terraform JSON); share it across
 * the tests of a file with `beforeAll`.
 *
 * @example
 * const { synthesized, findings } = runChecks(stack);
 * expect(findings).toEqual([]);
 * expect(synthesized).toHaveResource(StorageBucket);
 *
 * @throws MlopsValidationError when `stack` is not a TerraformStack or a pack is not a PolicyPack
 */
export function runChecks(stack: TerraformStack, options: GcpCheckOptions = {}): GcpStackCheck {
  const packs = packsOf(stack, options);
  const { synthesized, document } = synthesizeOnce(stack);
  const acknowledgments = GcpChecks.acknowledgmentsOf(stack);
  const reports = packs.map((pack) => GcpChecks.report(document, pack, acknowledgments));
  return { synthesized, findings: reports.flatMap((r) => r.findings), acknowledged: reports.flatMap((r) => r.acknowledged) };
}

/**
 * Like {@link runChecks}, but throws {@link GcpChecksFailedError} listing every finding (rule,
 * Terraform address, construct path, what to fix); returns the synthesized string for cdktf's
 * `Testing` matchers otherwise.
 *
 * @example
 * expect(synthWithChecks(stack)).toHaveResourceWithProperties(StorageBucket, { uniform_bucket_level_access: true });
 */
export function synthWithChecks(stack: TerraformStack, options: GcpCheckOptions = {}): string {
  const { synthesized, findings } = runChecks(stack, options);
  if (findings.length > 0) {
    throw new GcpChecksFailedError(stack.node.path, findings);
  }
  return synthesized;
}

/**
 * `Testing.synth(stack, true)` and the Terraform JSON it was made from, metadata included, from one
 * `stack.toTerraform()`: `Testing.synth` resolves the whole stack and keeps only the string without
 * cdktf's `"//"` metadata, which the packs need for construct paths, and resolving it a second time
 * was about a fifth of the GCP property tests' CPU (profile of
 * `jest -i test/gcp/constructs.property.test.ts`: 2.7 s of 15.4 s). The stack's `toTerraform` is
 * wrapped for the duration of the call to keep what `Testing.synth` computed; a cdktf version that
 * synthesizes some other way leaves nothing kept, and the stack is then resolved again.
 */
function synthesizeOnce(stack: TerraformStack): { synthesized: string; document: TerraformJson } {
  const toTerraform = stack.toTerraform;
  let kept: TerraformJson | undefined;
  stack.toTerraform = function keepDocument(this: TerraformStack) {
    const document = toTerraform.call(this);
    kept = document as TerraformJson;
    return document;
  };
  let synthesized: string;
  try {
    synthesized = Testing.synth(stack, true);
  } finally {
    delete (stack as { toTerraform?: unknown }).toTerraform;
    if (stack.toTerraform !== toTerraform) {
      stack.toTerraform = toTerraform;
    }
  }
  return { synthesized, document: kept ?? (stack.toTerraform() as TerraformJson) };
}

function packsOf(stack: TerraformStack, options: GcpCheckOptions): PolicyPack[] {
  if (!TerraformStack.isStack(stack)) {
    throw new MlopsValidationError(undefined, 'stack', stack, 'a cdktf TerraformStack');
  }
  const packs = (options as GcpCheckOptions | null | undefined)?.packs ?? [new GcpFoundationChecks()];
  if (!Array.isArray(packs)) {
    throw new MlopsValidationError(stack, 'packs', packs, 'a list of policy packs, e.g. [new GcpFoundationChecks()]');
  }
  packs.forEach((p, i) => {
    if (typeof (p as PolicyPack | null)?.name !== 'string' || !Array.isArray(p.rules)) {
      throw new MlopsValidationError(stack, `packs[${i}]`, p, 'a PolicyPack (a name and a list of rules), e.g. new GcpFoundationChecks()');
    }
  });
  return packs;
}
