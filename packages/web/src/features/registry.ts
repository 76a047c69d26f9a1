/**
 * Every screen reachable from the navigation, and which roles see it. A feature without a `page`
 * shows the honest "coming soon" state naming the module (DESIGN.md §3) it belongs to.
 */
import type { ComponentType } from 'react';
import { lazy } from 'react';
import type { Role } from '../api/types';
import type { zhCN } from '../i18n/zh-CN';

export type FeatureId = keyof typeof zhCN.features;

export type IconName =
  | 'profile'
  | 'policies'
  | 'applications'
  | 'code'
  | 'messages'
  | 'enterprise'
  | 'register'
  | 'demand'
  | 'review'
  | 'expert'
  | 'verify'
  | 'station'
  | 'packs'
  | 'users'
  | 'audit'
  | 'insights'
  | 'calculator';

export interface Feature {
  id: FeatureId;
  path: string;
  icon: IconName;
  /** The DESIGN.md §3 module that will deliver it. */
  module: string;
  page?: ComponentType;
}

const AuditPage = lazy(() => import('../pages/audit.page'));
const ProfilePage = lazy(() => import('../pages/records/profile.page'));
const EnterpriseInfoPage = lazy(() => import('../pages/records/enterprise-info.page'));
const EnterpriseRegisterPage = lazy(() => import('../pages/records/enterprise-register.page'));
const EnterprisesAdminPage = lazy(() => import('../pages/records/enterprises-admin.page'));
const MyApplicationsPage = lazy(() => import('../pages/applications/list.page'));
const FulfilmentPage = lazy(() => import('../pages/fulfilment/fulfilment.page'));
const StationPage = lazy(() => import('../pages/station/station.page'));
const PolicyLibraryPage = lazy(() => import('../pages/policies/library.page'));
const CalculatorPage = lazy(() => import('../pages/policies/calculator.page'));
const MyPoliciesPage = lazy(() => import('../pages/matching/my-policies.page'));
const MessagesPage = lazy(() => import('../pages/matching/messages.page'));
const PacksPage = lazy(() => import('../pages/packs/packs.page'));
const CertificationPage = lazy(() => import('../pages/certification/certification.page'));
const ReviewQueuePage = lazy(() => import('../pages/certification/review-queue.page'));
const ExpertTasksPage = lazy(() => import('../pages/certification/expert-tasks.page'));
const InsightsPage = lazy(() => import('../pages/insights/dashboard.page'));
const HrDemandPage = lazy(() => import('../pages/demand/hr.page'));
const JobsPage = lazy(() => import('../pages/demand/jobs.page'));
const DemandAdminPage = lazy(() => import('../pages/demand/admin.page'));
const MyCodePage = lazy(() => import('../pages/talent-code/my-code.page'));
const VerifyCodePage = lazy(() => import('../pages/provider/verify-code.page'));
const TalentCodeAdminPage = lazy(() => import('../pages/provider/admin.page'));

const HousingPage = lazy(() => import('../pages/services/housing.page'));
const EventsPage = lazy(() => import('../pages/services/events.page'));
const LoansPage = lazy(() => import('../pages/services/loans.page'));
const HousingAdminPage = lazy(() => import('../pages/services/housing-admin.page'));
const EventsAdminPage = lazy(() => import('../pages/services/events-admin.page'));
const ReserveAdminPage = lazy(() => import('../pages/services/reserve-admin.page'));
const BankInboxPage = lazy(() => import('../pages/services/bank-inbox.page'));

export const features: Record<FeatureId, Feature> = {
  profile: { id: 'profile', path: '/profile', icon: 'profile', module: 'talents', page: ProfilePage },
  myPolicies: {
    id: 'myPolicies',
    path: '/my-policies',
    icon: 'policies',
    module: 'matching',
    page: MyPoliciesPage,
  },
  myApplications: {
    id: 'myApplications',
    path: '/applications',
    icon: 'applications',
    module: 'applications',
    page: MyApplicationsPage,
  },
  talentCode: {
    id: 'talentCode',
    path: '/talent-code',
    icon: 'code',
    module: 'talent code',
    page: MyCodePage,
  },
  messages: { id: 'messages', path: '/messages', icon: 'messages', module: 'matching', page: MessagesPage },
  enterpriseInfo: {
    id: 'enterpriseInfo',
    path: '/enterprise',
    icon: 'enterprise',
    module: 'enterprises',
    page: EnterpriseInfoPage,
  },
  enterpriseRegister: {
    id: 'enterpriseRegister',
    path: '/enterprise/register',
    icon: 'register',
    module: 'enterprises',
    page: EnterpriseRegisterPage,
  },
  enterprises: {
    id: 'enterprises',
    path: '/admin/enterprises',
    icon: 'enterprise',
    module: 'enterprises',
    page: EnterprisesAdminPage,
  },
  enterpriseApplications: {
    id: 'enterpriseApplications',
    path: '/enterprise/applications',
    icon: 'applications',
    module: 'applications',
    page: MyApplicationsPage,
  },
  fulfilment: {
    id: 'fulfilment',
    path: '/admin/fulfilment',
    icon: 'insights',
    module: 'fulfilment',
    page: FulfilmentPage,
  },
  demand: { id: 'demand', path: '/enterprise/demand', icon: 'demand', module: 'demand', page: HrDemandPage },
  jobs: { id: 'jobs', path: '/jobs', icon: 'demand', module: 'demand', page: JobsPage },
  demandAdmin: {
    id: 'demandAdmin',
    path: '/admin/demand',
    icon: 'demand',
    module: 'demand',
    page: DemandAdminPage,
  },
  // One tabbed page: certification cases now, policy applications as a second tab (claims module).
  reviewQueue: {
    id: 'reviewQueue',
    path: '/review-queue',
    icon: 'review',
    module: 'applications',
    page: ReviewQueuePage,
  },
  expertTasks: {
    id: 'expertTasks',
    path: '/expert-tasks',
    icon: 'expert',
    module: 'certification',
    page: ExpertTasksPage,
  },
  certification: {
    id: 'certification',
    path: '/certification',
    icon: 'expert',
    module: 'certification',
    page: CertificationPage,
  },
  verifyCode: {
    id: 'verifyCode',
    path: '/verify-code',
    icon: 'verify',
    module: 'talent code',
    page: VerifyCodePage,
  },
  talentCodeAdmin: {
    id: 'talentCodeAdmin',
    path: '/admin/talent-code',
    icon: 'verify',
    module: 'talent code',
    page: TalentCodeAdminPage,
  },
  stationServices: {
    id: 'stationServices',
    path: '/station',
    icon: 'station',
    module: 'applications',
    page: StationPage,
  },
  packs: { id: 'packs', path: '/admin/packs', icon: 'packs', module: 'policies', page: PacksPage },
  users: { id: 'users', path: '/admin/users', icon: 'users', module: 'identity' },
  audit: { id: 'audit', path: '/admin/audit', icon: 'audit', module: 'audit', page: AuditPage },
  insights: {
    id: 'insights',
    path: '/admin/insights',
    icon: 'insights',
    module: 'insights',
    page: InsightsPage,
  },
  policyLibrary: {
    id: 'policyLibrary',
    path: '/policies',
    icon: 'policies',
    module: 'policies',
    page: PolicyLibraryPage,
  },
  calculator: {
    id: 'calculator',
    path: '/calculator',
    icon: 'calculator',
    module: 'policies',
    page: CalculatorPage,
  },
  housing: { id: 'housing', path: '/housing', icon: 'station', module: 'services', page: HousingPage },
  events: { id: 'events', path: '/events', icon: 'register', module: 'services', page: EventsPage },
  loans: { id: 'loans', path: '/loans', icon: 'enterprise', module: 'services', page: LoansPage },
  housingAdmin: {
    id: 'housingAdmin',
    path: '/admin/housing',
    icon: 'station',
    module: 'services',
    page: HousingAdminPage,
  },
  eventsAdmin: {
    id: 'eventsAdmin',
    path: '/admin/events',
    icon: 'register',
    module: 'services',
    page: EventsAdminPage,
  },
  reserveAdmin: {
    id: 'reserveAdmin',
    path: '/admin/reserve',
    icon: 'users',
    module: 'services',
    page: ReserveAdminPage,
  },
  loanInbox: {
    id: 'loanInbox',
    path: '/bank/loans',
    icon: 'enterprise',
    module: 'services',
    page: BankInboxPage,
  },
};

/** Navigation per role, in menu order (the home page comes first and is not listed). */
export const navByRole: Record<Role, readonly FeatureId[]> = {
  talent: [
    'profile',
    'certification',
    'myPolicies',
    'policyLibrary',
    'calculator',
    'myApplications',
    'talentCode',
    'jobs',
    'housing',
    'events',
    'loans',
    'messages',
  ],
  enterprise: [
    'enterpriseInfo',
    'myPolicies',
    'enterpriseRegister',
    'certification',
    'enterpriseApplications',
    'policyLibrary',
    'calculator',
    'demand',
    'messages',
  ],
  reviewer: ['reviewQueue'],
  expert: ['expertTasks'],
  provider: ['verifyCode', 'loanInbox'],
  station: ['stationServices'],
  admin: [
    'policyLibrary',
    'enterprises',
    'reviewQueue',
    'fulfilment',
    'certification',
    'packs',
    'users',
    'audit',
    'insights',
    'demandAdmin',
    'talentCodeAdmin',
    'housingAdmin',
    'eventsAdmin',
    'reserveAdmin',
  ],
};

export function featuresFor(role: Role): Feature[] {
  return navByRole[role].map((id) => features[id]);
}
