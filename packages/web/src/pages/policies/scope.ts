/**
 * Where the policy pages live: inside the signed-in shell (`/policies`, the user's district) or on the
 * public pages (`/d/:district/policies`, anyone). Links are built from `base` so both work the same.
 */
import { useContext } from 'react';
import { useParams } from 'react-router-dom';
import { UserContext } from '../../auth/user-context';

export type PolicyScope = { district: string; base: string };

export function usePolicyScope(): PolicyScope {
  const params = useParams();
  const user = useContext(UserContext);
  if (params.district) return { district: params.district, base: `/d/${params.district}` };
  return { district: user?.district ?? '', base: '' };
}

/** Money as a reader writes it: 10.8万元 / 3,000元 in Chinese, CNY 108,000 in English. */
export function formatMoney(n: number, language: string): string {
  if (language === 'en') return `CNY ${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  if (Math.abs(n) >= 10_000 && n % 100 === 0) return `${n / 10_000}万元`;
  return `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
}
