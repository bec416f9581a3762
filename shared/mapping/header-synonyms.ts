/**
 * Column-header synonyms beyond a pack's own, keyed by the standard's Chinese field name (a
 * field's title, or a synonym the pack lists for it). First the curated list of
 * ../shared/reference/synonyms.csv (a test keeps this copy whole), then variants seen in county
 * spreadsheets. They rank below the pack's own titles and synonyms, and a header that a pack
 * gives to another field of the dataset is never taken from here (the reference maps 经营场所 to
 * 住所; the legal-entity pack has a field of its own for it).
 */
export const headerSynonyms: Readonly<Record<string, readonly string[]>> = {
  // ../shared/reference/synonyms.csv (curated, no standard)
  姓名: ['名字', '户主姓名', '人员姓名', '居民姓名', '成员姓名', '真实姓名', '本人姓名'],
  公民身份号码: [
    '身份证号',
    '身份证号码',
    '证件号码',
    '身份证件号码',
    '居民身份证号码',
    '公民身份证号码',
    '身份证',
    '身份号码',
    '身份证编号',
    '证件号',
    '身份证件号',
    '公民身份号',
  ],
  性别: ['性别代码', '男女'],
  出生日期: ['出生年月', '出生年月日', '生日', '出生时间', '出生日'],
  民族: ['民族代码', '族别'],
  联系电话: [
    '手机号',
    '电话',
    '手机号码',
    '手机',
    '联系方式',
    '电话号码',
    '移动电话',
    '联系手机',
    '本人电话',
  ],
  现住址: [
    '住址',
    '家庭住址',
    '居住地址',
    '现居住地址',
    '现居住地',
    '居住地',
    '家庭地址',
    '现居地址',
    '常住地址',
  ],
  户籍地址: ['户籍所在地', '户口所在地', '户籍地', '户籍住址', '户口地址'],
  与户主关系: ['与户主的关系', '家庭关系', '户主关系'],
  婚姻状况: ['婚姻状态', '婚否'],
  学历: ['文化程度', '受教育程度', '最高学历'],
  政治面貌: ['政治身份', '党派'],
  统一社会信用代码: [
    '信用代码',
    '社会信用代码',
    '统一信用代码',
    '统一代码',
    '纳税人识别号',
    '税号',
    '社会统一信用代码',
  ],
  组织机构代码: ['机构代码', '组织代码'],
  单位名称: [
    '企业名称',
    '机构名称',
    '公司名称',
    '组织名称',
    '主体名称',
    '市场主体名称',
    '法人单位名称',
    '名称',
  ],
  法定代表人: ['法人代表', '法人', '法定代表人姓名', '负责人', '经营者', '法定代表人（负责人）'],
  注册资本: [
    '注册资金',
    '注册资本（万元）',
    '注册资本(万元)',
    '注册资金（万元）',
    '注册资金(万元)',
  ],
  成立日期: ['成立时间', '注册日期', '设立日期', '成立年月', '注册时间'],
  经营范围: ['业务范围', '许可经营项目', '一般经营项目'],
  登记机关: ['登记管理机关', '注册机关', '发照机关', '登记部门'],
  住所: ['注册地址', '企业地址', '单位地址', '经营场所', '注册地', '办公地址', '经营地址'],
  企业类型: ['市场主体类型', '主体类型', '公司类型', '单位类型', '机构类型'],
  登记状态: ['经营状态', '企业状态', '存续状态'],
};

/** Variants seen in county spreadsheets, beyond the reference list (same keys). */
export const countyHeaderVariants: Readonly<Record<string, readonly string[]>> = {
  民族: ['民族成分', '民族名称'],
  联系电话: ['联系号码', '电话号', '本人联系电话'],
  现住址: ['现住地址', '实际居住地址', '实际居住地', '现居地'],
  户籍地址: ['户口簿地址', '户籍所在地址', '户籍所在地详址'],
  与户主关系: ['与户主之关系', '家庭成员关系'],
  婚姻状况: ['婚姻情况', '婚姻'],
  学历: ['学历层次', '文化程度名称'],
  户号: ['户口簿号', '户口本号', '户口簿编号', '户编码'],
  出生地: ['出生地点', '出生地区'],
};
