/**
 * The synth-step command that resolves the latest approved model package of a group and caches it
 * where `ApprovedModelVersion.fromContext` reads it: `cdk.context.json`, the CDK's own context
 * cache, which every `cdk` command of the build reads.
 */
import { ApprovedModelVersion } from '../approved-model-version';

/**
 * Node script: merge `argv[2]` (the ARN, or "None" when the group has no approved version) into
 * `cdk.context.json` under `argv[1]`. Without an approved version the key is removed, so the app
 * falls back or fails with its own error instead of using a stale cached value.
 */
const MERGE_SCRIPT = 'const fs=require("fs"),f="cdk.context.json",[k,a]=process.argv.slice(1),c=fs.existsSync(f)?JSON.parse(fs.readFileSync(f,"utf8")):{};'
  + 'if(a&&a!=="None"){c[k]=a}else{delete c[k]}fs.writeFileSync(f,JSON.stringify(c,null,2)+"\\n");console.log(k+"="+(c[k]||"(no approved version)"))';

/**
 * One shell line: look up the group's latest `Approved` package (by creation time) with the AWS
 * CLI of the build image (one call: `--no-paginate`), and cache it in `cdk.context.json`.
 * @see https://docs.aws.amazon.com/cli/latest/reference/sagemaker/list-model-packages.html
 */
export function resolveApprovedPackageCommand(modelPackageGroupName: string): string {
  const key = ApprovedModelVersion.contextKey(modelPackageGroupName);
  const list = `aws sagemaker list-model-packages --model-package-group-name ${modelPackageGroupName} --model-approval-status Approved `
    + '--sort-by CreationTime --sort-order Descending --max-results 1 --query "ModelPackageSummaryList[0].ModelPackageArn" --output text --no-paginate';
  return `APPROVED_MODEL_PACKAGE="$(${list})" && node -e '${MERGE_SCRIPT}' "${key}" "$APPROVED_MODEL_PACKAGE"`;
}
