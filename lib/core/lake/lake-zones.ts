import { ValidationProblem } from '../errors';
import { namingProblem, ZONE_NAME_RULE } from '../naming';
import { TableSchema } from '../schema';

/** Days after which unfinished multipart uploads are aborted when a lifecycle does not say. */
export const DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS = 7;

/** A table of a lake: which zone holds it, and the neutral schema it is generated from. */
export interface LakeTableSpec {
  /** The zone whose storage holds the data and whose database/dataset holds the table. */
  readonly zone: string;
  /** The table's schema; its name becomes the table name. */
  readonly schema: TableSchema;
}

/**
 * When objects of a zone move to cheaper storage and when old versions go away. The same spec
 * drives S3 lifecycle rules and GCS lifecycle rules.
 *
 * Days are whole numbers on both services, so they are plain integers named in days here.
 *
 * | field                            | S3                                   | GCS                                    |
 * |----------------------------------|--------------------------------------|----------------------------------------|
 * | infrequentAccessAfterDays        | transition to STANDARD_IA            | SetStorageClass NEARLINE, age          |
 * | archiveAfterDays                 | transition to GLACIER_IR             | SetStorageClass COLDLINE, age          |
 * | expireAfterDays                  | expiration (current version)         | Delete, age, live versions             |
 * | noncurrentVersionExpirationDays  | noncurrent version expiration        | Delete, days since noncurrent          |
 * | noncurrentVersionsToRetain       | newer noncurrent versions            | Delete, num newer versions             |
 * | abortIncompleteUploadsAfterDays  | abort incomplete multipart upload    | AbortIncompleteMultipartUpload, age    |
 */
export interface LakeLifecycle {
  /**
   * Days after creation when objects move to infrequent-access storage. At least 30 (S3 refuses
   * fewer for STANDARD_IA; NEARLINE bills 30 days anyway).
   * @default - objects stay in the standard class
   */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Days after creation when objects move to archive storage (instant retrieval). At least 30 days
   * after `infrequentAccessAfterDays` when both are set (S3 requires it).
   * @default - no archive transition
   */
  readonly archiveAfterDays?: number;
  /**
   * Days after creation when the current version of an object is deleted (it becomes
   * noncurrent on a versioned bucket). Later than every transition.
   * @default - objects are never expired
   */
  readonly expireAfterDays?: number;
  /**
   * Days after an object version becomes noncurrent when it is deleted.
   * @default - noncurrent versions are kept forever
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Newest noncurrent versions kept whatever their age (1 to 100). Needs
   * `noncurrentVersionExpirationDays`.
   * @default - no count-based retention
   */
  readonly noncurrentVersionsToRetain?: number;
  /**
   * Days after which unfinished multipart uploads are aborted.
   * @default DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS (7)
   */
  readonly abortIncompleteUploadsAfterDays?: number;
}

/** A storage zone of the lake: one bucket, one database/dataset. */
export interface LakeZone {
  /** Zone name. Lowercase letters, digits and hyphens, 1 to 20 characters, starting with a letter. */
  readonly name: string;
  /**
   * The zone's lifecycle. When given it replaces the zone's default whole, so that leaving a
   * field out means "none" rather than "the default"; spread {@link defaultLakeLifecycle} to keep
   * parts of the default.
   * @default - defaultLakeLifecycle(name)
   */
  readonly lifecycle?: LakeLifecycle;
}

/** The zones every lake has. */
export enum StandardZone {
  /** Data as it arrives from producers. */
  RAW = 'raw',
  /** Cleaned, conformed data: the source of features and training sets. */
  CURATED = 'curated',
  /** Models, pipeline outputs, query results. */
  ARTIFACTS = 'artifacts',
}

const STANDARD_LIFECYCLES: Record<string, LakeLifecycle> = {
  // Raw data is read in the days after arrival, then rarely: tier early, archive after half a year.
  [StandardZone.RAW]: { infrequentAccessAfterDays: 30, archiveAfterDays: 180, noncurrentVersionExpirationDays: 30, noncurrentVersionsToRetain: 3, abortIncompleteUploadsAfterDays: 7 },
  // Curated data feeds features and training sets: it stays warm, no archive.
  [StandardZone.CURATED]: { infrequentAccessAfterDays: 90, noncurrentVersionExpirationDays: 30, noncurrentVersionsToRetain: 3, abortIncompleteUploadsAfterDays: 7 },
  // Model artifacts are rolled back to: keep more old versions for longer.
  [StandardZone.ARTIFACTS]: { infrequentAccessAfterDays: 90, noncurrentVersionExpirationDays: 90, noncurrentVersionsToRetain: 5, abortIncompleteUploadsAfterDays: 7 },
};

const OTHER_ZONE_LIFECYCLE: LakeLifecycle = { infrequentAccessAfterDays: 90, noncurrentVersionExpirationDays: 30, noncurrentVersionsToRetain: 3, abortIncompleteUploadsAfterDays: 7 };

/** The lifecycle a zone gets when none is given. */
export function defaultLakeLifecycle(zoneName: string): LakeLifecycle {
  return STANDARD_LIFECYCLES[zoneName] ?? OTHER_ZONE_LIFECYCLE;
}

/** A zone with its lifecycle resolved. */
export interface ResolvedLakeZone {
  /** Zone name. */
  readonly name: string;
  /** Lifecycle in force. */
  readonly lifecycle: LakeLifecycle;
}

/**
 * The lake's zones: the standard three, in order, then the user's extra zones. A user zone with a
 * standard name replaces that zone's lifecycle.
 */
export function resolveLakeZones(zones: readonly LakeZone[] | undefined): { zones: ResolvedLakeZone[]; problems: ValidationProblem[] } {
  const problems: ValidationProblem[] = [];
  const byName = new Map<string, LakeZone>();
  (zones ?? []).forEach((zone, i) => {
    const nameProblem = namingProblem(ZONE_NAME_RULE, zone?.name);
    if (nameProblem) {
      problems.push({ property: `zones[${i}].name`, value: zone?.name, allowed: nameProblem });
      return;
    }
    if (byName.has(zone.name)) {
      problems.push({ property: `zones[${i}].name`, value: zone.name, allowed: 'each zone name once' });
      return;
    }
    byName.set(zone.name, zone);
    problems.push(...lifecycleProblems(zone.lifecycle ?? {}).map((p) => ({ ...p, property: `zones[${i}].lifecycle.${p.property}` })));
  });
  const names = [...Object.values(StandardZone) as string[], ...[...byName.keys()].filter((n) => !(Object.values(StandardZone) as string[]).includes(n))];
  return {
    zones: names.map((name) => ({ name, lifecycle: byName.get(name)?.lifecycle ?? defaultLakeLifecycle(name) })),
    problems,
  };
}

/** Problems of one lifecycle; property paths relative to it. */
export function lifecycleProblems(lifecycle: LakeLifecycle): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const wholeDays = (property: keyof LakeLifecycle, min: number, max = 36_500): boolean => {
    const value = lifecycle[property];
    if (value === undefined) {
      return true;
    }
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push({ property, value, allowed: `a whole number from ${min} to ${max}` });
      return false;
    }
    return true;
  };
  const ia = lifecycle.infrequentAccessAfterDays;
  const archive = lifecycle.archiveAfterDays;
  const expire = lifecycle.expireAfterDays;
  const iaOk = wholeDays('infrequentAccessAfterDays', 30);
  const archiveOk = wholeDays('archiveAfterDays', 1);
  const expireOk = wholeDays('expireAfterDays', 1);
  wholeDays('noncurrentVersionExpirationDays', 1);
  wholeDays('noncurrentVersionsToRetain', 1, 100);
  wholeDays('abortIncompleteUploadsAfterDays', 1);
  if (iaOk && archiveOk && ia !== undefined && archive !== undefined && archive < ia + 30) {
    problems.push({ property: 'archiveAfterDays', value: archive, allowed: `at least 30 days after infrequentAccessAfterDays (${ia}), so at least ${ia + 30}` });
  }
  const lastTransition = Math.max(iaOk ? ia ?? 0 : 0, archiveOk ? archive ?? 0 : 0);
  if (expireOk && expire !== undefined && expire <= lastTransition) {
    problems.push({ property: 'expireAfterDays', value: expire, allowed: `more than the last transition (${lastTransition} days)` });
  }
  if (lifecycle.noncurrentVersionsToRetain !== undefined && lifecycle.noncurrentVersionExpirationDays === undefined) {
    problems.push({ property: 'noncurrentVersionsToRetain', value: lifecycle.noncurrentVersionsToRetain, allowed: 'only together with noncurrentVersionExpirationDays' });
  }
  return problems;
}
