/**
 * The AWS side of the runtime type guards (lib/core/guard): the token test of aws-cdk-lib, and
 * the guards of aws-cdk-lib's own types and of the library's AWS constructs, so that each
 * constructor declares its props once (`guard.props({...})`) and checks them first.
 */
import { Token } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { Guard, GuardContext, guard, MlopsValidationError, UNRESOLVED_TOKEN } from '../../core';

/**
 * Tokens of aws-cdk-lib: a `CfnParameter`, a resource attribute, a `Lazy`. A number token is a
 * finite number (about -1.888e+289), so it passes the type guard; each value check after it either
 * skips it or, where a literal decides what is synthesized, refuses it as "a literal here".
 */
export const AWS_GUARD_CONTEXT: GuardContext = {
  isUnresolved: (value) => (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) && Token.isUnresolved(value),
};

/** The guards of aws-cdk-lib types and of the AWS constructs' interfaces. */
export const awsGuard = {
  /**
   * An aws-cdk-lib `Duration` (not a number of seconds).
   * @param units the units the construct reads it in: a token amount converts to no other unit at
   * synth (aws-cdk-lib throws), so a `Duration` of a parameter is accepted only when the
   * construct reads it in one unit, that one
   */
  duration(...units: Array<'millis' | 'seconds' | 'minutes' | 'hours' | 'days'>): Guard<unknown> {
    const read = (units.length === 0 ? ['seconds' as const] : units).map((u) => ({ millis: 'toMilliseconds', seconds: 'toSeconds', minutes: 'toMinutes', hours: 'toHours', days: 'toDays' }[u]));
    const tokenAllowed = units.length === 1
      ? `a Duration of a literal amount, or Duration.${units[0]}(parameter): a parameter's amount cannot be converted to other units at synth`
      : 'a Duration of a literal amount: it is read in several units, and a parameter\'s amount cannot be converted between units at synth';
    return convertible(['toSeconds', 'toMilliseconds', 'toHumanString'], read, { integral: false }, 'a Duration such as Duration.minutes(5) (from aws-cdk-lib)', tokenAllowed);
  },
  /**
   * An aws-cdk-lib `Duration` of a literal amount: the construct computes with it (a unit the
   * service takes that a Duration cannot convert to), which a parameter's amount cannot be at synth.
   * @param reason why the amount must be a literal
   */
  literalDuration(reason: string): Guard<unknown> {
    return literalOnly(['toSeconds', 'toMilliseconds', 'toHumanString'], 'a Duration such as Duration.minutes(5) (from aws-cdk-lib)', `a Duration of a literal amount: ${reason}`);
  },
  /**
   * An aws-cdk-lib `Size` (not a number of bytes).
   * @param unit the unit the construct reads it in without rounding; without one, the amount must
   * be a literal (a parameter's amount cannot be converted or rounded at synth)
   */
  size(unit?: 'bytes' | 'mebibytes' | 'gibibytes'): Guard<unknown> {
    const allowed = 'a Size such as Size.gibibytes(1) (from aws-cdk-lib)';
    if (unit === undefined) {
      return literalOnly(['toBytes', 'toMebibytes', 'toGibibytes'], allowed, 'a Size of a literal amount: the amount decides what is generated, and a parameter\'s amount cannot be read at synth');
    }
    const read = { bytes: 'toBytes', mebibytes: 'toMebibytes', gibibytes: 'toGibibytes' }[unit];
    return convertible(['toBytes', 'toMebibytes', 'toGibibytes'], [read], { rounding: 2 /* SizeRoundingBehavior.NONE */ }, allowed,
      `a Size of a literal amount, or Size.${unit}(parameter): a parameter's amount cannot be converted to other units at synth`);
  },
  /** A `RemovalPolicy`. */
  removalPolicy(): Guard<unknown> {
    return guard.oneOf(['destroy', 'retain', 'snapshot', 'retain-on-update-or-delete'], 'a RemovalPolicy (RemovalPolicy.RETAIN, RemovalPolicy.DESTROY, ...)');
  },
  /** A KMS key (`kms.IKey`). */
  key(): Guard<unknown> {
    return guard.withProperties(['keyArn', 'node'], 'a KMS key (kms.IKey: new kms.Key(...) or kms.Key.fromKeyArn(...))');
  },
  /** An S3 bucket (`s3.IBucket`). */
  bucket(): Guard<unknown> {
    return guard.withProperties(['bucketName', 'bucketArn', 'node'], 'an S3 bucket (s3.IBucket)');
  },
  /** A VPC (`ec2.IVpc`). */
  vpc(): Guard<unknown> {
    return guard.withMethods(['selectSubnets'], 'a VPC (ec2.IVpc: new ec2.Vpc(...) or ec2.Vpc.fromLookup(...))');
  },
  /** A subnet selection (`ec2.SubnetSelection`). */
  subnetSelection(): Guard<unknown> {
    return guard.object({}, 'a subnet selection such as { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }');
  },
  /** A security group (`ec2.ISecurityGroup`). */
  securityGroup(): Guard<unknown> {
    return guard.withProperties(['securityGroupId', 'node'], 'a security group (ec2.ISecurityGroup)');
  },
  /** A list of alarm actions (`cloudwatch.IAlarmAction[]`). */
  alarmActions(): Guard<unknown[]> {
    return guard.list(guard.withMethods(['bind'], 'an alarm action (cloudwatch.IAlarmAction, such as new cloudwatch_actions.SnsAction(topic))'));
  },
  /** A list of alarms (`cloudwatch.IAlarm[]`). */
  alarms(): Guard<unknown[]> {
    return guard.list(guard.withProperties(['alarmArn', 'alarmName'], 'an alarm (cloudwatch.IAlarm)'));
  },
  /** A Kinesis stream (`kinesis.IStream`). */
  stream(): Guard<unknown> {
    return guard.withProperties(['streamArn', 'streamName', 'node'], 'a Kinesis stream (kinesis.IStream)');
  },
  /** An ECR repository (`ecr.IRepository`). */
  repository(): Guard<unknown> {
    return guard.withProperties(['repositoryName', 'repositoryArn', 'node'], 'an ECR repository (ecr.IRepository)');
  },
  /** A lake of this library (`IDataLake`), created or imported. */
  lake(): Guard<unknown> {
    return guard.withMethods(['zoneBucket', 'glueDatabaseName'], 'an IDataLake (new DataLake(...) or DataLake.fromDataLakeAttributes(...))');
  },
};

/**
 * The subnets `selection` picks in `vpc`, or an {@link MlopsValidationError} naming `property` when
 * the VPC has none of that kind (aws-cdk-lib's own error carries no construct path).
 */
export function selectSubnets(scope: IConstruct, property: string, vpc: ec2.IVpc, selection: ec2.SubnetSelection | undefined): ec2.SelectedSubnets {
  try {
    return vpc.selectSubnets(selection);
  } catch (e) {
    throw new MlopsValidationError(scope, property, selection, `a selection of subnets the VPC has: ${(e as Error).message}`);
  }
}

/** A strong type with `methods`, which `read` converts without a token error (aws-cdk-lib's Duration and Size). */
function convertible(methods: readonly string[], read: readonly string[], options: object, allowed: string, tokenAllowed: string): Guard<unknown> {
  const shape = guard.withMethods(methods, allowed);
  return new Guard<unknown>(allowed, (v, p, c) => {
    const problems = shape.problems(v, p, c);
    if (problems.length > 0) {
      return problems;
    }
    try {
      read.forEach((m) => (v as Record<string, (options?: unknown) => unknown>)[m](options));
      return [];
    } catch {
      return [{ property: p, value: UNRESOLVED_TOKEN, allowed: tokenAllowed }];
    }
  });
}

/** A strong type with `methods` whose amount is not a token. */
function literalOnly(methods: readonly string[], allowed: string, tokenAllowed: string): Guard<unknown> {
  const shape = guard.withMethods(methods, allowed);
  return new Guard<unknown>(allowed, (v, p, c) => {
    const problems = shape.problems(v, p, c);
    if (problems.length > 0) {
      return problems;
    }
    return (v as { isUnresolved?: () => boolean }).isUnresolved?.() ? [{ property: p, value: UNRESOLVED_TOKEN, allowed: tokenAllowed }] : [];
  });
}
