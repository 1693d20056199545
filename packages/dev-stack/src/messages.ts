import { cliLanguage, defineMessages, type Message } from '@union-graph/subgraph-kit';

/** What `npm start` tells its user, in the terminal's language (`LANG`). */
export const stackText = defineMessages('dev-stack', {
  database: { zh: '数据库    {url}{detail}', en: 'database  {url}{detail}' },
  ferretOnSqlite: {
    zh: '（FerretDB，SQLite，数据在 .data/ferretdb）',
    en: ' (FerretDB on SQLite, data in .data/ferretdb)',
  },
  ferretOnPostgres: {
    zh: '（FerretDB，PostgreSQL，数据在 .data/ferretdb/postgresql）',
    en: ' (FerretDB on PostgreSQL, data in .data/ferretdb/postgresql)',
  },
  cache: { zh: '缓存      {url}{detail}', en: 'cache     {url}{detail}' },
  redisInMemory: { zh: '（Redis，仅在内存中：不落盘）', en: ' (Redis, in memory only: nothing on disk)' },
  seedFailed: { zh: '生成演示数据失败', en: 'seeding the demo data failed' },
  up: { zh: '\nUnion Graph 工会数据图已启动：{url}', en: '\nUnion Graph is up: {url}' },
  explorer: {
    zh: '在浏览器中打开上面的地址即可使用查询界面（开发环境已自动授权）。',
    en: 'Open that address in a browser for the explorer (authorized automatically in development).',
  },
  token: {
    zh: '开发令牌（全国管理员，12 小时）：\n  Authorization: Bearer {token}',
    en: 'Development token (national administrator, 12 h):\n  Authorization: Bearer {token}',
  },
  try: { zh: '试试：', en: 'Try:' },
  stopHint: { zh: '按 Ctrl-C 停止全部进程。', en: 'Ctrl-C stops everything.' },
  stopped: { zh: '{name} 已停止；正在关闭', en: '{name} stopped; shutting down' },
  aProcess: { zh: '某个进程', en: 'a process' },
  usage: {
    zh: '用法：union-graph <start | build-ferretdb>',
    en: 'usage: union-graph <start | build-ferretdb>',
  },
  buildingFerretDb: {
    zh: '正在从 deploy/ferretdb 构建 FerretDB {version}（仅首次运行，约一分钟）…',
    en: 'building FerretDB {version} from deploy/ferretdb (first run only, about a minute)…',
  },
  installing: {
    zh: '缺少 {pkg}：正在安装 Debian 软件包 {pkg}（apt-get）…',
    en: '{pkg} is missing: installing Debian package {pkg} (apt-get)…',
  },
});

/** A message in the terminal's language. */
export const say = (message: Message): string => message.render(cliLanguage());
