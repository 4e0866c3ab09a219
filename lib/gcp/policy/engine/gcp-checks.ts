import { IConstruct } from 'constructs';
import { MlopsValidationError } from '../../../core';
import { TerraformStack } from '../../cdktf';
import type { GcpFoundationChecks } from '../packs/gcp-foundation-checks';
import { acknowledgmentCovers, PolicyAcknowledgment, ScopedAcknowledgment } from './acknowledgment';
import { PolicyCompliance } from './compliance';
import { PolicyPack } from './pack';
import { AcknowledgedFinding, PolicyFinding, PolicyReport } from './report';
import { SynthesizedStack, TerraformJson } from './synthesized-stack';

/** Construct metadata type under which acknowledgments are recorded. */
const ACKNOWLEDGMENT_METADATA = 'mlops-constructs:gcp-policy-acknowledgment';

/**
 * The default pack, {@link GcpFoundationChecks}, loaded when a check first runs instead of when this
 * module loads: every construct that acknowledges a rule imports this module, and the pack, its
 * rules and the engine files only they import are 70 modules that an app which never runs the
 * checks does not need (measured: loading a Google Cloud `DataLake` after the cdktf and provider
 * files it needs took 27–29 ms for 106 of the library's files with the pack, 8 ms for 36 without).
 */
function foundationChecks(): PolicyPack {
  const { GcpFoundationChecks: FoundationChecks } = require('../packs/gcp-foundation-checks') as { GcpFoundationChecks: typeof GcpFoundationChecks };
  return new FoundationChecks();
}

/** Packs already registered as validations, per stack, so `addTo` twice does not report twice. */
const registered = new WeakMap<TerraformStack, Set<string>>();

/**
 * Runs policy packs (by default {@link GcpFoundationChecks}) on synthesized cdktf stacks, and
 * records acknowledgments — cdk-nag's `NagSuppressions` and `Aspects.of(app).add(pack)` for
 * Terraform JSON.
 *
 * @example
 * const report = GcpChecks.check(stack);        // { findings, acknowledged }
 * GcpChecks.addTo(stack);                        // app.synth() now fails on findings
 * GcpChecks.acknowledge(bucket, { id: 'GCP-GCS4', reason: 'This bucket receives the access logs.' });
 */
export class GcpChecks {
  /**
   * Acknowledges rules for `scope` and every resource under it. Findings of those rules are then
   * reported under `acknowledged`, with the reason, instead of `findings`.
   *
   * @throws MlopsValidationError when an id or a reason is empty
   */
  public static acknowledge(scope: IConstruct, ...acknowledgments: PolicyAcknowledgment[]): void {
    acknowledgments.forEach((ack, i) => {
      if (typeof ack?.id !== 'string' || ack.id.trim() === '') {
        throw new MlopsValidationError(scope, `acknowledgments[${i}].id`, ack?.id, 'a rule id such as "GCP-GCS4"');
      }
      if (typeof ack.reason !== 'string' || ack.reason.trim() === '') {
        throw new MlopsValidationError(scope, `acknowledgments[${i}].reason`, ack.reason,
          `a non-empty sentence saying why ${ack.id} does not apply here (it is reported with every finding it silences)`);
      }
      scope.node.addMetadata(ACKNOWLEDGMENT_METADATA, { id: ack.id.trim(), reason: ack.reason.trim() });
    });
  }

  /** Every acknowledgment made on `root`, its ancestors and its descendants, with the path it was made on. */
  public static acknowledgmentsOf(root: IConstruct): ScopedAcknowledgment[] {
    const constructs = [...root.node.scopes.slice(0, -1), ...root.node.findAll()];
    return constructs.flatMap((c) => c.node.metadata
      .filter((entry) => entry.type === ACKNOWLEDGMENT_METADATA)
      .map((entry) => ({ path: c.node.path, id: String(entry.data.id), reason: String(entry.data.reason) })));
  }

  /**
   * Synthesizes `stack` to Terraform JSON (`stack.toTerraform()`) and runs `pack` on it, honouring
   * the acknowledgments recorded in the construct tree.
   *
   * Aspects are applied by `app.synth()`; when the stack relies on aspects, run the checks through
   * {@link GcpChecks.addTo} (they then run inside synth, after the aspects) or after `app.synth()`.
   */
  public static check(stack: TerraformStack, pack: PolicyPack = foundationChecks()): PolicyReport {
    return GcpChecks.report(stack.toTerraform() as TerraformJson, pack, GcpChecks.acknowledgmentsOf(stack));
  }

  /**
   * Runs `pack` on Terraform JSON that was synthesized already (for example
   * `cdktf.out/stacks/<stack>/cdk.tf.json`). Construct paths come from cdktf's `"//"` metadata.
   *
   * @param json the stack's Terraform JSON, metadata included
   * @param pack the rules to run
   * @param acknowledgments acknowledgments with the construct path each covers
   */
  public static report(
    json: TerraformJson,
    pack: PolicyPack = foundationChecks(),
    acknowledgments: readonly ScopedAcknowledgment[] = [],
  ): PolicyReport {
    const stack = new SynthesizedStack(json);
    const findings: PolicyFinding[] = [];
    const acknowledged: AcknowledgedFinding[] = [];
    for (const definition of pack.rules) {
      for (const resource of stack.resources) {
        let compliance: PolicyCompliance;
        let message = definition.message;
        try {
          compliance = definition.rule(resource, stack);
        } catch (e) {
          // A rule that cannot judge a resource must not pass it silently.
          compliance = PolicyCompliance.NON_COMPLIANT;
          message = `The rule could not evaluate this resource (${(e as Error).message}).`;
        }
        if (compliance !== PolicyCompliance.NON_COMPLIANT) {
          continue;
        }
        const finding: PolicyFinding = {
          ruleId: definition.id,
          resourceAddress: resource.address,
          constructPath: resource.constructPath,
          message,
          reference: definition.reference,
        };
        const ack = acknowledgments.find((a) => a.id === definition.id && acknowledgmentCovers(a.path, resource.constructPath));
        if (ack) {
          acknowledged.push({ ...finding, reason: ack.reason });
        } else {
          findings.push(finding);
        }
      }
    }
    return { pack: pack.name, findings, acknowledged };
  }

  /**
   * Makes synthesis of `stack` fail while `pack` reports unacknowledged findings: registers a
   * construct validation, which cdktf runs in `app.synth()` (after aspects, before writing
   * `cdk.tf.json`) and in `Testing.synth(stack, true)`. Registering the same pack twice has no
   * further effect.
   */
  public static addTo(stack: TerraformStack, pack: PolicyPack = foundationChecks()): void {
    const packs = registered.get(stack) ?? new Set<string>();
    registered.set(stack, packs);
    if (packs.has(pack.name)) {
      return;
    }
    packs.add(pack.name);
    stack.node.addValidation({ validate: () => GcpChecks.check(stack, pack).findings.map(GcpChecks.formatFinding) });
  }

  /** One line per finding: `GCP-GCS1 google_storage_bucket.x (stack/Lake/Zone-raw/Bucket): <message> [<reference>]`. */
  public static formatFinding(this: void, finding: PolicyFinding): string {
    return `${finding.ruleId} ${finding.resourceAddress} (${finding.constructPath || 'unknown construct'}): ${finding.message} [${finding.reference}]`;
  }
}

/**
 * Runs the project's policy pack on a stack: `GcpChecks.check(stack, pack)`, or, when the stack
 * was synthesized already, `GcpChecks.report(document, pack, <the stack's
 * acknowledgments>)` on its `cdk.tf.json` content.
 *
 * @param stack the stack (its construct tree holds the acknowledgments)
 * @param document the stack's synthesized Terraform JSON, when already at hand
 * @param pack the rules
 */
export function policyReport(stack: TerraformStack, document?: TerraformJson, pack: PolicyPack = foundationChecks()): PolicyReport {
  return document === undefined
    ? GcpChecks.check(stack, pack)
    : GcpChecks.report(document, pack, GcpChecks.acknowledgmentsOf(stack));
}
