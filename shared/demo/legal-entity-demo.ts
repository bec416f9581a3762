/**
 * Demo 法人单位基础信息 (GB/T 36104) records of Mudan district: companies (91), individual
 * businesses (92), cooperatives (93), village collectives (N2), 事业单位 (12), social
 * organisations (51, 52) and 机关 (11), each with its registrar, valid credit code and embedded
 * organisation code, and the values clerks write (存续, 01, 2099/12/31 for 长期).
 * One problem at most per injected record.
 */
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import { createDemoGenerator, type CellWriter, type Injector } from './create-demo-generator.ts';
import {
  creditCodeAlphabet,
  fullWidthDigits,
  isAllDigits,
  pad,
  scientificNotation,
  withBadEmbeddedOrgCode,
  withInnerSpace,
  withWrongCheckCharacter,
} from './demo-codes.ts';
import type { DemoGenerator, DemoOptions } from './demo-data.ts';
import { requireRuleOn } from './demo-data.ts';
import {
  addDays,
  addYears,
  formatDate,
  impossibleDate,
  longTermDate,
  pickDateStyle,
  randomDate,
  type DateStyle,
} from './demo-dates.ts';
import { createHezeRegistry, type DemoEntity, type EntityKind } from './heze-registry.ts';
import { createRandom, type Random } from './random.ts';

/** One legal entity as the register lists it. */
interface LegalEntityRecord {
  readonly entity: DemoEntity;
  readonly style: DateStyle;
  /** 核准日期. */
  readonly approved: string;
  /** 有效期自, '' when the register has none. */
  readonly validFrom: string;
  /** 有效期至, '' when the register has none. */
  readonly validTo: string;
  /** 联系电话, and whether it is a mobile number. */
  readonly phone: string;
  readonly isMobile: boolean;
  /** Whether the legal representative's ID type is 居民身份证 and the number is given. */
  readonly hasRepresentativeId: boolean;
}

const entityKinds: readonly (readonly [EntityKind, number])[] = [
  ['company', 50],
  ['individual', 25],
  ['cooperative', 6],
  ['collective', 3],
  ['institution', 6],
  ['social', 4],
  ['agency', 3],
];

function mobile(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${pad(random.int(0, 999_999_999), 9)}`;
}

/** Creates the generator of demo records for the 法人单位基础信息 pack. */
export function createLegalEntityDemo(
  pack: Pack,
  dataset: Dataset,
  options: DemoOptions,
): DemoGenerator {
  const random = createRandom(options.seed);
  const registry = createHezeRegistry(random, options.today);
  const rules = {
    order: requireRuleOn(dataset, 'date-order', 'YXQZHI'),
    notFuture: requireRuleOn(dataset, 'date-not-future', 'CLRQ'),
    representativeId: requireRuleOn(dataset, 'conditional-format', 'FDDBRZJHM'),
  };

  const next = (): LegalEntityRecord => {
    const kind = random.weighted(entityKinds);
    const entity =
      (kind === 'agency' ? registry.agency() : registry.entity(kind)) ?? registry.entity('company');
    const approved = randomDate(random, entity.founded, options.today);
    const isBusiness = ['company', 'individual', 'cooperative'].includes(entity.kind);
    const hasCertificate = entity.kind === 'institution' || entity.kind === 'social';
    const validFrom = isBusiness ? entity.founded : hasCertificate ? approved : '';
    const validTo = isBusiness
      ? entity.kind === 'company' && random.chance(0.3)
        ? addDays(addYears(entity.founded, random.pick([20, 30, 50])), -1)
        : longTermDate
      : hasCertificate
        ? addDays(addYears(approved, 5), -1)
        : '';
    const isMobile = entity.kind !== 'agency' && random.chance(0.75);
    const phone = isMobile
      ? mobile(random)
      : `0530-${random.pick(['5', '3', '4', '2', '8'])}${pad(random.int(0, 999_999), 6)}`;
    return {
      entity,
      style: pickDateStyle(random),
      approved,
      validFrom,
      validTo,
      phone,
      isMobile,
      hasRepresentativeId: random.chance(0.9),
    };
  };

  const write = (r: LegalEntityRecord, put: CellWriter): void => {
    const e = r.entity;
    const date = (iso: string): string => (iso === '' ? '' : formatDate(iso, r.style));
    const isBusiness = ['company', 'individual', 'cooperative'].includes(e.kind);
    const status =
      isBusiness && random.chance(0.05)
        ? random.pick(['吊销', '注销', '3', '4'])
        : random.weighted([
            ['存续', 30],
            ['1', 25],
            ['在业', 15],
            ['正常', 10],
            ['开业', 5],
          ]);
    const isClosed = ['注销', '4'].includes(status);
    const businessType =
      e.kind === 'agency'
        ? '11'
        : isClosed
          ? random.pick(['03', '注销'])
          : random.weighted([
              ['01', 45],
              ['02', 35],
              ['设立登记', 10],
              ['变更登记', 10],
            ]);
    const updated = randomDate(random, r.approved, options.today);
    const operatingAddress =
      e.kind === 'agency'
        ? ''
        : random.chance(0.7)
          ? e.address
          : e.address.replace(/\d+号$/, `${random.int(1, 2999)}号`);
    const staff = random.chance(0.1)
      ? ''
      : String(
          e.kind === 'individual'
            ? random.int(1, 8)
            : e.kind === 'company'
              ? random.int(3, 300)
              : random.int(5, 120),
        );
    const shareholders =
      e.kind === 'company'
        ? Array.from({ length: random.int(1, 3) }, () => registry.person(28, 70).name).join('、')
        : e.kind === 'cooperative'
          ? `${e.representative.name}等${random.int(5, 30)}名成员`
          : '';
    const orgCode =
      e.kind === 'individual' && random.chance(0.7)
        ? ''
        : random.chance(0.3)
          ? `${e.orgCode.slice(0, 8)}-${e.orgCode.slice(8)}`
          : e.orgCode;
    put('TYSHXYDM', e.creditCode);
    put('ZZJGDM', orgCode);
    put('JGMC', e.name);
    put('ZCDZ', e.address);
    put('ZCDZXZQHDM', '371702');
    put('JYFW', e.scope);
    put('ZCZJ', e.capital);
    put('FDDBRXM', e.representative.name);
    put(
      'FDDBRZJLX',
      r.hasRepresentativeId
        ? random.weighted([
            ['居民身份证', 60],
            ['身份证', 35],
            ['二代身份证', 5],
          ])
        : '',
    );
    put('FDDBRZJHM', r.hasRepresentativeId ? e.representative.id : '');
    put('CLRQ', date(e.founded));
    put('DJYWLX', businessType);
    put('HZRQ', date(r.approved));
    put('ZHGXRQ', date(updated));
    put('ZT', status);
    put('SCJYDZ', operatingAddress);
    put('SCJYDZXZQHDM', operatingAddress === '' ? '' : '371702');
    put(
      'HBZL',
      e.capital === ''
        ? ''
        : random.weighted([
            ['CNY', 3],
            ['人民币', 3],
            ['156', 1],
          ]),
    );
    put('ZCH', e.registrationNumber ?? '');
    put('JJHYDM', e.industry);
    put('JJLXDM', e.economicType);
    put('DJGLBMMC', e.registrar.name);
    put(
      'DJGLBMDM',
      random.chance(0.9) ? e.registrar.creditCode : e.registrar.creditCode.slice(8, 17),
    );
    put('ZGDW', e.supervisor?.name ?? '');
    put('ZGDWDM', e.supervisor?.creditCode ?? '');
    put('LXDH', r.phone);
    put('ZGRS', staff);
    put('LXR', random.chance(0.5) ? e.representative.name : registry.person(22, 60).name);
    put('YXQZ', date(r.validFrom));
    put('YXQZHI', date(r.validTo));
    put('GDMC', shareholders);
    put(
      'SFGK',
      random.weighted([
        ['1', 50],
        ['是', 30],
        ['公开', 5],
        ['2', 10],
        ['否', 5],
      ]),
    );
  };

  const injectors: Record<string, Injector<LegalEntityRecord>> = {
    'blank-required': (t) =>
      t.inject(
        random.pick(['TYSHXYDM', 'JGMC', 'ZCDZ', 'FDDBRXM', 'CLRQ', 'ZT', 'DJGLBMMC']),
        '',
        'required',
      ),
    'bad-checksum': (t) =>
      t.inject(
        'TYSHXYDM',
        withWrongCheckCharacter(random, t.record.entity.creditCode, creditCodeAlphabet),
        'credit-code',
      ),
    'bad-embedded-org-code': (t) =>
      t.inject(
        'TYSHXYDM',
        withBadEmbeddedOrgCode(random, t.record.entity.creditCode),
        'credit-code',
      ),
    'bad-org-code': (t) => {
      const value = t.get('ZZJGDM');
      if (value === '') return undefined;
      return t.inject('ZZJGDM', withWrongCheckCharacter(random, value), 'org-code');
    },
    'scientific-notation': (t) => {
      const code = t.record.entity.creditCode;
      if (!isAllDigits(code)) return undefined;
      return t.inject('TYSHXYDM', scientificNotation(code), 'credit-code');
    },
    duplicate: (t) => {
      const earlier = t.earlier.length > 0 ? random.pick(t.earlier) : undefined;
      if (earlier === undefined) return undefined;
      t.copy(earlier.cells);
      return t.inject('TYSHXYDM', t.get('TYSHXYDM'), 'unique');
    },
    'full-width': (t) => {
      const field = random.pick(['TYSHXYDM', 'CLRQ', 'ZCZJ', 'LXDH']);
      const value = t.get(field);
      if (value === '') return undefined;
      return t.inject(field, fullWidthDigits(value), 'full-width');
    },
    'inner-space': (t) => {
      if (t.record.isMobile && random.chance(0.4)) {
        const phone = t.record.phone;
        return t.inject(
          'LXDH',
          `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
          'phone',
        );
      }
      const code = t.record.entity.creditCode;
      return t.inject('TYSHXYDM', withInnerSpace(code, random.pick([2, 8, 9])), 'credit-code');
    },
    'future-founding': (t) => {
      const founded = addDays(options.today, random.int(1, 400));
      const rule = rules.notFuture;
      return t.inject('CLRQ', formatDate(founded, t.record.style), rule.id, rule.severity);
    },
    'validity-ends-before-it-starts': (t) => {
      const r = t.record;
      if (r.validFrom === '' || r.validTo === '') return undefined;
      const end = addDays(r.validFrom, -random.int(1, 3650));
      return t.inject('YXQZHI', formatDate(end, r.style), rules.order.id, rules.order.severity);
    },
    'impossible-date': (t) => {
      const [field, iso] = random.pick([
        ['CLRQ', t.record.entity.founded],
        ['HZRQ', t.record.approved],
      ] as const);
      return t.inject(field, impossibleDate(random, iso), 'date');
    },
    'bad-representative-id': (t) => {
      if (!t.record.hasRepresentativeId) return undefined;
      const rule = rules.representativeId;
      const value = withWrongCheckCharacter(random, t.record.entity.representative.id);
      return t.inject('FDDBRZJHM', value, rule.id, rule.severity);
    },
    'unknown-code': (t) =>
      random.chance(0.6)
        ? t.inject('ZT', random.pick(['有效', '待核实', '筹建']), 'code-table')
        : t.inject('DJYWLX', random.pick(['迁入', '备案', '04']), 'code-table'),
    'id-type-not-allowed': (t) =>
      t.inject('FDDBRZJLX', random.pick(['工作证', '驾驶证', '户口簿']), 'enum'),
    'development-zone-division': (t) => {
      const field =
        t.get('SCJYDZXZQHDM') !== '' && random.chance(0.4) ? 'SCJYDZXZQHDM' : 'ZCDZXZQHDM';
      return t.inject(field, '371771', 'division-code');
    },
    'historical-division': (t) => t.inject('ZCDZXZQHDM', '372901', 'division-code', 'warning'),
    'bad-phone': (t) => {
      if (!t.record.isMobile) return undefined;
      return t.inject('LXDH', t.record.phone.slice(0, 10), 'phone');
    },
    'capital-with-unit': (t) => {
      const capital = t.record.entity.capital;
      if (capital === '') return undefined;
      return t.inject('ZCZJ', `${capital}${random.pick(['万元', '万'])}`, 'type');
    },
  };

  const weights = { 'scientific-notation': 6 };

  return createDemoGenerator({ pack, dataset, options, random, next, write, injectors, weights });
}
