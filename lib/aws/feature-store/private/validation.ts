/**
 * What a valid neutral feature group spec must also satisfy to become a SageMaker feature group.
 * The spec's own rules (names, types matching their fields, keys, event time, TTL) are checked by
 * `FeatureGroupSpec.problems()`; these are the SageMaker-only ones.
 */
import { FeatureGroupSpec, namingProblem, ValidationProblem } from '../../../core';
import {
  SAGEMAKER_FEATURE_NAME_RULE,
  SAGEMAKER_MAX_DESCRIPTION_LENGTH,
  SAGEMAKER_MAX_FEATURE_DEFINITIONS,
  SAGEMAKER_RESERVED_FEATURE_NAMES,
} from './limits';

/**
 * Problems of a valid spec as a SageMaker feature group named `featureGroupName`; property paths
 * relative to the spec (`schema.entityKeys`, `features[2].name`).
 * @param prefix the store's name prefix, if any, to explain a too-long group name
 */
export function sageMakerSpecProblems(spec: FeatureGroupSpec, featureGroupName: string, prefix: string | undefined): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const nameProblem = namingProblem(SAGEMAKER_FEATURE_NAME_RULE, featureGroupName);
  if (nameProblem !== undefined) {
    problems.push({
      property: 'name',
      value: spec.name,
      allowed: `a name that, after the store's prefix "${prefix}-", makes a SageMaker feature group name of ${nameProblem} (it is "${featureGroupName}")`,
    });
  }
  if (spec.recordIdentifiers.length !== 1) {
    problems.push({
      property: 'schema.entityKeys',
      value: spec.recordIdentifiers,
      allowed: 'exactly one entity key on AWS: a SageMaker feature group has a single record identifier (RecordIdentifierFeatureName); '
        + 'add one field that combines the keys (for example their values joined by "#") and make it the entity key',
    });
  }
  const identity = [
    ...spec.recordIdentifiers.map((name, i) => ({ name, property: `schema.entityKeys[${i}]`, what: 'record identifier' })),
    { name: spec.eventTime, property: 'schema.eventTime', what: 'event time' },
  ];
  // Features default to one per value field, so the name may come from the schema rather than `features`.
  const features = spec.features.map((feature, i) => ({ name: feature.name, property: `features[${i}].name`, what: `feature read from field "${feature.sourceField}"` }));
  for (const { name, property, what } of [...identity, ...features]) {
    const problem = namingProblem(SAGEMAKER_FEATURE_NAME_RULE, name);
    if (problem !== undefined) {
      problems.push({ property, value: name, allowed: `a SageMaker feature name (${what}): ${problem}` });
    } else if (SAGEMAKER_RESERVED_FEATURE_NAMES.has(name)) {
      problems.push({ property, value: name, allowed: `a ${what} name other than ${[...SAGEMAKER_RESERVED_FEATURE_NAMES].join(', ')}, which SageMaker adds to every offline record` });
    }
  }
  const definitions = identity.length + features.length;
  if (definitions > SAGEMAKER_MAX_FEATURE_DEFINITIONS) {
    problems.push({
      property: 'features',
      value: `${features.length} features`,
      allowed: `at most ${SAGEMAKER_MAX_FEATURE_DEFINITIONS - identity.length} features: a SageMaker feature group holds at most ${SAGEMAKER_MAX_FEATURE_DEFINITIONS} feature definitions, the record identifier and event time included; split the features into several groups`,
    });
  }
  if (spec.description !== undefined && spec.description.length > SAGEMAKER_MAX_DESCRIPTION_LENGTH) {
    problems.push({
      property: 'description',
      value: spec.description,
      allowed: `at most ${SAGEMAKER_MAX_DESCRIPTION_LENGTH} characters (SageMaker's limit for a feature group description; without a description of its own, the spec takes the schema's)`,
    });
  }
  return problems;
}
