import { MATURITY_LEVELS, maturityLevelCapabilities, maturityLevelConstructs, MlopsCapability, resolveMaturityLevel } from 'mlops-constructs';

test('four levels, 0 to 3, each adding capabilities and constructs, none twice', () => {
  expect(MATURITY_LEVELS.map((l) => l.level)).toEqual([0, 1, 2, 3]);
  const capabilities = MATURITY_LEVELS.flatMap((l) => l.adds);
  expect(new Set(capabilities).size).toBe(capabilities.length);
  expect(new Set(capabilities)).toEqual(new Set(Object.values(MlopsCapability)));
  const constructs = MATURITY_LEVELS.flatMap((l) => l.addsConstructs);
  expect(new Set(constructs).size).toBe(constructs.length);
  MATURITY_LEVELS.forEach((l) => expect(l.adds.length).toBeGreaterThan(0));
});

test('each level is a superset of the one below', () => {
  expect(maturityLevelConstructs(0)).toEqual(['DataLake', 'ModelRegistry', 'ModelEndpoint']);
  expect(maturityLevelConstructs(3)).toEqual(['DataLake', 'ModelRegistry', 'ModelEndpoint', 'StreamingIngest', 'FeatureStore', 'GpuTrainingCluster', 'TrainingPipeline', 'DeliveryPipeline', 'DriftMonitor']);
  for (const level of [1, 2, 3]) {
    expect(maturityLevelCapabilities(level)).toEqual(expect.arrayContaining(maturityLevelCapabilities(level - 1)));
  }
});

test('an unknown level is a problem listing the levels', () => {
  expect(resolveMaturityLevel(2)).toMatchObject({ name: 'CI/CD' });
  expect(resolveMaturityLevel(4)).toEqual([{ property: 'level', value: 4, allowed: 'a maturity level: 0 (manual), 1 (continuous training), 2 (CI/CD), 3 (automated retraining)' }]);
  expect(resolveMaturityLevel('1')).toEqual([expect.objectContaining({ value: '1' })]);
});
