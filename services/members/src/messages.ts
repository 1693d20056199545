import { defineMessages } from '@union-graph/subgraph-kit';

/**
 * Everything the members subgraph says to a user — errors, roster problems, template and report
 * labels — in Simplified Chinese and English (see the kit's messages.ts). Enum values (statuses,
 * education, forms of work) stay as the API spells them in both languages, so a client can match
 * them against the schema.
 */
export const text = defineMessages('members', {
  // A person's details: form fields and roster cells alike.
  nameRequired: { zh: '姓名不能为空', en: 'name is required' },
  nameLength: { zh: '姓名不能超过 100 个字符', en: 'name is at most 100 characters' },
  residentIdRequired: { zh: '身份证号码不能为空', en: 'resident ID number is required' },
  residentIdFormat: {
    zh: '身份证号码须为 17 位数字加 1 位数字或 X',
    en: 'resident ID number must be 17 digits followed by a digit or X',
  },
  residentIdBirthDate: {
    zh: '身份证号码中的出生日期不存在',
    en: 'resident ID number contains an impossible birth date',
  },
  residentIdBirthRange: {
    zh: '身份证号码中的出生日期超出范围',
    en: 'resident ID number contains a birth date out of range',
  },
  residentIdCheck: {
    zh: '身份证号码校验码错误',
    en: 'resident ID number has a wrong check character',
  },
  residentIdInvalid: { zh: '身份证号码无效：{problem}', en: 'resident ID number {problem}' },
  genderMismatch: {
    zh: '性别 {gender} 与身份证号码不符',
    en: 'gender {gender} does not agree with the resident ID number',
  },
  mobileFormat: {
    zh: '手机号码须为 13–19 开头的 11 位大陆手机号码',
    en: 'mobile number must be an 11-digit mainland mobile number starting 13–19',
  },
  creditCodeLength: { zh: '统一社会信用代码须为 18 位', en: 'credit code must be 18 characters' },
  creditCodeCharacters: {
    zh: '统一社会信用代码只能包含数字和字母 A–H、J–N、P–R、T、U、W–Y',
    en: 'credit code may only contain digits and the letters A–H, J–N, P–R, T, U, W–Y',
  },
  creditCodeCheck: {
    zh: '统一社会信用代码校验码错误',
    en: 'credit code has a wrong check character',
  },
  creditCodeInvalid: { zh: '统一社会信用代码无效：{problem}', en: 'credit code {problem}' },
  educationValues: {
    zh: '文化程度须为以下之一：{values}',
    en: 'education must be one of {values}',
  },
  flexibleWorkValues: {
    zh: '就业形态须为以下之一：{values}',
    en: 'flexibleWork must be one of {values}',
  },
  ethnicityLength: { zh: '民族不能超过 20 个字符', en: 'ethnicity is at most 20 characters' },
  joinedAtFormat: {
    zh: '入会日期须为日期（YYYY-MM-DD）',
    en: 'joined date must be a date (YYYY-MM-DD)',
  },
  joinedAtFuture: { zh: '入会日期不能晚于今天', en: 'joined date is in the future' },
  joinedUnderAge: {
    zh: '入会日期早于本人年满 {age} 周岁之日',
    en: 'joined date is before the member turned {age}',
  },

  // Joining (源头入会, §8, §6, R12) and one person, one membership.
  notJoinable: {
    zh: '{field}：{union}不接收会员，职工加入正常运行的基层工会、联合基层工会、村（社区）工会、工会分会、工会小组',
    en: '{field}: {union} does not take members: they join an active union of type GRASSROOTS, JOINT_GRASSROOTS, VILLAGE_COMMUNITY, BRANCH, GROUP',
  },
  notJoinableFlexible: {
    zh: '{field}：{union}不接收会员，新就业形态和零散就业人员加入正常运行的基层工会、联合基层工会、村（社区）工会、工会分会、工会小组、区域基层工会联合会、行业基层工会联合会、乡镇（街道）总工会',
    en: '{field}: {union} does not take members: they join an active union of type GRASSROOTS, JOINT_GRASSROOTS, VILLAGE_COMMUNITY, BRANCH, GROUP, REGIONAL_FEDERATION, SECTORAL_FEDERATION, TOWNSHIP_FEDERATION',
  },
  employerElsewhere: {
    zh: '工作单位{employer}不是{union}的建会单位或覆盖单位，职工在工作单位的工会入会（源头入会，§8）',
    en: 'join at source: employer {employer} is not a unit of {union} (§8)',
  },
  fieldEmployerElsewhere: {
    zh: '{field}：工作单位{employer}不是{union}的建会单位或覆盖单位，职工在工作单位的工会入会（源头入会，§8）',
    en: '{field}: join at source: employer {employer} is not a unit of {union} (§8)',
  },
  memberOf: { zh: '此人已是{union}的会员', en: 'This person is already a member of {union}' },
  memberElsewhere: {
    zh: '此人已是您管辖范围以外另一工会的会员',
    en: 'This person is already a member of another union outside your scope',
  },
  applicationChannel: {
    zh: '入会申请须由工会办公室或网上入会平台提交',
    en: 'Applications are made through the union office or the joining portal',
  },
  applicationPending: {
    zh: '此人已有一份待审批的入会申请',
    en: 'An application for this person is already awaiting a decision',
  },
  applicationApproved: { zh: '该入会申请已被批准', en: 'The application was already approved' },
  applicationRejected: { zh: '该入会申请已被拒绝', en: 'The application was already rejected' },
  cardNotCurrent: {
    zh: '会员证只发给在册会员（当前会籍状态为 {status}）',
    en: 'A card is issued to a current member (status {status})',
  },

  // Member lists.
  ageRange: {
    zh: '{field} 须为 0 至 150 之间的整数（周岁）',
    en: '{field} must be a whole number of years between 0 and 150',
  },
  ageOrder: { zh: 'ageFrom 不能大于 ageTo', en: 'ageFrom must not exceed ageTo' },
  openedRange: {
    zh: 'filter.openedFrom：开具起始日期晚于截止日期',
    en: 'filter.openedFrom: openedFrom is after openedTo',
  },
  noMemberRecord: {
    zh: '只有有会员记录的会员才有个人信息访问记录',
    en: 'only a member with a member record has an access history',
  },

  // Records and status.
  textLength: { zh: '{field} 须为 1 至 {max} 个字符', en: '{field} must be 1–{max} characters' },
  notInFuture: { zh: '{field} 不能晚于今天', en: '{field} must not be in the future' },
  changedMeanwhile: {
    zh: '会员{memberId}的记录刚被其他操作修改，请重新提交',
    en: 'member {memberId} changed meanwhile: submit again',
  },
  memberChanged: {
    zh: '该会员的记录刚被修改：请刷新后重试',
    en: 'The member changed meanwhile: reload and retry',
  },
  statusReason: {
    zh: 'reason 不能为空，且不能超过 500 个字符',
    en: 'reason is required (at most 500 characters)',
  },
  openTransferFirst: {
    zh: '该会员有未办结的接转：请先接收、拒绝或撤销',
    en: 'The member has an open transfer: accept, reject or cancel it first',
  },
  statusTransition: {
    zh: '会员不能在此由 {from} 变更为 {to}',
    en: 'A member cannot go from {from} to {to} here',
  },
  notDueForWithdrawal: {
    zh: '只有连续 6 个月未交会费、未参加工会活动且没有记录正当理由的会员才能自动退会',
    en: 'Only a member with no dues and no activity for 6 months, without a recorded reason, is auto-withdrawn',
  },

  // Transfers (R12).
  reasonLength: { zh: 'reason 不能超过 500 个字符', en: 'reason is at most 500 characters' },
  transferOpen: { zh: '该会员已有未办结的接转', en: 'This member already has an open transfer' },
  transferToSameUnion: { zh: '接转须转往另一个工会', en: 'A transfer must go to another union' },
  transferNotActive: {
    zh: '只有正常状态的会籍才能接转（当前会籍状态为 {status}）',
    en: 'Only an active membership can be transferred (status {status})',
  },
  receivingUnionDecides: {
    zh: '只有转入工会才能决定是否接收',
    en: 'Only the receiving union decides on a transfer',
  },
  certificateMismatch: {
    zh: '接转凭证编码与本次接转不符',
    en: 'The certificate code does not match this transfer',
  },
  transferAccepted: { zh: '该接转已被接收', en: 'This transfer was already accepted' },
  transferRejected: { zh: '该接转已被拒绝', en: 'This transfer was already rejected' },
  transferCancelled: { zh: '该接转已被撤销', en: 'This transfer was already cancelled' },
  transferDecided: { zh: '该接转已有决定', en: 'This transfer was already decided' },
  transferOpenedNote: { zh: '开具接转 {transferId}', en: 'transfer {transferId} opened' },
  transferMovedNote: {
    zh: '经接转 {transferId} 转入新工会',
    en: 'transfer {transferId}: moved to the new union',
  },

  // Roster files (会员名册): the file as a whole.
  rosterColumnsMissing: {
    zh: '名册缺少必填列：{columns}（见 rosterTemplate）',
    en: 'The roster lacks required columns: {columns} (see rosterTemplate)',
  },
  rosterTooLong: { zh: '名册最多 {max} 行', en: 'A roster has at most {max} rows' },

  // Roster rows: the problems an import reports.
  rosterGender: { zh: '性别须填“男”或“女”', en: 'gender must be 男 or 女' },
  rosterMigrant: { zh: '是否农民工须填“是”或“否”', en: '是否农民工 must be 是 or 否' },
  rosterEducation: { zh: '文化程度须为以下之一：{values}', en: '文化程度 must be one of {values}' },
  rosterIdAsNumber: {
    zh: '身份证号码被存成了数字，丢失了位数：请将该列设置为文本格式',
    en: 'resident ID number is stored as a number and lost digits: format the column as text',
  },
  rosterSameId: {
    zh: '与第 {row} 行的身份证号码相同',
    en: 'the same resident ID number as row {row}',
  },
  rosterMemberOf: { zh: '已是{union}的会员', en: 'already a member of {union}' },
  rosterMemberElsewhere: {
    zh: '已是您管辖范围以外另一工会的会员',
    en: 'already a member of another union outside your scope',
  },

  // Roster template: what each column holds.
  columnName: { zh: '姓名', en: 'Name' },
  columnResidentId: {
    zh: '18 位居民身份证号码，以文本格式保存（GB 11643 校验码）',
    en: '18-character resident ID number, stored as text (GB 11643 check character)',
  },
  columnGender: { zh: '男或女；须与身份证号码一致', en: '男 or 女; must agree with the ID number' },
  columnEthnicity: { zh: '民族', en: 'Ethnicity' },
  columnMobile: { zh: '11 位大陆手机号码', en: '11-digit mainland mobile number' },
  columnEducation: { zh: '以下之一：{values}', en: 'One of {values}' },
  columnEmployer: {
    zh: '工作单位的 18 位统一社会信用代码',
    en: "Employer's 18-character unified social credit code",
  },
  columnMigrant: { zh: '是或否（默认否）', en: '是 or 否 (default 否)' },
  columnJoinedAt: {
    zh: 'YYYY-MM-DD（默认为导入当日）',
    en: 'YYYY-MM-DD (default: the import day)',
  },

  // memberStatistics group labels.
  groupUnknown: { zh: '未知', en: 'Unknown' },
  // memberBreakdown.
  breakdownDimensions: {
    zh: '统计维度须为 1 至 {max} 个且互不重复',
    en: 'group by one to {max} distinct dimensions',
  },
  breakdownTop: { zh: 'top 须为正整数', en: 'top must be a positive integer' },
  ageUnder25: { zh: '25 岁以下', en: 'Under 25' },
  age25To34: { zh: '25–34 岁', en: '25–34' },
  age35To44: { zh: '35–44 岁', en: '35–44' },
  age45To54: { zh: '45–54 岁', en: '45–54' },
  age55AndOver: { zh: '55 岁及以上', en: '55 and over' },
  statusActive: { zh: '正常', en: 'Active' },
  statusRetiredRetained: { zh: '退休保留会籍', en: 'Retired, membership retained' },
  statusTransferring: { zh: '接转中', en: 'Transferring' },
  statusWithdrawn: { zh: '已退会', en: 'Withdrawn' },
  statusAutoWithdrawn: { zh: '自动退会', en: 'Auto-withdrawn' },
  genderMale: { zh: '男', en: 'Male' },
  genderFemale: { zh: '女', en: 'Female' },
  migrantWorker: { zh: '农民工', en: 'Migrant worker' },
  notMigrantWorker: { zh: '非农民工', en: 'Not a migrant worker' },
  workCourier: { zh: '快递员', en: 'Courier' },
  workRideHailing: { zh: '网约车司机', en: 'Ride-hailing driver' },
  workFoodDelivery: { zh: '外卖送餐员', en: 'Food delivery rider' },
  workTruckDriver: { zh: '货车司机', en: 'Truck driver' },
  workOtherNewForm: { zh: '其他新就业形态劳动者', en: 'Other new form of employment' },
  workScattered: { zh: '零散就业人员', en: 'Scattered worker' },
  workFixedEmployer: { zh: '有固定用人单位', en: 'Fixed employer' },
  orgNationalFederation: { zh: '中华全国总工会', en: 'All-China Federation of Trade Unions' },
  orgLocalFederation: { zh: '地方总工会', en: 'Local federation of trade unions' },
  orgIndustrialUnion: { zh: '产业工会', en: 'Industrial union' },
  orgTownshipFederation: { zh: '乡镇（街道）总工会', en: 'Township (street) federation' },
  orgTownshipWorkCommittee: { zh: '工会工作委员会', en: 'Union work committee' },
  orgDevZoneUnion: { zh: '开发区（工业园区）工会', en: 'Development zone (industrial park) union' },
  orgRegionalFederation: { zh: '区域基层工会联合会', en: 'Regional federation of basic-level unions' },
  orgSectoralFederation: { zh: '行业基层工会联合会', en: 'Sectoral federation of basic-level unions' },
  orgGrassroots: { zh: '基层工会', en: 'Basic-level union' },
  orgJointGrassroots: { zh: '联合基层工会', en: 'Joint basic-level union' },
  orgVillageCommunity: { zh: '村（社区）工会', en: 'Village (community) union' },
  orgBranch: { zh: '工会分会', en: 'Union branch' },
  orgGroup: { zh: '工会小组', en: 'Union group' },
  // memberBreakdown: host-unit facts, dues and education (issue #19).
  ownershipState: { zh: '国有', en: 'State' },
  ownershipCollective: { zh: '集体', en: 'Collective' },
  ownershipPrivate: { zh: '私营', en: 'Private' },
  ownershipForeign: { zh: '外商及港澳台投资', en: 'Foreign, Hong Kong, Macao or Taiwan invested' },
  ownershipAgency: { zh: '机关', en: 'Government agency' },
  ownershipInstitution: { zh: '事业单位', en: 'Public institution' },
  ownershipSocial: { zh: '社会组织', en: 'Social organization' },
  sizeUnder25: { zh: '25 人以下', en: 'Under 25 employees' },
  size25To99: { zh: '25–99 人', en: '25–99 employees' },
  size100To499: { zh: '100–499 人', en: '100–499 employees' },
  size500To999: { zh: '500–999 人', en: '500–999 employees' },
  size1000AndOver: { zh: '1000 人及以上', en: '1,000 employees or more' },
  duesPaidUp: { zh: '按期交纳', en: 'Paid up' },
  duesInArrears: { zh: '欠缴（6 个月以上未交）', en: 'In arrears (none paid for 6 months)' },
  duesExempt: { zh: '免交', en: 'Exempt' },
  duesNotApplicable: { zh: '不适用（已退会）', en: 'Not applicable (withdrawn)' },
  educationPrimary: { zh: '小学', en: 'Primary school' },
  educationJuniorSecondary: { zh: '初中', en: 'Junior secondary' },
  educationSeniorSecondary: { zh: '高中', en: 'Senior secondary' },
  educationVocational: { zh: '中专（技校）', en: 'Vocational secondary' },
  educationJuniorCollege: { zh: '大专', en: 'Junior college' },
  educationBachelor: { zh: '本科', en: "Bachelor's degree" },
  educationMaster: { zh: '硕士研究生', en: "Master's degree" },
  educationDoctorate: { zh: '博士研究生', en: 'Doctorate' },
});

type TextKey = Parameters<typeof text>[0];

/** A key whose texts take no parameters: what a lookup table of fixed sentences holds. */
export type PlainTextKey = {
  [K in TextKey]: Parameters<typeof text<K>> extends [K] ? K : never;
}[TextKey];
