import { isEncodedNumberToken, MlopsValidationError } from '../core/errors';

/** A unit of {@link Size}: its length in mebibytes and its symbol. */
interface SizeUnit {
  readonly mebibytes: number;
  readonly symbol: string;
}

const MEBIBYTES: SizeUnit = { mebibytes: 1, symbol: 'MiB' };
const GIBIBYTES: SizeUnit = { mebibytes: 1024, symbol: 'GiB' };

/**
 * An amount of memory or storage, for the settings of the Google Cloud constructs (Cloud Run
 * instance memory), as aws-cdk's `Size` is on AWS.
 *
 * @example
 * ModelEndpointPlatform.cloudRun({ image, memory: Size.gibibytes(16) });
 */
export class Size {
  /** A number of mebibytes (2^20 bytes). */
  public static mebibytes(amount: number): Size {
    return new Size(amount, MEBIBYTES);
  }

  /** A number of gibibytes (2^30 bytes). */
  public static gibibytes(amount: number): Size {
    return new Size(amount, GIBIBYTES);
  }

  private constructor(private readonly amount: number, private readonly unit: SizeUnit) {
    // A token (a Terraform variable's number) cannot be scaled into the mebibytes the constructs render
    // and check at synth: refused here, once, rather than printed as a garbage number by each prop.
    if (isEncodedNumberToken(amount)) {
      throw new MlopsValidationError(undefined, `Size.${unit.symbol === 'MiB' ? 'mebibytes' : 'gibibytes'}(amount)`, amount,
        'a literal number: a Size is converted and checked at synth, which a Terraform variable is not resolved at (set it in code or from context)');
    }
  }

  /** The size in mebibytes. */
  public toMebibytes(): number {
    return this.amount * this.unit.mebibytes;
  }

  /** The size in gibibytes (a fraction for sizes that are not whole gibibytes). */
  public toGibibytes(): number {
    return this.toMebibytes() / GIBIBYTES.mebibytes;
  }

  /** The size in the unit it was given in: `"16 GiB"`, `"512 MiB"`. */
  public toString(): string {
    return `${this.amount} ${this.unit.symbol}`;
  }
}
