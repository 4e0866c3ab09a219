import { SAGEMAKER_XGBOOST_REGISTRIES, sageMakerXgboostImageUri } from 'mlops-constructs';

test('the built-in XGBoost image URI per region, from the SDK table', () => {
  expect(sageMakerXgboostImageUri('us-east-1')).toBe('683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1');
  expect(sageMakerXgboostImageUri('eu-west-1')).toBe('141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1');
  expect(sageMakerXgboostImageUri('cn-north-1')).toBe('450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1');
  expect(sageMakerXgboostImageUri('mars-north-1')).toBeUndefined();
  expect(Object.keys(SAGEMAKER_XGBOOST_REGISTRIES).every((r) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r))).toBe(true);
});
