/**
 * The approved model version the platform's endpoint serves, read from the context key the
 * delivery pipeline's synth step writes (`mlops-constructs:approvedModelPackage:<group>`).
 */
import { IConstruct } from 'constructs';
import { MlopsValidationError } from '../../../core';

/** The prefix of the context key: `<prefix><model package group name>` (the DeliveryPipeline's). */
export const APPROVED_PACKAGE_CONTEXT_PREFIX = 'mlops-constructs:approvedModelPackage:';

const PACKAGE_ARN = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):model-package\/([A-Za-z0-9-]+)\/(\d+)$/;

/** The approved version of `groupName` in the context of `scope`, or `undefined` when the context holds none. */
export function approvedVersionOf(scope: IConstruct, groupName: string): number | undefined {
  const key = `${APPROVED_PACKAGE_CONTEXT_PREFIX}${groupName}`;
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined) {
    return undefined;
  }
  const match = typeof value === 'string' ? PACKAGE_ARN.exec(value) : null;
  if (match === null || match[3].toLowerCase() !== groupName.toLowerCase() || Number(match[4]) < 1) {
    throw new MlopsValidationError(scope, `context "${key}"`, value,
      `the ARN of a model package of group ${groupName}, "arn:<partition>:sagemaker:<region>:<account>:model-package/${groupName.toLowerCase()}/<version>"`);
  }
  return Number(match[4]);
}
