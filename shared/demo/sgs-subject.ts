/**
 * The 行政相对人 block that 行政许可 and 行政处罚 share: 13 fields, the same with the prefix
 * XK_ or CF_ (名称, 类别, six codes, 法定代表人 and its ID, the person's ID type and number), the
 * rules R2-R8 on them, and the problems clerks make in them.
 */
import type { Dataset } from '../pack/pack-schema.ts';
import type { CellWriter, Injector } from './create-demo-generator.ts';
import {
  createRegistrationNumber,
  creditCodeAlphabet,
  fullWidthDigits,
  isAllDigits,
  pad,
  scientificNotation,
  toLegacyResidentId,
  withBadEmbeddedOrgCode,
  withInnerSpace,
  withWrongCheckCharacter,
} from './demo-codes.ts';
import { requireField, requireRuleOn } from './demo-data.ts';
import type { DemoEntity, DemoPerson, HezeRegistry } from './heze-registry.ts';
import type { Random } from './random.ts';

/** The identifier prefix of a 双公示 dataset: 行政许可 or 行政处罚. */
export type SgsPrefix = 'XK' | 'CF';

/** 行政相对人类别 as the standard writes it. */
export type SubjectCategory = '法人及非法人组织' | '个体工商户' | '自然人';

/** Who a decision concerns. */
export type SubjectKind =
  'company' | 'individual' | 'cooperative' | 'institution' | 'social' | 'person';

/** The credit code an individual business without one enters (双公示 R2). */
export const noCreditCode = '00000000000000000X';

/** A 行政相对人 and what its 13 cells hold. */
export interface SgsSubject {
  readonly kind: SubjectKind;
  readonly category: SubjectCategory;
  /** 行政相对人名称. */
  readonly name: string;
  readonly entity: DemoEntity | undefined;
  /** The natural person, or the entity's 法定代表人 or 经营者. */
  readonly person: DemoPerson;
  /** 统一社会信用代码; `00000000000000000X` for an individual business without one; '' for a person. */
  readonly creditCode: string;
  readonly registrationNumber: string;
  /** 组织机构代码 when the department records it, else ''. */
  readonly orgCode: string;
  readonly taxNumber: string;
  readonly institutionNumber: string;
  readonly socialNumber: string;
  /** True when the representative's ID type and number are given (always for 法人及非法人组织). */
  readonly hasRepresentativeId: boolean;
  /** How the department writes 身份证 (身份证, 居民身份证). */
  readonly idTypeSpelling: string;
}

/** Makes subjects, writes their cells, and spoils them. */
export interface SgsSubjectBlock<T> {
  /**
   * A subject of a kind, in one of `industries` (GB/T 4754 codes) when given; often one met
   * before, as a business gets several permits.
   */
  subject(kind: SubjectKind, industries?: readonly string[]): SgsSubject;
  /** Writes the subject's 13 cells. */
  write(subject: SgsSubject, put: CellWriter): void;
  /** The problems of the subject block, by kind. */
  readonly injectors: Readonly<Record<string, Injector<T>>>;
  /** Weights of the kinds that fit few subjects (see DemoRecipe.weights). */
  readonly weights: Readonly<Record<string, number>>;
}

const categoryAliases: Readonly<Record<SubjectCategory, readonly string[]>> = {
  法人及非法人组织: ['法人及其他组织', '法人'],
  个体工商户: ['个体户'],
  自然人: ['个人'],
};

/** How many subjects of a kind are kept to be met again. */
const poolSize = 300;

/**
 * Creates the subject block of a 双公示 dataset whose fields carry `prefix`; `subjectOf` finds the
 * subject of one of the generator's records.
 */
export function createSgsSubjectBlock<T>(
  dataset: Dataset,
  prefix: SgsPrefix,
  random: Random,
  registry: HezeRegistry,
  subjectOf: (record: T) => SgsSubject,
): SgsSubjectBlock<T> {
  const f = {
    name: `${prefix}_XDR_MC`,
    category: `${prefix}_XDR_LB`,
    creditCode: `${prefix}_XDR_SHXYM`,
    registrationNumber: `${prefix}_XDR_GSZC`,
    orgCode: `${prefix}_XDR_ZZJG`,
    taxNumber: `${prefix}_XDR_SWDJ`,
    institutionNumber: `${prefix}_XDR_SYDW`,
    socialNumber: `${prefix}_XDR_SHZZ`,
    representative: `${prefix}_FRDB`,
    representativeIdType: `${prefix}_FR_ZJLX`,
    representativeId: `${prefix}_FR_ZJHM`,
    idType: `${prefix}_XDR_ZJLX`,
    id: `${prefix}_XDR_ZJHM`,
  };
  for (const name of Object.values(f)) requireField(dataset, name);
  const rules = {
    creditCodeRequired: requireRuleOn(dataset, 'conditional-required', f.creditCode),
    registrationRequired: requireRuleOn(dataset, 'conditional-required', f.registrationNumber),
    representativeRequired: requireRuleOn(dataset, 'conditional-required', f.representative),
    idRequired: requireRuleOn(dataset, 'conditional-required', f.id),
    personEmpty: requireRuleOn(dataset, 'conditional-empty', f.representative),
    idFormat: requireRuleOn(dataset, 'conditional-format', f.id),
    prefixMatches: requireRuleOn(dataset, 'code-prefix-matches', f.category),
    representativeIdRequired: requireRuleOn(dataset, 'conditional-required', f.representativeId),
    representativeIdFormat: requireRuleOn(dataset, 'conditional-format', f.representativeId),
  };
  /** Subjects met before, by kind and industries. */
  const pools = new Map<string, SgsSubject[]>();

  const spelling = (): string =>
    random.weighted([
      ['身份证', 85],
      ['居民身份证', 15],
    ]);

  const createSubject = (kind: SubjectKind, industries?: readonly string[]): SgsSubject => {
    if (kind === 'person') {
      const person = registry.person(18, 78);
      return {
        kind,
        category: '自然人',
        name: person.name,
        entity: undefined,
        person,
        creditCode: '',
        registrationNumber: '',
        orgCode: '',
        taxNumber: '',
        institutionNumber: '',
        socialNumber: '',
        hasRepresentativeId: false,
        idTypeSpelling: spelling(),
      };
    }
    const entity = registry.entity(kind, industries);
    const isIndividual = entity.kind === 'individual';
    const hasNoCode = isIndividual && random.chance(0.08);
    const registrationNumber = entity.registrationNumber ?? '';
    return {
      kind,
      category: isIndividual ? '个体工商户' : '法人及非法人组织',
      name: isIndividual && random.chance(0.04) ? '个体工商户' : entity.name,
      entity,
      person: entity.representative,
      creditCode: hasNoCode ? noCreditCode : entity.creditCode,
      registrationNumber: hasNoCode
        ? registrationNumber ||
          createRegistrationNumber('371702', `6${pad(random.int(0, 9_999_999), 7)}`)
        : random.chance(0.5)
          ? registrationNumber
          : '',
      orgCode: !isIndividual && random.chance(0.6) ? entity.orgCode : '',
      taxNumber: !hasNoCode && random.chance(0.2) ? entity.creditCode : '',
      institutionNumber: entity.kind === 'institution' ? (entity.certificateNumber ?? '') : '',
      socialNumber: entity.kind === 'social' ? (entity.certificateNumber ?? '') : '',
      hasRepresentativeId: !isIndividual || random.chance(0.7),
      idTypeSpelling: spelling(),
    };
  };

  const subject = (kind: SubjectKind, industries?: readonly string[]): SgsSubject => {
    const key = industries === undefined ? kind : `${kind} ${industries.join(' ')}`;
    const pool = pools.get(key) ?? [];
    pools.set(key, pool);
    if (pool.length > 0 && random.chance(0.35)) return random.pick(pool);
    const made = createSubject(kind, industries);
    if (pool.length < poolSize) pool.push(made);
    else pool[random.int(0, poolSize - 1)] = made;
    return made;
  };

  const write = (s: SgsSubject, put: CellWriter): void => {
    const isPerson = s.category === '自然人';
    put(f.name, s.name);
    put(f.category, random.chance(0.04) ? random.pick(categoryAliases[s.category]) : s.category);
    put(f.creditCode, s.creditCode);
    put(f.registrationNumber, s.registrationNumber);
    put(f.orgCode, s.orgCode);
    put(f.taxNumber, s.taxNumber);
    put(f.institutionNumber, s.institutionNumber);
    put(f.socialNumber, s.socialNumber);
    put(f.representative, isPerson ? '' : s.person.name);
    put(f.representativeIdType, s.hasRepresentativeId ? s.idTypeSpelling : '');
    put(f.representativeId, s.hasRepresentativeId ? s.person.id : '');
    put(f.idType, isPerson ? s.idTypeSpelling : '');
    put(f.id, isPerson ? s.person.id : '');
  };

  const hasCode = (s: SgsSubject): boolean => s.creditCode !== '' && s.creditCode !== noCreditCode;

  const injectors: Record<string, Injector<T>> = {
    'missing-credit-code': (t) => {
      const s = subjectOf(t.record);
      if (s.category === '自然人') return undefined;
      const rule = rules.creditCodeRequired;
      return t.inject(f.creditCode, '', rule.id, rule.severity);
    },
    'no-code-without-registration-number': (t) => {
      if (subjectOf(t.record).category !== '个体工商户') return undefined;
      t.set(f.creditCode, noCreditCode);
      t.set(f.taxNumber, '');
      const rule = rules.registrationRequired;
      return t.inject(f.registrationNumber, '', rule.id, rule.severity);
    },
    'missing-representative': (t) => {
      if (subjectOf(t.record).category === '自然人') return undefined;
      const rule = rules.representativeRequired;
      return t.inject(f.representative, '', rule.id, rule.severity);
    },
    'missing-id': (t) => {
      if (subjectOf(t.record).category !== '自然人') return undefined;
      const rule = rules.idRequired;
      return t.inject(random.pick([f.idType, f.id]), '', rule.id, rule.severity);
    },
    'person-with-representative': (t) => {
      const s = subjectOf(t.record);
      if (s.category !== '自然人') return undefined;
      const rule = rules.personEmpty;
      return t.inject(f.representative, s.name, rule.id, rule.severity);
    },
    'bad-id-checksum': (t) => {
      const s = subjectOf(t.record);
      if (s.category !== '自然人') return undefined;
      const rule = rules.idFormat;
      return t.inject(f.id, withWrongCheckCharacter(random, s.person.id), rule.id, rule.severity);
    },
    'legacy-15-id': (t) => {
      const s = subjectOf(t.record);
      if (s.category !== '自然人' || !s.person.birthDate.startsWith('19')) return undefined;
      // A 15-digit number is read and converted: GB 11643 reports it as a warning.
      return t.inject(f.id, toLegacyResidentId(s.person.id), rules.idFormat.id, 'warning');
    },
    'id-scientific-notation': (t) => {
      const s = subjectOf(t.record);
      if (s.category !== '自然人' || !isAllDigits(s.person.id)) return undefined;
      const rule = rules.idFormat;
      return t.inject(f.id, scientificNotation(s.person.id), rule.id, rule.severity);
    },
    'category-disagrees-with-code': (t) => {
      const s = subjectOf(t.record);
      const rule = rules.prefixMatches;
      if (s.creditCode.startsWith('91') && s.category === '法人及非法人组织')
        return t.inject(f.category, '个体工商户', rule.id, rule.severity);
      // 法人及非法人组织 should give the representative's ID: only a subject that does fits.
      if (s.creditCode.startsWith('92') && s.hasRepresentativeId)
        return t.inject(f.category, '法人及非法人组织', rule.id, rule.severity);
      return undefined;
    },
    'bad-credit-code-checksum': (t) => {
      const s = subjectOf(t.record);
      if (!hasCode(s)) return undefined;
      const value = withWrongCheckCharacter(random, s.creditCode, creditCodeAlphabet);
      return t.inject(f.creditCode, value, 'credit-code');
    },
    'bad-embedded-org-code': (t) => {
      const s = subjectOf(t.record);
      if (!hasCode(s)) return undefined;
      return t.inject(f.creditCode, withBadEmbeddedOrgCode(random, s.creditCode), 'credit-code');
    },
    'credit-code-scientific-notation': (t) => {
      const s = subjectOf(t.record);
      if (!hasCode(s) || !isAllDigits(s.creditCode)) return undefined;
      return t.inject(f.creditCode, scientificNotation(s.creditCode), 'credit-code');
    },
    'credit-code-full-width': (t) => {
      const s = subjectOf(t.record);
      if (!hasCode(s)) return undefined;
      return t.inject(f.creditCode, fullWidthDigits(s.creditCode), 'full-width');
    },
    'credit-code-inner-space': (t) => {
      const s = subjectOf(t.record);
      if (!hasCode(s)) return undefined;
      const value = withInnerSpace(s.creditCode, random.pick([2, 8, 9]));
      return t.inject(f.creditCode, value, 'credit-code');
    },
    'bad-org-code': (t) => {
      const s = subjectOf(t.record);
      if (s.orgCode === '') return undefined;
      return t.inject(f.orgCode, withWrongCheckCharacter(random, s.orgCode), 'org-code');
    },
    'bad-representative-id': (t) => {
      const s = subjectOf(t.record);
      if (!s.hasRepresentativeId) return undefined;
      const rule = rules.representativeIdFormat;
      const value = withWrongCheckCharacter(random, s.person.id);
      return t.inject(f.representativeId, value, rule.id, rule.severity);
    },
    'missing-representative-id': (t) => {
      const s = subjectOf(t.record);
      if (s.category !== '法人及非法人组织' || !s.hasRepresentativeId) return undefined;
      const rule = rules.representativeIdRequired;
      return t.inject(f.representativeId, '', rule.id, rule.severity);
    },
  };

  // Natural persons are the fewest subjects of permits, and codes of digits only are few.
  const weights = {
    'credit-code-scientific-notation': 8,
    'id-scientific-notation': 3,
    'missing-id': 2,
    'person-with-representative': 2,
    'bad-id-checksum': 2,
    'legacy-15-id': 3,
  };

  return { subject, write, injectors, weights };
}
