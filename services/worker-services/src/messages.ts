import { defineMessages } from '@union-graph/subgraph-kit';

/** What this subgraph says to its users, in Chinese and English (see the kit's messages.ts). */
export const text = defineMessages('worker-services', {
  // Workflows (steps of cases, alerts, disputes, contracts, titles, awards)
  unknownStep: { zh: '未知的步骤 {step}', en: 'unknown step {step}' },
  stepOutOfOrder: {
    zh: '{subjectType} 当前状态为 {status}：{step} 只能在 {from} 状态下进行',
    en: '{subjectType} is {status}: {step} must follow {from}',
  },
  needsDecision: { zh: '{step} 须给出是否通过的决定（passed）', en: '{step} needs a decision' },
  stepJustRecorded: {
    zh: '{subjectType} {subjectId} 的 {step} 刚刚已被记录',
    en: '{step} was just recorded for {subjectType} {subjectId}',
  },

  // Dates
  inFuture: { zh: '{field} 不能晚于当前时间', en: '{field} lies in the future' },
  notBefore: { zh: '{later} 不能早于 {earlier}', en: '{later} is before {earlier}' },
  mustBeAfter: { zh: '{later} 须晚于 {earlier}', en: '{later} must be after {earlier}' },
  rangeInverted: {
    zh: 'filter.to：不能早于 filter.from',
    en: 'filter.to: must not be before filter.from',
  },

  // Workers' congress
  congressMinDelegates: {
    zh: '职工代表大会代表不得少于 {min} 人',
    en: "a workers' congress has at least {min} delegates",
  },
  frontLineOverDelegates: {
    zh: '一线职工代表人数不能超过代表总数',
    en: 'more front-line delegates than delegates',
  },
  frontLineShare: {
    zh: '一线职工代表不得少于代表总数的 {percent}%',
    en: 'front-line workers must be at least {percent}% of delegates',
  },
  presentOverDelegates: {
    zh: '出席代表人数不能超过当选代表人数',
    en: 'more delegates present than elected',
  },
  noQuorumToVote: {
    zh: '出席代表未达法定人数，职代会不能表决决议',
    en: 'without a quorum the congress cannot vote resolutions',
  },
  votesOverPresent: { zh: '表决票数超过出席代表人数', en: 'more votes than delegates present' },
  noQuorumToElect: {
    zh: '该次职代会出席代表未达法定人数，不能选举',
    en: 'the congress had no quorum: it cannot elect',
  },
  sessionRecorded: {
    zh: '第 {term} 届职代会第 {session} 次会议已有记录',
    en: 'session {session} of term {term} is already recorded',
  },
  seatHeld: {
    zh: '该会员已经由本次职代会选任这一职务',
    en: 'the member already holds this seat from this congress',
  },

  // Collective contracts (R20)
  contractExpired: { zh: '该集体合同已到期', en: 'the contract has already expired' },
  contractTooLong: { zh: '集体合同期限最长为 3 年', en: 'a collective contract runs for at most 3 years' },
  renewalSameUnionKind: {
    zh: '续签的合同须与原合同属于同一工会、同一种类、同一覆盖范围',
    en: 'a renewal is of the same union, kind and coverage',
  },
  alreadyRenewed: { zh: '该集体合同已经续签', en: 'that contract has already been renewed' },
  renewOnlySigned: { zh: '只有已签订的集体合同才能续签', en: 'only a signed contract can be renewed' },
  renewalStartsAfter: {
    zh: '续签合同的生效日期须晚于原合同的生效日期',
    en: 'a renewal starts after the contract it renews',
  },
  termCovered: {
    zh: '同类集体合同 {contractId} 已覆盖这一期限',
    en: 'contract {contractId} of the same kind already covers this term',
  },
  contractJustEntered: { zh: '该集体合同刚刚已经录入', en: 'that contract was just entered' },
  expiresBeforeSigned: {
    zh: '集体合同在签订日之前已经到期',
    en: 'the contract expires before it is signed',
  },
  filedBeforeSigning: { zh: 'filedOn 不能早于签订日期', en: 'filedOn is before the signing' },

  // Sectoral and regional collective contracts (§12)
  sectoralUnionType: {
    zh: '{type} 类工会不能开展行业性、区域性集体协商（§12，应由乡镇街道、开发区或区域行业工会联合会开展）',
    en: '§12: a {type} union does not negotiate sectoral or regional contracts',
  },
  sectoralNeeds: {
    zh: '{scope} 集体合同须填写 {field}',
    en: 'a {scope} contract needs {field}',
  },
  unitContractFields: {
    zh: 'industry、area、employerSide 只用于行业性、区域性集体合同（scope 为 SECTORAL 或 REGIONAL）',
    en: 'industry, area and employerSide are for SECTORAL or REGIONAL contracts only',
  },
  notMultiUnit: {
    zh: '该集体合同不是行业性或区域性集体合同，没有覆盖单位名单',
    en: 'that contract is not sectoral or regional: it lists no covered units',
  },
  unitWithoutUnion: {
    zh: '{unit} 尚无工会覆盖，无法确定其所属区域',
    en: '{unit} is covered by no union, so its area cannot be told',
  },
  unitOutsideArea: {
    zh: '{unit} 不在 {federation} 的范围内',
    en: '{unit} is outside the area of {federation}',
  },
  unitCovered: {
    zh: '{unit} 在这一期限内已由同类行业性、区域性集体合同 {contractId} 覆盖',
    en: '{unit} is already covered by contract {contractId} of the same kind for this term',
  },
  unitListed: {
    zh: '{unit} 已在该集体合同的覆盖名单中',
    en: '{unit} is already listed on that contract',
  },
  workersCoveredPositive: {
    zh: 'workersCovered 须为正整数',
    en: 'workersCovered must be a positive integer',
  },

  // Labor-relations alerts and collective disputes (R8)
  noUpperUnion: {
    zh: '本工会没有可以报告的上级工会',
    en: 'this union has no upper union to report to',
  },
  describeEmergency: { zh: '请说明紧急处置措施', en: 'describe the emergency measures' },
  unionNotActive: { zh: '该工会的状态为 {status}，不能登记', en: 'the union is {status}' },
  disputeNoUpperUnion: {
    zh: '集体劳动争议须报告上级工会，但本工会没有上级工会',
    en: 'a dispute is reported to an upper union: none above',
  },
  noSuchAlert: { zh: '本工会没有这条劳动关系预警', en: 'no such alert of this union' },
  alertResolved: { zh: '该预警已经处置完毕', en: 'the alert has been resolved' },
  alertEscalated: {
    zh: '该预警已经转为集体劳动争议',
    en: 'the alert has already escalated to a dispute',
  },
  alertJustEscalated: {
    zh: '该预警刚刚已转为集体劳动争议',
    en: 'the alert has just escalated to a dispute',
  },

  // Hardship assistance and assistance centers (§13)
  negativeAmount: { zh: '帮扶金额不能为负数', en: 'amount cannot be negative' },
  cashNeedsAmount: { zh: '资金帮扶须填写金额', en: 'cash assistance needs an amount' },
  caseClosed: {
    zh: 'id：案件已结案，不能转送',
    en: 'id: the case is CLOSED and cannot be routed',
  },
  caseRejected: {
    zh: 'id：案件未获通过，不能转送',
    en: 'id: the case is REJECTED and cannot be routed',
  },
  centerUnionType: {
    zh: 'organizationId：帮扶中心由县级以上总工会或乡镇（街道）、开发区总工会设立，{type} 类工会不能设立',
    en: 'organizationId: assistance centers are run by federations, not by a {type} union',
  },
  centerPhone: {
    zh: 'phone：须为手机号、带区号的固定电话或 12351',
    en: 'phone: a mobile, a landline with area code, or 12351',
  },
  centerNotAbove: {
    zh: 'centerId：案件只能转送本工会或上级工会的帮扶中心',
    en: 'centerId: the center must be run by the case’s union or a union above it',
  },

  // Member benefits and purchased services
  redemptionsUsed: {
    zh: '会员 {memberId} 已用完「{program}」的全部 {limit} 次享受机会',
    en: 'member {memberId} has used all {limit} redemptions of {program}',
  },
  redeemOwnOnly: { zh: '会员只能为本人领取普惠服务', en: 'a member redeems for themselves only' },
  notYourUnion: { zh: '不是您所在的工会', en: 'not your union' },
  unionRequired: { zh: '须指明会员所在的工会', en: 'the member’s union is required' },
  noSuchProgram: {
    zh: '本工会会员没有这项普惠活动',
    en: 'no such program for members of this union',
  },
  programNotRunning: { zh: '该普惠活动不在有效期内', en: 'the program is not running' },
  programHardshipOnly: {
    zh: '该普惠活动只面向困难帮扶已获批准的会员',
    en: 'the program is for members with an approved hardship case',
  },
  providerCreditCode: {
    zh: 'providerCreditCode：不是有效的统一社会信用代码（18 位数字或大写字母，末位为校验码）',
    en: 'providerCreditCode: not a valid unified social credit code (18 digits or capital letters, the last a check character)',
  },

  // Satisfaction surveys (会员评家)
  rateOwnOnly: { zh: '会员只能以本人名义评价', en: 'a member rates for themselves only' },
  rateOwnUnion: { zh: '会员只能评价本人所在的工会', en: 'members rate the union they belong to' },
  alreadyRated: { zh: '该会员已参加过本次测评', en: 'the member has already answered this survey' },

  // Workers' Homes and model titles (R19, R11)
  homeExists: { zh: '该工会已建有职工之家', en: 'the union already has a Workers’ Home' },
  campaignRunning: {
    zh: '{level} 级模范职工之家创建已在进行中（{status}）',
    en: 'a {level}-level campaign is already {status}',
  },
  campaignJustStarted: {
    zh: '{level} 级模范职工之家创建刚刚已经开始',
    en: 'a {level}-level campaign was just started',
  },
  noFederationAbove: {
    zh: '{org} 之上没有 {level} 级总工会',
    en: 'no {level}-level federation above {org}',
  },
  employeeCountUnknown: {
    zh: '所在单位的职工人数不详，无法计算入会率',
    en: 'employee count of the host units is unknown',
  },
  joiningRateBelow: { zh: '入会率 {rate} 低于 {min}', en: 'joining rate {rate} is below {min}' },
  noSatisfactionSurvey: {
    zh: '尚无会员作答的会员评家满意度测评',
    en: 'no member satisfaction survey with responses',
  },
  satisfactionBelow: {
    zh: '会员满意率 {rate} 低于 {min}',
    en: 'member satisfaction {rate} is below {min}',
  },
  lowerTitleNotHeld: {
    zh: '尚未获得下一级（{level}）模范职工之家称号',
    en: 'the {level}-level model title is not held',
  },
  applyLowerTitle: {
    zh: '尚未获得下一级（{level}）模范职工之家称号，不能申报（R19）',
    en: 'R19: the {level}-level model title is not held',
  },
  notEligible: { zh: '不符合模范职工之家申报条件（R19）：{reasons}', en: 'R19: {reasons}' },
  certificateForged: {
    zh: 'certificate 不是 modelHomeEligibility 签发的凭证',
    en: 'certificate is not one issued by modelHomeEligibility',
  },
  certificateMismatch: {
    zh: 'certificate 是为其他工会或其他级别签发的',
    en: 'certificate was issued for another union or level',
  },
  certificateExpired: {
    zh: 'certificate 已过期，请重新查询 modelHomeEligibility',
    en: 'certificate has expired: ask modelHomeEligibility again',
  },
  titleNotHeld: {
    zh: '{org} 未获得 {level} 级模范职工之家称号（R11）',
    en: 'R11: {org} does not hold the {level}-level model Workers’ Home title',
  },

  // Competitions and awards
  notUnderOrganizer: {
    zh: '该工会不在本次劳动竞赛主办工会的范围内',
    en: 'the union is not under the organizer of this competition',
  },
  teamEntered: { zh: '该班组已经报名参赛', en: 'the team is already entered' },
  medalForMember: { zh: '五一劳动奖章授予个人，须填写 memberId', en: 'a May Day medal is for a member' },
  alreadyNominated: {
    zh: '本年度已推荐过该奖项',
    en: 'already nominated for this award this year',
  },

  // Statistics (issue #19): the labels of the breakdown's codes.
  breakdownSubject: {
    zh: '统计维度 {dimension} 不适用于 {subject}',
    en: '{dimension} is not a dimension of {subject}',
  },
  statUnknown: { zh: '未知', en: 'Unknown' },
  statusSubmitted: { zh: '已建档', en: 'Submitted' },
  statusReviewed: { zh: '基层审核通过', en: 'Reviewed by the union' },
  statusApproved: { zh: '上级审批通过', en: 'Approved by the upper union' },
  statusRejected: { zh: '未通过', en: 'Rejected' },
  statusAssisting: { zh: '帮扶中', en: 'Assistance being given' },
  statusClosed: { zh: '已结案', en: 'Closed' },
  hardshipDeep: { zh: '深度困难', en: 'Deep hardship' },
  hardshipRelative: { zh: '相对困难', en: 'Relative hardship' },
  hardshipAccidental: { zh: '意外致困', en: 'Hardship from an accident or sudden event' },
  homeStandard: { zh: '职工之家', en: "A union's own home" },
  homeJoint: { zh: '联合职工之家', en: 'Joint home of several small units' },
  homeOnline: { zh: '网上职工之家', en: 'Online home' },
  titleNational: { zh: '全国模范职工之家', en: "National model Workers' Home" },
  titleProvince: { zh: '省级模范职工之家', en: "Provincial model Workers' Home" },
  titleCity: { zh: '市级模范职工之家', en: "City model Workers' Home" },
  titleCounty: { zh: '县级模范职工之家', en: "County model Workers' Home" },
  titleNone: { zh: '无模范称号', en: 'No model title' },
  alertWageArrears: { zh: '拖欠工资', en: 'Wage arrears' },
  alertLayoffs: { zh: '裁员', en: 'Layoffs' },
  alertRestructuring: { zh: '改制重组', en: 'Restructuring' },
  alertSocialInsurance: { zh: '社会保险', en: 'Social insurance' },
  alertSafety: { zh: '安全生产', en: 'Work safety' },
  alertWorkingHours: { zh: '工时休假', en: 'Working hours and leave' },
  alertOther: { zh: '其他', en: 'Other' },
  stageWarned: { zh: '预警', en: 'Warned' },
  stageAssessed: { zh: '预判', en: 'Assessed' },
  stageReported: { zh: '预报', en: 'Reported to the upper union' },
  stageEmergency: { zh: '紧急处置', en: 'Emergency response' },
  stageResolved: { zh: '已化解', en: 'Resolved' },
  riskLow: { zh: '低风险', en: 'Low risk' },
  riskMedium: { zh: '中风险', en: 'Medium risk' },
  riskHigh: { zh: '高风险', en: 'High risk' },
  riskUnassessed: { zh: '未研判', en: 'Not assessed' },
  contractWage: { zh: '工资专项集体合同', en: 'Wage contract' },
  contractGeneral: { zh: '综合性集体合同', en: 'General collective contract' },
  contractSpecial: { zh: '专项集体合同', en: 'Special contract' },
  scopeUnit: { zh: '单一单位', en: 'One unit' },
  scopeSectoral: { zh: '行业性', en: 'Sectoral' },
  scopeRegional: { zh: '区域性', en: 'Regional' },
  contractStatusDraft: { zh: '草案', en: 'Draft' },
  contractStatusNegotiating: { zh: '协商中', en: 'Negotiating' },
  contractStatusSigned: { zh: '已签订', en: 'Signed, not yet filed' },
  contractStatusFiled: { zh: '已备案', en: 'Filed' },
  contractStatusRenewed: { zh: '已续签', en: 'Renewed' },
  contractStatusExpired: { zh: '已到期', en: 'Expired without renewal' },
  inForce: { zh: '生效中', en: 'In force' },
  notInForce: { zh: '未生效或已失效', en: 'Not in force' },
  measureAssistedAmount: { zh: '帮扶金额（分）', en: 'Assistance given (fen)' },
  measureWorkersCovered: { zh: '覆盖职工数', en: 'Workers covered' },
});

/** A key of the catalog, for tables that pick a message by a stored code. */
export type TextKey = Parameters<typeof text>[0];

/** A key whose texts take no parameters: what a table of labels by stored code holds. */
export type PlainTextKey = {
  [K in TextKey]: Parameters<typeof text<K>> extends [K] ? K : never;
}[TextKey];
