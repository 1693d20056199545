import { defineMessages } from './messages';

/** The kit's own messages: what every subgraph says the same way (see messages.ts). */
export const kitText = defineMessages('kit', {
  unauthenticated: { zh: '需要身份认证', en: 'Authentication required' },
  outsideScope: { zh: '超出调用者的管辖范围', en: 'Outside the scope of the caller' },
  notFound: { zh: '未找到 {typename} {id}', en: '{typename} {id} not found' },
  orgOutsideScope: {
    zh: '组织 {orgId} 不在您的管辖范围内',
    en: 'Organization {orgId} is outside your scope',
  },
  readOnlyRole: { zh: '您的角色不能修改数据', en: 'Your role may not change data' },
  requiresRole: { zh: '需要以下角色之一：{roles}', en: 'Requires one of: {roles}' },
  provinceOnly: {
    zh: '本子图只服务省份 {province}',
    en: 'This subgraph serves province {province} only',
  },
  badCursor: { zh: 'after 不是本列表的游标', en: 'after is not a cursor from this list' },
  pageSize: { zh: 'first 须在 0 至 {max} 之间', en: 'first must be between 0 and {max}' },
  orderBy: { zh: '不能按 {field} 排序', en: 'cannot order by {field}' },
  controlCharacters: {
    zh: '{path}：含有控制字符或不可见字符',
    en: '{path}: contains control or invisible characters',
  },
  singleLine: { zh: '{path}：不能换行', en: '{path}: must be a single line' },
  tooLong: { zh: '{path}：不能超过 {max} 个字符', en: '{path}: at most {max} characters' },
  dateRange: { zh: '{path}：须在 {from} 至 {to} 之间', en: '{path}: must fall between {from} and {to}' },
  idempotencyKeyFormat: {
    zh: 'idempotencyKey 须为 1 至 128 个字母、数字或 . : _ -',
    en: 'idempotencyKey must be 1–128 letters, digits, or . : _ -',
  },
  idempotencyKeyReused: {
    zh: '此 idempotencyKey 已用于另一个不同的请求',
    en: 'This idempotencyKey was used for a different request',
  },
  invalidValue: { zh: '{field} 的值无效', en: '{field} has an invalid value' },
  statisticsUnknown: { zh: '未知', en: 'Unknown' },
  malformed: { zh: '{field} 格式错误', en: '{field} is malformed' },
  duplicate: {
    zh: '已存在 {fields} 相同的记录',
    en: 'A record with the same {fields} already exists',
  },
  internal: { zh: '服务器内部错误', en: 'Internal server error' },
});
