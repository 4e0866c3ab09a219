import { FieldType, TableSchema } from 'mlops-constructs';
import { BIGQUERY_MAX_CLUSTERING_COLUMNS, DataLake } from 'mlops-constructs/gcp';
import { newStack } from '../support';

function schemaWithKeys(count: number): TableSchema {
  const keys = Array.from({ length: count }, (_, i) => `k${i}`);
  return new TableSchema({ name: 't', fields: keys.map((name) => ({ name, type: FieldType.STRING })), entityKeys: keys });
}

test(`a table clusters on up to ${BIGQUERY_MAX_CLUSTERING_COLUMNS} entity keys, BigQuery's limit`, () => {
  const lake = new DataLake(newStack(), 'Lake', { prefix: 'acme' });
  const table = lake.addTable('raw', schemaWithKeys(BIGQUERY_MAX_CLUSTERING_COLUMNS));
  expect(table).toMatchObject({ zone: 'raw', tableId: 't' });
  expect(table.table.clusteringInput).toEqual(['k0', 'k1', 'k2', 'k3']);
  expect(() => lake.addTable('curated', schemaWithKeys(BIGQUERY_MAX_CLUSTERING_COLUMNS + 1)))
    .toThrow(/\[stack\/Lake\] invalid addTable\.schema\.entityKeys: .*Allowed: at most 4 entity keys/);
});
