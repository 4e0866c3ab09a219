/**
 * Synthesizes every example of both clouds and runs the checks on them: the one place that the
 * main job (`npm run synth`), the example tests and the benchmark share, so they cannot drift.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App as TfApp, TerraformStack } from 'cdktf';
import { GcpChecks, policyReport } from '../lib/gcp/policy';
import { buildAwsExamples } from '../examples/aws/app';
import { SYNTH_CONTEXT } from '../examples/aws/levels';
import { buildGcpExamples } from '../examples/gcp/app';
import { listAcknowledgments, newCheckedApp, readFindings } from './checks/aws-checks';

/** What one synthesized example stack looks like to a reviewer. */
export interface ExampleStackResult {
  /** `aws` or `gcp`. */
  readonly cloud: 'aws' | 'gcp';
  /** Stack name. */
  readonly name: string;
  /** Number of resources (CloudFormation resources or Terraform resources + data sources). */
  readonly resourceCount: number;
  /** Unacknowledged findings, one line each. */
  readonly findings: string[];
  /** Number of acknowledged rules (each with its reason in the construct tree). */
  readonly acknowledged: number;
  /** The synthesized template or Terraform JSON. */
  readonly document: any;
}

/** Synthesizes the AWS examples into `outdir` with the validator strict and both cdk-nag packs. */
export function synthAwsExamples(outdir: string): ExampleStackResult[] {
  const previous = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION; // a check that is switched off must not pass
  try {
    const app = newCheckedApp({ outdir, context: { ...SYNTH_CONTEXT } });
    buildAwsExamples(app);
    const assembly = app.synth();
    const findings = readFindings(assembly);
    const acks = listAcknowledgments(app);
    // Stacks of the stages a pipeline deploys are in nested assemblies, and their construct paths
    // are under the pipeline stack's: a path belongs to the stack with the longest matching path.
    const stacks = assembly.stacksRecursively;
    const ownerOf = (p: string) => stacks.map((s) => s.hierarchicalId)
      .filter((id) => p === id || p.startsWith(`${id}/`))
      .reduce<string | undefined>((best, id) => (best === undefined || id.length > best.length ? id : best), undefined);
    return stacks.map((stack) => {
      const mine = (p: string) => ownerOf(p) === stack.hierarchicalId;
      return {
        cloud: 'aws' as const,
        name: stack.stackName,
        resourceCount: Object.keys(stack.template.Resources ?? {}).length,
        findings: findings.filter((f) => f.constructPaths.some(mine))
          .map((f) => `${f.rule} (${f.severity}) at ${f.constructPaths.filter(mine).join(', ')}: ${f.description}`),
        acknowledged: acks.filter((a) => mine(a.at)).length,
        document: stack.template,
      };
    });
  } finally {
    if (previous === undefined) {
      delete process.env.CDK_VALIDATION;
    } else {
      process.env.CDK_VALIDATION = previous;
    }
  }
}

/** Synthesizes the Google Cloud examples into `outdir` and runs the project's policy pack on each stack. */
export function synthGcpExamples(outdir: string): ExampleStackResult[] {
  const app = new TfApp({ outdir, skipValidation: false });
  buildGcpExamples(app);
  app.synth();
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  return stacks.map((stack) => {
    const file = path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json');
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    const report = policyReport(stack, document);
    const resourceCount = Object.values<Record<string, unknown>>(document.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0)
      + Object.values<Record<string, unknown>>(document.data ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    return {
      cloud: 'gcp' as const,
      name: stack.node.id,
      resourceCount,
      findings: report.findings.map((f) => `${f.ruleId} at ${f.resourceAddress} (${f.constructPath}): ${f.message}`),
      acknowledged: GcpChecks.acknowledgmentsOf(stack).length,
      document,
    };
  });
}
