/**
 * The AWS examples deploy as they are: no synthesized template and no source file under
 * examples/aws names a placeholder account (`111111111111`, or any literal 12-digit account id), a
 * placeholder VPC or subnet (`vpc-0…`, `subnet-0…`) or a placeholder repository (`acme/…`). The
 * only 12-digit ids allowed are the AWS-owned registries of SageMaker's built-in XGBoost image (the
 * library's table), which the serving stacks pull from.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildAwsExamples } from '../../examples/aws/app';
import { SYNTH_CONTEXT } from '../../examples/aws/repository-context';
import { SAGEMAKER_XGBOOST_REGISTRIES } from '../../lib/core';

const AWS_OWNED = new Set(Object.values(SAGEMAKER_XGBOOST_REGISTRIES));

/**
 * The placeholders in `text`: each fixed pattern found, and every 12-digit account id that is not an
 * AWS-owned registry — 12 digits where an account goes: in an ARN (`:…:`), a string of its own, a
 * registry host (`….dkr.ecr`), a bootstrap role name (`-…-`), a path. Not a JSON number such as a
 * byte limit (`"BytesScannedCutoffPerQuery":107374182400,`).
 */
function placeholders(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [/111111111111/g, /vpc-0[0-9a-f]*/g, /subnet-0[0-9a-f]*/g, /acme\/[\w.-]*/g]) {
    found.push(...(text.match(pattern) ?? []));
  }
  for (const [account] of text.matchAll(/(?<=[:"'`/-])\d{12}(?=[:"'`./-])/g)) {
    if (!AWS_OWNED.has(account)) {
      found.push(account);
    }
  }
  return found;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

let out: string;
let templates: { name: string; text: string }[];

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-aws-placeholders-'));
  const app = new App({ outdir: out, context: { ...SYNTH_CONTEXT } });
  buildAwsExamples(app);
  templates = app.synth().stacksRecursively.map((s) => ({ name: s.stackName, text: JSON.stringify(s.template) }));
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test('the detector finds each kind of placeholder, and lets the AWS-owned XGBoost registries through', () => {
  expect(placeholders("arn:aws:kms:eu-west-1:111111111111:key/x vpc-0123456789abcdef0 subnet-0abc acme/ranker cdk-hnb659fds-deploy-role-123456789012-eu-west-1 account: '210987654321' {\"Limit\":107374182400}"))
    .toEqual(['111111111111', 'vpc-0123456789abcdef0', 'subnet-0abc', 'acme/ranker', '111111111111', '123456789012', '210987654321']);
  expect(placeholders(`${SAGEMAKER_XGBOOST_REGISTRIES['eu-west-2']}.dkr.ecr.eu-west-2.amazonaws.com/sagemaker-xgboost:1.7-1 vpc-flow-logs.amazonaws.com LakeKey7B6C155C`)).toEqual([]);
});

test('every AWS example stack (the stages a pipeline deploys included) is synthesized', () => {
  expect(templates.map((t) => t.name)).toEqual(expect.arrayContaining(['MlopsTrainServeExample', 'MlopsDeliveryExample', 'Staging-ChurnServing', 'Production-ChurnServing', 'MlopsDriftMonitorExample', 'MlopsLevel3Aws']));
});

test('no synthesized AWS example template holds a placeholder account, VPC, subnet or repository', () => {
  for (const { name, text } of templates) {
    expect({ stack: name, placeholders: placeholders(text) }).toEqual({ stack: name, placeholders: [] });
  }
});

test('no source file of the AWS examples holds one either', () => {
  const files = filesUnder(path.join(__dirname, '..', '..', 'examples', 'aws'));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    expect({ file, placeholders: placeholders(fs.readFileSync(file, 'utf8')) }).toEqual({ file, placeholders: [] });
  }
});

test('the delivery example carries an error naming the context key when no repository is given (so `cdk deploy` refuses it)', () => {
  const app = new App({ outdir: path.join(out, 'no-context') });
  buildAwsExamples(app);
  const stack = app.node.findChild('MlopsDeliveryExample');
  const errors = stack.node.metadata.filter((m) => m.type === 'aws:cdk:error').map((m) => m.data);
  expect(errors).toEqual([expect.stringContaining('npx cdk deploy MlopsDeliveryExample -c mlops-constructs:repository=<owner>/<name>')]);
});
