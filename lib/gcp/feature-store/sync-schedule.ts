import { ValidationProblem } from '../../core';
import { Token } from '../cdktf';
import { CRON_EXPRESSION_DESCRIPTION, cronExpressionProblem, timeZoneProblem } from '../private/cron';

/**
 * The default sync schedule: at minute 0 of every hour. Online values then trail the lake by at
 * most an hour plus the sync's own duration, for 24 syncs a day; each sync reads the source view
 * in BigQuery (billed per scan), so a daily schedule suits features that change daily.
 */
export const DEFAULT_FEATURE_SYNC_CRON = '0 * * * *';

/**
 * When feature views copy the latest values from BigQuery to the online store: a cron schedule.
 *
 * Continuous sync is not offered: Vertex AI runs it only for Bigtable online stores (Optimized
 * stores refuse it), and google provider 6.50 has no `sync_config.continuous` to request it with.
 *
 * Declaring one never throws; the feature store reports a bad expression under its own path.
 *
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureOnlineStores.featureViews#SyncConfig
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/online-serving-types
 */
export class FeatureSyncSchedule {
  /**
   * Five-field cron schedule, for example `FeatureSyncSchedule.cron('30 2 * * *', 'Europe/Paris')`.
   * @param expression minute, hour, day of month, month, day of week
   * @param timeZone an IANA time zone name; the default is UTC
   */
  public static cron(expression: string, timeZone?: string): FeatureSyncSchedule {
    return new FeatureSyncSchedule(expression, timeZone);
  }

  /** Every hour, at minute 0 (UTC): {@link DEFAULT_FEATURE_SYNC_CRON}. */
  public static readonly HOURLY = FeatureSyncSchedule.cron(DEFAULT_FEATURE_SYNC_CRON);

  /** The five-field cron expression. */
  public readonly expression: string;
  /** The IANA time zone, if any (UTC otherwise). */
  public readonly timeZone?: string;

  private constructor(expression: string, timeZone?: string) {
    this.expression = expression;
    this.timeZone = timeZone;
  }

  /** The `sync_config.cron` value: `CRON_TZ=<zone> <expression>` with a time zone, the expression otherwise. */
  public toCronTab(): string {
    return this.timeZone === undefined ? this.expression.trim() : `CRON_TZ=${this.timeZone} ${this.expression.trim()}`;
  }

  /** What is wrong with this schedule, properties relative to it (`expression`, `timeZone`); empty when valid. */
  public problems(): ValidationProblem[] {
    if (typeof this.expression !== 'string') {
      return [{ property: 'expression', value: this.expression, allowed: CRON_EXPRESSION_DESCRIPTION }];
    }
    const expressionProblem = Token.isUnresolved(this.expression) ? undefined : cronExpressionProblem(this.expression);
    if (expressionProblem !== undefined) {
      return [{ property: 'expression', value: this.expression, allowed: expressionProblem }];
    }
    if (this.timeZone !== undefined && !Token.isUnresolved(this.timeZone)) {
      const zoneProblem = typeof this.timeZone === 'string' ? timeZoneProblem(this.timeZone) : 'an IANA time zone name';
      if (zoneProblem !== undefined) {
        return [{ property: 'timeZone', value: this.timeZone, allowed: zoneProblem }];
      }
    }
    return [];
  }
}
