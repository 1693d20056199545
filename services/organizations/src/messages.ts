import { defineMessages } from '@union-graph/subgraph-kit';

/**
 * What the organizations subgraph tells its users, in Simplified Chinese and English (see the kit's
 * messages.ts). Enum values in messages (types, levels, statuses) stay as the API spells them, so a
 * client can match them against the schema; reports that name a value use the labels below.
 */
export const text = defineMessages('organizations', {
  // The tree
  notOpen: { zh: '{name}不在正常状态（{status}）', en: '{name} is {status}' },
  nameBlank: { zh: '名称不能为空', en: 'name cannot be blank' },
  treeBeingMoved: {
    zh: '组织树的这一部分正在迁移，请先完成迁移',
    en: 'this part of the tree is being moved; finish the move first',
  },
  nationalExists: {
    zh: '组织树已有中华全国总工会',
    en: 'the tree already has its national federation',
  },
  newStatus: {
    zh: '新建组织的状态只能是筹建中（PREPARING）或正常（ACTIVE）',
    en: 'a new organization is PREPARING or ACTIVE',
  },
  statusChange: {
    zh: '此处只能由筹建中（PREPARING）转为正常（ACTIVE）；合并或撤销请用 mergeOrganization 或 dissolveOrganization',
    en: 'only PREPARING → ACTIVE here; use mergeOrganization or dissolveOrganization',
  },
  nationalNotClosable: {
    zh: '中华全国总工会不能合并或撤销',
    en: 'the national federation cannot be closed',
  },
  openChildren: {
    zh: '请先迁移、合并或撤销其下 {count} 个在册的下级组织',
    en: 'move, merge or dissolve its {count} open sub-organizations first',
  },
  mergeIntoSubtree: {
    zh: '工会不能并入自身或其下级组织',
    en: 'a union cannot merge into itself or its own subtree',
  },
  mergeType: { zh: '{type} 不能并入 {intoType}', en: 'a {type} cannot merge into a {intoType}' },
  selfAssessment: {
    zh: '工会不能考核或评议自身',
    en: 'a union cannot assess or review itself',
  },
  unknownType: { zh: '未知的组织类型 {type}', en: 'unknown organization type {type}' },
  needsParent: { zh: '{type} 须有上级组织', en: 'a {type} needs a parent' },
  placement: { zh: '{type} 不能设在 {parent} 之下', en: 'a {type} cannot sit under a {parent}' },
  parentNotOpen: { zh: '上级组织不在正常状态（{status}）', en: 'the parent is {status}' },

  // Moves
  moveInProgress: {
    zh: '另一项迁移尚未完成；请重新执行该迁移，先将其完成',
    en: 'another move is in progress; re-run it to finish it first',
  },
  moveJustStarted: {
    zh: '另一项迁移刚刚开始，请待其完成后重试',
    en: 'another move started just now; try again when it is done',
  },
  nationalCannotMove: { zh: '中华全国总工会不能迁移', en: 'the national federation cannot move' },
  moveUnderSubtree: {
    zh: '组织不能迁移到自身或其下级组织之下',
    en: 'an organization cannot move under itself or its own subtree',
  },
  alreadyUnderParent: {
    zh: '该组织已在此上级组织之下',
    en: 'the organization is already under that parent',
  },
  levelWouldChange: {
    zh: '迁移到该上级组织之下，其层级将由 {from} 变为 {to}',
    en: 'under that parent its level would change from {from} to {to}',
  },

  // Divisions, credit codes, counts
  divisionUnknown: {
    zh: '{code} 不是 GB/T 2260 行政区划代码',
    en: '{code} is not a GB/T 2260 division code',
  },
  nationalDivision: {
    zh: '中华全国总工会的行政区划代码为 {code}',
    en: "the national federation's division is {code}",
  },
  divisionLevel: {
    zh: '{level} 级地方总工会须对应 {level} 级行政区划，不能是 {divisionLevel} 级',
    en: 'a {level} federation needs a {level} division, not {divisionLevel}',
  },
  creditCodeLength: { zh: '统一社会信用代码须为 18 位', en: 'credit code must be 18 characters' },
  creditCodeCharacters: {
    zh: '统一社会信用代码只能包含数字和字母 A–H、J–N、P–R、T、U、W–Y',
    en: 'credit code may only contain digits and the letters A–H, J–N, P–R, T, U, W–Y',
  },
  creditCodeCheck: { zh: '统一社会信用代码校验位错误', en: 'credit code has a wrong check character' },
  unionCreditPrefix: {
    zh: '工会的统一社会信用代码以 {prefix} 开头',
    en: "a union's credit code starts with {prefix}",
  },
  wholeNumber: { zh: '{field} 须为不小于 0 的整数', en: '{field} must be a whole number ≥ 0' },
  partExceedsTotal: { zh: '{part} 不能大于 {total}', en: '{part} cannot exceed {total}' },

  // Host units and coverage (R1, R2)
  hostUnitRegistered: {
    zh: '统一社会信用代码为 {creditCode} 的单位已登记',
    en: 'a host unit with credit code {creditCode} is registered',
  },
  notCovering: { zh: '该工会并未覆盖此单位', en: 'the union does not cover this unit' },
  industryUnknown: {
    zh: '{code} 不是 GB/T 4754-2017 行业大类代码（两位数字，01–97）',
    en: '{code} is not a GB/T 4754-2017 division code (two digits, 01–97)',
  },
  industrySectionUnknown: {
    zh: '{code} 不是 GB/T 4754-2017 行业门类代码（A–T）',
    en: '{code} is not a GB/T 4754-2017 section (A–T)',
  },
  ownershipOfKind: {
    zh: '{kind} 单位的经济类型只能是 {allowed}',
    en: 'a {kind} unit is owned {allowed}',
  },
  // Host-unit files (importHostUnits): the file as a whole, then its rows.
  unitSheetColumnsMissing: {
    zh: '单位名录缺少必填列：{columns}（见 hostUnitImportTemplate）',
    en: 'The unit list lacks required columns: {columns} (see hostUnitImportTemplate)',
  },
  unitSheetTooLong: { zh: '单位名录最多 {max} 行', en: 'A unit list has at most {max} rows' },
  cellBlank: { zh: '必填项不能为空', en: 'required, cannot be blank' },
  cellTooLong: { zh: '最多 {max} 个字符', en: 'at most {max} characters' },
  unitKindUnknown: { zh: '单位类型须为以下之一：{values}', en: '单位类型 must be one of {values}' },
  ownershipUnknown: { zh: '经济类型须为以下之一：{values}', en: '经济类型 must be one of {values}' },
  industrySectionOnly: {
    zh: '{code} 只是行业门类，须填写行业大类代码（两位数字，可带门类字母，如 C13）',
    en: '{code} is only a section: give the division (two digits, optionally after the letter, e.g. C13)',
  },
  unitCodeAsNumber: {
    zh: '统一社会信用代码被存成了数字，丢失了位数：请将该列设置为文本格式',
    en: 'the credit code is stored as a number and lost digits: format the column as text',
  },
  unitSameCode: { zh: '与第 {row} 行的统一社会信用代码相同', en: 'the same credit code as row {row}' },
  unitHeldBy: { zh: '该单位已由{union}登记', en: 'the unit is registered by {union}' },
  unitHeldElsewhere: {
    zh: '该单位已由您管辖范围以外的工会登记',
    en: 'the unit is registered by a union outside your scope',
  },
  // Host-unit template: what each column holds.
  unitColumnCreditCode: {
    zh: '18 位统一社会信用代码（GB 32100 校验码），以文本格式保存；同一代码的单位已在本工会登记的，更新其行业、经济类型、类型和人数',
    en: '18-character unified social credit code (GB 32100 check character), stored as text; a unit this union already registered gets its industry, ownership, kind and counts updated',
  },
  unitColumnName: { zh: '单位全称（已登记单位不改名）', en: 'Full name (a registered unit keeps its name)' },
  unitColumnKind: { zh: '以下之一：{values}', en: 'One of {values}' },
  unitColumnDivision: {
    zh: '6 位行政区划代码（GB/T 2260；已登记单位不变）',
    en: '6-digit GB/T 2260 division code (a registered unit keeps its own)',
  },
  unitColumnLocality: { zh: '乡镇、街道或园区（可空）', en: 'Township, street or park (optional)' },
  unitColumnIndustry: {
    zh: 'GB/T 4754-2017 行业大类代码，两位数字，可带门类字母或写到中类、小类（13、C13、C1311）；可空',
    en: 'GB/T 4754-2017 division, two digits, optionally with the section letter or down to group or class (13, C13, C1311); optional',
  },
  unitColumnOwnership: {
    zh: '以下之一：{values}；可空（按单位类型取通常的经济类型）',
    en: 'One of {values}; optional (the usual one of the kind)',
  },
  unitColumnEmployees: { zh: '不小于 0 的整数', en: 'A whole number ≥ 0' },
  unitColumnFemale: {
    zh: '不小于 0 的整数，不大于职工人数',
    en: 'A whole number ≥ 0, at most the employees',
  },
  coversNoUnits: { zh: '{type} 不覆盖所在单位', en: 'a {type} does not cover host units' },
  unionNotOpen: { zh: '该工会不在正常状态（{status}）', en: 'the union is {status}' },
  unitCovered: {
    zh: '该单位已由其他工会覆盖',
    en: 'the unit is already covered by another union',
  },
  oneUnit: { zh: '基层工会只覆盖一个所在单位', en: 'a grassroots union covers one host unit' },
  jointCapacity: {
    zh: '联合基层工会最多覆盖 {capacity} 个单位（R2）',
    en: 'a joint grassroots union covers at most {capacity} units (R2)',
  },
  concurrentChange: {
    zh: '该工会刚被同时修改，请重试',
    en: 'the union changed concurrently; try again',
  },
  transferCapacity: {
    zh: '{type} {id} 还能接收 {free} 个单位，不能接收 {moving} 个',
    en: '{type} {id} can take {free} more units, not {moving}',
  },

  // Committees (R14, R15, R18)
  committeeTerm: { zh: '委员会任期为3年或5年（R15）', en: 'a committee term is 3 or 5 years (R15)' },
  seats: { zh: '委员名额须为不小于 1 的整数', en: 'seats must be a whole number ≥ 1' },
  womenWorkersMember: {
    zh: '女职工委员是工会委员会的委员（R14）',
    en: 'a women-workers member sits on the union committee (R14)',
  },
  committeeSize: {
    zh: '会员 {members} 人的工会，工会委员会应有委员 {min}–{max} 名（R18）',
    en: 'for {members} members a union committee has {min}–{max} seats (R18)',
  },
  committeeSizeOdd: {
    zh: '会员 {members} 人的工会，工会委员会应有委员 {min}–{max} 名且为单数（R18）',
    en: 'for {members} members a union committee has {min}–{max} (odd) seats (R18)',
  },
  auditWithUnionCommittee: {
    zh: '经费审查委员会应与工会委员会同时选举、任期相同（R15）',
    en: 'the funds audit committee is elected with the union committee, for the same term (R15)',
  },

  // Records: six haves (R5), annual reviews (R10), disclosure, assemblies, liaison (§17, §18)
  blank: { zh: '{field}：不能为空', en: '{field}: cannot be blank' },
  future: { zh: '{field}：不能晚于今天', en: '{field}: is in the future' },
  sixHavesGrassroots: {
    zh: '“六有”评估的对象是基层工会',
    en: 'the six haves assess grassroots unions',
  },
  assessmentYear: { zh: '年度须为往年或本年', en: 'year is a past or the current year' },
  assessmentYearsGrouped: {
    zh: '多个评估年度须按 ASSESSMENT_YEAR 分组统计',
    en: 'several assessment years need ASSESSMENT_YEAR in groupBy',
  },
  sixHavesItems: {
    zh: 'items 须包含六项标准各一次：{criteria}',
    en: 'items hold each of the six criteria once: {criteria}',
  },
  reviewerAbove: {
    zh: '评议方须为被评议工会的上级工会',
    en: 'the reviewer is an upper union of the reviewed one',
  },
  liaisonGrassroots: {
    zh: '联系点应为在册的基层工会',
    en: 'A liaison point is an open grassroots union',
  },
  liaisonUpper: {
    zh: '须为联系点工会的上级工会',
    en: 'The upper union is above the liaison point',
  },
  liaisonContact: {
    zh: '联系干部与联系人须且只能填一项',
    en: 'Give a cadre or a staff name, one of them',
  },
  liaisonExists: {
    zh: '该上级工会已在此工会设立联系点',
    en: 'The upper union already has a liaison point here',
  },
  visitBeforePoint: {
    zh: '走访日期早于联系点设立日期',
    en: 'The visit predates the liaison point',
  },
  eligible: { zh: '应到人数应为正整数', en: 'eligible is a whole number ≥ 1' },
  present: { zh: '实到人数应在0至应到人数之间', en: 'present is between 0 and eligible' },
  meetingRecorded: { zh: '当日已记录该会议', en: 'That session is already recorded' },
  delegateTerm: {
    zh: '会员代表任期为3年或5年（R15）',
    en: 'A delegate serves 3 or 5 years (R15)',
  },
  notQuorate: {
    zh: '出席不足应到人数三分之二的会议不能选举',
    en: 'A session with under two thirds present elects no one',
  },
  alreadyDelegate: {
    zh: '该会员本届已当选会员代表',
    en: 'The member is already a delegate of this term',
  },
  contactOutsideTerm: { zh: '联系日期不在代表任期内', en: 'The contact is outside the term' },
  membersReached: { zh: '联系会员数应为正整数', en: 'membersReached is a whole number ≥ 1' },

  // Conversion of township work committees (§5)
  onlyWorkCommittee: {
    zh: '只有工会工作委员会可转建为乡镇（街道）总工会（§5）',
    en: 'Only a township union work committee converts (§5)',
  },
  conversionBeforeCommittee: {
    zh: '转建日期早于工会工作委员会成立日期',
    en: 'The conversion predates the committee',
  },
  decisionNumber: {
    zh: '批准文号应形如“X工发〔2016〕12号”',
    en: 'The decision number reads like X工发〔2016〕12号',
  },
  decisionAfterConversion: {
    zh: '批准文号的年份晚于转建日期',
    en: 'The decision is dated after the conversion',
  },
  newName: { zh: '请给出总工会的新名称', en: 'Give the federation its new name' },
  alreadyConverted: { zh: '该组织已转建', en: 'The organization is already converted' },
});

/** 组织类型 The organization types' names, for reports counting by type (the schema's OrgType). */
export const typeLabel = defineMessages('organizations.type', {
  NATIONAL_FEDERATION: { zh: '中华全国总工会', en: 'All-China Federation of Trade Unions' },
  LOCAL_FEDERATION: { zh: '地方总工会', en: 'Local federation' },
  INDUSTRIAL_UNION: { zh: '产业工会', en: 'Industrial union' },
  TOWNSHIP_FEDERATION: { zh: '乡镇（街道）总工会', en: 'Township or street federation' },
  TOWNSHIP_WORK_COMMITTEE: { zh: '工会工作委员会', en: 'Township union work committee' },
  DEV_ZONE_UNION: { zh: '开发区（工业园区）工会', en: 'Development zone or industrial park union' },
  REGIONAL_FEDERATION: { zh: '区域基层工会联合会', en: 'Regional federation of grassroots unions' },
  SECTORAL_FEDERATION: { zh: '行业基层工会联合会', en: 'Sectoral federation of grassroots unions' },
  GRASSROOTS: { zh: '基层工会', en: 'Grassroots union' },
  JOINT_GRASSROOTS: { zh: '联合基层工会', en: 'Joint grassroots union' },
  VILLAGE_COMMUNITY: { zh: '村（社区）工会', en: 'Village or community union' },
  BRANCH: { zh: '工会分会', en: 'Union branch' },
  GROUP: { zh: '工会小组', en: 'Union group' },
});

/** 层级 The levels' names (the schema's OrgLevel). */
export const levelLabel = defineMessages('organizations.level', {
  NATIONAL: { zh: '全国', en: 'National' },
  PROVINCE: { zh: '省级', en: 'Province' },
  CITY: { zh: '市级', en: 'City' },
  COUNTY: { zh: '县级', en: 'County' },
  TOWNSHIP: { zh: '乡镇（街道）', en: 'Township or street' },
  GRASSROOTS: { zh: '基层', en: 'Grassroots' },
});

/** 组织状态 The statuses' names (the schema's OrgStatus). */
export const statusLabel = defineMessages('organizations.status', {
  PREPARING: { zh: '筹建中', en: 'Being prepared' },
  ACTIVE: { zh: '正常', en: 'Active' },
  MERGED: { zh: '已合并', en: 'Merged' },
  DISSOLVED: { zh: '已撤销', en: 'Dissolved' },
});

/** 统计 The codes and measures of organizations' breakdowns (docs/statistics.md). */
export const statisticsLabel = defineMessages('organizations.statistics', {
  MET: { zh: '达标', en: 'Met' },
  NOT_MET: { zh: '未达标', en: 'Not met' },
  NOT_ASSESSED: { zh: '未考核', en: 'Not assessed' },
  COMPLIANT: { zh: '“六有”全部达标', en: 'Meets all six haves' },
  NOT_COMPLIANT: { zh: '“六有”未全部达标', en: 'Misses some of the six haves' },
  OWN_UNIT: { zh: '单独建会（覆盖本单位）', en: 'Covers its own host unit' },
  JOINT: { zh: '联合建会（覆盖多个单位）', en: 'Covers units jointly' },
  NO_UNIT: { zh: '未覆盖单位', en: 'Covers no host unit' },
  IN_TERM: { zh: '委员会在任期内', en: 'Committee in term' },
  EXPIRED: { zh: '委员会届期已满', en: 'Committee term expired' },
  NO_COMMITTEE: { zh: '未建委员会', en: 'No committee' },
  PASSED: { zh: '最近考核评议合格', en: 'Latest annual review passed' },
  FAILED: { zh: '最近考核评议不合格', en: 'Latest annual review failed' },
  NOT_REVIEWED: { zh: '未经考核评议', en: 'Never reviewed' },
  unknown: { zh: '未知', en: 'Unknown' },
  MEMBERS_SUM: { zh: '会员人数合计', en: 'Members (registry)' },
  SIX_HAVES_RATE: { zh: '“六有”达标率', en: 'Six-haves compliance rate' },
  year: { zh: '{year}年度', en: '{year}' },
  LATEST: { zh: '最近一次评估', en: 'Latest assessment' },
  AGREES: { zh: '评估与事实相符', en: 'Marks agree with the records' },
  DISAGREES: { zh: '评估与事实不符', en: 'Marks contradict the records' },
  DISAGREEMENT_RATE: { zh: '评估与事实不符率', en: 'Assessments contradicting the records' },
  ELECTED_CHAIR_DISAGREEMENT_RATE: {
    zh: '“有依法选举的工会主席”不符率',
    en: 'Elected chair: marks contradicting the records',
  },
  SOUND_STRUCTURE_DISAGREEMENT_RATE: {
    zh: '“有独立健全的组织机构”不符率',
    en: 'Sound structure: marks contradicting the records',
  },
  SERVICE_CARRIERS_DISAGREEMENT_RATE: {
    zh: '“有服务职工的活动载体”不符率',
    en: 'Service carriers: marks contradicting the records',
  },
  SOUND_SYSTEMS_DISAGREEMENT_RATE: {
    zh: '“有健全完善的制度机制”不符率',
    en: 'Sound systems: marks contradicting the records',
  },
  SELF_MANAGED_FUNDS_DISAGREEMENT_RATE: {
    zh: '“有自主管理的工会经费”不符率',
    en: 'Self-managed funds: marks contradicting the records',
  },
  MEMBER_SATISFACTION_DISAGREEMENT_RATE: {
    zh: '“有会员满意的工作绩效”不符率',
    en: 'Member satisfaction: marks contradicting the records',
  },
});
