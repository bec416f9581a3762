/**
 * Demo 行政许可 (双公示) records of Mudan district: food, health, tobacco, transport and
 * building permits, business registrations and rural housing permits, as the deciding
 * authorities report them (菏牡市监许〔2024〕123号, 2024/5/1, 2099/12/31 for 长期).
 * One problem at most per injected record.
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
import { createRandom, type Random } from './random.ts';
import {
  createSgsSubjectBlock,
  noCreditCode,
  type SgsSubject,
  type SubjectKind,
} from './sgs-subject.ts';

/** What a certificate number is made from. */
interface CertificateContext {
  readonly random: Random;
  readonly subject: SgsSubject;
  readonly decided: string;
  readonly sequence: number;
}

/** One kind of permit a Mudan authority grants. */
interface PermitTemplate {
  readonly item: string;
  readonly authority: AuthorityKey;
  readonly category: '普通' | '特许' | '认可' | '核准' | '登记' | '其他';
  readonly document: string;
  /** 许可证书名称, '' when no certificate is issued. */
  readonly certificate: string;
  readonly certificateNumber: (context: CertificateContext) => string;
  /** Years of validity, or 长期. */
  readonly years: number | 'long-term';
  /** GB/T 4754 codes of the businesses it concerns (any when left out). */
  readonly industries?: readonly string[];
  readonly subjects: readonly (readonly [SubjectKind, number])[];
  readonly content: (subject: SgsSubject) => string;
  readonly weight: number;
}

/** A permit decision. */
interface Permit {
  readonly subject: SgsSubject;
  readonly template: PermitTemplate;
  readonly authority: Authority;
  readonly documentNumber: string;
  readonly decided: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly certificateNumber: string;
  readonly style: DateStyle;
}

const year = (iso: string): string => iso.slice(0, 4);

/** The food-business licence number: JY, a business type digit, the division, a sequence, a check digit. */
const foodLicenceNumber = ({ random, sequence }: CertificateContext): string => {
  return `JY${random.pick(['1', '2', '3'])}371702${pad(sequence % 1_000_000, 6)}${random.int(0, 9)}`;
};

/** GB/T 4754 codes of the businesses that sell or serve food. */
const foodTrades = ['5211', '5212', '5221', '5223', '6210', '6291', '1431', '5123'];
/** Of builders and developers. */
const buildingTrades = ['4710', '7010'];
/** Of hauliers. */
const haulageTrades = ['5431'];

const templates: readonly PermitTemplate[] = [
  {
    item: '食品经营许可',
    authority: 'approval',
    category: '普通',
    document: '准予行政许可决定书',
    certificate: '食品经营许可证',
    certificateNumber: foodLicenceNumber,
    years: 5,
    industries: foodTrades,
    subjects: [
      ['individual', 5],
      ['company', 3],
    ],
    content: (s) =>
      /烧烤|菜馆|小吃|餐饮/.test(s.name)
        ? '准予食品经营许可。经营项目：热食类食品制售，冷食类食品制售'
        : '准予食品经营许可。经营项目：预包装食品（含冷藏冷冻食品）销售，散装食品（不含冷藏冷冻食品）销售',
    weight: 30,
  },
  {
    item: '公共场所卫生许可',
    authority: 'approval',
    category: '普通',
    document: '准予行政许可决定书',
    certificate: '公共场所卫生许可证',
    certificateNumber: ({ decided, sequence }) =>
      `鲁卫公证字〔${year(decided)}〕第371702${pad(sequence, 6)}号`,
    years: 4,
    industries: ['8070', '6129'],
    subjects: [['individual', 1]],
    content: (s) =>
      s.name.endsWith('宾馆')
        ? '准予公共场所卫生许可。许可项目：住宿场所'
        : '准予公共场所卫生许可。许可项目：理发店、美容店',
    weight: 8,
  },
  {
    item: '建筑工程施工许可',
    authority: 'approval',
    category: '普通',
    document: '准予行政许可决定书',
    certificate: '建筑工程施工许可证',
    certificateNumber: ({ decided, sequence }) =>
      `371702${decided.replaceAll('-', '')}${pad(sequence % 100, 2)}01`,
    years: 'long-term',
    industries: buildingTrades,
    subjects: [
      ['company', 3],
      ['institution', 1],
    ],
    content: (s) => `准予${s.name}建设项目施工许可`,
    weight: 4,
  },
  {
    item: '设立登记',
    authority: 'market',
    category: '登记',
    document: '准予设立登记通知书',
    certificate: '营业执照',
    certificateNumber: ({ subject }) =>
      subject.creditCode === noCreditCode ? subject.registrationNumber : subject.creditCode,
    years: 'long-term',
    subjects: [
      ['company', 4],
      ['individual', 3],
      ['cooperative', 1],
    ],
    content: (s) => `准予${s.name}设立登记，核发营业执照`,
    weight: 15,
  },
  {
    item: '特种设备使用登记',
    authority: 'market',
    category: '登记',
    document: '特种设备使用登记决定书',
    certificate: '特种设备使用登记证',
    certificateNumber: ({ decided, sequence }) =>
      `梯11鲁R${pad(sequence % 100_000, 5)}(${year(decided).slice(2)})`,
    years: 'long-term',
    subjects: [
      ['company', 2],
      ['institution', 1],
    ],
    content: () => '准予特种设备（电梯）使用登记',
    weight: 4,
  },
  {
    item: '烟草专卖零售许可',
    authority: 'tobacco',
    category: '特许',
    document: '准予行政许可决定书',
    certificate: '烟草专卖零售许可证',
    certificateNumber: ({ sequence }) => `371702${pad(sequence % 1_000_000, 6)}`,
    years: 5,
    industries: ['5211', '5212', '5221'],
    subjects: [
      ['individual', 4],
      ['company', 1],
    ],
    content: () => '准予烟草专卖零售许可。经营范围：卷烟、雪茄烟零售',
    weight: 8,
  },
  {
    item: '道路货物运输经营许可',
    authority: 'approval',
    category: '普通',
    document: '道路运输经营行政许可决定书',
    certificate: '道路运输经营许可证',
    certificateNumber: ({ sequence }) => `鲁交运管许可菏字371702${pad(sequence, 6)}号`,
    years: 4,
    industries: haulageTrades,
    subjects: [
      ['company', 2],
      ['individual', 2],
    ],
    content: () => '准予道路货物运输经营许可。经营范围：道路普通货物运输',
    weight: 5,
  },
  {
    item: '城市建筑垃圾处置核准',
    authority: 'enforcement',
    category: '核准',
    document: '行政许可决定书',
    certificate: '',
    certificateNumber: () => '',
    years: 1,
    industries: [...buildingTrades, ...haulageTrades],
    subjects: [['company', 1]],
    content: () => '准予城市建筑垃圾处置核准',
    weight: 3,
  },
  {
    item: '户外广告设施设置审批',
    authority: 'enforcement',
    category: '普通',
    document: '准予行政许可决定书',
    certificate: '',
    certificateNumber: () => '',
    years: 2,
    subjects: [
      ['company', 1],
      ['individual', 2],
    ],
    content: (s) => `准予${s.name}设置户外广告设施（门头牌匾）`,
    weight: 3,
  },
  {
    item: '临时占用城市绿地审批',
    authority: 'enforcement',
    category: '其他',
    document: '准予行政许可决定书',
    certificate: '',
    certificateNumber: () => '',
    years: 1,
    industries: buildingTrades,
    subjects: [['company', 1]],
    content: () => '准予临时占用城市绿地',
    weight: 1,
  },
  {
    item: '乡村建设规划许可',
    authority: 'planning',
    category: '普通',
    document: '准予行政许可决定书',
    certificate: '乡村建设规划许可证',
    certificateNumber: ({ decided, sequence }) =>
      `乡字第371702${year(decided)}${pad(sequence, 5)}号`,
    years: 2,
    subjects: [['person', 1]],
    content: () => '准予农村村民住宅建设乡村建设规划许可',
    weight: 6,
  },
  {
    item: '农村村民宅基地审批',
    authority: 'agriculture',
    category: '普通',
    document: '农村宅基地批准书',
    certificate: '农村宅基地批准书',
    certificateNumber: ({ decided, sequence }) => `牡宅批〔${year(decided)}〕${pad(sequence, 4)}号`,
    years: 'long-term',
    subjects: [['person', 1]],
    content: () => '准予使用农村宅基地建设住宅',
    weight: 4,
  },
  {
    item: '医师执业注册',
    authority: 'health',
    category: '认可',
    document: '准予医师执业注册决定书',
    certificate: '医师执业证书',
    certificateNumber: ({ sequence }) => `110371702${pad(sequence, 6)}`,
    years: 'long-term',
    subjects: [['person', 1]],
    content: () => '准予医师执业注册。执业类别：临床；执业范围：内科专业',
    weight: 3,
  },
  {
    item: '烟花爆竹经营（零售）许可',
    authority: 'emergency',
    category: '普通',
    document: '准予行政许可决定书',
    certificate: '烟花爆竹经营（零售）许可证',
    certificateNumber: ({ decided, sequence }) =>
      `（鲁）YH销许证〔${year(decided)}〕${pad(sequence, 6)}号`,
    years: 1,
    industries: ['5212', '5221', '5299'],
    subjects: [['individual', 1]],
    content: () => '准予烟花爆竹经营（零售）许可',
    weight: 2,
  },
  {
    item: '民办学校办学许可',
    authority: 'education',
    category: '普通',
    document: '准予行政许可决定书',
    certificate: '民办学校办学许可证',
    certificateNumber: ({ sequence }) => `教民137170270${pad(sequence, 6)}号`,
    years: 5,
    subjects: [['social', 1]],
    content: (s) => `准予${s.name}办学许可`,
    weight: 2,
  },
];

/** The templates with their weights, for random.weighted. */
const weightedTemplates = templates.map((t) => [t, t.weight] as const);

/** Creates the generator of demo records for the 行政许可 (双公示) pack. */
export function createXzxkDemo(pack: Pack, dataset: Dataset, options: DemoOptions): DemoGenerator {
  const random = createRandom(options.seed);
  const registry = createHezeRegistry(random, options.today);
  const subjects = createSgsSubjectBlock<Permit>(dataset, 'XK', random, registry, (p) => p.subject);
  const rules = {
    notFuture: requireRuleOn(dataset, 'date-not-future', 'XK_JDRQ'),
    order: requireRuleOn(dataset, 'date-order', 'XK_YXQZI'),
    certificateNumber: requireRuleOn(dataset, 'conditional-required', 'XK_XKBH'),
  };
  const sequences = new Map<string, number>();
  const firstDay = addYears(options.today, -5);

  const nextSequence = (key: string): number => {
    const next = (sequences.get(key) ?? random.int(0, 40)) + random.int(1, 3);
    sequences.set(key, next);
    return next;
  };

  const next = (): Permit => {
    const template = random.weighted(weightedTemplates);
    const authority = mudanAuthorities[template.authority];
    const subject = subjects.subject(random.weighted(template.subjects), template.industries);
    const decided = randomDate(random, firstDay, options.today);
    const documentNumber = `${authority.docPrefix}许〔${year(decided)}〕${nextSequence(`${template.authority} ${year(decided)}`)}号`;
    const validFrom = decided;
    const validTo =
      template.years === 'long-term'
        ? longTermDate
        : addDays(addYears(validFrom, template.years), -1);
    const certificateNumber = template.certificateNumber({
      random,
      subject,
      decided,
      sequence: nextSequence(template.item),
    });
    return {
      subject,
      template,
      authority,
      documentNumber,
      decided,
      validFrom,
      validTo,
      certificateNumber,
      style: pickDateStyle(random),
    };
  };

  const write = (p: Permit, put: CellWriter): void => {
    const isValid = p.validTo >= options.today;
    subjects.write(p.subject, put);
    put(
      'XK_XKWS',
      random.chance(0.4) ? `${p.authority.name}${p.template.document}` : p.template.document,
    );
    put('XK_WSH', p.documentNumber);
    put('XK_XKLB', p.template.category);
    put('XK_XKZS', p.template.certificate);
    put('XK_XKBH', p.certificateNumber);
    put('XK_NR', p.template.content(p.subject));
    put('XK_JDRQ', formatDate(p.decided, p.style));
    put('XK_YXQZ', formatDate(p.validFrom, p.style));
    put('XK_YXQZI', formatDate(p.validTo, p.style));
    put('XK_XKJG', p.authority.name);
    put('XK_XKJGDM', p.authority.creditCode);
    put(
      'XK_ZT',
      isValid
        ? random.weighted([
            ['1', 19],
            ['有效', 1],
          ])
        : random.weighted([
            ['2', 4],
            ['1', 1],
          ]),
    );
    put('XK_LYDW', p.authority.name);
    put('XK_LYDWDM', p.authority.creditCode);
    put('BZ', random.chance(0.03) ? '延续' : '');
  };

  const injectors: Record<string, Injector<Permit>> = {
    ...subjects.injectors,
    'blank-required': (t) =>
      t.inject(
        random.pick([
          'XK_XDR_MC',
          'XK_XDR_LB',
          'XK_XKWS',
          'XK_WSH',
          'XK_XKLB',
          'XK_NR',
          'XK_JDRQ',
          'XK_YXQZ',
          'XK_YXQZI',
          'XK_XKJG',
          'XK_XKJGDM',
          'XK_ZT',
          'XK_LYDW',
          'XK_LYDWDM',
        ]),
        '',
        'required',
      ),
    'category-not-allowed': (t) =>
      t.inject(
        'XK_XKLB',
        random.pick(['审批', '备案', '其他（备案）', '一般许可', '行政确认']),
        'enum',
      ),
    'old-status-code': (t) => t.inject('XK_ZT', random.pick(['0', '正常', '撤销']), 'enum'),
    'future-decision': (t) => {
      const p = t.record;
      const decided = addDays(options.today, random.int(1, 240));
      const shift = daysBetween(p.decided, decided);
      t.set('XK_YXQZ', formatDate(addDays(p.validFrom, shift), p.style));
      if (p.validTo !== longTermDate)
        t.set('XK_YXQZI', formatDate(addDays(p.validTo, shift), p.style));
      return t.inject(
        'XK_JDRQ',
        formatDate(decided, p.style),
        rules.notFuture.id,
        rules.notFuture.severity,
      );
    },
    'validity-ends-before-it-starts': (t) => {
      const p = t.record;
      const end = addDays(p.validFrom, -random.int(1, 400));
      return t.inject('XK_YXQZI', formatDate(end, p.style), rules.order.id, rules.order.severity);
    },
    'impossible-date': (t) => {
      const p = t.record;
      const [field, iso] = random.pick([
        ['XK_JDRQ', p.decided],
        ['XK_YXQZ', p.validFrom],
      ] as const);
      return t.inject(field, impossibleDate(random, iso), 'date');
    },
    'two-digit-year': (t) => {
      const [y, m, d] = t.record.decided.split('-');
      return t.inject('XK_JDRQ', `${y?.slice(2)}/${Number(m)}/${Number(d)}`, 'date');
    },
    'long-term-as-text': (t) => {
      if (t.record.validTo !== longTermDate) return undefined;
      return t.inject('XK_YXQZI', random.pick(['长期', '长期有效']), 'date');
    },
    'full-width-date': (t) => t.inject('XK_JDRQ', fullWidthDigits(t.get('XK_JDRQ')), 'full-width'),
    'certificate-without-number': (t) => {
      if (t.record.template.certificate === '') return undefined;
      const rule = rules.certificateNumber;
      return t.inject('XK_XKBH', '', rule.id, rule.severity);
    },
    'bad-authority-code': (t) => {
      const field = random.pick(['XK_XKJGDM', 'XK_LYDWDM']);
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
      return t.inject('XK_WSH', t.get('XK_WSH'), 'primary-key');
    },
  };

  const weights = { ...subjects.weights, 'long-term-as-text': 2 };

  return createDemoGenerator({ pack, dataset, options, random, next, write, injectors, weights });
}
