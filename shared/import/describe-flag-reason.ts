import type { LocalizedText } from '../i18n/localized-text.ts';
import type { FlagReason } from './detect-mangled-number.ts';

const reasons: Readonly<Record<FlagReason, LocalizedText>> = {
  'scientific-notation': {
    zh: '长数字以科学计数法保存，原来的数字已被截断，无法恢复；请让报送单位按文本重新导出',
    en: 'a long number saved in scientific notation: its digits are cut off and cannot be recovered; ask the department to export it again as text',
  },
  'digits-lost': {
    zh: '超过 15 位的数字经过了数值格式，第 15 位之后的数字已丢失，无法恢复；请让报送单位按文本重新导出',
    en: 'a number longer than 15 digits passed through a number cell: the digits after the 15th are lost; ask the department to export it again as text',
  },
  'undecodable-bytes': {
    zh: '含有无法识别的字节（显示为 �）：文件在这里损坏或混入了其他编码，原来的字已无法还原；请核对原件后修改',
    en: 'holds bytes that could not be decoded (shown as �): the file is damaged here or mixes another encoding, and the original characters cannot be recovered; check the original and correct it',
  },
  'repeated-header': {
    zh: '数据中间重复出现的表头行',
    en: 'a header row repeated inside the data',
  },
};

/** Explains to a clerk why a cell was flagged. */
export function describeFlagReason(reason: FlagReason): LocalizedText {
  return reasons[reason];
}
