// First: a missing peer is reported by name with the install command, as by mlops-constructs/aws.
import '../peers';
import * as fs from 'fs';
import * as path from 'path';
import { App, IPolicyValidationPlugin, Stack, Stage, Validations } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { MlopsValidationError } from '../../core';

/** What {@link runChecks} and {@link synthWithChecks} run beside the CloudFormation validator. */
export interface AwsCheckOptions {
  /**
   * Rule packs, run as aws-cdk-lib validation plugins: cdk-nag's packs
   * (`new AwsSolutionsChecks()`, `new NIST80053R5Checks()`; cdk-nag 3 or later) or any other
   * `IPolicyValidationPlugin`. Each is registered once on the stack's `App` (by name: a second
   * call with a new instance of the same pack adds nothing) and stays registered, so a later
   * `app.synth()` runs it too.
   *
   * @default - none: only the CloudFormation validator built into aws-cdk-lib
   */
  readonly packs?: IPolicyValidationPlugin[];
}

/** One unacknowledged finding of the CloudFormation validator or a rule pack, on the checked stack. */
export interface AwsFinding {
  /** The plugin that reported it: `CloudFormation Validate`, `AwsSolutions`, `NIST.800.53.R5`, ... */
  readonly plugin: string;
  /** The rule id, e.g. `AwsSolutions-S1` or `W3030`. */
  readonly rule: string;
  /**
   * `error`, `warning` or `informational`, as the plugin reported it. The CloudFormation validator's
   * errors are reported as warnings unless the app sets `@aws-cdk/core:validateAgainstDefaultRules`
   * (aws-cdk-lib's behaviour); every severity is a finding here.
   */
  readonly severity: string;
  /** The construct paths that violate the rule, within the checked stack. */
  readonly constructPaths: string[];
  /** The rule's description. */
  readonly description: string;
}

/** One acknowledgment (`Validations.of(scope).acknowledge(...)`) recorded in the checked stack. */
export interface AwsAcknowledgment {
  /** The rule id acknowledged, as recorded (e.g. `AwsSolutions::AwsSolutions-IAM5`). */
  readonly rule: string;
  /** The construct path it was made on; it covers that construct and everything under it. */
  readonly at: string;
  /** Why the rule does not apply there. */
  readonly reason: string;
}

/** What {@link runChecks} returns. */
export interface AwsStackCheck {
  /** The stack's synthesized CloudFormation template. */
  readonly template: Record<string, unknown>;
  /** Every unacknowledged finding on the stack's constructs, of every severity. */
  readonly findings: AwsFinding[];
  /**
   * Every acknowledgment recorded on the stack's constructs and their scopes (the library's own
   * included), with its reason. These are the acknowledgments, not the findings they silence:
   * aws-cdk-lib's report leaves out a plugin with nothing unacknowledged to report, and cdk-nag
   * skips acknowledged resources itself, so silenced findings cannot be listed reliably.
   */
  readonly acknowledgments: AwsAcknowledgment[];
}

/** Thrown by {@link synthWithChecks} when the checks report findings. */
export class AwsChecksFailedError extends Error {
  /** The findings, as {@link runChecks} returns them. */
  public readonly findings: AwsFinding[];

  constructor(stackPath: string, findings: AwsFinding[]) {
    super(`[${stackPath}] ${findings.length} unacknowledged finding(s) of the CloudFormation validator and rule packs:\n${formatAwsFindings(findings)}`);
    this.name = 'AwsChecksFailedError';
    this.findings = findings;
  }
}

/** The environment variables, report file and metadata type aws-cdk-lib uses (cx-api). */
const APP_MODE_ENV = 'CDK_APP_MODE';
const VALIDATION_ENV = 'CDK_VALIDATION';
const REPORT_FILE = 'validation-report.json';
const ACKNOWLEDGED_RULES_METADATA = 'aws:cdk:acknowledged-rules';

/** Plugin names registered by this module, per app, so repeated calls do not run a pack twice. */
const registered = new WeakMap<App, Set<string>>();

/**
 * Synthesizes the app of `stack` with the CloudFormation validator built into aws-cdk-lib and
 * `options.packs` (cdk-nag's, typically), and returns the stack's template with what the checks
 * found on its constructs — the same findings `cdk synth` reports, read from the assembly's
 * validation report. Never throws because of findings; assert on `findings` in the test.
 *
 * The validator runs even where the test process switches it off (`CDK_VALIDATION=false`, the
 * usual setting for fast unit tests), unless the App was made with
 * `builtinCloudFormationValidation: false`. It starts once per test file (a few seconds of CPU;
 * docs/testing.md has the figures) and then costs little per synth, so check once per file, in a
 * `beforeAll`, and read the template from the result.
 *
 * @example
 * const { template, findings } = runChecks(stack, { packs: [new AwsSolutionsChecks()] });
 * expect(findings).toEqual([]);
 * Template.fromJSON(template).resourceCountIs('AWS::S3::Bucket', 4);
 *
 * @throws MlopsValidationError when `stack` is not a Stack of an App
 */
export function runChecks(stack: Stack, options: AwsCheckOptions = {}): AwsStackCheck {
  const app = appOf(stack);
  const packs = packsOf(stack, options);
  const names = registered.get(app) ?? new Set<string>();
  registered.set(app, names);
  const fresh = packs.filter((p) => !names.has(p.name));
  if (fresh.length > 0) {
    Validations.of(app).addPlugins(...fresh);
    fresh.forEach((p) => names.add(p.name));
  }

  const reportFile = path.join(app.outdir, REPORT_FILE);
  fs.rmSync(reportFile, { force: true });
  const saved = { [VALIDATION_ENV]: process.env[VALIDATION_ENV], [APP_MODE_ENV]: process.env[APP_MODE_ENV] };
  // The validator on whatever the test process says; findings thrown in memory (not printed to
  // stderr first), which is how aws-cdk-lib reports them under jest (NODE_ENV=test) anyway.
  delete process.env[VALIDATION_ENV];
  process.env[APP_MODE_ENV] = 'inmemory';
  try {
    app.synth({ force: true });
  } catch (e) {
    // aws-cdk-lib throws once the report is written when a plugin failed; anything else is a real error.
    if (!fs.existsSync(reportFile)) {
      throw e;
    }
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
  // From the assembly directory: a synth that threw on findings caches no assembly to ask.
  const template = JSON.parse(fs.readFileSync(path.join(Stage.of(stack)!.outdir, stack.templateFile), 'utf8')) as Record<string, unknown>;
  return { template, findings: findingsIn(reportFile, stack.node.path), acknowledgments: acknowledgmentsIn(stack) };
}

/**
 * Like {@link runChecks}, but throws {@link AwsChecksFailedError} listing every finding, so a
 * test fails with the rule, path and description of each; returns the stack's `Template` for
 * aws-cdk-lib's assertions otherwise.
 *
 * @example
 * const template = synthWithChecks(stack, { packs: [new AwsSolutionsChecks()] });
 * template.hasResourceProperties('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
 */
export function synthWithChecks(stack: Stack, options: AwsCheckOptions = {}): Template {
  const { template, findings } = runChecks(stack, options);
  if (findings.length > 0) {
    throw new AwsChecksFailedError(stack.node.path, findings);
  }
  return Template.fromJSON(template);
}

/** One line per finding: `AwsSolutions-S1 (error, AwsSolutions) at Stack/Bucket/Resource: <description>`. */
export function formatAwsFindings(findings: readonly AwsFinding[]): string {
  return findings.map((f) => `${f.rule} (${f.severity}, ${f.plugin}) at ${f.constructPaths.join(', ')}: ${f.description}`).join('\n');
}

function appOf(stack: Stack): App {
  if (!Stack.isStack(stack)) {
    throw new MlopsValidationError(undefined, 'stack', stack, 'an aws-cdk-lib Stack');
  }
  const root = stack.node.root;
  if (!App.isApp(root)) {
    throw new MlopsValidationError(stack, 'stack', stack.node.path, 'a Stack inside an aws-cdk-lib App (validation plugins run when an App synthesizes)');
  }
  return root;
}

function packsOf(stack: Stack, options: AwsCheckOptions): IPolicyValidationPlugin[] {
  const packs = (options as AwsCheckOptions | null | undefined)?.packs ?? [];
  if (!Array.isArray(packs)) {
    throw new MlopsValidationError(stack, 'packs', packs, 'a list of validation plugins, e.g. [new AwsSolutionsChecks()]');
  }
  packs.forEach((p, i) => {
    if (typeof (p as IPolicyValidationPlugin | null)?.validate !== 'function' || typeof p.name !== 'string') {
      throw new MlopsValidationError(stack, `packs[${i}]`, p, 'an IPolicyValidationPlugin (a name and a validate method), e.g. new AwsSolutionsChecks() from cdk-nag 3');
    }
  });
  return packs;
}

/** A violation as aws-cdk-lib's validation report writes it. */
interface ReportViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }>;
}

/** The report's findings on constructs at or under `stackPath`, each with only those paths. */
function findingsIn(reportFile: string, stackPath: string): AwsFinding[] {
  if (!fs.existsSync(reportFile)) {
    return []; // no plugin had anything to run on
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: Array<{ pluginName: string; violations: ReportViolation[] }> };
  const inStack = (p: string) => p === stackPath || p.startsWith(`${stackPath}/`);
  return report.pluginReports.flatMap((r) => r.violations.flatMap((v) => {
    const paths = v.violatingConstructs.map((c) => c.constructPath);
    // A finding on no construct (a plugin that failed to run) concerns every stack: kept.
    const constructPaths = paths.filter(inStack);
    return paths.length > 0 && constructPaths.length === 0 ? [] : [{ plugin: r.pluginName, rule: v.ruleName, severity: v.severity, description: v.description, constructPaths }];
  }));
}

/** The acknowledgments aws-cdk-lib records as construct metadata, on `stack`, its scopes and everything under it. */
function acknowledgmentsIn(stack: Stack): AwsAcknowledgment[] {
  return [...stack.node.scopes.slice(0, -1), ...stack.node.findAll()].flatMap((c) => c.node.metadata
    .filter((entry) => entry.type === ACKNOWLEDGED_RULES_METADATA && entry.data)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({ rule, at: c.node.path, reason }))));
}
