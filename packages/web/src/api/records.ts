/**
 * The records screens' calls (一人一档, 一企一册, documents, import): small typed wrappers over fetch that
 * send the language and the CSRF token like the shared client, with the shapes of the server's schemas.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18n, { currentLanguage } from '../i18n';
import { ApiError, readCookie } from './client';

export type FactSource = 'self' | 'employer' | 'department' | 'exchange';
export type Talent = {
  id: number;
  district: string;
  name: string;
  idKind: 'resident' | 'permanent_resident';
  idNumberMasked: string;
  phoneMasked: string | null;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  hasAccount: boolean;
  createdAt: string;
};
export type Fact = {
  name: string;
  value: unknown;
  source: FactSource;
  documentIds: number[];
  verifiedBy: string | null;
  verifiedAt: string | null;
  updatedAt: string;
};
export type Employment = {
  id: number;
  talentId: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  position: string | null;
  startDate: string | null;
  endDate: string | null;
  contractYears: number | null;
  status: 'pending' | 'confirmed' | 'rejected' | 'ended';
  confirmedAt: string | null;
};
export type DocumentInfo = {
  id: number;
  kind: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
  facts: string[];
};
export type TalentRecord = {
  talent: Talent;
  facts: Fact[];
  employments: Employment[];
  documents: DocumentInfo[];
  certification: { tier: string; validFrom: string | null; validTo: string | null } | null;
};
export type Option = { value: string; label: string };
export type ProfileField = {
  name: string;
  type: string;
  label: string;
  displayOnly: boolean;
  options: Option[] | null;
};
export type ProfileOptions = { sections: { id: string; fields: ProfileField[] }[]; honours: Option[] };
export type Enterprise = {
  id: number;
  district: string;
  creditCode: string;
  name: string;
  industry: string | null;
  scale: 'micro' | 'small' | 'medium' | 'large' | null;
  tags: string[];
  creditStatus: 'red' | 'normal' | 'black';
  whiteListed: boolean;
  registeredInDistrict: boolean;
  createdAt: string;
};
export type RegisterEntry = {
  employmentId: number;
  talentId: number;
  name: string;
  idNumberMasked: string;
  position: string | null;
  startDate: string | null;
  contractYears: number | null;
  status: string;
  tier: string;
  certificationStatus: string | null;
  validTo: string | null;
  expiring: { kind: 'certification' | 'contract'; date: string }[];
};
export type Register = {
  enterprise: Enterprise;
  items: RegisterEntry[];
  counts: { confirmed: number; pending: number; certified: number; expiring: number };
};
export type RegisterFilters = { status?: string; q?: string; tier?: string; expiring?: 'true' };
export type ImportJob = {
  id: number;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  totalRows: number;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  errors: { row: number; column: string; field: string; code: string; message: string }[];
};

function headers(method: string, json: boolean): Headers {
  const h = new Headers({ 'Accept-Language': currentLanguage() });
  if (json) h.set('content-type', 'application/json');
  if (method !== 'GET') {
    const token = readCookie('rencai_csrf');
    if (token) h.set('x-csrf-token', token);
  }
  return h;
}

async function toError(res: Response): Promise<ApiError> {
  const body = await res.json().catch(() => undefined);
  const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
    ?.error;
  if (error?.message) return new ApiError(res.status, error.code ?? 'internal', error.message, error.details);
  return new ApiError(res.status, 'internal', `${i18n.t('errors.unexpected')} (HTTP ${res.status})`);
}

/** One JSON call; throws ApiError with the server's localised message. */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: headers(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

/** A multipart upload with progress (0–100), through XMLHttpRequest since fetch reports none. */
export function upload<T>(url: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    headers('POST', false).forEach((v, k) => {
      xhr.setRequestHeader(k, v);
    });
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else void toError(res).then(reject);
    };
    xhr.send(form);
  });
}

const d = (district: string) => `/api/v1/d/${district}`;
const qs = (f: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const recordKeys = {
  me: (district: string) => ['records', 'me', district] as const,
  options: (district: string, lang: string) => ['records', 'options', district, lang] as const,
  enterprise: (district: string) => ['records', 'enterprise', district] as const,
  enterprises: (district: string, q: string, filter: string) =>
    ['records', 'enterprises', district, q, filter] as const,
  register: (district: string, id: number, f: RegisterFilters) =>
    ['records', 'register', district, id, f] as const,
  job: (district: string, id: number) => ['records', 'import', district, id] as const,
};

export const documentUrl = (district: string, id: number) => `${d(district)}/documents/${id}/content`;
export const templateUrl = (district: string) => `${d(district)}/imports/template.xlsx`;
export const exportUrl = (district: string, id: number, f: RegisterFilters) =>
  `${d(district)}/enterprises/${id}/register.xlsx${qs(f)}`;

export function useMyRecord(district: string) {
  return useQuery({
    queryKey: recordKeys.me(district),
    queryFn: () => request<TalentRecord>('GET', `${d(district)}/talents/me`),
    retry: false,
  });
}

export function useProfileOptions(district: string) {
  return useQuery({
    queryKey: recordKeys.options(district, currentLanguage()),
    queryFn: () => request<ProfileOptions>('GET', `${d(district)}/talents/profile-options`),
    staleTime: 5 * 60_000,
  });
}

export function useUpdateFacts(district: string, talentId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (facts: Record<string, unknown>) =>
      request<TalentRecord>('PUT', `${d(district)}/talents/${talentId}/facts`, { facts }),
    onSuccess: (record) => qc.setQueryData(recordKeys.me(district), record),
  });
}

export function useClaimEmployment(district: string, talentId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      enterpriseId: number;
      startDate: string;
      contractYears?: number;
      position?: string;
    }) => request<Employment>('POST', `${d(district)}/talents/${talentId}/employments`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: recordKeys.me(district) }),
  });
}

export function useEnterprises(
  district: string,
  q: string,
  filter: { creditStatus?: string; whiteListed?: string } = {},
  enabled = true,
) {
  return useQuery({
    queryKey: recordKeys.enterprises(district, q, JSON.stringify(filter)),
    queryFn: () =>
      request<{ items: Enterprise[]; total: number }>(
        'GET',
        `${d(district)}/enterprises${qs({ q, pageSize: '50', ...filter })}`,
      ),
    enabled,
  });
}

export function useMyEnterprise(district: string) {
  return useQuery({
    queryKey: recordKeys.enterprise(district),
    queryFn: () => request<Enterprise>('GET', `${d(district)}/enterprises/mine`),
    retry: false,
  });
}

export function useRegisterEnterprise(district: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { creditCode: string; name: string; industry?: string; scale?: string }) =>
      request<Enterprise>('POST', `${d(district)}/enterprises`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['records'] }),
  });
}

export function useUpdateEnterprise(district: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: number;
      creditStatus?: string;
      whiteListed?: boolean;
      tags?: string[];
    }) => request<Enterprise>('PATCH', `${d(district)}/enterprises/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['records', 'enterprises', district] }),
  });
}

export function useRegister(district: string, enterpriseId: number | undefined, f: RegisterFilters) {
  return useQuery({
    queryKey: recordKeys.register(district, enterpriseId ?? 0, f),
    queryFn: () => request<Register>('GET', `${d(district)}/enterprises/${enterpriseId}/register${qs(f)}`),
    enabled: enterpriseId !== undefined,
  });
}

export function useDecideEmployment(district: string, enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ employmentId, decision }: { employmentId: number; decision: 'confirm' | 'reject' }) =>
      request<Employment>(
        'POST',
        `${d(district)}/enterprises/${enterpriseId}/employments/${employmentId}/decision`,
        { decision },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['records', 'register', district] }),
  });
}

export function useAddEmployee(district: string, enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      name: string;
      idNumber: string;
      phone?: string;
      position?: string;
      startDate: string;
      contractYears?: number;
    }) => request<{ created: boolean }>('POST', `${d(district)}/enterprises/${enterpriseId}/employees`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['records', 'register', district] }),
  });
}

export function useImportJob(district: string, id: number | undefined) {
  return useQuery({
    queryKey: recordKeys.job(district, id ?? 0),
    queryFn: () => request<ImportJob>('GET', `${d(district)}/imports/${id}`),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 1000 : false),
  });
}

export const uploadDocument = (
  district: string,
  talentId: number,
  form: FormData,
  onProgress: (p: number) => void,
) => upload<DocumentInfo>(`${d(district)}/talents/${talentId}/documents`, form, onProgress);
export const uploadImport = (district: string, form: FormData, onProgress: (p: number) => void) =>
  upload<ImportJob>(`${d(district)}/imports`, form, onProgress);
export const registerTalent = (
  district: string,
  body: { name: string; idNumber: string; phone: string; username: string; password: string },
) => request<{ talent: Talent }>('POST', `${d(district)}/talents`, body);
