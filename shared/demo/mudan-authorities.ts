/**
 * The authorities of Mudan district (牡丹区) and Heze (菏泽市) that register entities, grant
 * permits and impose penalties in demo data, each with a valid credit code (11 for a 机关, 12 for
 * a 事业单位) and the prefix of its decision numbers. Names follow the 2019 reorganisation;
 * the codes are illustrative, computed with the GB 32100 and GB 11714 check algorithms.
 */
import { createCreditCode } from './demo-codes.ts';

/** Who an authority is, for demo data. */
export interface Authority {
  readonly name: string;
  /** 统一社会信用代码. */
  readonly creditCode: string;
  /** The start of its decision numbers, e.g. 菏牡市监 in 菏牡市监许〔2024〕123号. */
  readonly docPrefix: string;
}

const definitions = {
  approval: ['菏泽市牡丹区行政审批服务局', '11', '371702', '菏牡审批'],
  market: ['菏泽市牡丹区市场监督管理局', '11', '371702', '菏牡市监'],
  cityMarket: ['菏泽市市场监督管理局', '11', '371700', '菏市监'],
  health: ['菏泽市牡丹区卫生健康局', '11', '371702', '菏牡卫'],
  housing: ['菏泽市牡丹区住房和城乡建设局', '11', '371702', '菏牡建'],
  transport: ['菏泽市牡丹区交通运输局', '11', '371702', '菏牡交'],
  enforcement: ['菏泽市牡丹区综合行政执法局', '11', '371702', '菏牡综执'],
  emergency: ['菏泽市牡丹区应急管理局', '11', '371702', '菏牡应急'],
  agriculture: ['菏泽市牡丹区农业农村局', '11', '371702', '菏牡农'],
  agricultureTeam: ['菏泽市牡丹区农业综合行政执法大队', '12', '371702', '菏牡农执'],
  planning: ['菏泽市自然资源和规划局牡丹区分局', '11', '371702', '菏自规牡'],
  education: ['菏泽市牡丹区教育和体育局', '11', '371702', '菏牡教体'],
  culture: ['菏泽市牡丹区文化和旅游局', '11', '371702', '菏牡文旅'],
  civilAffairs: ['菏泽市牡丹区民政局', '11', '371702', '菏牡民'],
  staffOffice: ['中共菏泽市牡丹区委机构编制委员会办公室', '11', '371702', '菏牡编'],
  institutionRegistry: ['菏泽市牡丹区事业单位登记管理局', '12', '371702', '菏牡事登'],
  police: ['菏泽市公安局牡丹区分局', '11', '371702', '菏公牡'],
  ecology: ['菏泽市生态环境局牡丹区分局', '11', '371702', '菏环牡'],
  tobacco: ['菏泽市牡丹区烟草专卖局', '12', '371702', '菏牡烟'],
  development: ['菏泽市牡丹区发展和改革局', '11', '371702', '菏牡发改'],
  finance: ['菏泽市牡丹区财政局', '11', '371702', '菏牡财'],
  statistics: ['菏泽市牡丹区统计局', '11', '371702', '菏牡统'],
  justice: ['菏泽市牡丹区司法局', '11', '371702', '菏牡司'],
  water: ['菏泽市牡丹区水务局', '11', '371702', '菏牡水'],
} as const;

/** The key of an authority in `mudanAuthorities`. */
export type AuthorityKey = keyof typeof definitions;

/** Every demo authority by key; their credit codes are distinct. */
export const mudanAuthorities = Object.fromEntries(
  Object.entries(definitions).map(([key, [name, type, region, docPrefix]], index) => [
    key,
    {
      name,
      creditCode: createCreditCode(type, region, `MB${2850 + index * 7}${index % 10}7`.slice(0, 8)),
      docPrefix,
    },
  ]),
) as Readonly<Record<AuthorityKey, Authority>>;
