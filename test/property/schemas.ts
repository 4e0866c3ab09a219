import { FieldType, TableSchema } from 'mlops-constructs';

/** A stream of events, for the streaming-ingest suites of both clouds (no bytes: Firehose cannot carry them to Parquet). */
export const clicks = new TableSchema({
  name: 'clicks',
  fields: [
    { name: 'click_id', type: FieldType.STRING },
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'amount', type: FieldType.decimal(12, 2) },
    { name: 'clicked_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'clicked_at',
});

/** A schema with problems (a name with a space, no fields): a valid TableSchema object holding invalid content. */
export const badSchema = () => new TableSchema({ name: 'Bad Name', fields: [] });
