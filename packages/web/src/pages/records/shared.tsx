/** Pieces the records screens share: the fact-source tag and server field errors shown on form fields. */
import type { FormInstance } from 'antd';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { FactSource } from '../../api/records';

const SOURCE_COLOR: Record<FactSource, string> = {
  self: 'default',
  employer: 'blue',
  department: 'green',
  exchange: 'purple',
};
const SOURCE_KEY: Record<FactSource, string> = {
  self: 'records.sourceSelf',
  employer: 'records.sourceEmployer',
  department: 'records.sourceDepartment',
  exchange: 'records.sourceExchange',
};

/** 自主申报 / 单位确认 / 部门核验 / 数据共享. */
export function SourceTag({ source }: { source: FactSource }) {
  const t = useRecordsT();
  return (
    <Tag color={SOURCE_COLOR[source]} style={{ marginInlineEnd: 0 }}>
      {t(SOURCE_KEY[source])}
    </Tag>
  );
}

/** Puts the server's `details.fields` messages on the matching form fields; true when any matched. */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  map: (field: string) => string = (f) => f,
): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (!Array.isArray(fields)) return false;
  const names = new Set(Object.keys(form.getFieldsValue(true)));
  const matched = fields.filter((f) => names.has(map(f.field)));
  form.setFields(matched.map((f) => ({ name: map(f.field), errors: [f.message] })));
  return matched.length > 0;
}

/** `t` for keys built at run time (sections, statuses, kinds), which the typed `t` cannot check. */
export function useRecordsT(): (key: string, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return t as unknown as (key: string, options?: Record<string, unknown>) => string;
}
