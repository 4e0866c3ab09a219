/**
 * Where SageMaker's built-in XGBoost algorithm image lives in each region: the default training
 * (and serving) image of a pipeline synthesized without one, so that it does real work after
 * deploy.
 *
 * Source: the SageMaker Python SDK's image URI table, `image_uri_config/xgboost.json`, framework
 * version 1.7-1 (the same registry accounts for training and inference), read from
 * aws/sagemaker-python-sdk at commit a24812666d258d9d19c9a82d0c9385ca0bd3ba01 (2026-08-21).
 * The isolated ISO partitions are left out (their registries use other DNS suffixes).
 *
 * @see https://github.com/aws/sagemaker-python-sdk/blob/master/sagemaker-core/src/sagemaker/core/image_uri_config/xgboost.json
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html
 */

/** The framework version of the built-in XGBoost image. */
export const SAGEMAKER_XGBOOST_VERSION = '1.7-1';

/** The ECR repository of the built-in XGBoost image. */
export const SAGEMAKER_XGBOOST_REPOSITORY = 'sagemaker-xgboost';

/** Region → account of the ECR registry holding the built-in XGBoost image. */
export const SAGEMAKER_XGBOOST_REGISTRIES: { readonly [region: string]: string } = Object.freeze({
  'af-south-1': '510948584623',
  'ap-east-1': '651117190479',
  'ap-northeast-1': '354813040037',
  'ap-northeast-2': '366743142698',
  'ap-northeast-3': '867004704886',
  'ap-south-1': '720646828776',
  'ap-south-2': '628508329040',
  'ap-southeast-1': '121021644041',
  'ap-southeast-2': '783357654285',
  'ap-southeast-3': '951798379941',
  'ap-southeast-4': '106583098589',
  'ca-central-1': '341280168497',
  'ca-west-1': '190319476487',
  'cn-north-1': '450853457545',
  'cn-northwest-1': '451049120500',
  'eu-central-1': '492215442770',
  'eu-central-2': '680994064768',
  'eu-north-1': '662702820516',
  'eu-south-1': '978288397137',
  'eu-south-2': '104374241257',
  'eu-west-1': '141502667606',
  'eu-west-2': '764974769150',
  'eu-west-3': '659782779980',
  'il-central-1': '898809789911',
  'me-central-1': '272398656194',
  'me-south-1': '801668240914',
  'sa-east-1': '737474898029',
  'us-east-1': '683313688378',
  'us-east-2': '257758044811',
  'us-gov-east-1': '237065988967',
  'us-gov-west-1': '414596584902',
  'us-west-1': '746614075791',
  'us-west-2': '246618743249',
});

/**
 * The built-in XGBoost image URI in a region, or `undefined` for a region the table does not
 * list (the construct then refuses the region and names the ones it knows).
 *
 * @example sageMakerXgboostImageUri('eu-west-1') // '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1'
 */
export function sageMakerXgboostImageUri(region: string): string | undefined {
  const account = SAGEMAKER_XGBOOST_REGISTRIES[region];
  if (account === undefined) {
    return undefined;
  }
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${account}.dkr.ecr.${region}.${suffix}/${SAGEMAKER_XGBOOST_REPOSITORY}:${SAGEMAKER_XGBOOST_VERSION}`;
}
