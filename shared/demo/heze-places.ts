/**
 * Places for demo data: Heze (菏泽市, 371700), Mudan district (牡丹区, 371702) and its
 * townships. Township and village names are illustrative, for training data only.
 */

/** Mudan district's sub-district offices (街道), towns (镇) and townships (乡). */
export const mudanTownships = [
  '东城街道',
  '西城街道',
  '南城街道',
  '北城街道',
  '牡丹街道',
  '佃户屯街道',
  '何楼街道',
  '万福街道',
  '岳程街道',
  '沙土镇',
  '吴店镇',
  '王浩屯镇',
  '黄堽镇',
  '都司镇',
  '高庄镇',
  '小留镇',
  '李村镇',
  '马岭岗镇',
  '安兴镇',
  '大黄集镇',
  '胡集镇',
  '皇镇乡',
] as const;

/** Village and community name stems. */
export const villageStems = [
  '王庄',
  '李集',
  '张楼',
  '刘寨',
  '赵庄',
  '孙屯',
  '周店',
  '吴营',
  '郑桥',
  '马岭',
  '朱楼',
  '胡集',
  '高庄',
  '林堂',
  '何庄',
  '郭楼',
  '黄河',
  '丹阳',
  '桂陵',
  '牡丹',
  '曹州',
  '长城',
  '和平',
  '中华',
  '人民',
  '双河',
];

/** Division codes a Mudan resident's ID may carry, by when it was first issued (GB/T 2260 history). */
export const mudanAreaCodes = {
  /** 菏泽县, 1981-1983. */
  hezeCounty: '372921',
  /** 菏泽市 (county-level city), 1983-2000. */
  hezeCity: '372901',
  /** 牡丹区, since 2000. */
  mudan: '371702',
} as const;

/** Other Heze counties, for people who moved into Mudan. */
export const otherHezeCounties = [
  '371703',
  '371721',
  '371722',
  '371723',
  '371724',
  '371725',
  '371726',
  '371728',
];

/** Streets of the Mudan district town area, for business addresses. */
export const mudanRoads = [
  '中华路',
  '人民路',
  '长江路',
  '黄河路',
  '丹阳路',
  '牡丹路',
  '和平路',
  '双河路',
  '桂陵路',
  '曹州路',
  '华英路',
  '重庆路',
  '广州路',
  '西安路',
  '八一路',
  '青年路',
];
