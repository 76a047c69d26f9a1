import {
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  BookOutlined,
  CalculatorOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  QrcodeOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { IconName } from './registry';

const icons: Record<IconName | 'home', (props: { 'aria-hidden': true }) => ReactNode> = {
  home: (p) => <HomeOutlined {...p} />,
  profile: (p) => <IdcardOutlined {...p} />,
  policies: (p) => <BookOutlined {...p} />,
  applications: (p) => <FileDoneOutlined {...p} />,
  code: (p) => <QrcodeOutlined {...p} />,
  messages: (p) => <BellOutlined {...p} />,
  enterprise: (p) => <BankOutlined {...p} />,
  register: (p) => <UnorderedListOutlined {...p} />,
  demand: (p) => <SolutionOutlined {...p} />,
  review: (p) => <FileSearchOutlined {...p} />,
  expert: (p) => <SafetyCertificateOutlined {...p} />,
  verify: (p) => <ScanOutlined {...p} />,
  station: (p) => <ShopOutlined {...p} />,
  packs: (p) => <BookOutlined {...p} />,
  users: (p) => <TeamOutlined {...p} />,
  audit: (p) => <AuditOutlined {...p} />,
  insights: (p) => <DashboardOutlined {...p} />,
  calculator: (p) => <CalculatorOutlined {...p} />,
};

/** A decorative icon for a navigation item; hidden from assistive technology (the label names it). */
export function FeatureIcon({ name }: { name: IconName | 'home' }) {
  return icons[name]({ 'aria-hidden': true });
}

export { UserOutlined };
