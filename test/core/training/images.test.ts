import {
  SAGEMAKER_XGBOOST_REGISTRIES, sageMakerXgboostImageUri, VERTEX_XGBOOST_SUPPORTS_ACCELERATORS, VERTEX_XGBOOST_VERSION, vertexXgboostPredictionImageUri,
  vertexXgboostTrainingImageUri,
} from 'mlops-constructs';

test('the built-in XGBoost image URI per region, from the SDK table', () => {
  expect(sageMakerXgboostImageUri('us-east-1')).toBe('683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1');
  expect(sageMakerXgboostImageUri('eu-west-1')).toBe('141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1');
  expect(sageMakerXgboostImageUri('cn-north-1')).toBe('450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1');
  expect(sageMakerXgboostImageUri('mars-north-1')).toBeUndefined();
  expect(Object.keys(SAGEMAKER_XGBOOST_REGISTRIES).every((r) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r))).toBe(true);
});

test('the Vertex AI prebuilt XGBoost 1.7 images (training and serving) from the repository of the region\'s continent, CPU only', () => {
  expect(vertexXgboostTrainingImageUri('us-central1')).toBe('us-docker.pkg.dev/vertex-ai/training/xgboost-cpu.1-7:latest');
  expect(vertexXgboostTrainingImageUri('northamerica-northeast1')).toBe('us-docker.pkg.dev/vertex-ai/training/xgboost-cpu.1-7:latest');
  expect(vertexXgboostTrainingImageUri('europe-west4')).toBe('europe-docker.pkg.dev/vertex-ai/training/xgboost-cpu.1-7:latest');
  expect(vertexXgboostTrainingImageUri('me-central2')).toBe('europe-docker.pkg.dev/vertex-ai/training/xgboost-cpu.1-7:latest');
  expect(vertexXgboostTrainingImageUri('australia-southeast1')).toBe('asia-docker.pkg.dev/vertex-ai/training/xgboost-cpu.1-7:latest');
  expect(vertexXgboostPredictionImageUri('asia-northeast1')).toBe('asia-docker.pkg.dev/vertex-ai/prediction/xgboost-cpu.1-7:latest');
  for (const unplaced of ['mars-north1', 'US', 'us-central1-a', '']) {
    expect(vertexXgboostTrainingImageUri(unplaced)).toBeUndefined();
    expect(vertexXgboostPredictionImageUri(unplaced)).toBeUndefined();
  }
  expect(VERTEX_XGBOOST_VERSION).toBe('1.7');
  expect(VERTEX_XGBOOST_SUPPORTS_ACCELERATORS).toBe(false);
});
