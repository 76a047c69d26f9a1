import { Button, Collapse, Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useDemoAccounts, useMeta } from '../../api/queries';
import { type DemoAccount, roles } from '../../api/types';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { currentLanguage } from '../../i18n';

/** The password of every demonstration account (documented with the demo data). */
export const demoPassword = 'rencai-demo';

/** Demo accounts grouped by district; choosing one fills the login form. */
export function DemoAccounts({ onPick }: { onPick: (account: DemoAccount) => void }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const accounts = useDemoAccounts(meta.data?.demo === true);
  if (meta.data?.demo !== true) return null;
  if (accounts.isPending) return <Loading />;
  if (accounts.isError) {
    return (
      <QueryError
        title={t('login.demoLoadFailed')}
        error={accounts.error}
        onRetry={() => void accounts.refetch()}
      />
    );
  }
  if (accounts.data.length === 0) return <Empty description={t('login.demoEmpty')} />;

  const english = currentLanguage() === 'en';
  const districts = meta.data.districts;
  const districtCodes = [...new Set(accounts.data.map((a) => a.district))];
  const districtName = (code: string) => {
    const district = districts.find((d) => d.code === code);
    return district ? (english ? district.name.en : district.name.zh) : code;
  };
  const byRole = (a: DemoAccount, b: DemoAccount) => roles.indexOf(a.role) - roles.indexOf(b.role);

  const columns: ColumnsType<DemoAccount> = [
    {
      title: t('login.columnRole'),
      dataIndex: 'role',
      width: 110,
      render: (role: DemoAccount['role']) => <Tag color="blue">{t(`roles.${role}`)}</Tag>,
    },
    {
      title: t('login.columnUser'),
      dataIndex: 'username',
      render: (username: string, account) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={(event) => {
            event.stopPropagation();
            onPick(account);
          }}
          aria-label={t('login.demoFill', { username })}
        >
          {username}
        </Button>
      ),
    },
    { title: t('login.columnName'), dataIndex: 'displayName', responsive: ['sm'] },
  ];

  return (
    <section aria-labelledby="demo-accounts-title">
      <Typography.Title level={2} id="demo-accounts-title" style={{ fontSize: 16, marginTop: 0 }}>
        {t('login.demoTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('login.demoHint', { password: demoPassword })}
      </Typography.Paragraph>
      <Collapse
        size="small"
        defaultActiveKey={districtCodes[0]}
        items={districtCodes.map((code) => ({
          key: code,
          label: districtName(code),
          children: (
            <Table
              size="small"
              rowKey="username"
              pagination={false}
              columns={columns}
              dataSource={accounts.data.filter((a) => a.district === code).sort(byRole)}
              onRow={(account) => ({ onClick: () => onPick(account), style: { cursor: 'pointer' } })}
            />
          ),
        }))}
      />
    </section>
  );
}
