/**
 * Demo 行政处罚 (双公示) records of Mudan district: market, law-enforcement, police, transport,
 * environment, health, culture, agriculture and safety penalties, with the penalty types of the
 * 行政处罚法 in force on the decision date (art. 8 before 2021-07-15, art. 9 after), fines in
 * 万元 (罚款2000元 -> 0.2) and 2099/12/31 for 长期. One problem at most per injected record.
 */
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import { createDemoGenerator, type CellWriter, type Injector } from './create-demo-generator.ts';
import { creditCodeAlphabet, fullWidthDigits, pad, withWrongCheckCharacter } from './demo-codes.ts';
import type { DemoGenerator, DemoOptions } from './demo-data.ts';
import { requireRuleOn } from './demo-data.ts';
import {
  addDays,
  addYears,
  daysBetween,
  formatDate,
  impossibleDate,
  longTermDate,
  pickDateStyle,
  randomDate,
  type DateStyle,
} from './demo-dates.ts';
import { createHezeRegistry } from './heze-registry.ts';
import { mudanAuthorities, type Authority, type AuthorityKey } from './mudan-authorities.ts';
import { createRandom } from './random.ts';
import {
  createSgsSubjectBlock,
  noCreditCode,
  type SgsSubject,
  type SubjectKind,
} from './sgs-subject.ts';

/** The kinds of penalty of the 行政处罚法, whatever their name in the version in force. */
type PenaltyType =
  | 'warning'
  | 'criticism'
  | 'fine'
  | 'confiscation'
  | 'suspension'
  | 'licence-suspension'
  | 'licence-revocation'
  | 'business-licence-revocation'
  | 'detention';

/** The day the 2021 行政处罚法 took effect, with its new list of penalty types (art. 9). */
const newLawDate = '2021-07-15';

/** The name of a penalty type in 处罚类别, before and after 2021-07-15. */
const typeNames: Readonly<Record<PenaltyType, readonly [string, string]>> = {
  warning: ['警告', '警告'],
  criticism: ['警告', '通报批评'],
  fine: ['罚款', '罚款'],
  confiscation: ['没收违法所得', '没收违法所得'],
  suspension: ['责令停产停业', '责令停产停业'],
  'licence-suspension': ['暂扣或者吊销许可证', '暂扣许可证件'],
  'licence-revocation': ['暂扣或者吊销许可证', '吊销许可证件'],
  'business-licence-revocation': ['暂扣或者吊销执照', '吊销许可证件'],
  detention: ['行政拘留', '行政拘留'],
};

/** One kind of offence a Mudan authority penalises. */
interface PenaltyTemplate {
  readonly authority: AuthorityKey;
  /** 违法行为类型. */
  readonly offence: string;
  /** What the investigation found, after 经查，当事人. */
  readonly fact: string;
  /** 处罚依据. */
  readonly basis: string;
  readonly outcomes: readonly (readonly PenaltyType[])[];
  /** Fine in 元: least, most, step. */
  readonly fine?: readonly [number, number, number];
  /** Confiscated gains in 元: least, most. */
  readonly confiscation?: readonly [number, number];
  /** The licence suspended or revoked, given the subject. */
  readonly licence?: (subject: SgsSubject) => string;
  /** GB/T 4754 codes of the businesses it concerns (any when left out). */
  readonly industries?: readonly string[];
  readonly subjects: readonly (readonly [SubjectKind, number])[];
  readonly weight: number;
}

const foodLicence = (): string => '食品经营许可证';
const businessLicence = (s: SgsSubject): string =>
  `营业执照（${s.creditCode === noCreditCode ? s.registrationNumber : s.creditCode}）`;

/** GB/T 4754 codes of the businesses that sell or serve food. */
const foodTrades = ['5211', '5212', '5221', '5223', '6210', '6291', '1431', '5123'];
/** Of builders and developers. */
const buildingTrades = ['4710', '7010'];
/** Of hauliers. */
const haulageTrades = ['5431'];

const templates: readonly PenaltyTemplate[] = [
  {
    authority: 'market',
    offence: '销售不符合食品安全标准的食品',
    fact: '经营的食品经抽样检验不符合食品安全标准',
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款第（三）项',
    outcomes: [['fine', 'confiscation']],
    fine: [50_000, 100_000, 5_000],
    confiscation: [120, 8_000],
    industries: foodTrades,
    subjects: [
      ['company', 2],
      ['individual', 3],
    ],
    weight: 6,
  },
  {
    authority: 'market',
    offence: '未取得食品经营许可从事食品经营活动',
    fact: '未取得食品经营许可从事食品经营活动',
    basis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    outcomes: [['fine', 'confiscation'], ['fine']],
    fine: [50_000, 100_000, 5_000],
    confiscation: [200, 5_000],
    industries: foodTrades,
    subjects: [
      ['individual', 3],
      ['person', 1],
    ],
    weight: 5,
  },
  {
    authority: 'market',
    offence: '经营者不明码标价',
    fact: '销售商品未按规定明码标价',
    basis: '《价格违法行为行政处罚规定》第十三条第一款',
    outcomes: [['warning'], ['fine'], ['warning', 'fine']],
    fine: [500, 5_000, 500],
    subjects: [
      ['individual', 3],
      ['company', 1],
    ],
    weight: 6,
  },
  {
    authority: 'market',
    offence: '使用未经检验的特种设备',
    fact: '使用的电梯未经定期检验继续使用',
    basis: '《中华人民共和国特种设备安全法》第八十四条第（一）项',
    outcomes: [['fine']],
    fine: [30_000, 300_000, 10_000],
    subjects: [
      ['company', 2],
      ['institution', 1],
    ],
    weight: 2,
  },
  {
    authority: 'market',
    offence: '销售超过保质期的食品',
    fact: '经营超过保质期的食品，且经责令改正后拒不改正',
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
    outcomes: [['fine', 'confiscation', 'licence-revocation']],
    fine: [50_000, 100_000, 5_000],
    confiscation: [300, 6_000],
    licence: foodLicence,
    industries: foodTrades,
    subjects: [
      ['company', 1],
      ['individual', 1],
    ],
    weight: 1,
  },
  {
    authority: 'market',
    offence: '公司成立后无正当理由超过六个月未开业',
    fact: '成立后无正当理由超过六个月未开业',
    basis: '《中华人民共和国公司法》第二百一十一条第一款',
    outcomes: [['business-licence-revocation']],
    licence: businessLicence,
    subjects: [['company', 1]],
    weight: 2,
  },
  {
    authority: 'enforcement',
    offence: '未经批准擅自设置户外广告设施',
    fact: '未经批准擅自在临街建筑物上设置户外广告设施',
    basis: '《城市市容和环境卫生管理条例》第三十六条第（一）项',
    outcomes: [['fine'], ['warning']],
    fine: [200, 5_000, 100],
    subjects: [
      ['company', 1],
      ['individual', 2],
      ['person', 1],
    ],
    weight: 5,
  },
  {
    authority: 'enforcement',
    offence: '运输建筑垃圾沿途撒漏',
    fact: '运输建筑垃圾的车辆未密闭运输，沿途撒漏',
    basis: '《城市建筑垃圾管理规定》第二十三条',
    outcomes: [['fine']],
    fine: [5_000, 50_000, 1_000],
    industries: [...buildingTrades, ...haulageTrades],
    subjects: [
      ['company', 2],
      ['person', 1],
    ],
    weight: 4,
  },
  {
    authority: 'enforcement',
    offence: '占道经营',
    fact: '擅自占用城市道路摆摊经营',
    basis: '《城市市容和环境卫生管理条例》第三十六条第（二）项',
    outcomes: [['warning'], ['criticism'], ['fine']],
    fine: [50, 500, 50],
    industries: ['6291', '5223', '6210'],
    subjects: [
      ['individual', 2],
      ['person', 3],
    ],
    weight: 5,
  },
  {
    authority: 'police',
    offence: '殴打他人',
    fact: '因琐事与他人发生纠纷并殴打他人',
    basis: '《中华人民共和国治安管理处罚法》第四十三条第一款',
    outcomes: [['detention', 'fine'], ['detention']],
    fine: [200, 500, 100],
    subjects: [['person', 1]],
    weight: 4,
  },
  {
    authority: 'police',
    offence: '参与赌博',
    fact: '以营利为目的参与赌博，赌资较大',
    basis: '《中华人民共和国治安管理处罚法》第七十条',
    outcomes: [['fine'], ['detention', 'fine']],
    fine: [500, 3_000, 500],
    subjects: [['person', 1]],
    weight: 3,
  },
  {
    authority: 'transport',
    offence: '货运车辆超限运输',
    fact: '驾驶的货运车辆经检测超过公路限载标准行驶',
    basis: '《公路安全保护条例》第六十四条',
    outcomes: [['fine']],
    fine: [1_000, 30_000, 500],
    industries: haulageTrades,
    subjects: [
      ['company', 2],
      ['individual', 1],
      ['person', 2],
    ],
    weight: 5,
  },
  {
    authority: 'transport',
    offence: '未取得道路运输经营许可擅自从事道路货物运输经营',
    fact: '未取得道路运输经营许可，擅自从事道路货物运输经营',
    basis: '《中华人民共和国道路运输条例》第六十三条',
    outcomes: [['fine', 'confiscation'], ['fine']],
    fine: [10_000, 100_000, 5_000],
    confiscation: [500, 20_000],
    industries: haulageTrades,
    subjects: [
      ['person', 2],
      ['company', 1],
    ],
    weight: 3,
  },
  {
    authority: 'ecology',
    offence: '施工工地未采取有效防尘降尘措施',
    fact: '施工工地未采取覆盖、洒水等有效防尘降尘措施',
    basis: '《中华人民共和国大气污染防治法》第一百一十五条第一款第（一）项',
    outcomes: [['fine'], ['fine', 'suspension']],
    fine: [10_000, 100_000, 10_000],
    industries: buildingTrades,
    subjects: [['company', 1]],
    weight: 4,
  },
  {
    authority: 'ecology',
    offence: '超标排放大气污染物',
    fact: '经监测，排放的大气污染物超过国家规定的排放标准',
    basis: '《中华人民共和国大气污染防治法》第九十九条第（二）项',
    outcomes: [['fine'], ['fine', 'suspension']],
    fine: [100_000, 1_000_000, 10_000],
    industries: ['2110', '1431'],
    subjects: [['company', 1]],
    weight: 2,
  },
  {
    authority: 'health',
    offence: '公共场所经营者未查验服务人员的健康合格证明',
    fact: '安排未获得有效健康合格证明的从业人员从事直接为顾客服务的工作',
    basis: '《公共场所卫生管理条例实施细则》第三十八条',
    outcomes: [['warning'], ['warning', 'fine']],
    fine: [500, 2_000, 500],
    industries: ['8070', '6129'],
    subjects: [['individual', 1]],
    weight: 4,
  },
  {
    authority: 'culture',
    offence: '互联网上网服务营业场所接纳未成年人',
    fact: '经营的互联网上网服务营业场所接纳未成年人进入',
    basis: '《互联网上网服务营业场所管理条例》第三十一条第（二）项',
    outcomes: [['warning', 'fine'], ['warning'], ['licence-revocation']],
    fine: [1_000, 15_000, 1_000],
    licence: () => '网络文化经营许可证',
    industries: ['9013'],
    subjects: [['individual', 1]],
    weight: 3,
  },
  {
    authority: 'agricultureTeam',
    offence: '经营劣质农药',
    fact: '经营的农药经检验为劣质农药',
    basis: '《农药管理条例》第五十六条第一款',
    outcomes: [['fine', 'confiscation']],
    fine: [5_000, 50_000, 1_000],
    confiscation: [300, 6_000],
    industries: ['5299'],
    subjects: [
      ['individual', 2],
      ['cooperative', 1],
    ],
    weight: 3,
  },
  {
    authority: 'emergency',
    offence: '未按规定对从业人员进行安全生产教育和培训',
    fact: '未按照规定对从业人员进行安全生产教育和培训',
    basis: '《中华人民共和国安全生产法》第九十七条第（三）项',
    outcomes: [['fine']],
    fine: [10_000, 100_000, 5_000],
    industries: ['4710', '2110', '1431', '5431'],
    subjects: [['company', 1]],
    weight: 3,
  },
];

/** The templates with their weights, for random.weighted. */
const weightedTemplates = templates.map((t) => [t, t.weight] as const);

/** A penalty decision. */
interface Penalty {
  readonly subject: SgsSubject;
  readonly template: PenaltyTemplate;
  readonly authority: Authority;
  readonly documentNumber: string;
  readonly decided: string;
  readonly validTo: string;
  /** 公示截止期, '' when the department leaves it out. */
  readonly publicUntil: string;
  readonly types: readonly PenaltyType[];
  /** Fine in 元, 0 when none. */
  readonly fine: number;
  /** Confiscated gains in 元, 0 when none. */
  readonly confiscation: number;
  /** The licence suspended or revoked (name and number), '' when none. */
  readonly licence: string;
  readonly style: DateStyle;
}

/** An amount in 元 written in 万元, as the standard wants it: 2000 -> 0.2, 50000 -> 5. */
function toWanYuan(yuan: number): string {
  const whole = Math.floor(yuan / 10_000);
  const fraction = pad(yuan % 10_000, 4).replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** How authorities number their penalty decisions. */
function penaltyNumber(
  key: AuthorityKey,
  authority: Authority,
  year: string,
  sequence: number,
): string {
  switch (key) {
    case 'police':
      return `${authority.docPrefix}（治）行罚决字〔${year}〕${sequence}号`;
    case 'enforcement':
      return `${authority.docPrefix}罚决字〔${year}〕第${pad(sequence, 4)}号`;
    case 'market':
      return `${authority.docPrefix}处罚〔${year}〕${sequence}号`;
    default:
      return `${authority.docPrefix}罚〔${year}〕${sequence}号`;
  }
}

/** Creates the generator of demo records for the 行政处罚 (双公示) pack. */
export function createXzcfDemo(pack: Pack, dataset: Dataset, options: DemoOptions): DemoGenerator {
  const random = createRandom(options.seed);
  const registry = createHezeRegistry(random, options.today);
  const subjects = createSgsSubjectBlock<Penalty>(
    dataset,
    'CF',
    random,
    registry,
    (p) => p.subject,
  );
  const rules = {
    fine: requireRuleOn(dataset, 'conditional-required', 'CF_NR_FK'),
    confiscation: requireRuleOn(dataset, 'conditional-required', 'CF_NR_WFFF'),
    licence: requireRuleOn(dataset, 'conditional-required', 'CF_NR_ZKDX'),
    validity: requireRuleOn(dataset, 'date-order', 'CF_YXQ'),
    publicity: requireRuleOn(dataset, 'date-order', 'CF_GSJZQ'),
    notFuture: requireRuleOn(dataset, 'date-not-future', 'CF_JDRQ'),
  };
  const sequences = new Map<string, number>();
  const firstDay = addYears(options.today, -6);

  const nextSequence = (key: string): number => {
    const next = (sequences.get(key) ?? random.int(0, 40)) + random.int(1, 3);
    sequences.set(key, next);
    return next;
  };

  const next = (): Penalty => {
    const template = random.weighted(weightedTemplates);
    const authority = mudanAuthorities[template.authority];
    const subject = subjects.subject(random.weighted(template.subjects), template.industries);
    const decided = randomDate(random, firstDay, options.today);
    const year = decided.slice(0, 4);
    const types = random.pick(template.outcomes);
    const [least, most, step] = template.fine ?? [0, 0, 1];
    const fine = types.includes('fine') ? random.int(least / step, most / step) * step : 0;
    const [fewest, greatest] = template.confiscation ?? [0, 0];
    const confiscation = types.includes('confiscation') ? random.int(fewest, greatest) : 0;
    const licence = types.some((t) => t.startsWith('licence') || t.startsWith('business'))
      ? (template.licence?.(subject) ?? '')
      : '';
    const isLongTerm = types.some((t) => t.endsWith('revocation'));
    const validTo = isLongTerm
      ? longTermDate
      : types.includes('detention')
        ? addDays(decided, random.int(5, 15))
        : random.weighted([
            [addDays(decided, 15), 5],
            [addDays(addYears(decided, 1), -1), 3],
            [longTermDate, 2],
          ]);
    const isMinor = types.every((t) => t === 'warning' || t === 'criticism');
    const publicUntil = random.chance(0.1)
      ? ''
      : isMinor
        ? addDays(decided, 90)
        : fine > 0 && fine < 10_000 && types.length === 1
          ? addYears(decided, 1)
          : addYears(decided, 3);
    return {
      subject,
      template,
      authority,
      documentNumber: penaltyNumber(
        template.authority,
        authority,
        year,
        nextSequence(`${template.authority} ${year}`),
      ),
      decided,
      validTo,
      publicUntil,
      types,
      fine,
      confiscation,
      licence:
        licence === '食品经营许可证'
          ? `食品经营许可证（JY2371702${pad(random.int(0, 999_999), 6)}${random.int(0, 9)}）`
          : licence === '网络文化经营许可证'
            ? `网络文化经营许可证（鲁网文〔${year}〕${pad(random.int(1, 9_999), 4)}-${pad(random.int(1, 999), 3)}号）`
            : licence,
      style: pickDateStyle(random),
    };
  };

  const contentOf = (p: Penalty): string => {
    const isNewLaw = p.decided >= newLawDate;
    const parts = p.types.map((type) => {
      switch (type) {
        case 'warning':
          return '警告';
        case 'criticism':
          return isNewLaw ? '通报批评' : '警告';
        case 'fine':
          return `罚款${p.fine}元`;
        case 'confiscation':
          return `没收违法所得${p.confiscation}元`;
        case 'suspension':
          return '责令停产停业';
        case 'licence-suspension':
          return `暂扣${p.licence}三个月`;
        case 'licence-revocation':
        case 'business-licence-revocation':
          return `吊销${p.licence}`;
        case 'detention':
          return `行政拘留${random.int(5, 10)}日`;
      }
    });
    return parts.join('，');
  };

  const write = (p: Penalty, put: CellWriter): void => {
    const isNewLaw = p.decided >= newLawDate;
    const categories = [...new Set(p.types.map((t) => typeNames[t][isNewLaw ? 1 : 0]))];
    subjects.write(p.subject, put);
    put('CF_WSH', p.documentNumber);
    put('CF_WFXW', p.template.offence);
    put('CF_SY', `经查，当事人${p.template.fact}。上述事实有现场检查笔录、询问笔录等证据证实。`);
    put('CF_YJ', p.template.basis);
    put('CF_CFLB', categories.join('；'));
    put('CF_NR', contentOf(p));
    put('CF_NR_FK', p.fine > 0 ? toWanYuan(p.fine) : '');
    put('CF_NR_WFFF', p.confiscation > 0 ? toWanYuan(p.confiscation) : '');
    put('CF_NR_ZKDX', p.licence);
    put('CF_JDRQ', formatDate(p.decided, p.style));
    put('CF_YXQ', formatDate(p.validTo, p.style));
    put('CF_GSJZQ', p.publicUntil === '' ? '' : formatDate(p.publicUntil, p.style));
    put('CF_CFJG', p.authority.name);
    put('CF_CFJGDM', p.authority.creditCode);
    put('CF_SJLY', p.authority.name);
    put('CF_SJLYDM', p.authority.creditCode);
    put('BZ', '');
  };

  const injectors: Record<string, Injector<Penalty>> = {
    ...subjects.injectors,
    'blank-required': (t) =>
      t.inject(
        random.pick([
          'CF_XDR_MC',
          'CF_XDR_LB',
          'CF_WSH',
          'CF_WFXW',
          'CF_SY',
          'CF_YJ',
          'CF_CFLB',
          'CF_NR',
          'CF_JDRQ',
          'CF_YXQ',
          'CF_CFJG',
          'CF_CFJGDM',
          'CF_SJLY',
          'CF_SJLYDM',
        ]),
        '',
        'required',
      ),
    'missing-fine': (t) =>
      t.record.fine > 0 ? t.inject('CF_NR_FK', '', rules.fine.id, rules.fine.severity) : undefined,
    'fine-in-yuan': (t) => {
      if (t.record.fine === 0) return undefined;
      return t.inject('CF_NR_FK', `${t.record.fine}${random.pick(['元', '元整'])}`, 'type');
    },
    'zero-fine': (t) => (t.record.fine === 0 ? t.inject('CF_NR_FK', '0', 'type') : undefined),
    'full-width-fine': (t) => {
      if (t.record.fine === 0) return undefined;
      return t.inject('CF_NR_FK', fullWidthDigits(t.get('CF_NR_FK')), 'full-width');
    },
    'missing-confiscation': (t) => {
      if (t.record.confiscation === 0) return undefined;
      return t.inject('CF_NR_WFFF', '', rules.confiscation.id, rules.confiscation.severity);
    },
    'missing-licence': (t) => {
      if (t.record.licence === '') return undefined;
      return t.inject('CF_NR_ZKDX', '', rules.licence.id, rules.licence.severity);
    },
    'validity-before-decision': (t) => {
      const p = t.record;
      const value = formatDate(addDays(p.decided, -random.int(1, 60)), p.style);
      return t.inject('CF_YXQ', value, rules.validity.id, rules.validity.severity);
    },
    'publicity-before-decision': (t) => {
      const p = t.record;
      if (p.publicUntil === '') return undefined;
      const value = formatDate(addDays(p.decided, -random.int(1, 365)), p.style);
      return t.inject('CF_GSJZQ', value, rules.publicity.id, rules.publicity.severity);
    },
    'future-decision': (t) => {
      const p = t.record;
      const decided = addDays(options.today, random.int(1, 240));
      const shift = daysBetween(p.decided, decided);
      if (p.validTo !== longTermDate)
        t.set('CF_YXQ', formatDate(addDays(p.validTo, shift), p.style));
      if (p.publicUntil !== '')
        t.set('CF_GSJZQ', formatDate(addDays(p.publicUntil, shift), p.style));
      const rule = rules.notFuture;
      return t.inject('CF_JDRQ', formatDate(decided, p.style), rule.id, rule.severity);
    },
    'impossible-date': (t) => {
      const p = t.record;
      const field = p.publicUntil !== '' && random.chance(0.3) ? 'CF_GSJZQ' : 'CF_JDRQ';
      const iso = field === 'CF_GSJZQ' ? p.publicUntil : p.decided;
      return t.inject(field, impossibleDate(random, iso), 'date');
    },
    'long-term-as-text': (t) => {
      if (t.record.validTo !== longTermDate) return undefined;
      return t.inject('CF_YXQ', random.pick(['长期', '永久']), 'date');
    },
    'bad-authority-code': (t) => {
      const field = random.pick(['CF_CFJGDM', 'CF_SJLYDM']);
      const value = withWrongCheckCharacter(
        random,
        t.record.authority.creditCode,
        creditCodeAlphabet,
      );
      return t.inject(field, value, 'credit-code');
    },
    duplicate: (t) => {
      const earlier = t.earlier.length > 0 ? random.pick(t.earlier) : undefined;
      if (earlier === undefined) return undefined;
      t.copy(earlier.cells);
      return t.inject('CF_WSH', t.get('CF_WSH'), 'primary-key');
    },
  };

  const weights = {
    ...subjects.weights,
    'missing-licence': 8,
    'missing-confiscation': 2,
    'long-term-as-text': 2,
  };

  return createDemoGenerator({ pack, dataset, options, random, next, write, injectors, weights });
}
