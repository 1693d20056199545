import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: {
    Cadre: '../models#CadreDoc',
    Election: '../models#ElectionDoc',
    ElectionCandidate: '../domain/views#CandidateView',
    TrainingRecord: '../models#TrainingDoc',
    ChairTraining: '../domain/views#ChairTrainingRow',
    RegionChairTraining: '../domain/views#RegionTrainingFigures',
    ChairVacancy: '../domain/views#VacancyRow',
    Staffing: '../domain/views#StaffingView',
    RegionStaffing: '../domain/views#RegionStaffingFigures',
    ContractFiling: '../models#ContractFilingDoc',
    ContractWorker: '../models#ContractWorkerDoc',
    ContractWorkerStep: '../models#ContractWorkerStepDoc',
    CadreSubsidy: '../models#SubsidyDoc',
    RightsProtectionCase: '../models#RightsCaseDoc',
    RightsCaseSupport: '../models#RightsCaseSupportDoc',
    Organization: '../domain/refs#OrgKey',
    Member: '../domain/refs#MemberKey',
  },
});
