import { defineMessages } from '@union-graph/subgraph-kit';

/** Everything the cadres subgraph says to a user, in Chinese and English (see the kit's messages.ts). */
export const text = defineMessages('cadres', {
  // Shared by several inputs: `field` is the argument's name as the client wrote it.
  empty: { zh: '{field} 不能为空', en: '{field} is empty' },
  positive: { zh: '{field} 须大于 0', en: '{field} must be positive' },
  inFuture: { zh: '{field} 不能晚于今天', en: '{field} is in the future' },
  notAfter: { zh: '{field} 须晚于 {start}', en: '{field} must be after {start}' },

  // Positions and terms.
  holdsOverlapping: {
    zh: '会员 {memberId} 在重叠的任期内已担任 {position} 职务',
    en: 'Member {memberId} already holds {position} in an overlapping term',
  },
  anotherChair: {
    zh: '工会 {orgId} 在该期间已有主席：请先结束其任期',
    en: 'Union {orgId} has another chair in that period: end that term first',
  },
  chairRace: {
    zh: '该工会已有另一位主席同时就任',
    en: 'Another chair took office in this union meanwhile',
  },
  termEnded: { zh: '干部 {cadreId} 的任期已经结束', en: 'The term of cadre {cadreId} has already ended' },
  endSucceeded: { zh: '任期届满，由继任主席接任', en: 'Succeeded by the next chair' },
  endReassigned: { zh: '改派到其他工会', en: 'Reassigned to another union' },
  endExited: { zh: '社会化工会工作者退出', en: 'The contract worker exited' },

  // Elections (R17).
  unionDissolved: { zh: '工会 {orgId} 已撤销', en: 'Union {orgId} is dissolved' },
  unionMerged: { zh: '工会 {orgId} 已合并', en: 'Union {orgId} is merged' },
  termYears: { zh: 'termYears 须为 3 或 5（每届任期三年或五年）', en: 'termYears must be 3 or 5' },
  noCandidates: { zh: '选举须有候选人', en: 'An election needs candidates' },
  candidateIsExecutive: {
    zh: '{memberId} 是用人单位的高级管理人员，不能作为候选人（R17）',
    en: 'Candidate {memberId} cannot stand (employerExecutive)',
  },
  candidateIsExecutiveRelative: {
    zh: '{memberId} 是用人单位高级管理人员的近亲属，不能作为候选人（R17）',
    en: 'Candidate {memberId} cannot stand (executiveCloseRelative)',
  },
  candidateIsHrHead: {
    zh: '{memberId} 是用人单位人力资源部门负责人，不能作为候选人（R17）',
    en: 'Candidate {memberId} cannot stand (hrHead)',
  },
  publicity: {
    zh: '候选人须在选举前至少公示 {required} 天（实际公示 {days} 天）',
    en: 'Candidates are publicized at least {required} days before the vote (got {days})',
  },
  candidateTwice: {
    zh: '会员 {memberId} 作为 {position} 候选人重复列出',
    en: '{memberId}:{position} is listed twice',
  },
  eligibleVoters: { zh: 'eligibleVoters 至少为 1', en: 'eligibleVoters must be at least 1' },
  presentVoters: {
    zh: 'presentVoters 须在 0 至 eligibleVoters 之间',
    en: 'presentVoters must be between 0 and eligibleVoters',
  },
  quorum: {
    zh: '到会人数须达到应到会 {eligible} 人的三分之二（实到 {present} 人）',
    en: 'At least two thirds of the {eligible} eligible voters must be present (got {present})',
  },
  noSuchCandidate: {
    zh: '本次选举没有候选人 {candidateId}',
    en: 'No candidate {candidateId} in this election',
  },
  talliedTwice: { zh: '同一候选人的得票重复填报', en: 'A candidate is tallied twice' },
  votes: { zh: 'votes 须在 0 至 presentVoters 之间', en: 'votes must be between 0 and presentVoters' },
  majority: {
    zh: '当选须获得应到会 {eligible} 人的过半数选票（实得 {votes} 票）',
    en: 'A winner needs more than half of all {eligible} eligible voters (got {votes})',
  },
  onlyOneElected: { zh: '{position} 职务只能当选一人', en: 'Only one {position} can be elected' },
  resultRecorded: {
    zh: '选举 {electionId} 的结果已经登记',
    en: 'The result of election {electionId} is already recorded',
  },

  // Contract-change filings (R7).
  filingChairOnly: { zh: '劳动合同变更备案只适用于工会主席（R7）', en: 'R7 filings are for union chairs' },
  noUpperUnion: { zh: '该工会没有可备案的上级工会', en: 'The union has no upper union to file with' },
  filingLate: {
    zh: '劳动合同变更须在生效日之前向上级工会备案；如需登记逾期备案，请填写 lateReason 说明原因',
    en: 'A contract change is filed before its effective date; to record a late filing give lateReason',
  },
  filingRange: { zh: 'filter.to：不能早于 filter.from', en: 'filter.to: must not be before filter.from' },

  // Contract union workers: 选聘→使用→履职→考核→退出.
  workerExited: { zh: '该社会化工会工作者已退出', en: 'The worker has exited' },
  stepBackdated: {
    zh: '该环节的日期早于已登记的上一环节',
    en: 'The step predates the last recorded step',
  },
  assignOutsideSubtree: {
    zh: '社会化工会工作者只能派驻到选聘工会或其下级工会',
    en: "A worker serves within the recruiting union's subtree",
  },
  chairElected: { zh: '工会主席须经选举产生，不能派驻', en: 'A chair is elected, not assigned' },
  workerNotAssigned: {
    zh: '该社会化工会工作者尚未派驻到工会',
    en: 'The worker is not assigned to a union',
  },
  workerNotServed: { zh: '该社会化工会工作者尚未派驻履职', en: 'The worker has not served yet' },
  assessmentYear: {
    zh: 'year 须在选聘年份与考核日期所在年份之间',
    en: 'year must lie between recruitment and the assessment day',
  },
  recruitRecorded: { zh: '该工作者的选聘已经登记', en: 'This recruit step is already recorded' },
  assignRecorded: { zh: '这次使用（派驻）已经登记', en: 'This assign step is already recorded' },
  dutyRecorded: { zh: '这条履职记录已经登记', en: 'This duty step is already recorded' },
  assessmentRecorded: { zh: '该年度的考核已经登记', en: 'This assessment step is already recorded' },
  exitRecorded: { zh: '该工作者的退出已经登记', en: 'This exit step is already recorded' },

  // Subsidies and rights protection (§16).
  subsidyPartTime: { zh: '补贴只发给兼职工会干部', en: 'Subsidies are for part-time cadres' },
  subsidyPayer: {
    zh: '补贴须由该干部所在工会的上级工会发放',
    en: 'The subsidy is paid by an upper union of the cadre',
  },
  period: { zh: 'period 须为 YYYY 或 YYYY-MM 格式', en: 'period is YYYY or YYYY-MM' },
  subsidyRecorded: { zh: '{period} 的补贴已经登记', en: 'A subsidy for {period} is already recorded' },
  supportAmount: { zh: 'supportAmount 不能为负数', en: 'supportAmount cannot be negative' },
  supportFunder: {
    zh: '保障金须由案件所在工会的上级工会从其权益保障金中支出',
    en: 'Support is paid from the rights-protection fund of an upper union of the case',
  },
  supportApproved: {
    zh: '该案件已批准保障金支持 {amount} 分',
    en: 'Support of {amount} fen is already approved for this case',
  },

  // Statistics (issue #19): the labels of the breakdown's codes.
  statUnknown: { zh: '未知', en: 'Unknown' },
  statTrainedRate: { zh: '主席按期培训率', en: 'Chairs trained in time' },
  positionChair: { zh: '主席', en: 'Chair' },
  positionViceChair: { zh: '副主席', en: 'Vice-chair' },
  positionCommitteeMember: { zh: '委员', en: 'Committee member' },
  positionOrganizer: { zh: '组织员', en: 'Organizer' },
  positionWomenCommitteeChair: { zh: '女职工委员会主任', en: "Women workers' committee chair" },
  positionFundsAuditChair: { zh: '经费审查委员会主任', en: 'Funds audit committee chair' },
  positionFullTimeStaff: { zh: '专职工作人员', en: 'Full-time staff' },
  sourceElected: { zh: '选举产生', en: 'Elected' },
  sourceRecommended: { zh: '上级工会推荐（经选举）', en: 'Recommended by the upper union, then elected' },
  sourceAppointed: { zh: '委派任命', en: 'Appointed' },
  sourceContractWorker: { zh: '社会化工会工作者', en: 'Contract union worker' },
  fullTime: { zh: '专职', en: 'Full-time' },
  partTime: { zh: '兼职', en: 'Part-time' },
  trainingTrained: { zh: '按期培训', en: 'Trained within 365 days of taking office' },
  trainingTrainedLate: { zh: '逾期后培训', en: 'Trained after the 365 days' },
  trainingPending: { zh: '待培训（未逾期）', en: 'Not yet trained, within the 365 days' },
  trainingOverdue: { zh: '培训逾期', en: 'Not trained and past the 365 days' },
  trainingNotRequired: { zh: '无培训时限要求', en: 'No training deadline (R6 binds grassroots chairs)' },
  filedNone: { zh: '无合同变更备案', en: 'No contract change filed' },
  filedOnTime: { zh: '按期备案', en: 'Filed before taking effect' },
  filedLate: { zh: '逾期备案', en: 'Filed late' },
  statRequiredStaff: { zh: '应配专职人数', en: 'Full-time staff required (R3 / R4)' },
  statFullTimeStaff: { zh: '专职工作人员', en: 'Serving full-time cadres' },
  statFullTimeViceChairs: { zh: '专职副主席', en: 'Serving full-time vice-chairs' },
  staffingR3: { zh: '应配专职副主席（R3）', en: 'Full-time vice-chair required (R3)' },
  staffingR4: { zh: '应配专职工作人员（R4）', en: 'Full-time staff required (R4)' },
  staffingNone: { zh: '无专职配备要求', en: 'Neither R3 nor R4 applies' },
  staffingMeets: { zh: '专职配备达标', en: 'Meets its staffing rule' },
  staffingShort: { zh: '专职配备不足', en: 'Short of its staffing rule' },
  staffingNotApplicable: { zh: '不适用', en: 'No staffing rule applies' },
  chairNone: { zh: '无在任主席', en: 'No chair in office' },
  vacancySeated: { zh: '主席在任', en: 'Chair in office' },
  vacancyOpen: { zh: '主席空缺（补选期内）', en: 'Chair vacant, within the three months' },
  vacancyOverdue: { zh: '主席空缺逾期未补选', en: 'Chair vacant past the three months' },
  vacancyNeverSeated: { zh: '未记录过主席', en: 'No chair ever recorded' },
  breakdownSubject: {
    zh: '{field} 不适用于统计对象 {subject}',
    en: '{field} does not apply to the subject {subject}',
  },
});

/** A key of the catalog, for tables that pick a message by a stored code. */
export type TextKey = Parameters<typeof text>[0];

/** A key whose texts take no parameters: what a table of labels by stored code holds. */
export type PlainTextKey = {
  [K in TextKey]: Parameters<typeof text<K>> extends [K] ? K : never;
}[TextKey];
