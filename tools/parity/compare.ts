/**
 * Compares each concept's AWS and GCP constructs, as read from the two entry points by the
 * TypeScript checker (../api/model.ts), and checks every difference against the concept's list of
 * allowed differences (./concepts.ts) — in both directions: a difference not listed is a
 * finding, and so is a listed one that no longer exists.
 */
import { ApiClass, ApiEntryPoint, ApiInterface, ApiMember, kebab, readClass, readInterface, readModuleExports, readStringRecord, upperSnake } from '../api/model';
import { ApiProgram } from '../api/program';

/** The two clouds. */
export type Cloud = 'aws' | 'gcp';
export const CLOUDS: readonly Cloud[] = ['aws', 'gcp'];
export const CLOUD_LABEL: Readonly<Record<Cloud, string>> = { aws: 'AWS', gcp: 'GCP' };

/**
 * What a difference is about.
 * - `props`: a member of `<Class>Props` on one cloud only.
 * - `optionality`: a prop of both clouds, required on one (listed under the cloud that requires it).
 * - `interface`: a member of `I<Class>` other than a grant, on one cloud only.
 * - `grants`: a public `grant*` method of the class on one cloud only.
 * - `grantParameters`: a grant of both clouds whose required parameters differ (listed under each cloud).
 * - `statics`: a public static of the class on one cloud only (`fromXxxAttributes` imports among them).
 * - `members`: a member of one of the concept's paired `types` on one cloud only (`subject` names the type).
 * - `missing`: a whole declaration (the Props, the interface, the warnings object, a paired type) on one cloud only.
 */
export type DifferenceKind = 'props' | 'optionality' | 'interface' | 'grants' | 'grantParameters' | 'statics' | 'members' | 'missing';

/** One allowed difference, or several with the same reason. */
export interface AllowedDifference {
  readonly kind: DifferenceKind;
  /** The cloud that has the name (for `optionality`: the cloud that requires it). */
  readonly cloud: Cloud;
  /** For `members`: the paired type the names belong to. */
  readonly subject?: string;
  readonly names: readonly string[];
  /** Why the clouds differ here: shown in docs/parity.md. */
  readonly reason: string;
}

/** A pair of types (beyond Props and interface) that belong to the concept and should match. */
export interface TypePair {
  readonly aws: string;
  readonly gcp: string;
}

/** One row of the parity table. */
export interface ParityConcept {
  /** The concept, e.g. `DataLake`. */
  readonly concept: string;
  /** The class on each cloud (defaults to `concept`). */
  readonly aws?: string;
  readonly gcp?: string;
  /** Result and input structs of the concept compared member by member (`LakeTable`). */
  readonly types?: readonly TypePair[];
  /** Every way the two clouds may differ, each with its reason. */
  readonly allowed: readonly AllowedDifference[];
}

/** A difference between the clouds found in the code. */
export interface Difference {
  readonly concept: string;
  readonly kind: DifferenceKind;
  readonly cloud: Cloud;
  readonly subject: string;
  readonly name: string;
  /** How it reads in a message: `GCP DataLakeProps.prefix is required, AWS DataLakeProps.prefix is optional`. */
  readonly detail: string;
}

/** What one cloud has for a concept. */
export interface ConstructSide {
  readonly cloud: Cloud;
  readonly className: string;
  readonly folder: string;
  readonly cls?: ApiClass;
  readonly props?: ApiInterface;
  readonly iface?: ApiInterface;
  /** `<CONSTRUCT>_WARNINGS` as exported from the construct's folder: id key → id. */
  readonly warnings?: Readonly<Record<string, string>>;
  readonly warningsName: string;
  readonly types: ReadonlyMap<string, ApiInterface | undefined>;
}

/** Reads one cloud's side of a concept from its entry point. */
export function readSide(api: ApiProgram, entry: ApiEntryPoint, cloud: Cloud, className: string, typeNames: readonly string[]): ConstructSide {
  const get = (name: string, kind: 'class' | 'interface') => {
    const exp = entry.exports.get(name);
    return exp?.kind === kind ? exp : undefined;
  };
  const classExport = get(className, 'class');
  const props = get(`${className}Props`, 'interface');
  const iface = get(`I${className}`, 'interface');
  const folder = `lib/${cloud}/${kebab(className)}`;
  const warningsName = `${upperSnake(className)}_WARNINGS`;
  let warnings: Record<string, string> | undefined;
  if (api.program.getSourceFile(`${api.root}/${folder}/index.ts`)) {
    const exp = readModuleExports(api, `${folder}/index.ts`).get(warningsName);
    warnings = exp ? readStringRecord(exp) ?? {} : undefined;
  }
  return {
    cloud,
    className,
    folder,
    cls: classExport && readClass(api, classExport),
    props: props && readInterface(api, props),
    iface: iface && readInterface(api, iface),
    warnings,
    warningsName,
    types: new Map(typeNames.map((t) => {
      const exp = get(t, 'interface');
      return [t, exp && readInterface(api, exp)];
    })),
  };
}

const isGrant = (m: ApiMember) => m.kind === 'method' && /^grant[A-Z]/.test(m.name);

function names(members: readonly ApiMember[] | undefined, keep: (m: ApiMember) => boolean = () => true): Map<string, ApiMember> {
  return new Map((members ?? []).filter(keep).map((m) => [m.name, m]));
}

/** Every difference between the two sides of a concept, before the allowed list is applied. */
export function differences(concept: ParityConcept, aws: ConstructSide, gcp: ConstructSide): Difference[] {
  const found: Difference[] = [];
  const sides = { aws, gcp };
  const add = (kind: DifferenceKind, cloud: Cloud, subject: string, name: string, detail: string) =>
    found.push({ concept: concept.concept, kind, cloud, subject, name, detail });
  const other = (c: Cloud): Cloud => (c === 'aws' ? 'gcp' : 'aws');

  const oneSided = (kind: DifferenceKind, subjectOf: (s: ConstructSide) => string, read: (s: ConstructSide) => Map<string, ApiMember>) => {
    const maps = { aws: read(aws), gcp: read(gcp) };
    for (const cloud of CLOUDS) {
      for (const [name, member] of maps[cloud]) {
        if (!maps[other(cloud)].has(name)) {
          add(kind, cloud, subjectOf(sides[cloud]), name,
            `${name} is on ${CLOUD_LABEL[cloud]} ${subjectOf(sides[cloud])} (${member.location}) and not on ${CLOUD_LABEL[other(cloud)]} ${subjectOf(sides[other(cloud)])}`);
        }
      }
    }
    return maps;
  };

  if (!aws.cls || !gcp.cls) {
    for (const cloud of CLOUDS) {
      if (sides[cloud].cls && !sides[other(cloud)].cls) {
        add('missing', cloud, sides[cloud].className, sides[cloud].className,
          `${CLOUD_LABEL[cloud]} exports the construct ${sides[cloud].className} and ${CLOUD_LABEL[other(cloud)]} exports no ${sides[other(cloud)].className}`);
      }
    }
    return found;
  }
  for (const [what, has] of [
    [`the Props interface`, (s: ConstructSide) => s.props !== undefined],
    [`the I-interface`, (s: ConstructSide) => s.iface !== undefined],
    [`the warnings object`, (s: ConstructSide) => s.warnings !== undefined],
  ] as const) {
    for (const cloud of CLOUDS) {
      if (has(sides[cloud]) && !has(sides[other(cloud)])) {
        const side = sides[other(cloud)];
        const name = what === 'the Props interface' ? `${side.className}Props`
            : what === 'the I-interface' ? `I${side.className}` : side.warningsName;
        add('missing', cloud, name, name, `${CLOUD_LABEL[cloud]} has ${what} ${name} and ${CLOUD_LABEL[other(cloud)]} has none${what === 'the warnings object' ? ` exported from ${side.folder}/index.ts` : ''}`);
      }
    }
  }

  const props = oneSided('props', (s) => `${s.className}Props`, (s) => names(s.props?.members));
  for (const [name, a] of props.aws) {
    const g = props.gcp.get(name);
    if (g && a.optional !== g.optional) {
      const requiredOn: Cloud = a.optional ? 'gcp' : 'aws';
      add('optionality', requiredOn, `${sides[requiredOn].className}Props`, name,
        `${name} is required on ${CLOUD_LABEL[requiredOn]} (${sides[requiredOn] === aws ? a.location : g.location}) and optional on ${CLOUD_LABEL[other(requiredOn)]}`);
    }
  }
  oneSided('interface', (s) => `I${s.className}`, (s) => names(s.iface?.members, (m) => !isGrant(m)));
  const grants = oneSided('grants', (s) => s.className, (s) => names(s.cls?.members, isGrant));
  for (const [name, a] of grants.aws) {
    const g = grants.gcp.get(name);
    const required = (m: ApiMember) => m.parameters.filter((p) => !p.endsWith('?')).length;
    if (g && (required(a) !== required(g) || a.parameters.length !== g.parameters.length)) {
      for (const cloud of CLOUDS) {
        const m = cloud === 'aws' ? a : g;
        add('grantParameters', cloud, sides[cloud].className, name,
          `${name}(${a.parameters.join(', ')}) on AWS and ${name}(${g.parameters.join(', ')}) on GCP take different parameters (${CLOUD_LABEL[cloud]}: ${m.location})`);
      }
    }
  }
  oneSided('statics', (s) => s.className, (s) => names(s.cls?.statics));

  for (const pair of concept.types ?? []) {
    const typeSides = { aws: aws.types.get(pair.aws), gcp: gcp.types.get(pair.gcp) };
    for (const cloud of CLOUDS) {
      if (!typeSides[cloud]) {
        add('missing', other(cloud), pair[other(cloud)], pair[other(cloud)], `${CLOUD_LABEL[cloud]} exports no interface ${pair[cloud]}, paired with ${CLOUD_LABEL[other(cloud)]} ${pair[other(cloud)]} in the parity table`);
      }
    }
    if (typeSides.aws && typeSides.gcp) {
      const maps = { aws: names(typeSides.aws.members), gcp: names(typeSides.gcp.members) };
      for (const cloud of CLOUDS) {
        for (const [name, member] of maps[cloud]) {
          if (!maps[other(cloud)].has(name)) {
            add('members', cloud, pair[cloud], name, `${name} is on ${CLOUD_LABEL[cloud]} ${pair[cloud]} (${member.location}) and not on ${CLOUD_LABEL[other(cloud)]} ${pair[other(cloud)]}`);
          }
        }
      }
    }
  }
  return found;
}

function matches(allowed: AllowedDifference, d: Difference): boolean {
  return allowed.kind === d.kind && allowed.cloud === d.cloud && allowed.names.includes(d.name)
    && (d.kind !== 'members' || allowed.subject === d.subject);
}

/** The outcome of checking one concept. */
export interface ConceptCheck {
  readonly concept: ParityConcept;
  readonly sides: Readonly<Record<Cloud, ConstructSide>>;
  readonly differences: readonly Difference[];
  /** Differences no allowed entry covers, each with how to list it. */
  readonly unlisted: readonly string[];
  /** Allowed names that are no longer a difference. */
  readonly stale: readonly string[];
}

function allowedSnippet(d: Difference): string {
  return `{ kind: '${d.kind}', cloud: '${d.cloud}', ${d.kind === 'members' ? `subject: '${d.subject}', ` : ''}names: ['${d.name}'], reason: '…' }`;
}

/** Checks one concept against the code. */
export function checkConcept(api: ApiProgram, entries: Readonly<Record<Cloud, ApiEntryPoint>>, concept: ParityConcept): ConceptCheck {
  const typeNames = (cloud: Cloud) => (concept.types ?? []).map((t) => t[cloud]);
  const sides = {
    aws: readSide(api, entries.aws, 'aws', concept.aws ?? concept.concept, typeNames('aws')),
    gcp: readSide(api, entries.gcp, 'gcp', concept.gcp ?? concept.concept, typeNames('gcp')),
  };
  const found = differences(concept, sides.aws, sides.gcp);
  const unlisted = found.filter((d) => !concept.allowed.some((a) => matches(a, d))).map((d) =>
    `${concept.concept}: ${d.detail}. Give both clouds the same name, or list it in tools/parity/concepts.ts under ${concept.concept}.allowed as ${allowedSnippet(d)}`);
  const stale: string[] = [];
  for (const a of concept.allowed) {
    for (const name of a.names) {
      if (!found.some((d) => matches({ ...a, names: [name] }, d))) {
        stale.push(`${concept.concept}: the allowed difference ${a.kind} ${CLOUD_LABEL[a.cloud]}${a.subject ? ` ${a.subject}` : ''} '${name}' no longer exists in the code; remove it from tools/parity/concepts.ts (it would document a difference that is gone)`);
      }
    }
  }
  return { concept, sides, differences: found, unlisted, stale };
}

/** The outcome of checking the whole table. */
export interface ParityCheck {
  readonly concepts: readonly ConceptCheck[];
  /** Every problem: unlisted and stale differences, constructs in no row, rows without a construct. */
  readonly problems: readonly string[];
}

/** Constructs exported by one cloud only, with the reason. */
export interface CloudOnlyConstruct {
  readonly cloud: Cloud;
  readonly name: string;
  readonly reason: string;
}

/**
 * Checks every row, and that every construct class either entry point exports is in a row (or
 * listed as cloud-only).
 */
export function checkParity(api: ApiProgram, entries: Readonly<Record<Cloud, ApiEntryPoint>>, concepts: readonly ParityConcept[], cloudOnly: readonly CloudOnlyConstruct[] = []): ParityCheck {
  const checks = concepts.map((c) => checkConcept(api, entries, c));
  const problems = checks.flatMap((c) => [...c.unlisted, ...c.stale]);
  for (const c of checks) {
    if (!c.sides.aws.cls && !c.sides.gcp.cls) {
      problems.push(`${c.concept.concept}: neither entry point exports a construct ${c.sides.aws.className}${c.sides.gcp.className !== c.sides.aws.className ? ` / ${c.sides.gcp.className}` : ''}; fix the row's class names`);
    }
  }
  for (const cloud of CLOUDS) {
    for (const exp of entries[cloud].exports.values()) {
      if (exp.kind !== 'class' || !readClass(api, exp).isConstruct) continue;
      const inRow = concepts.some((c) => (c[cloud] ?? c.concept) === exp.name);
      const listed = cloudOnly.find((o) => o.cloud === cloud && o.name === exp.name);
      if (!inRow && !listed) {
        problems.push(`${CLOUD_LABEL[cloud]} exports the construct ${exp.name} (${exp.file}), which is in no row of the parity table: add a row \`{ concept: '${exp.name}', allowed: [] }\` to PARITY_CONCEPTS in tools/parity/concepts.ts (or list it in CLOUD_ONLY_CONSTRUCTS with the reason)`);
      }
      if (inRow && listed) {
        problems.push(`${CLOUD_LABEL[cloud]} ${exp.name} is both in a row and in CLOUD_ONLY_CONSTRUCTS; remove it from CLOUD_ONLY_CONSTRUCTS`);
      }
    }
  }
  for (const o of cloudOnly) {
    const exp = entries[o.cloud].exports.get(o.name);
    if (!exp || exp.kind !== 'class') {
      problems.push(`CLOUD_ONLY_CONSTRUCTS lists ${CLOUD_LABEL[o.cloud]} ${o.name}, which ${CLOUD_LABEL[o.cloud]} no longer exports; remove it`);
    }
  }
  return { concepts: checks, problems };
}
