import { cliLanguage, defineMessages, type Message } from '@union-graph/subgraph-kit';

/** What the seed tools print, in the terminal's language (`LANG`). */
export const seedText = defineMessages('seed', {
  seeding: { zh: '正在生成 {scale} 规模演示数据（种子 {seed}）', en: 'seeding {scale} data (seed {seed})' },
  documents: { zh: '条记录', en: 'documents' },
  done: { zh: '{label}：完成，用时 {seconds} 秒', en: '{label}: done in {seconds} s' },
  collection: {
    zh: '  {name} {inserted} 条新增，共 {planned} 条',
    en: '  {name} {inserted} new of {planned}',
  },
  alreadySeeded: { zh: '演示数据已存在：不再生成', en: 'demo data already present: not seeding' },
  badScale: { zh: '--scale 须为以下之一：{scales}', en: '--scale must be one of {scales}' },
  badSeed: { zh: '--seed 须为整数', en: '--seed must be an integer' },
  noServers: {
    zh: '须设置 MONGO_URL 和 REDIS_URL（npm start 会设置）',
    en: 'MONGO_URL and REDIS_URL must be set (npm start sets them)',
  },
});

/** A message in the terminal's language. */
export const say = (message: Message): string => message.render(cliLanguage());
