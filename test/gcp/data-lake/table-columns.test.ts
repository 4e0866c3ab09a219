/**
 * The lake's additions the StreamingIngest builds on: extra columns on `addTable` and
 * `addTableColumns` for a table the lake already has. Without extra columns, tables are unchanged.
 */
import { BigQueryColumn, bigQueryColumns } from 'mlops-constructs';
import { DataLake } from 'mlops-constructs/gcp';
import { newStack, ordersSchema, Synth } from '../support';

const note: BigQueryColumn = { name: 'note', type: 'STRING', mode: 'NULLABLE', description: 'Free text.' };
const seen: BigQueryColumn = { name: 'seen_at', type: 'TIMESTAMP', mode: 'NULLABLE' };

function lakeIn() {
  const stack = newStack();
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml' });
  return { stack, lake, columns: () => JSON.parse(new Synth(stack).at('google_bigquery_table', 'Lake/Zone-raw/Table-orders').schema) };
}

describe('DataLake.addTable extra columns', () => {
  test('extra columns follow the schema columns; without them the table schema is the schema alone', () => {
    const { lake, columns } = lakeIn();
    lake.addTable('raw', ordersSchema(), { extraColumns: [note] });
    lake.addTable('curated', ordersSchema());
    expect(columns()).toEqual([...bigQueryColumns(ordersSchema()), note]);
    expect(JSON.parse(lake.tables[1].table.schemaInput!)).toEqual(bigQueryColumns(ordersSchema()));
  });

  test.each<[string, unknown, RegExp]>([
    ['a REQUIRED column', [{ name: 'note', type: 'STRING', mode: 'REQUIRED' }],
      /\[stack\/Lake\] invalid addTable\.options\.extraColumns\[0\]\.mode: "REQUIRED"\. Allowed: "NULLABLE": BigQuery adds only NULLABLE \(or REPEATED\) columns to an existing table/],
    ['a column name BigQuery refuses', [{ name: 'my-note', type: 'STRING', mode: 'NULLABLE' }],
      /invalid addTable\.options\.extraColumns\[0\]\.name: "my-note"\. Allowed: a BigQuery column name: letters, digits and underscores/],
    ['the name of a schema field', [{ name: 'amount', type: 'STRING', mode: 'NULLABLE' }], /invalid addTable\.options\.extraColumns\[0\]\.name: "amount"\. Allowed: a name that is not a field of the schema "orders"/],
    ['the same column twice', [note, note], /invalid addTable\.options\.extraColumns\[1\]\.name: "note"\. Allowed: a column name not given twice/],
    ['columns that are not a list', 'note', /invalid addTable\.options\.extraColumns: "note"\. Allowed: a list of BigQuery columns/],
  ])('addTable refuses %s', (_name, extraColumns, message) => {
    const { lake } = lakeIn();
    expect(() => lake.addTable('raw', ordersSchema(), { extraColumns: extraColumns as BigQueryColumn[] })).toThrow(message);
  });
});

describe('DataLake.addTableColumns', () => {
  test('appends NULLABLE columns in place, skipping identical ones already there', () => {
    const { lake, columns } = lakeIn();
    const table = lake.addTable('raw', ordersSchema(), { extraColumns: [note] });
    lake.addTableColumns(table, [{ ...note }, seen]);
    lake.addTableColumns(table, [seen]);
    expect(columns()).toEqual([...bigQueryColumns(ordersSchema()), note, seen]);
  });

  test.each<[string, BigQueryColumn[], RegExp]>([
    ['a column redefining an existing one', [{ ...note, type: 'JSON' }], /\[stack\/Lake\] invalid columns\[0\]: .*Allowed: the same definition as the table's existing column "note"/],
    ['a REQUIRED column', [{ ...seen, mode: 'REQUIRED' }], /invalid columns\[0\]\.mode: "REQUIRED"\. Allowed: "NULLABLE"/],
  ])('refuses %s', (_name, added, message) => {
    const { lake } = lakeIn();
    const table = lake.addTable('raw', ordersSchema(), { extraColumns: [note] });
    expect(() => lake.addTableColumns(table, added)).toThrow(message);
  });

  test('refuses a table of another lake', () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml' });
    const other = new DataLake(stack, 'Other', { prefix: 'acme-other' });
    const table = other.addTable('raw', ordersSchema());
    expect(() => lake.addTableColumns(table, [note])).toThrow(/\[stack\/Lake\] invalid table: "orders"\. Allowed: a table of this lake/);
  });
});
