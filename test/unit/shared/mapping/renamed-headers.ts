/**
 * How county spreadsheets rename the columns of the standard: per standard field, the
 * headers seen besides the title and the pack's synonyms, and the ways a header gets decorated
 * (a required-mark `*`, numbering, spaces, full-width brackets, a note in brackets). Used to
 * rename, shuffle and decorate demo data headers for the suggestion tests.
 */
import type { Field } from '../../../../shared/pack/pack-schema.ts';
import type { Random } from '../../../../shared/demo/random.ts';

/** Headers seen in county files, by standard field identifier. */
export const countyHeaders: Readonly<Record<string, readonly string[]>> = {
  GMSFHM: [
    '身份证号',
    '身份证号码',
    '证件号码',
    '居民身份证号码',
    '公民身份证号',
    '身份证号(18位)',
  ],
  XM: ['姓 名', '人员姓名', '户主姓名', '姓名(必填)', '名字'],
  XB: ['性别名称', '性别代码', '男女'],
  MZ: ['民族名称', '民族成分', '族别'],
  CSRQ: ['出生年月', '出生年月日', '生日', '出生日期(年月日)'],
  CSD: ['出生地代码', '出生地区划', '出生地行政区划代码'],
  HJDZ: ['户籍所在地', '户口所在地', '户籍详细地址', '户籍地'],
  XZZ: ['现居住地址', '居住地址', '家庭住址', '现住地址', '实际居住地址'],
  LXDH: ['联系方式', '手机号', '手机号码', '本人联系电话', '电话'],
  HYZK: ['婚姻情况', '婚否', '婚姻状态'],
  WHCD: ['学历', '文化程度名称', '最高学历', '受教育程度'],
  YHZGX: ['与户主的关系', '家庭关系', '户主关系'],
  HH: ['户编号', '户口号', '户口簿编号'],
  TYSHXYDM: ['信用代码', '社会信用代码', '统一社会信用代码(18位)'],
  JGMC: ['企业名称', '单位名称', '市场主体名称', '名称'],
  ZCDZ: ['住所', '注册地', '企业地址'],
  ZCZJ: ['注册资本（万元）', '注册资本', '注册资金(万元)'],
  FDDBRXM: ['法定代表人', '法人代表', '负责人'],
  CLRQ: ['成立时间', '注册日期', '设立日期'],
  ZT: ['登记状态', '经营状态', '企业状态'],
  DJGLBMMC: ['登记机关', '发照机关', '登记管理机关'],
  XK_XDR_MC: ['相对人名称', '被许可人', '申请人名称'],
  CF_XDR_MC: ['相对人名称', '当事人名称', '被处罚人'],
  XK_WSH: ['决定文书号', '许可文书号', '行政许可决定书文号'],
  CF_WSH: ['处罚决定书文号', '决定书文号', '处罚文号'],
  XK_JDRQ: ['决定日期', '审批日期', '发证日期'],
  CF_JDRQ: ['决定日期', '处罚日期'],
  XK_XKJG: ['审批机关', '发证机关'],
  CF_CFJG: ['执法机关', '处罚单位'],
};

/** The headers a field may get in a county file: its title, the pack's Chinese synonyms, county ones. */
export function headersFor(field: Field): string[] {
  const chinese = (field.synonyms ?? []).filter((s) => /[\u3400-\u9fff]/.test(s));
  return [field.title, ...chinese, ...(countyHeaders[field.name] ?? [])];
}

const fullWidthBrackets = (text: string): string => text.replace('(', '（').replace(')', '）');

/** Decorates a header the way templates and clerks do, now and then. */
export function decorate(random: Random, header: string, position: number): string {
  switch (random.int(0, 9)) {
    case 0:
      return `*${header}`;
    case 1:
      return `${position + 1}.${header}`;
    case 2:
      return header.length === 2 ? `${header[0] ?? ''} ${header[1] ?? ''}` : ` ${header} `;
    case 3:
      return fullWidthBrackets(header);
    default:
      return header;
  }
}
