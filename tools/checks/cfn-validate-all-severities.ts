/**
 * The CloudFormation validator's findings that aws-cdk-lib's own validation plugin leaves out:
 * every informational finding (it reports from WARN up), and the rules it excludes by id (among
 * them W3005, a `DependsOn` next to a `GetAtt` on the same resource). With this plugin beside
 * aws-cdk-lib's, the checked synths see every severity of the same validator
 * (@aws/cloudformation-validate, the engine aws-cdk-lib bundles), each finding once.
 *
 * Informational findings that say nothing actionable about this library's templates are
 * acknowledged rule-wide in {@link INFORMATIONAL_ACKNOWLEDGMENTS}, each with its reason; any other
 * informational rule is a finding like a warning.
 *
 * Development tooling, not shipped in the package.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { keepOneBuiltinValidatorEngine } from './cdk-builtin-validator-engine';

/** Name of the plugin in the validation report. */
export const ALL_SEVERITIES_PLUGIN_NAME = 'CloudFormation Validate (all severities)';

/**
 * Informational rules acknowledged for every template, with the reason: they describe how
 * aws-cdk-lib renders templates or restate the resource schemas, and none points at a change.
 */
export const INFORMATIONAL_ACKNOWLEDGMENTS: Readonly<Record<string, string>> = {
  I1022: 'Fn::Join with an empty delimiter is how aws-cdk-lib renders every string that mixes literals and tokens; Fn::Sub would be equivalent.',
  I9001: 'A notice that a property is create-only (changing it replaces the resource), listed for every such property; stateful resources are guarded by the stateful-resource manifest test instead.',
  I9040: 'Tags are the application\'s to set (aws-cdk-lib Tags.of(app)); the constructs set none of their own.',
  I4010: 'The optional Metadata.com.aws.cloudformation.Context architecture description; the library documents its architecture in docs/, not in template metadata.',
};

/** A finding of this plugin as the validator reports it. */
interface Diagnostic {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly propertyPath?: string;
  readonly entity?: { readonly entityType?: string; readonly logicalId?: string };
}

/** A narrowly scoped acknowledgment: which findings it covers, and why they are not defects. */
export interface FindingAcknowledgment {
  /** The validator rule. */
  readonly rule: string;
  /** Whether it covers this finding, on a resource of this type. */
  readonly covers: (d: Diagnostic, resourceType: string | undefined) => boolean;
  /** Why. */
  readonly reason: string;
}

/**
 * The role properties through which aws-cdk-lib's L2 constructs reach their own role while also
 * adding a `DependsOn` on it (`node.addDependency(role)` in lambda.Function, the custom resource
 * providers' functions, sfn.StateMachine and codepipeline.Pipeline).
 */
const AWS_CDK_LIB_ROLE_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'Properties.Role',
  'AWS::StepFunctions::StateMachine': 'Properties.RoleArn',
  'AWS::CodePipeline::Pipeline': 'Properties.RoleArn',
};

/**
 * Findings acknowledged where they arise, each with its reason. Anything they do not cover is a
 * finding; the library's own W3005 causes are fixed (GpuTrainingCluster, S3TextFiles), not
 * acknowledged.
 */
export const FINDING_ACKNOWLEDGMENTS: readonly FindingAcknowledgment[] = [
  {
    rule: 'W3005',
    covers: (d, type) => type !== undefined && AWS_CDK_LIB_ROLE_PROPERTIES[type] !== undefined
      && d.message.includes(`GetAtt' at '${AWS_CDK_LIB_ROLE_PROPERTIES[type]}'`),
    reason: 'aws-cdk-lib\'s Function, StateMachine and Pipeline add a DependsOn on the role they reach through GetAtt; '
      + 'the duplicate changes no deployment order, and the library cannot remove it without replacing those L2 constructs '
      + '(aws-cdk-lib excludes W3005 from its own validator run for this reason).',
  },
  {
    rule: 'I3510',
    covers: (d) => d.message.includes('\'codestar-connections:UseConnection\''),
    reason: 'CodeStar Connections was renamed CodeConnections: new connections have codeconnections ARNs, which the '
      + 'codestar-connections:UseConnection permission aws-cdk-lib grants still covers; the validator\'s IAM schema knows only the old ARN form.',
  },
];

/** The validator module bundled with aws-cdk-lib (one copy of the WebAssembly module, the same version aws-cdk-lib's plugin runs). */
function bundledValidator(): any {
  const cdkDir = path.dirname(require.resolve('aws-cdk-lib/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('@aws/cloudformation-validate', { paths: [cdkDir] }));
}

/**
 * One engine for the process: aws-cdk-lib's built-in validator's (cdk-builtin-validator-engine.ts),
 * which takes its severity level and exclusions per template, or where this aws-cdk-lib version
 * does not expose it, one of this plugin's own, created on first use and kept. Building an engine
 * on every `validate()` (and freeing it) took 3.3 s of a 42 s CPU profile of
 * `jest -i test/checks.test.ts`; the engine holds no state between templates.
 */
let sharedEngine: { module: any; engine: any } | undefined;
function validatorEngine(): { module: any; engine: any } {
  if (sharedEngine === undefined) {
    const module = bundledValidator();
    sharedEngine = { module, engine: keepOneBuiltinValidatorEngine() ?? new module.CompositeEngine({}) };
  }
  return sharedEngine;
}

/**
 * The rule ids aws-cdk-lib's plugin excludes, read from its source so that this plugin reports
 * exactly those (no duplicates, no gaps) whatever the aws-cdk-lib version.
 */
export function rulesExcludedByAwsCdkLib(): Set<string> {
  const file = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'core', 'lib', 'validation', 'cloudformation-validate-plugin.js');
  const match = /IGNORE_RULES\s*=\s*new Set\(\[([^\]]*)\]\)/.exec(fs.readFileSync(file, 'utf8'));
  if (match === null) {
    throw new Error(`cannot read the rules aws-cdk-lib excludes from ${file}: update tools/checks/cfn-validate-all-severities.ts for this aws-cdk-lib version`);
  }
  return new Set([...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]));
}

const SEVERITIES: Record<string, string> = { FATAL: 'error', ERROR: 'error', WARN: 'warning', INFO: 'informational', DEBUG: 'informational' };

/** The validation plugin: see the file's comment. */
export class CloudFormationValidateAllSeverities implements IPolicyValidationPlugin {
  public readonly name = ALL_SEVERITIES_PLUGIN_NAME;
  private readonly excluded = rulesExcludedByAwsCdkLib();

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const { module: cfv, engine } = validatorEngine();
    const violations: PolicyViolation[] = [];
    for (const { stackConstructPath, templatePath, accountId, region } of context.stackTemplates) {
      const text = fs.readFileSync(templatePath, 'utf8');
      const resources = (JSON.parse(text) as { Resources?: Record<string, { Type?: string }> }).Resources ?? {};
      const template = new cfv.TemplateContent(text, templatePath);
      const report = engine.validateTemplate(template, { detailLevel: 'STANDARD', severityLevel: 'INFO', pseudoParameterOverrides: { accountId, region } });
      for (const d of report.diagnostics as Diagnostic[]) {
        const informational = d.severity === 'INFO' || d.severity === 'DEBUG';
        // aws-cdk-lib's plugin reports the rest; acknowledged informational rules are not findings.
        if ((!informational && !this.excluded.has(d.ruleId)) || (informational && INFORMATIONAL_ACKNOWLEDGMENTS[d.ruleId] !== undefined)) {
          continue;
        }
        const logicalId = d.entity?.entityType === 'Resource' ? d.entity.logicalId : undefined;
        const resourceType = logicalId === undefined ? undefined : resources[logicalId]?.Type;
        if (FINDING_ACKNOWLEDGMENTS.some((a) => a.rule === d.ruleId && a.covers(d, resourceType))) {
          continue;
        }
        violations.push({
          ruleName: d.ruleId,
          description: `${d.propertyPath ? `${d.propertyPath.replace(/^Properties\./, '')}: ` : ''}${d.message}`,
          severity: SEVERITIES[d.severity] ?? 'warning',
          violatingResources: [{ resourceLogicalId: logicalId, constructPath: logicalId ? undefined : stackConstructPath, templatePath, locations: d.propertyPath ? [d.propertyPath] : [] }],
        });
      }
    }
    return { success: violations.length === 0, violations };
  }
}
