import { defineMessages } from '@union-graph/subgraph-kit';

/** What the provincial subgraph says to its users, in Chinese and English (see the kit's messages.ts). */
export const text = defineMessages('guangdong', {
  memberIdRequired: { zh: 'memberId 不能为空', en: 'memberId is required' },
  activeCardExists: {
    zh: '该会员已有一张有效的粤工惠卡',
    en: 'the member already has an active 粤工惠 card',
  },
  personalHonor: {
    zh: '{kind} 授予个人，须填写 memberId',
    en: '{kind} is conferred on a member',
  },
  unitHonor: {
    zh: '{kind} 授予单位或集体，不能填写 memberId',
    en: '{kind} is conferred on a unit, not a member',
  },
  yearRange: { zh: 'year 须在 {first} 年至今年之间', en: 'year must be between {first} and this year' },
  honorRecorded: {
    zh: '该获得者 {year} 年度的 {kind} 已有记录',
    en: '{kind} of {year} is already recorded for this holder',
  },
});
