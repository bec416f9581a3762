/**
 * Spellings that county spreadsheets use for codes of the built-in code tables and that the
 * tables themselves do not list (their names and aliases are matched first). Keyed by table id,
 * then by the spelling (compared like code values: no spaces, half-width, upper-case ASCII).
 * Where a spelling names a group rather than one code (本科 for 大学本科毕业), the usual code is
 * given and the suggestion says what was assumed; what cannot be told (文盲, 单身) is left out.
 */
export const commonValueForms: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sex: { M: '1', MALE: '1', 男士: '1', F: '2', FEMALE: '2', 女士: '2', 未知: '0', 未说明: '9' },
  'marital-status': { 初婚有配偶: '21', 再婚有配偶: '22', 复婚有配偶: '23' },
  education: {
    博士: '11',
    博士研究生: '11',
    硕士: '14',
    硕士研究生: '14',
    研究生: '10',
    本科: '21',
    大学本科: '21',
    大专: '31',
    专科: '31',
    大学专科: '31',
    中专: '41',
    中等专科: '41',
    职高: '44',
    职业高中: '44',
    技校: '47',
    技工学校: '47',
    高中: '61',
    普通高中: '61',
    初中: '71',
    小学: '81',
  },
  'household-relationship': {
    丈夫: '11',
    妻子: '12',
    儿子: '20',
    女儿: '30',
    哥哥: '71',
    弟弟: '73',
    姐: '75',
    妹: '77',
    父: '51',
    母: '52',
    爸爸: '51',
    妈妈: '52',
  },
  'political-affiliation': {
    党员: '01',
    中共预备党员: '02',
    预备党员: '02',
    团员: '03',
    无党派: '12',
  },
};
