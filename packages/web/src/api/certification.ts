/** TanStack Query hooks of the certification screens (分层分类认定), over the typed client. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type CertificationEvaluation = S['CertificationEvaluation'];
export type CatalogueEvaluation = S['CatalogueEvaluation'];
export type CriterionText = S['CriterionText'];
export type CertificationCase = S['CertificationCase'];
export type CertificationCaseDetail = S['CertificationCaseDetail'];
export type CertificationPath = S['CertificationPath'];
export type CertificationStatus = S['CertificationStatus'];
export type CurrentCertification = S['CurrentCertification'];
export type CertificationHistory = S['CertificationHistory'];
export type CertificateVerification = S['CertificateVerification'];
export type ExpertTask = S['ExpertTask'];
export type ExpertTaskList = S['ExpertTaskList'];
export type ExpertPool = S['ExpertPool'];
export type CertificationRubric = S['CertificationRubric'];
export type QuotaList = S['CertificationQuotaList'];
export type ApplyInput = S['CertificationApply'];

const keys = {
  all: ['certification'] as const,
  evaluation: (d: string, talentId?: number) => ['certification', 'evaluation', d, talentId ?? null] as const,
  current: (d: string) => ['certification', 'current', d] as const,
  history: (d: string, talentId?: number) => ['certification', 'history', d, talentId ?? null] as const,
  list: (d: string, status?: string, talentId?: number, page = 1) =>
    ['certification', 'list', d, status ?? null, talentId ?? null, page] as const,
  case: (d: string, id: number) => ['certification', 'case', d, id] as const,
  tasks: (d: string) => ['certification', 'tasks', d] as const,
  task: (d: string, code: string) => ['certification', 'task', d, code] as const,
  pool: (d: string) => ['certification', 'pool', d] as const,
  rubric: (d: string) => ['certification', 'rubric', d] as const,
  quotas: (d: string) => ['certification', 'quotas', d] as const,
};

const path = (district: string) => ({ path: { district } });
const casePath = (district: string, id: number) => ({ path: { district, id } });

export function useCertificationEvaluation(district: string, talentId?: number, enabled = true) {
  return useQuery({
    queryKey: keys.evaluation(district, talentId),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/certification/evaluation', {
          params: { ...path(district), query: { talentId } },
        }),
      ),
    enabled,
    retry: false,
  });
}

export function useCurrentCertification(district: string, enabled = true) {
  return useQuery({
    queryKey: keys.current(district),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/certification/current', { params: { ...path(district), query: {} } }),
      ),
    enabled,
  });
}

export function useCertificationHistory(district: string, talentId?: number, enabled = true) {
  return useQuery({
    queryKey: keys.history(district, talentId),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/certification/history', {
          params: { ...path(district), query: { talentId } },
        }),
      ),
    enabled,
    retry: false,
  });
}

export function useCertifications(
  district: string,
  filter: { status?: CertificationStatus; talentId?: number; page?: number },
) {
  return useQuery({
    queryKey: keys.list(district, filter.status, filter.talentId, filter.page),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/certifications', {
          params: {
            ...path(district),
            query: { status: filter.status, talentId: filter.talentId, page: filter.page ?? 1, pageSize: 50 },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useCertification(district: string, id: number | undefined) {
  return useQuery({
    queryKey: keys.case(district, id ?? 0),
    queryFn: () =>
      call(api.GET('/api/v1/d/{district}/certifications/{id}', { params: casePath(district, id ?? 0) })),
    enabled: id !== undefined,
  });
}

/** Every change of a case refreshes every certification query (queues, the case, the home card). */
function useCaseMutation<I>(run: (input: I) => Promise<CertificationCaseDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useApplyCertification(district: string) {
  return useCaseMutation((input: { body: ApplyInput; idempotencyKey: string }) =>
    call(
      api.POST('/api/v1/d/{district}/certifications', {
        params: { ...path(district), header: { 'idempotency-key': input.idempotencyKey } },
        body: input.body,
      }),
    ),
  );
}

export function useReviewCertification(district: string) {
  return useCaseMutation(
    (input: { id: number; decision: 'approve' | 'reject' | 'return'; reason?: string }) =>
      call(
        api.POST('/api/v1/d/{district}/certifications/{id}/review', {
          params: casePath(district, input.id),
          body: { decision: input.decision, reason: input.reason },
        }),
      ),
  );
}

export function useResubmitCertification(district: string) {
  return useCaseMutation((input: { id: number; note?: string }) =>
    call(
      api.POST('/api/v1/d/{district}/certifications/{id}/resubmit', {
        params: casePath(district, input.id),
        body: { note: input.note },
      }),
    ),
  );
}

export function useDrawPanel(district: string) {
  return useCaseMutation((input: { id: number; size: number }) =>
    call(
      api.POST('/api/v1/d/{district}/certifications/{id}/panel', {
        params: casePath(district, input.id),
        body: { size: input.size },
      }),
    ),
  );
}

export function useCloseScoring(district: string) {
  return useCaseMutation((input: { id: number }) =>
    call(
      api.POST('/api/v1/d/{district}/certifications/{id}/close-scoring', {
        params: casePath(district, input.id),
      }),
    ),
  );
}

export function useDecideCommittee(district: string) {
  return useCaseMutation(
    (input: { id: number; decision: 'approve' | 'reject'; tier?: string; reason: string }) =>
      call(
        api.POST('/api/v1/d/{district}/certifications/{id}/decide', {
          params: casePath(district, input.id),
          body: { decision: input.decision, tier: input.tier, reason: input.reason },
        }),
      ),
  );
}

export function useRevokeCertification(district: string) {
  return useCaseMutation((input: { id: number; reason: string }) =>
    call(
      api.POST('/api/v1/d/{district}/certifications/{id}/revoke', {
        params: casePath(district, input.id),
        body: { reason: input.reason },
      }),
    ),
  );
}

/** Where the certificate PDF downloads from (a plain link: the session cookie goes along). */
export const certificatePdfUrl = (district: string, id: number) =>
  `/api/v1/d/${encodeURIComponent(district)}/certifications/${id}/certificate.pdf`;

export function useVerifyCertificate(certificateNo: string) {
  return useQuery({
    queryKey: ['certificate-verify', certificateNo],
    queryFn: () =>
      call(api.GET('/api/v1/certificates/{certificateNo}/verify', { params: { path: { certificateNo } } })),
    retry: false,
  });
}

export function useExpertTasks(district: string) {
  return useQuery({
    queryKey: keys.tasks(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/expert-tasks', { params: path(district) })),
  });
}

export function useExpertTask(district: string, caseCode: string | undefined) {
  return useQuery({
    queryKey: keys.task(district, caseCode ?? ''),
    queryFn: () =>
      call(
        api.GET('/api/v1/d/{district}/expert-tasks/{caseCode}', {
          params: { path: { district, caseCode: caseCode ?? '' } },
        }),
      ),
    enabled: caseCode !== undefined,
    retry: false,
  });
}

export function useScoreTask(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { caseCode: string; scores: Record<string, number>; comment: string }) =>
      call(
        api.POST('/api/v1/d/{district}/expert-tasks/{caseCode}/score', {
          params: { path: { district, caseCode: input.caseCode } },
          body: { scores: input.scores, comment: input.comment },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useExpertPool(district: string, enabled = true) {
  return useQuery({
    queryKey: keys.pool(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/experts', { params: path(district) })),
    enabled,
  });
}

export function useSaveExpert(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S['ExpertSave']) =>
      call(api.POST('/api/v1/d/{district}/experts', { params: path(district), body })),
    onSuccess: (data) => queryClient.setQueryData(keys.pool(district), data),
  });
}

export function useRubric(district: string, enabled = true) {
  return useQuery({
    queryKey: keys.rubric(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/certification/rubric', { params: path(district) })),
    enabled,
  });
}

export function useSaveRubric(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S['RubricSave']) =>
      call(api.PUT('/api/v1/d/{district}/certification/rubric', { params: path(district), body })),
    onSuccess: (data) => queryClient.setQueryData(keys.rubric(district), data),
  });
}

export function useQuotas(district: string, enabled = true) {
  return useQuery({
    queryKey: keys.quotas(district),
    queryFn: () => call(api.GET('/api/v1/d/{district}/certification/quotas', { params: path(district) })),
    enabled,
  });
}

export function useSaveQuota(district: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S['CertificationQuotaSave']) =>
      call(api.POST('/api/v1/d/{district}/certification/quotas', { params: path(district), body })),
    onSuccess: (data) => queryClient.setQueryData(keys.quotas(district), data),
  });
}
