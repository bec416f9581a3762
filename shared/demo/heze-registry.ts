/**
 * The people and organisations of demo data: residents with valid IDs whose area code fits when
 * they were issued, and Mudan district (牡丹区) enterprises, individual businesses, cooperatives,
 * 事业单位, social organisations and 机关 with valid credit codes (region 371702, or 371700 for
 * the city's registrations) whose embedded organisation codes pass. Trade names are
 * illustrative, for training data only.
 */
import { femaleGiven, maleGiven, surnames } from './chinese-names.ts';
import {
  createCreditCode,
  createRegistrationNumber,
  createResidentId,
  creditCodeAlphabet,
  pad,
} from './demo-codes.ts';
import { addDays, randomDate } from './demo-dates.ts';
import {
  mudanAreaCodes,
  mudanRoads,
  mudanTownships,
  otherHezeCounties,
  villageStems,
} from './heze-places.ts';
import { mudanAuthorities, type Authority, type AuthorityKey } from './mudan-authorities.ts';
import type { Random } from './random.ts';

/** A resident. */
export interface DemoPerson {
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** ISO date. */
  readonly birthDate: string;
  /** 18-digit resident ID (公民身份号码). */
  readonly id: string;
}

/**
 * What an organisation is: 企业 (91), 个体工商户 (92), 农民专业合作社 (93), 村级集体经济组织
 * (N2), 事业单位 (12), 社会团体 or 民办非企业单位 (51, 52), 机关 (11).
 */
export type EntityKind =
  'company' | 'individual' | 'cooperative' | 'collective' | 'institution' | 'social' | 'agency';

/** An organisation as its registration shows it. */
export interface DemoEntity {
  readonly kind: EntityKind;
  readonly name: string;
  /** 统一社会信用代码. */
  readonly creditCode: string;
  /** 组织机构代码: positions 9-17 of the credit code. */
  readonly orgCode: string;
  /** The 15-digit 工商注册号 of a business registered before the credit code (2015-10-01). */
  readonly registrationNumber: string | undefined;
  /** 事业单位法人证书号 or 社会组织登记证号. */
  readonly certificateNumber: string | undefined;
  /** ISO date of founding (成立日期). */
  readonly founded: string;
  /** 法定代表人、负责人 or 经营者. */
  readonly representative: DemoPerson;
  readonly address: string;
  /** GB/T 4754 industry code. */
  readonly industry: string;
  /** 经营范围 or 业务范围. */
  readonly scope: string;
  /** 登记管理部门. */
  readonly registrar: Authority;
  /** 主管单位 (事业单位 and social organisations). */
  readonly supervisor: Authority | undefined;
  /** GB/T 12402 economic type. */
  readonly economicType: string;
  /** Registered capital (注册资本, 开办资金, 资金数额) in 万元, or '' when none. */
  readonly capital: string;
}

/** Issues people and organisations, each ID and credit code once. */
export interface HezeRegistry {
  /** A resident aged between `minAge` and `maxAge` today. */
  person(minAge: number, maxAge: number): DemoPerson;
  /**
   * An organisation of a kind other than 机关; a company or an individual business is in one of
   * `industries` (GB/T 4754 codes) when given and one of its trades is.
   */
  entity(kind: Exclude<EntityKind, 'agency'>, industries?: readonly string[]): DemoEntity;
  /** A 机关 (district bureaus, township governments), each once; undefined when all are used. */
  agency(): DemoEntity | undefined;
}

/** The day the unified social credit code was introduced (GB 32100-2015). */
const creditCodeStart = '2015-10-01';

/** Trade names (字号) are two characters, one from each list: 鑫源, 华泰, 瑞丰 ... */
const tradeFirst = [
  ...'鑫华恒瑞宏永天国万丹众佳兴博康德聚盛广润中金鸿安富昊锦泰益荣长亿汇鼎福春晨花曹鲁',
];
const tradeSecond = [...'源通达丰信诚和隆远宁泽世合程民风新腾辉嘉祥盛泰华瑞利兴旺发康顺阳光德'];

/** Company trades: the word in the name, the GB/T 4754 code, the business scope, a weight. */
const companyTrades: readonly (readonly [string, string, string, number])[] = [
  ['商贸', '5211', '日用百货、五金交电、建筑材料、针纺织品、化妆品销售', 8],
  ['建筑工程', '4710', '房屋建筑工程、市政公用工程、建筑装修装饰工程施工', 5],
  ['餐饮管理', '6210', '餐饮服务；餐饮管理；食品销售', 4],
  ['牡丹产业', '0143', '牡丹、芍药种植、销售；牡丹籽油、牡丹花茶加工、销售', 3],
  ['农业科技', '0511', '农作物种子、花卉种苗培育、销售；农业技术推广服务', 3],
  ['物流', '5431', '普通货物道路运输；仓储服务（不含危险化学品）；装卸搬运', 3],
  ['食品', '1431', '米、面制品制造、销售；预包装食品销售', 2],
  ['医药', '5251', '药品零售；医疗器械销售；保健食品销售', 2],
  ['汽车销售服务', '5261', '汽车及零配件销售；汽车维修；二手车经纪', 2],
  ['网络科技', '6513', '软件开发；信息系统集成服务；网络技术服务', 2],
  ['文化传媒', '7259', '广告设计、制作、代理、发布；企业形象策划；会议及展览服务', 2],
  ['物业管理', '7020', '物业管理；家政服务；保洁服务', 2],
  ['房地产开发', '7010', '房地产开发经营；房屋租赁', 1],
  ['果蔬', '5123', '蔬菜、水果批发、零售；农产品收购', 2],
  ['商业连锁', '5212', '预包装食品、散装食品、日用百货零售', 2],
  ['木业', '2110', '木质家具、木制品制造、销售', 2],
];

/** Individual businesses: the shop word, the GB/T 4754 code, the business scope. */
const shops: readonly (readonly [string, string, string])[] = [
  ['便利店', '5212', '预包装食品、日用百货零售'],
  ['超市', '5212', '预包装食品、散装食品、日用百货零售'],
  ['烧烤店', '6210', '餐饮服务'],
  ['家常菜馆', '6210', '餐饮服务'],
  ['小吃部', '6291', '小吃服务'],
  ['水果店', '5223', '水果、蔬菜零售'],
  ['粮油店', '5221', '粮油、预包装食品零售'],
  ['理发店', '8070', '理发服务'],
  ['五金店', '5271', '五金、水暖器材、建筑材料零售'],
  ['服装店', '5232', '服装、鞋帽零售'],
  ['汽车修理部', '8111', '机动车维修'],
  ['农资门市', '5299', '化肥、农膜、种子零售'],
  ['货运部', '5431', '普通货物道路运输'],
  ['宾馆', '6129', '住宿服务'],
  ['网吧', '9013', '互联网上网服务'],
];

const cooperativeLines: readonly (readonly [string, string])[] = [
  ['牡丹种植', '0143'],
  ['芍药种植', '0143'],
  ['蔬菜种植', '0141'],
  ['食用菌种植', '0142'],
  ['中药材种植', '0171'],
  ['生猪养殖', '0313'],
  ['肉牛养殖', '0311'],
  ['农机', '0512'],
];

/** 事业单位 named after a township, with their 主管单位 and industry. */
const townshipInstitutions: readonly (readonly [string, AuthorityKey, string])[] = [
  ['中心小学', 'education', '8321'],
  ['初级中学', 'education', '8331'],
  ['卫生院', 'health', '8423'],
  ['农业综合服务中心', 'agriculture', '7511'],
];

/** District 事业单位, each once. */
const districtInstitutions: readonly (readonly [string, AuthorityKey, string])[] = [
  ['人民医院', 'health', '8411'],
  ['中医医院', 'health', '8411'],
  ['妇幼保健院', 'health', '8415'],
  ['疾病预防控制中心', 'health', '8431'],
  ['图书馆', 'culture', '8831'],
  ['文化馆', 'culture', '8870'],
  ['档案馆', 'development', '8832'],
  ['农业技术推广中心', 'agriculture', '7511'],
  ['公共资源交易服务中心', 'finance', '9229'],
  ['融媒体中心', 'culture', '8710'],
  ['城市管理服务中心', 'enforcement', '7820'],
  ['水利工程管理服务中心', 'water', '7610'],
];

/** 民办非企业单位 (52) and 社会团体 (51), with their 业务主管单位 and industry. */
const socialOrganisations: readonly (readonly [string, '51' | '52', AuthorityKey, string])[] = [
  ['幼儿园', '52', 'education', '8310'],
  ['培训学校', '52', 'education', '8399'],
  ['养老服务中心', '52', 'civilAffairs', '8514'],
  ['牡丹产业协会', '51', 'agriculture', '9521'],
  ['个体劳动者协会', '51', 'market', '9521'],
  ['餐饮行业协会', '51', 'market', '9521'],
  ['物流协会', '51', 'transport', '9521'],
  ['书法家协会', '51', 'culture', '9522'],
];

/** The 机关 of the district that the demo authorities list (the city's are registered elsewhere). */
const districtAgencies: readonly AuthorityKey[] = [
  'approval',
  'market',
  'health',
  'housing',
  'transport',
  'enforcement',
  'emergency',
  'agriculture',
  'education',
  'culture',
  'civilAffairs',
  'development',
  'finance',
  'statistics',
  'justice',
  'water',
];

/** The trades whose GB/T 4754 code (second item) is one of `industries`; all when none is. */
function inIndustries<T extends readonly [string, string, ...unknown[]]>(
  trades: readonly T[],
  industries: readonly string[] | undefined,
): readonly T[] {
  if (industries === undefined) return trades;
  const matching = trades.filter((trade) => industries.includes(trade[1]));
  return matching.length > 0 ? matching : trades;
}

/** Creates a registry whose draws come from `random`; `today` bounds every date. */
export function createHezeRegistry(random: Random, today: string): HezeRegistry {
  const todayYear = Number(today.slice(0, 4));
  const issuedIds = new Set<string>();
  const issuedCodes = new Set<string>(Object.values(mudanAuthorities).map((a) => a.creditCode));
  const usedNames = new Set<string>();
  const agencies: (() => DemoEntity)[] = [];
  const tradeName = (): string => random.pick(tradeFirst) + random.pick(tradeSecond);
  let certificateSequence = 0;

  const areaFor = (birthDate: string): string => {
    const year = Number(birthDate.slice(0, 4));
    if (random.chance(0.05)) return random.pick(otherHezeCounties);
    if (year < 1984)
      return random.weighted([
        [mudanAreaCodes.hezeCity, 5],
        [mudanAreaCodes.hezeCounty, 2],
        [mudanAreaCodes.mudan, 3],
      ]);
    if (year < 2000)
      return random.weighted([
        [mudanAreaCodes.hezeCity, 6],
        [mudanAreaCodes.mudan, 4],
      ]);
    return mudanAreaCodes.mudan;
  };

  const person = (minAge: number, maxAge: number): DemoPerson => {
    const sex = random.chance(0.55) ? 'male' : 'female';
    const birthDate = randomDate(
      random,
      `${todayYear - maxAge - 1}-01-01`,
      addDays(`${todayYear - minAge}-01-01`, -1),
    );
    const given = sex === 'male' ? maleGiven : femaleGiven;
    const name =
      random.weighted(surnames) +
      random.pick(given) +
      (random.chance(0.7) ? random.pick(given) : '');
    const area = areaFor(birthDate);
    for (;;) {
      const sequence =
        random.int(0, 9) * 100 +
        random.int(0, 4) * 20 +
        random.int(0, 4) * 2 +
        (sex === 'male' ? 1 : 0);
      const id = createResidentId(area, birthDate, sequence);
      if (!issuedIds.has(id)) {
        issuedIds.add(id);
        return { name, sex, birthDate, id };
      }
    }
  };

  const orgBody = (style: 'legacy' | 'new' | 'social' | 'collective' | 'agency'): string => {
    const chars = (n: number): string => {
      let out = '';
      for (let i = 0; i < n; i += 1) out += creditCodeAlphabet.charAt(random.int(0, 30));
      return out;
    };
    switch (style) {
      case 'legacy':
        return `${random.int(1, 8)}${pad(random.int(0, 9_999_999), 7)}`;
      case 'agency':
        return `00${pad(random.int(0, 999_999), 6)}`;
      case 'new':
        return `MA3${chars(5)}`;
      case 'social':
        return `MJ${chars(6)}`;
      case 'collective':
        return `MF${chars(6)}`;
    }
  };

  const creditCode = (
    authorityAndType: string,
    region: string,
    style: Parameters<typeof orgBody>[0],
  ): string => {
    for (;;) {
      const code = createCreditCode(authorityAndType, region, orgBody(style));
      if (!issuedCodes.has(code)) {
        issuedCodes.add(code);
        return code;
      }
    }
  };

  /** A name not used yet, from a few draws; undefined when they all were. */
  const uniqueName = (draw: () => string): string | undefined => {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const name = draw();
      if (!usedNames.has(name)) {
        if (usedNames.size < 200_000) usedNames.add(name);
        return name;
      }
    }
    return undefined;
  };

  const streetAddress = (): string =>
    `山东省菏泽市牡丹区${random.pick(mudanTownships)}${random.pick(mudanRoads)}${random.int(1, 2999)}号`;

  const villageAddress = (township: string, village: string): string =>
    `山东省菏泽市牡丹区${township}${village}村`;

  const registrationNumber = (
    region: string,
    typeDigit: number,
    founded: string,
  ): string | undefined =>
    founded < creditCodeStart
      ? createRegistrationNumber(region, `${typeDigit}${pad(random.int(0, 9_999_999), 7)}`)
      : undefined;

  const capital = (choices: readonly (readonly [string, number])[]): string =>
    random.weighted(choices);

  const build = (
    parts: Omit<DemoEntity, 'orgCode' | 'representative'> & { representative?: DemoPerson },
  ): DemoEntity => ({
    kind: parts.kind,
    name: parts.name,
    creditCode: parts.creditCode,
    orgCode: parts.creditCode.slice(8, 17),
    registrationNumber: parts.registrationNumber,
    certificateNumber: parts.certificateNumber,
    founded: parts.founded,
    representative: parts.representative ?? person(26, 68),
    address: parts.address,
    industry: parts.industry,
    scope: parts.scope,
    registrar: parts.registrar,
    supervisor: parts.supervisor,
    economicType: parts.economicType,
    capital: parts.capital,
  });

  const company = (industries: readonly string[] | undefined): DemoEntity => {
    const [trade, industry, scope] = random.weighted(
      inIndustries(companyTrades, industries).map(
        ([t, i, s, w]) => [[t, i, s] as const, w] as const,
      ),
    );
    const prefix = random.weighted([
      ['菏泽', 4],
      ['菏泽市牡丹区', 3],
      ['山东', 2],
      ['菏泽市', 1],
    ]);
    const suffix = random.weighted([
      ['有限公司', 90],
      ['有限责任公司', 7],
      ['股份有限公司', 3],
    ]);
    const name =
      uniqueName(() => `${prefix}${tradeName()}${trade}${suffix}`) ??
      `菏泽市牡丹区${random.pick(mudanTownships)}${tradeName()}${trade}${suffix}`;
    const isCity = random.chance(0.15);
    const registrar = isCity ? mudanAuthorities.cityMarket : mudanAuthorities.market;
    const region = isCity ? '371700' : '371702';
    const founded = random.chance(0.6)
      ? randomDate(random, creditCodeStart, today)
      : randomDate(random, '1995-01-01', addDays(creditCodeStart, -1));
    return build({
      kind: 'company',
      name,
      creditCode: creditCode('91', region, founded < creditCodeStart ? 'legacy' : 'new'),
      registrationNumber: registrationNumber(region, 0, founded),
      certificateNumber: undefined,
      founded,
      address: streetAddress(),
      industry,
      scope: `${scope}（依法须经批准的项目，经相关部门批准后方可开展经营活动）`,
      registrar,
      supervisor: undefined,
      economicType: suffix === '股份有限公司' ? '174' : '173',
      capital: capital([
        ['10', 2],
        ['30', 2],
        ['50', 4],
        ['100', 5],
        ['200', 3],
        ['500', 3],
        ['1000', 2],
        ['3000', 1],
        ['5000', 0.5],
        ['51.8', 0.3],
        ['120.5', 0.3],
      ]),
    });
  };

  const individual = (industries: readonly string[] | undefined): DemoEntity => {
    const [shop, industry, scope] = random.pick(inIndustries(shops, industries));
    const owner = person(22, 65);
    const name =
      uniqueName(() => {
        const roll = random.int(0, 10);
        if (roll < 4) return `牡丹区${tradeName()}${shop}`;
        if (roll < 7) return `牡丹区${owner.name}${shop}`;
        if (roll < 9) return `菏泽市牡丹区${owner.name.charAt(0)}记${shop}`;
        return `菏泽市牡丹区${random.pick(mudanTownships)}${tradeName()}${shop}`;
      }) ?? `菏泽市牡丹区${random.pick(mudanTownships)}${owner.name}${shop}`;
    const founded = random.chance(0.6)
      ? randomDate(random, creditCodeStart, today)
      : randomDate(random, '2003-01-01', addDays(creditCodeStart, -1));
    return build({
      kind: 'individual',
      name,
      creditCode: creditCode('92', '371702', 'new'),
      registrationNumber: registrationNumber('371702', 6, founded),
      certificateNumber: undefined,
      founded,
      representative: owner,
      address: streetAddress(),
      industry,
      scope,
      registrar: mudanAuthorities.market,
      supervisor: undefined,
      economicType: '175',
      capital: capital([
        ['1', 2],
        ['2', 2],
        ['3', 3],
        ['5', 4],
        ['10', 3],
        ['20', 1],
        ['50', 0.5],
      ]),
    });
  };

  const cooperative = (): DemoEntity => {
    const [line, industry] = random.pick(cooperativeLines);
    const township = random.pick(mudanTownships);
    const name =
      uniqueName(() => `菏泽市牡丹区${township}${tradeName()}${line}专业合作社`) ??
      `菏泽市牡丹区${township}${random.pick(villageStems)}${line}专业合作社`;
    const founded = randomDate(random, '2008-07-01', today);
    return build({
      kind: 'cooperative',
      name,
      creditCode: creditCode('93', '371702', founded < creditCodeStart ? 'legacy' : 'new'),
      registrationNumber: registrationNumber('371702', 0, founded),
      certificateNumber: undefined,
      founded,
      address: villageAddress(township, random.pick(villageStems)),
      industry,
      scope: `组织收购、销售成员${line.replace(/种植|养殖/, '')}产品；为成员提供农业生产资料购买、技术培训、技术交流和信息咨询服务`,
      registrar: mudanAuthorities.market,
      supervisor: undefined,
      economicType: '190',
      capital: capital([
        ['50', 3],
        ['100', 3],
        ['200', 2],
        ['500', 1],
      ]),
    });
  };

  const collective = (): DemoEntity | undefined => {
    const township = random.pick(mudanTownships);
    const village = random.pick(villageStems);
    const name = uniqueName(() => `菏泽市牡丹区${township}${village}村股份经济合作社`);
    if (name === undefined) return undefined;
    return build({
      kind: 'collective',
      name,
      creditCode: creditCode('N2', '371702', 'collective'),
      registrationNumber: undefined,
      certificateNumber: undefined,
      founded: randomDate(random, '2018-03-01', today),
      address: villageAddress(township, village),
      industry: '0190',
      scope: '集体资产经营与管理；集体资源开发与利用；农业生产发展与服务',
      registrar: mudanAuthorities.agriculture,
      supervisor: undefined,
      economicType: '120',
      capital: '',
    });
  };

  const institution = (): DemoEntity | undefined => {
    const draw = (): readonly [string, AuthorityKey, string] => {
      if (random.chance(0.6)) {
        const [kind, supervisor, industry] = random.pick(townshipInstitutions);
        return [`菏泽市牡丹区${random.pick(mudanTownships)}${kind}`, supervisor, industry];
      }
      const [kind, supervisor, industry] = random.pick(districtInstitutions);
      return [`菏泽市牡丹区${kind}`, supervisor, industry];
    };
    let found: readonly [string, AuthorityKey, string] | undefined;
    for (let attempt = 0; attempt < 12 && found === undefined; attempt += 1) {
      const candidate = draw();
      if (!usedNames.has(candidate[0])) found = candidate;
    }
    if (found === undefined) return undefined;
    const [name, supervisor, industry] = found;
    usedNames.add(name);
    certificateSequence += 1;
    return build({
      kind: 'institution',
      name,
      creditCode: creditCode('12', '371702', 'legacy'),
      registrationNumber: undefined,
      certificateNumber: `事证第1371702${pad(certificateSequence, 5)}号`,
      founded: randomDate(random, '1958-01-01', '2005-12-31'),
      address: streetAddress(),
      industry,
      scope: '为人民群众提供公益服务，促进社会事业发展',
      registrar: mudanAuthorities.institutionRegistry,
      supervisor: mudanAuthorities[supervisor],
      economicType: '110',
      capital: capital([
        ['15', 2],
        ['36.5', 1],
        ['120', 2],
        ['300', 1],
        ['1260', 0.5],
      ]),
    });
  };

  const social = (): DemoEntity => {
    const [kind, type, supervisor, industry] = random.pick(socialOrganisations);
    const name =
      (type === '51'
        ? uniqueName(() => `菏泽市牡丹区${kind}`)
        : uniqueName(() => `菏泽市牡丹区${tradeName()}${kind}`)) ??
      `菏泽市牡丹区${random.pick(mudanTownships)}${tradeName()}幼儿园`;
    const isAssociation = type === '51' && name.endsWith('协会');
    certificateSequence += 1;
    return build({
      kind: 'social',
      name,
      creditCode: creditCode(isAssociation ? '51' : '52', '371702', 'social'),
      registrationNumber: undefined,
      certificateNumber: `鲁牡民${isAssociation ? '社' : '非'}证字第${pad(certificateSequence % 10_000, 4)}号`,
      founded: randomDate(random, '2006-01-01', today),
      address: streetAddress(),
      industry: isAssociation ? industry : name.endsWith('幼儿园') ? '8310' : industry,
      scope: isAssociation ? '行业交流、业务培训、咨询服务' : '学前教育、培训及相关社会服务',
      registrar: mudanAuthorities.civilAffairs,
      supervisor:
        mudanAuthorities[
          isAssociation ? supervisor : name.endsWith('幼儿园') ? 'education' : supervisor
        ],
      economicType: '190',
      capital: capital([
        ['3', 2],
        ['10', 2],
        ['30', 1],
      ]),
    });
  };

  for (const key of districtAgencies) {
    agencies.push(() => {
      const authority = mudanAuthorities[key];
      return build({
        kind: 'agency',
        name: authority.name,
        creditCode: authority.creditCode,
        registrationNumber: undefined,
        certificateNumber: undefined,
        founded: randomDate(random, '2019-01-08', '2019-03-29'),
        address: streetAddress(),
        industry: '9224',
        scope: '',
        registrar: mudanAuthorities.staffOffice,
        supervisor: undefined,
        economicType: '110',
        capital: '',
      });
    });
  }
  for (const township of mudanTownships) {
    agencies.push(() =>
      build({
        kind: 'agency',
        name: township.endsWith('街道')
          ? `菏泽市牡丹区人民政府${township}办事处`
          : `菏泽市牡丹区${township}人民政府`,
        creditCode: creditCode('11', '371702', 'agency'),
        registrationNumber: undefined,
        certificateNumber: undefined,
        founded: randomDate(random, '1984-01-01', '2001-12-31'),
        address: `山东省菏泽市牡丹区${township}${random.pick(mudanRoads)}${random.int(1, 999)}号`,
        industry: '9221',
        scope: '',
        registrar: mudanAuthorities.staffOffice,
        supervisor: undefined,
        economicType: '110',
        capital: '',
      }),
    );
  }

  const entity = (
    kind: Exclude<EntityKind, 'agency'>,
    industries?: readonly string[],
  ): DemoEntity => {
    switch (kind) {
      case 'company':
        return company(industries);
      case 'individual':
        return individual(industries);
      case 'cooperative':
        return cooperative();
      case 'collective':
        return collective() ?? company(undefined);
      case 'institution':
        return institution() ?? company(undefined);
      case 'social':
        return social();
    }
  };

  return {
    person,
    entity,
    agency() {
      if (agencies.length === 0) return undefined;
      const index = random.int(0, agencies.length - 1);
      const [make] = agencies.splice(index, 1);
      return make?.();
    },
  };
}
