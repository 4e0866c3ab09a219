import { guard, TableSchema } from '../../../core';
import { awsGuard } from '../../private/guard';
import { StreamingIngestJsonDeserializer } from '../json-deserializer';

/** The runtime types of `StreamingIngestProps`, checked first by the constructor (lib/core/guard). */
export const STREAMING_INGEST_PROPS_GUARD = guard.props({
  lake: awsGuard.lake(),
  schema: guard.satisfies((v) => v instanceof TableSchema, 'a TableSchema (new TableSchema({...}) or TableSchema.fromJson(json))'),
  zone: guard.string().optional(),
  stream: awsGuard.stream().optional(),
  streamName: guard.string().optional(),
  // Read in hours (the stream) and in milliseconds (the iterator-age alarm): a literal amount.
  streamRetention: awsGuard.duration('hours', 'millis').optional(),
  deliveryStreamName: guard.string().optional(),
  partitionKeyField: guard.string().optional(),
  jsonDeserializer: guard.satisfies((v) => v instanceof StreamingIngestJsonDeserializer, 'StreamingIngestJsonDeserializer.OPENX or StreamingIngestJsonDeserializer.HIVE').optional(),
  // The data-freshness alarm's threshold is a multiple of it, which a parameter cannot be at synth: a literal amount.
  bufferingInterval: awsGuard.literalDuration('the data-freshness alarm\'s threshold is computed from it at synth').optional(),
  bufferingSize: awsGuard.size('mebibytes').optional(),
  errorOutputPrefix: guard.string().optional(),
  alarmActions: awsGuard.alarmActions().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
}, 'StreamingIngestProps ({ lake, schema, ... })');
