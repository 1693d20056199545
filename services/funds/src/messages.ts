import { defineMessages } from '@union-graph/subgraph-kit';

/**
 * What the funds subgraph tells its users, in Simplified Chinese and English (see the kit's
 * messages.ts). Enum values (books, categories, organization types, earmarks) stay as the API
 * spells them in both languages, so a client can match them against the schema.
 */
export const text = defineMessages('funds', {
  // Who keeps the books
  ownBooks: {
    zh: '{org} 自主管理本会经费；上级工会只有实行“上代下”集中核算后才能代为记账',
    en: '{org} keeps its own books; an upper union may write in them only under a centralized accounting agreement (上代下)',
  },
  notBelow: {
    zh: '{org} 不是 {upper} 的下级工会',
    en: '{org} is not below {upper} in the union tree',
  },
  agreementByUpper: {
    zh: '“上代下”协议须由上级工会自己签订',
    en: 'the agreement is entered by the upper union itself',
  },
  agreementActive: {
    zh: '{lower} 已有一份生效中的“上代下”集中核算协议',
    en: '{lower} already has an active centralized accounting agreement',
  },
  agreementEndsBeforeStart: {
    zh: '协议终止日期早于开始日期',
    en: 'endedOn is before the agreement started',
  },

  // Periods and amounts
  periodFormat: { zh: '{field} 须为 YYYY-MM 格式的月份', en: '{field} must be a month as YYYY-MM' },
  rangeOrder: { zh: '起始月份不能晚于截止月份', en: 'from must not be after to' },
  rangeTooLong: { zh: '一次最多查询十年', en: 'ask for at most ten years at a time' },
  yearRange: { zh: '年度须在 1950 至 2100 之间', en: 'year must be between 1950 and 2100' },
  positiveFen: {
    zh: '{field} 须为正整数（单位：分）',
    en: '{field} must be a positive whole number of fen',
  },

  // The ledger
  postingKeyFormat: {
    zh: 'idempotencyKey 须为 1 至 200 个字母、数字或 . : @ / _ -',
    en: 'idempotencyKey must be 1–200 letters, digits or . : @ / _ -',
  },
  lineAmount: {
    zh: '分录金额须为正整数（单位：分）',
    en: 'amounts must be positive whole numbers of fen',
  },
  twoLines: { zh: '一张凭证至少要有两条分录', en: 'a posting needs at least two lines' },
  oneSide: {
    zh: '每条分录须且只能填借方或贷方中的一项',
    en: 'each line has exactly one of debit and credit',
  },
  fundsLineCategory: { zh: 'FUNDS（经费）分录不填科目', en: 'FUNDS lines carry no category' },
  lineNeedsCategory: { zh: '{book} 分录须填科目', en: '{book} lines need a category' },
  wrongBook: { zh: '{category} 不是 {book} 的科目', en: '{category} is not a category of {book}' },
  earmarkOnFundsOnly: {
    zh: '只有 FUNDS（经费）分录可以标明专项',
    en: 'only FUNDS lines carry an earmark',
  },
  unbalanced: {
    zh: '{org} 的借方与贷方相差 {diff} 分',
    en: 'debits and credits of {org} differ by {diff} fen',
  },
  postingTooLarge: {
    zh: '凭证金额超出可精确记录的最大金额',
    en: 'the posting exceeds the largest exact amount',
  },
  booksClosed: {
    zh: '{org} 的账目已结账至 {period}；请记入以后的期间，或在以后的期间冲销',
    en: "{org}'s books are closed through {period}; post in a later period or reverse there",
  },
  alreadyClosed: {
    zh: '账目已结账至 {period}',
    en: 'the books are already closed through {period}',
  },
  reversalOfReversal: {
    zh: '冲销凭证不能再冲销；请另行记账',
    en: 'a reversal is not reversed again; post a new entry instead',
  },
  finalAccountRace: {
    zh: '决算正在同时审批，请稍后重试',
    en: 'final accounts are being approved concurrently',
  },

  // Earmarks (R9)
  earmarkRecipient: {
    zh: '标明 {earmark} 专项的资金只能拨给乡镇（街道）工会；{org} 的类型是 {type}',
    en: 'money earmarked {earmark} may only go to township/street unions; {org} is {type}',
  },
  earmarkHolder: {
    zh: '专项资金只能由乡镇（街道）工会持有；{org} 的类型是 {type}',
    en: 'earmarked money can only be held by township/street unions; {org} is {type}',
  },
  rightsFundHolder: {
    zh: '工会干部权益保障金只能由乡镇（街道）及以上工会设立；{org} 的类型是 {type}',
    en: 'only unions above the grassroots keep a cadre rights-protection fund; {org} is {type}',
  },
  earmarkPassedOn: {
    zh: '专项资金只能由乡镇（街道）工会自己支出，不能再往下拨',
    en: 'earmarked money can only be spent by the township/street union itself',
  },
  earmarkNotHeld: {
    zh: '只有乡镇（街道）工会持有专项资金',
    en: 'only township/street unions hold earmarked money',
  },
  earmarkShort: {
    zh: '持有的专项资金只有 {held} 分',
    en: 'only {held} fen of earmarked money is held',
  },
  nationalEarmark: {
    zh: '全总的补助计划须安排不低于 {percent}% 的专项资金用于乡镇（街道）工会（R9）；本计划专项 {earmarked} 分，补助总额 {total} 分',
    en: 'a national subsidy plan earmarks at least {percent}% for township/street unions (R9); this one earmarks {earmarked} of {total} fen',
  },

  // Transfers, subsidies and spending
  transferKind: {
    zh: 'kind 须为 TRANSFER（转移支付）或 SUBSIDY（补助）',
    en: 'kind must be TRANSFER or SUBSIDY',
  },
  notSpending: { zh: '{category} 不是支出科目', en: '{category} is not a spending category' },
  lowerViaTransfer: {
    zh: '拨给下级工会的经费须通过 transferFunds 办理',
    en: 'money for lower unions goes through transferFunds',
  },
  planNeedsRecipient: {
    zh: '补助计划至少要有一个受补助单位',
    en: 'a plan needs at least one recipient',
  },
  recipientOnce: { zh: '每个受补助单位只能出现一次', en: 'each recipient appears once' },
  planTooLarge: {
    zh: '补助计划总额超出可精确记录的最大金额',
    en: 'the plan exceeds the largest exact amount',
  },

  // Payroll allocations (R13) and dues (R16)
  unitNameRequired: { zh: '请填写拨缴单位名称', en: 'unitName is required' },
  unitCreditCode: {
    zh: '拨缴单位的统一社会信用代码无效：须为 18 位数字或大写字母（不含 I、O、S、V、Z），末位为校验码',
    en: 'unitCreditCode is not a valid unified social credit code: 18 digits or capital letters (no I, O, S, V, Z), the last a check character',
  },
  preparatoryAtGrassroots: {
    zh: '建会筹备金由上级工会收取，基层工会不能收取',
    en: 'a preparatory fund is held by an upper union, not a grassroots one',
  },
  memberIdRequired: { zh: '请填写会员编号', en: 'memberId is required' },
  wageTooSmall: {
    zh: '工资过低，应交会费不足一分',
    en: 'the wage is too small to owe a fen of dues',
  },

  // Budgets and audits
  categoryOnce: { zh: '每个科目只能出现一次', en: 'each category appears once' },
  budgetAmount: {
    zh: '预算金额须为不小于零的整数（单位：分）',
    en: 'amounts are whole fen, not negative',
  },
  budgetTooLarge: {
    zh: '预算总额超出可精确记录的最大金额',
    en: 'the budget exceeds the largest exact amount',
  },
  auditorAbove: {
    zh: '审查须由本工会或上级工会的经费审查委员会进行',
    en: 'the audit committee is the union’s own or an upper union’s',
  },
  auditPeriodOrder: {
    zh: '审查期间的起始月份晚于截止月份',
    en: 'periodFrom is after periodTo',
  },
  conclusionRequired: { zh: '请填写审查结论', en: 'conclusion is required' },
  findingDescription: { zh: '请说明审查发现的问题', en: 'describe the finding' },
  findingAmount: { zh: '问题金额不能为负数', en: 'amounts are not negative' },
});

/** 统计 The codes and measures of funds' breakdowns (docs/statistics.md). */
export const statisticsLabel = defineMessages('funds.statistics', {
  INCOME: { zh: '收入', en: 'Income' },
  EXPENSE: { zh: '支出', en: 'Expenditure' },
  PAYROLL_ALLOCATION: { zh: '拨缴经费收入', en: 'Payroll allocation' },
  PREPARATORY_FUND: { zh: '建会筹备金收入', en: 'Preparatory fund' },
  DUES: { zh: '会费收入', en: 'Member dues' },
  SUBSIDY_FROM_UPPER: { zh: '上级补助收入', en: 'Subsidies from upper unions' },
  GOVERNMENT_SUBSIDY: { zh: '政府补助收入', en: 'Government subsidies' },
  OTHER_INCOME: { zh: '其他收入', en: 'Other income' },
  WORKER_ACTIVITIES: { zh: '职工活动支出', en: 'Worker activities' },
  WORKER_SERVICES: { zh: '职工服务支出', en: 'Worker services' },
  RIGHTS_PROTECTION: { zh: '维权支出', en: 'Rights protection' },
  OPERATIONS: { zh: '业务支出', en: 'Operations' },
  CAPITAL: { zh: '资本性支出', en: 'Capital' },
  SUBSIDY_TO_LOWER: { zh: '补助下级支出', en: 'Subsidies to lower unions' },
  OTHER_EXPENSE: { zh: '其他支出', en: 'Other expenditure' },
  NATIONAL: { zh: '全国总工会', en: 'National' },
  PROVINCE: { zh: '省级', en: 'Province' },
  CITY: { zh: '市级', en: 'City' },
  COUNTY: { zh: '县级', en: 'County' },
  TOWNSHIP: { zh: '乡镇（街道）', en: 'Township or street' },
  GRASSROOTS: { zh: '基层', en: 'Grassroots' },
  unknown: { zh: '未知', en: 'Unknown' },
  AMOUNT_FEN_SUM: { zh: '金额合计（分）', en: 'Amount (fen)' },
  AMOUNT_FEN_AVERAGE: { zh: '平均金额（分）', en: 'Average amount (fen)' },
  INCOME_FEN_SUM: { zh: '收入合计（分）', en: 'Income (fen)' },
  EXPENSE_FEN_SUM: { zh: '支出合计（分）', en: 'Expenditure (fen)' },
  FUNDER_LEVEL_NONE: { zh: '非补助', en: 'No subsidy or transfer' },
  EARMARK_TOWNSHIP: { zh: '乡镇（街道）工会专项', en: 'Township earmark' },
  EARMARK_CADRE_RIGHTS: { zh: '工会干部权益保障金', en: 'Cadre rights-protection fund' },
  EARMARK_NONE: { zh: '非专项', en: 'Not earmarked' },
  ALLOCATION_STATE_IN_FULL: { zh: '足额拨缴', en: 'Received in full' },
  ALLOCATION_STATE_SHORT: { zh: '欠缴', en: 'Short of due' },
  ALLOCATION_STATE_NONE: { zh: '非拨缴经费', en: 'No payroll allocation' },
  TOWNSHIP_EARMARK_RATE: {
    zh: '乡镇（街道）专项占补助金额比例',
    en: 'Township earmark share of subsidies (fen)',
  },
  ALLOCATION_DUE_FEN_SUM: { zh: '应拨缴（分）', en: 'Allocations due (fen)' },
  ALLOCATION_RECEIVED_FEN_SUM: { zh: '实拨缴（分）', en: 'Allocations received (fen)' },
  ALLOCATION_SHORTFALL_FEN_SUM: { zh: '欠缴（分）', en: 'Allocation shortfall (fen)' },
});
