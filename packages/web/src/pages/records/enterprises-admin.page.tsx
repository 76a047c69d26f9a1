/** 企业管理 (district administrator): credit status (红/黑名单), the talent-enterprise white list and tags. */
import { App, Card, Empty, Flex, Input, Select, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { type Enterprise, useEnterprises, useUpdateEnterprise } from '../../api/records';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { useRecordsT } from './shared';

const TAGS = ['high_tech', 'specialized_sme', 'above_scale', 'listed'];
const CREDIT = ['red', 'normal', 'black'];

export default function EnterprisesAdminPage() {
  const t = useRecordsT();
  const user = useUser();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [credit, setCredit] = useState<string>();
  const list = useEnterprises(user.district, q, credit ? { creditStatus: credit } : {});
  const update = useUpdateEnterprise(user.district);
  const e = (k: string) => t(`records.enterprise.${k}`);
  const a = (k: string, o?: Record<string, unknown>) => t(`records.admin.${k}`, o);
  const change = async (
    row: Enterprise,
    patch: { creditStatus?: string; whiteListed?: boolean; tags?: string[] },
  ) => {
    try {
      await update.mutateAsync({ id: row.id, ...patch });
      message.success(a('updated', { name: row.name }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {a('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{a('intro')}</Typography.Paragraph>
      </div>
      <Card>
        <Flex gap={12} wrap>
          <Input.Search
            aria-label={a('search')}
            placeholder={a('search')}
            allowClear
            onSearch={setQ}
            style={{ width: 260 }}
          />
          <Select
            aria-label={a('filterCredit')}
            placeholder={a('filterCredit')}
            allowClear
            value={credit}
            onChange={setCredit}
            style={{ width: 160 }}
            options={CREDIT.map((c) => ({ value: c, label: e(`credit.${c}`) }))}
          />
        </Flex>
      </Card>
      {list.error ? (
        <QueryError title={a('loadFailed')} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Enterprise>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={a('empty')} /> }}
            columns={[
              { title: e('name'), dataIndex: 'name', fixed: 'left', width: 180 },
              { title: e('creditCode'), dataIndex: 'creditCode', width: 190 },
              {
                title: e('creditStatus'),
                dataIndex: 'creditStatus',
                width: 140,
                render: (v: string, row) => (
                  <Select
                    aria-label={`${e('creditStatus')} ${row.name}`}
                    value={v}
                    style={{ width: 110 }}
                    onChange={(creditStatus) => void change(row, { creditStatus })}
                    options={CREDIT.map((c) => ({ value: c, label: e(`credit.${c}`) }))}
                  />
                ),
              },
              {
                title: e('whiteListed'),
                dataIndex: 'whiteListed',
                width: 150,
                render: (v: boolean, row) => (
                  <Switch
                    aria-label={`${e('whiteListed')} ${row.name}`}
                    checked={v}
                    onChange={(whiteListed) => void change(row, { whiteListed })}
                    checkedChildren={e('inWhiteList')}
                    unCheckedChildren={e('notInWhiteList')}
                  />
                ),
              },
              {
                title: e('tags'),
                dataIndex: 'tags',
                render: (v: string[], row) => (
                  <Select
                    aria-label={`${e('tags')} ${row.name}`}
                    mode="multiple"
                    value={v}
                    style={{ minWidth: 220 }}
                    onChange={(tags) => void change(row, { tags })}
                    options={TAGS.map((tag) => ({ value: tag, label: e(`tagNames.${tag}`) }))}
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
