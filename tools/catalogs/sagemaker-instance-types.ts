/**
 * Regenerates `lib/core/locations/sagemaker-instance-types.ts`, the catalog of SageMaker `ml.*`
 * instance types and the regions that offer each accelerated one.
 *
 * Usage: `npx tsx tools/catalogs/sagemaker-instance-types.ts <path to all_gpu_instances.js> <retrieved-on YYYY-MM-DD>`
 *
 * - Which `ml.*` types exist: the enums of the SageMaker API model as the pinned
 *   `@aws-sdk/client-sagemaker` ships them (ProductionVariantInstanceType, TrainingInstanceType,
 *   ClusterInstanceType, TransformInstanceType, ProcessingInstanceType).
 * - Which regions offer an accelerated type: the EC2 regional availability of its EC2 twin
 *   (`ml.p5.48xlarge` → `p5.48xlarge`) in `data/all_gpu_instances.js` of github.com/tsaol/aws-gpu,
 *   generated from instances.vantage.sh (itself from the AWS Price List API). SageMaker runs on
 *   EC2 capacity, so a type EC2 does not sell in a region is not a SageMaker type there either;
 *   the converse is not implied, which is why only absence is used to refuse.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import * as sagemaker from '@aws-sdk/client-sagemaker';

const [dataFile, retrievedOn] = process.argv.slice(2);
if (!dataFile || !/^\d{4}-\d{2}-\d{2}$/.test(retrievedOn ?? '')) {
  throw new Error('usage: tsx tools/catalogs/sagemaker-instance-types.ts <all_gpu_instances.js> <YYYY-MM-DD>');
}

const enums: Record<string, Record<string, string>> = {
  hosting: sagemaker.ProductionVariantInstanceType,
  training: sagemaker.TrainingInstanceType,
  cluster: sagemaker.ClusterInstanceType,
  transform: sagemaker.TransformInstanceType,
  processing: sagemaker.ProcessingInstanceType,
};
const sdkVersion: string = JSON.parse(fs.readFileSync(require.resolve('@aws-sdk/client-sagemaker/package.json'), 'utf8')).version;

const source = fs.readFileSync(dataFile, 'utf8');
const context: { result?: Array<{ apiName: string; availability: string[] }> } = {};
vm.runInNewContext(`${source}\nresult = allGPUInstances;`, context);
const availability = new Map((context.result ?? []).map((i) => [i.apiName, [...i.availability].filter((r) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r)).sort()]));
const header = source.split('\n').slice(0, 3).join(' ').replace(/\/\/\s*/g, '').trim();

const all = new Set<string>();
const byUse: Record<string, string[]> = {};
for (const [use, values] of Object.entries(enums)) {
  byUse[use] = [...new Set(Object.values(values))].sort();
  byUse[use].forEach((t) => all.add(t));
}
const regions: Record<string, string[]> = {};
for (const type of [...all].sort()) {
  const ec2 = availability.get(type.slice(3));
  if (ec2 !== undefined && ec2.length > 0) {
    regions[type] = ec2;
  }
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
/** A long list as an indented block, six values a line. */
const block = (values: readonly string[], indent: string) => {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += 6) {
    lines.push(`${indent}  ${list(values.slice(i, i + 6))},`);
  }
  return `[\n${lines.join('\n')}\n${indent}]`;
};
const out: string[] = [
  '/**',
  ' * SageMaker `ml.*` instance types: which exist, per use, and which regions offer the accelerated',
  ' * ones. Generated data: do not edit by hand.',
  ' *',
  ` * Source of the types: the SageMaker API model enums in @aws-sdk/client-sagemaker ${sdkVersion}`,
  ' * (ProductionVariantInstanceType, TrainingInstanceType, ClusterInstanceType, TransformInstanceType,',
  ' * ProcessingInstanceType), https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-sagemaker.',
  ' * Source of the regions: the EC2 regional availability of each type\'s EC2 twin in',
  ` * https://github.com/tsaol/aws-gpu/blob/main/data/all_gpu_instances.js ("${header}"),`,
  ' * generated from instances.vantage.sh, which reads the AWS Price List API. SageMaker runs on EC2',
  ' * capacity, so a type EC2 does not sell in a region is not offered by SageMaker there; a type',
  ' * without a row here (CPU types) is not checked by region.',
  ` * Retrieved: ${retrievedOn}.`,
  ' *',
  ' * Refresh: bump @aws-sdk/client-sagemaker, fetch the aws-gpu data file, then',
  ' * `npx tsx tools/catalogs/sagemaker-instance-types.ts <all_gpu_instances.js> <YYYY-MM-DD>`.',
  ' */',
  '',
  '/** Every `ml.*` type the SageMaker API accepts for at least one use, sorted. */',
  `export const SAGEMAKER_INSTANCE_TYPES: readonly string[] = ${block([...all].sort(), '')};`,
  '',
  '/** The `ml.*` types each SageMaker use accepts (its API enum), sorted. */',
  'export const SAGEMAKER_INSTANCE_TYPES_BY_USE: { readonly [use in SageMakerInstanceUse]: readonly string[] } = {',
  ...Object.entries(byUse).map(([use, values]) => `  ${use}: ${block(values, '  ')},`),
  '};',
  '',
  '/** What an instance type is used for, as the SageMaker API enums split them. */',
  `export type SageMakerInstanceUse = ${Object.keys(byUse).map((u) => `'${u}'`).join(' | ')};`,
  '',
  '/** The regions whose EC2 sells the accelerated type\'s twin: the only regions SageMaker can offer it in. */',
  'export const SAGEMAKER_ACCELERATED_TYPE_REGIONS: { readonly [instanceType: string]: readonly string[] } = {',
  ...Object.entries(regions).map(([type, rs]) => `  '${type}': [${list(rs)}],`),
  '};',
  '',
];
const target = path.join(__dirname, '..', '..', 'lib', 'core', 'locations', 'sagemaker-instance-types.ts');
fs.writeFileSync(target, out.join('\n'));
console.log(`${all.size} types, ${Object.keys(regions).length} with regions → ${target}`);
