import type { Language, TokenError } from '@union-graph/auth';
import { defineMessages, type Message } from '@union-graph/subgraph-kit';
import type { Request } from 'express';

/**
 * What the gateway itself says (refusals before or around the subgraphs); the subgraphs word
 * their own messages in the caller's language, so the gateway passes theirs through.
 */
export const gatewayText = defineMessages('gateway', {
  tokenRequired: { zh: '需要 Authorization: Bearer <令牌>', en: 'Authorization: Bearer <token> is required' },
  tokenScheme: { zh: 'Authorization 须为 "Bearer <令牌>"', en: 'Authorization must be "Bearer <token>"' },
  tokenAlgorithm: { zh: '不接受以 {alg} 签名的令牌', en: 'tokens signed with {alg} are not accepted here' },
  tokenExpired: { zh: '令牌已过期', en: 'token expired' },
  tokenNoExpiry: {
    zh: '令牌没有 exp 声明：令牌必须有到期时间',
    en: 'token has no exp claim: it must expire',
  },
  tokenLifetime: {
    zh: '令牌有效期 {hours} 小时，超过允许的 {max} 小时',
    en: 'token lifetime {hours} h exceeds the {max} h allowed',
  },
  tokenClaimMissing: { zh: '令牌缺少 {claim} 声明', en: 'token has no {claim} claim' },
  tokenClaimInvalid: { zh: '令牌的 {claim} 声明无效', en: 'token {claim} claim is invalid' },
  tokenUnknownKey: { zh: '令牌由未知密钥签名', en: 'token signed with an unknown key' },
  tokenInvalid: { zh: '令牌签名或格式无效', en: 'token signature or format is invalid' },
  tokenNoSubjectOrRoles: { zh: '令牌缺少主体或角色', en: 'token lacks subject or roles' },
  tokenMalformedOrg: { zh: '令牌的 org 声明格式错误', en: 'token has a malformed org claim' },
  tokenOrgNeeded: { zh: '令牌缺少其角色所需的 org 声明', en: 'token lacks the org claim its roles need' },
  unknownClient: { zh: '未知的客户端 {client}', en: 'unknown client {client}' },
  untrustedOperation: {
    zh: '客户端 {client} 只能执行其已登记的操作',
    en: 'client {client} may run only its registered operations',
  },
  introspectionForbidden: { zh: '此角色不能执行内省查询', en: 'introspection is not allowed for this role' },
  queryLimit: {
    zh: '查询超过 {limit} 限制：{actual} > {max}',
    en: 'query exceeds the {limit} limit: {actual} > {max}',
  },
  responseTooLarge: {
    zh: '答复有 {bytes} 字节，超过允许的 {max} 字节：请少选字段或缩小分页',
    en: 'the answer is {bytes} bytes, over the {max} allowed: ask for fewer fields or a smaller page',
  },
  rateLimited: {
    zh: '超过每 {seconds} 秒 {max} 次请求的频率限制',
    en: 'rate limit of {max} requests per {seconds} s exceeded',
  },
  clientRateLimited: {
    zh: '此客户端超过每 {seconds} 秒 {max} 次请求的频率限制',
    en: 'rate limit of {max} requests per {seconds} s for this client exceeded',
  },
  outcomeUnknown: {
    zh: '子图 {subgraph} 未答复变更是否已完成：请用同一个 idempotencyKey 重试，或读取确认',
    en: 'subgraph {subgraph} did not say whether the change was made: retry with the same idempotencyKey or read it back',
  },
  subgraphTimeout: { zh: '子图 {subgraph} 未能按时答复', en: 'subgraph {subgraph} did not answer in time' },
  subgraphUnavailable: { zh: '子图 {subgraph} 暂不可用', en: 'subgraph {subgraph} is unavailable' },
  downloadNotServed: {
    zh: '子图 {subgraph} 未能提供下载',
    en: 'subgraph {subgraph} did not serve the download',
  },
  noSuchDownload: { zh: '没有这个下载', en: 'no such download' },
  bodyTooLarge: { zh: '请求体超过 {limit}', en: 'request body exceeds {limit}' },
  malformedBody: { zh: '请求体格式错误：{detail}', en: 'malformed request body: {detail}' },
  internal: { zh: '网关内部错误', en: 'internal error' },
  subscriptionOverHttp: {
    zh: '订阅请经 /graphql/stream（SSE）或 /graphql 的 WebSocket 连接',
    en: 'subscribe over /graphql/stream (SSE) or a WebSocket to /graphql',
  },
  subscriptionsOnly: {
    zh: '此端点只接受订阅操作：查询和变更请发往 /graphql',
    en: 'this endpoint takes subscriptions only: send queries and mutations to /graphql',
  },
  notSubscribable: {
    zh: '网关不提供订阅字段 {field}',
    en: 'the gateway does not serve the subscription {field}',
  },
  subscriptionRootNotFound: { zh: '没有这个工会：{id}', en: 'no such union: {id}' },
  tooManySubscriptions: {
    zh: '同时订阅不得超过 {max} 个（{who}）',
    en: 'at most {max} concurrent subscriptions ({who})',
  },
  subscriptionsUnavailable: {
    zh: '订阅需要网关连接 Redis 变更流',
    en: 'subscriptions need the gateway to read the Redis change streams',
  },
});

const TOKEN_TEXTS = {
  required: 'tokenRequired',
  scheme: 'tokenScheme',
  algorithm: 'tokenAlgorithm',
  expired: 'tokenExpired',
  noExpiry: 'tokenNoExpiry',
  lifetime: 'tokenLifetime',
  claimMissing: 'tokenClaimMissing',
  claimInvalid: 'tokenClaimInvalid',
  unknownKey: 'tokenUnknownKey',
  invalid: 'tokenInvalid',
  noSubjectOrRoles: 'tokenNoSubjectOrRoles',
  malformedOrg: 'tokenMalformedOrg',
  orgNeeded: 'tokenOrgNeeded',
} as const satisfies Record<TokenError['problem'], Parameters<typeof gatewayText>[0]>;

/** Why a token was refused, in the catalog's words. */
export function tokenText(e: TokenError): Message {
  return (gatewayText as (key: string, params: object) => Message)(TOKEN_TEXTS[e.problem], e.params);
}

/**
 * The language a request asked for: English when `Accept-Language` prefers it to Chinese, Chinese
 * otherwise (no header, `*`, or anything else). A known caller carries it in the signed hop.
 */
export function languageOf(req: Request): Language {
  if (req.caller) return req.caller.language ?? 'zh';
  return req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}
