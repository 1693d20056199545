import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  type AlertCategory,
  type AlertStage,
  CountyOpenLaborAlertsDocument,
  CountySummaryDocument,
  documentId,
  type LaborAlertCardFragment,
  LaborAlertRaisedDocument,
  type RiskLevel,
} from '@union-graph/client';
import { createClient } from 'graphql-sse';

/**
 * 县级工会预警看板: the county's open labor-relations alerts (§17), newest first, with each alert
 * raised in its subtree added as it is raised. The dashboard is a trusted-only client, so every
 * operation goes out as the hash of its registered document, over `/graphql` and `/graphql/stream`.
 */
interface Config {
  token: string;
  organizationId: string;
  graphqlUrl: string;
  streamUrl: string;
}

const CATEGORY: Record<AlertCategory, string> = {
  WAGE_ARREARS: '拖欠工资',
  LAYOFFS: '裁员',
  RESTRUCTURING: '改制重组',
  SOCIAL_INSURANCE: '社会保险',
  SAFETY: '安全生产',
  WORKING_HOURS: '工时休假',
  OTHER: '其他',
};
const STAGE: Record<AlertStage, string> = {
  WARNED: '预警',
  ASSESSED: '预判',
  REPORTED: '预报',
  EMERGENCY: '紧急处置',
  RESOLVED: '已化解',
};
const RISK: Record<RiskLevel, string> = { LOW: '低风险', MEDIUM: '中风险', HIGH: '高风险' };
const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'medium',
  timeStyle: 'short',
});

const byHash = (document: object) => ({ persistedQuery: { version: 1, sha256Hash: documentId(document) } });

async function run<R, V>(config: Config, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const res = await fetch(config.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
    body: JSON.stringify({ variables, extensions: byHash(document) }),
  });
  const answer = (await res.json()) as { data?: R | null; errors?: { message: string }[] };
  if (!answer.data) throw new Error(answer.errors?.map((e) => e.message).join('；') ?? `HTTP ${res.status}`);
  return answer.data;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function card(alert: LaborAlertCardFragment): HTMLLIElement {
  const item = element('li', 'alert');
  item.dataset.alertId = alert.id;
  const tags = element('p', 'tags');
  tags.append(
    element('span', 'category', CATEGORY[alert.category]),
    element('span', 'stage', STAGE[alert.stage]),
    element('span', `risk risk-${alert.risk ?? 'NONE'}`, alert.risk ? RISK[alert.risk] : '待预判'),
  );
  item.append(
    tags,
    element('p', 'description', alert.description),
    element(
      'p',
      'meta',
      `${alert.organization.name} · 涉及职工 ${alert.workersAffected} 人 · ${TIME.format(new Date(alert.raisedAt))}`,
    ),
  );
  return item;
}

async function start(config: Config): Promise<void> {
  const root = document.getElementById('dashboard')!;
  const status = element('p', 'status', '正在加载…');
  root.replaceChildren(status);
  const vars = { organizationId: config.organizationId };
  const [summary, open] = await Promise.all([
    run(config, CountySummaryDocument, { id: config.organizationId }),
    run(config, CountyOpenLaborAlertsDocument, { ...vars, first: 50 }),
  ]);
  const org = summary.organization;
  if (!org) throw new Error('未找到该工会');
  const count = element('strong', 'open-count', String(open.laborAlerts.totalCount));
  count.id = 'open-count';
  const heading = element('p', 'count', '未化解预警 ');
  heading.append(count, ' 条');
  const list = element('ol', 'alerts');
  list.id = 'alerts';
  list.append(...open.laborAlerts.nodes.map(card));
  const live = element('p', 'live', '实时更新连接中…');
  live.id = 'live';
  live.dataset.live = 'connecting';
  root.replaceChildren(
    element('h1', 'title', `${org.name} · 劳动关系预警`),
    element('p', 'summary', `本级会员 ${org.memberCount} 人 · 下属工会 ${org.children.totalCount} 个`),
    heading,
    live,
    list,
  );
  root.dataset.state = 'ready';

  const stream = createClient({
    url: config.streamUrl,
    headers: { authorization: `Bearer ${config.token}` },
    on: {
      connected: () => {
        live.textContent = '实时更新已连接';
        live.dataset.live = 'connected';
      },
    },
  });
  stream.subscribe<{ laborAlertRaised: LaborAlertCardFragment }>(
    // The registered document's hash stands in for its text, as on /graphql.
    { query: '', variables: vars, extensions: byHash(LaborAlertRaisedDocument) },
    {
      next: ({ data }) => {
        const alert = data?.laborAlertRaised;
        // A resumed stream may repeat an alert the list already shows.
        if (!alert || list.querySelector(`[data-alert-id="${CSS.escape(alert.id)}"]`)) return;
        const item = card(alert);
        item.classList.add('new');
        list.prepend(item);
        count.textContent = String(Number(count.textContent) + 1);
      },
      error: (e) => {
        live.textContent = `实时更新已断开：${e instanceof Error ? e.message : JSON.stringify(e)}`;
        live.dataset.live = 'closed';
      },
      complete: () => {
        live.textContent = '实时更新已结束';
        live.dataset.live = 'closed';
      },
    },
  );
}

const config = JSON.parse(document.getElementById('county-dashboard-config')!.textContent!) as Config;
start(config).catch((e: unknown) => {
  const root = document.getElementById('dashboard')!;
  root.dataset.state = 'failed';
  root.replaceChildren(element('p', 'error', `加载失败：${e instanceof Error ? e.message : String(e)}`));
});
