/**
 * The AWS side of "the checks every construct passes": the CloudFormation validator built into
 * aws-cdk-lib (errors and warnings) and the cdk-nag AwsSolutions and NIST 800-53 rev 5 packs, all
 * run as validation plugins at synth, read back from the assembly's validation report.
 *
 * Development tooling, not shipped in the package: users add cdk-nag themselves.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import type { AwsAcknowledgment, AwsFinding } from '../../lib/aws/testing';
import { keepOneBuiltinValidatorEngine } from './cdk-builtin-validator-engine';
import { CloudFormationValidateAllSeverities } from './cfn-validate-all-severities';

export { ALL_SEVERITIES_PLUGIN_NAME, INFORMATIONAL_ACKNOWLEDGMENTS } from './cfn-validate-all-severities';

/** Context every checked app gets: validator findings are errors, and the report is ours to read. */
export const CHECKED_APP_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  // We read the report and fail on any finding, warnings included, so synth itself must not throw
  // before the report is written.
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};

// The shapes the library's consumers get from mlops-constructs/aws/testing.
export type { AwsAcknowledgment, AwsFinding };

/** A new App with the validator strict and both cdk-nag packs registered. */
export function newCheckedApp(props: AppProps = {}): App {
  keepOneBuiltinValidatorEngine();
  const app = new App({ ...props, context: { ...CHECKED_APP_CONTEXT, ...props.context } });
  Validations.of(app).addPlugins(new CloudFormationValidateAllSeverities(), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  return app;
}

/**
 * Every finding the plugins reported for a synthesized assembly.
 *
 * aws-cdk-lib leaves a plugin out of the report when it found nothing, so a clean report cannot
 * prove by itself that a pack ran. What proves it: the report file exists only when validation
 * ran (CDK_VALIDATION unset or not "false"), `newCheckedApp` registers both packs on every checked
 * app, and the vacuity tests show the same harness reporting findings on non-compliant stacks.
 */
export function readFindings(assembly: CloudAssembly): AwsFinding[] {
  const reportFile = path.join(assembly.directory, 'validation-report.json');
  if (!fs.existsSync(reportFile)) {
    throw new Error(`no validation report in ${assembly.directory}: were the validation plugins registered (newCheckedApp) and CDK_VALIDATION not "false"?`);
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
    pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string; description: string; severity: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
  };
  return report.pluginReports.flatMap((r) => r.violations.map((v) => ({
    plugin: r.pluginName,
    rule: v.ruleName,
    severity: v.severity,
    description: v.description,
    constructPaths: v.violatingConstructs.map((c) => c.constructPath),
  })));
}

/** Acknowledgments under `root`, with their reasons. */
export function listAcknowledgments(root: IConstruct): AwsAcknowledgment[] {
  const acks: AwsAcknowledgment[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === 'aws:cdk:acknowledged-rules' && entry.data) {
        for (const [rule, reason] of Object.entries(entry.data as Record<string, string>)) {
          acks.push({ rule, at: construct.node.path, reason });
        }
      }
    }
  }
  return acks;
}

/** One line per finding, for error messages. */
export function formatFindings(findings: readonly AwsFinding[]): string {
  return findings.map((f) => `${f.rule} (${f.severity}, ${f.plugin}) at ${f.constructPaths.join(', ')}: ${f.description.slice(0, 160)}`).join('\n');
}

/** What {@link checkedSynth} returns: the assembly and what the checks made of it. */
export interface CheckedSynth {
  /** The synthesized assembly. */
  readonly assembly: CloudAssembly;
  /** Every unacknowledged finding, Canary included. */
  readonly findings: AwsFinding[];
  /** Every acknowledgment in the construct tree. */
  readonly acknowledgments: AwsAcknowledgment[];
}

/**
 * One checked synth, as each checks test file does it once (a checked synth costs seconds):
 * `build` adds the stacks under test to a {@link newCheckedApp}, and a `Canary` stack with a plain,
 * invalid bucket is added beside them. The canary proves in the same synth that the validator and
 * both packs ran and can fail, and it is what lets {@link readFindings} work on otherwise clean
 * stacks (aws-cdk-lib leaves a plugin with nothing to report out of the report). The validator is
 * switched on for the synth even where the tests switch it off (`CDK_VALIDATION=false`).
 */
export function checkedSynth(build: (app: App) => void, props: AppProps = {}): CheckedSynth {
  const saved = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION;
  try {
    const app = newCheckedApp(props);
    build(app);
    new s3.CfnBucket(new Stack(app, 'Canary'), 'Plain', { bucketName: 'Not_A_Valid_Name', versioningConfiguration: { status: 'Sometimes' } });
    const assembly = app.synth();
    return { assembly, findings: readFindings(assembly), acknowledgments: listAcknowledgments(app) };
  } finally {
    if (saved !== undefined) {
      process.env.CDK_VALIDATION = saved;
    }
  }
}

/** The findings on constructs of one stack, each with only its paths in that stack. */
export function findingsUnder(findings: readonly AwsFinding[], stackName: string): AwsFinding[] {
  return findings
    .map((f) => ({ ...f, constructPaths: f.constructPaths.filter((p) => p === stackName || p.startsWith(`${stackName}/`)) }))
    .filter((f) => f.constructPaths.length > 0);
}
