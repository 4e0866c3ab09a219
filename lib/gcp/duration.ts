import { isEncodedNumberToken, MlopsValidationError } from '../core/errors';

/** A unit of {@link Duration}: its length in seconds and its singular name. */
interface TimeUnit {
  readonly seconds: number;
  readonly name: string;
}

const SECONDS: TimeUnit = { seconds: 1, name: 'second' };
const MINUTES: TimeUnit = { seconds: 60, name: 'minute' };
const HOURS: TimeUnit = { seconds: 3600, name: 'hour' };
const DAYS: TimeUnit = { seconds: 86400, name: 'day' };

/**
 * A length of time, for the settings of the Google Cloud constructs (message retention, alert
 * thresholds and windows), as aws-cdk's `Duration` is on AWS: the unit is in the name of the
 * factory, so that units cannot be mixed up.
 *
 * Conversions are exact: `Duration.minutes(2.5).toSeconds()` is `150`, and a construct says when
 * it needs whole seconds or minutes.
 *
 * @example
 * new StreamingIngest(stack, 'Orders', { lake, schema, messageRetention: Duration.days(3) });
 */
export class Duration {
  /** A number of seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount, SECONDS);
  }

  /** A number of minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount, MINUTES);
  }

  /** A number of hours. */
  public static hours(amount: number): Duration {
    return new Duration(amount, HOURS);
  }

  /** A number of days. */
  public static days(amount: number): Duration {
    return new Duration(amount, DAYS);
  }

  private constructor(private readonly amount: number, private readonly unit: TimeUnit) {
    // A token (a Terraform variable's number) cannot be scaled into the seconds or minutes the constructs render
    // and check at synth: refused here, once, rather than printed as a garbage number by each prop.
    if (isEncodedNumberToken(amount)) {
      throw new MlopsValidationError(undefined, `Duration.${unit.name}s(amount)`, amount,
        'a literal number: a Duration is converted and checked at synth, which a Terraform variable is not resolved at (set it in code or from context)');
    }
  }

  /** The duration in seconds. */
  public toSeconds(): number {
    return this.amount * this.unit.seconds;
  }

  /** The duration in minutes. */
  public toMinutes(): number {
    return this.toSeconds() / MINUTES.seconds;
  }

  /** The duration in hours. */
  public toHours(): number {
    return this.toSeconds() / HOURS.seconds;
  }

  /** The duration in days. */
  public toDays(): number {
    return this.toSeconds() / DAYS.seconds;
  }

  /** The duration in the unit it was given in: `"7 days"`, `"1 hour"`, `"2.5 minutes"`. */
  public toHumanString(): string {
    return `${this.amount} ${this.unit.name}${this.amount === 1 ? '' : 's'}`;
  }

  /** Same as {@link toHumanString}. */
  public toString(): string {
    return this.toHumanString();
  }
}
