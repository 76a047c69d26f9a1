/** The talent's consents to service stations (驿站代办授权): grant with scope and end date, revoke at any time. */
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, List, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useConsents, useGrantConsent, useRevokeConsent, useStations } from '../../api/claims';
import { errorMessage } from '../../api/client';
import { useUser } from '../../auth/user-context';
import { Loading } from '../../components/loading';
import { QueryError } from '../../components/query-error';
import { when } from '../applications/parts';

type Values = { stationAccountId: number; scope: ('record' | 'documents' | 'claims')[]; expiresAt: Dayjs };

export default function StationConsentsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const stations = useStations(user.district);
  const consents = useConsents(user.district);
  const grant = useGrantConsent(user.district);
  const revoke = useRevokeConsent(user.district);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) =>
    grant.mutate(
      {
        stationAccountId: v.stationAccountId,
        scope: v.scope,
        expiresAt: v.expiresAt.endOf('day').toISOString(),
      },
      {
        onSuccess: () => {
          message.success(t('claims.consent.granted'));
          form.resetFields();
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('claims.consent.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('claims.consent.intro')}</Typography.Text>
      </header>
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ scope: ['record', 'documents', 'claims'], expiresAt: dayjs().add(30, 'day') }}
        >
          <Form.Item
            name="stationAccountId"
            label={t('claims.consent.station')}
            rules={[{ required: true, message: t('claims.consent.stationRequired') }]}
          >
            <Select
              loading={stations.isPending}
              options={(stations.data?.items ?? []).map((s) => ({ value: s.accountId, label: s.name }))}
            />
          </Form.Item>
          <Form.Item
            name="scope"
            label={t('claims.consent.scope')}
            rules={[{ required: true, type: 'array', min: 1, message: t('claims.consent.scopeRequired') }]}
          >
            <Checkbox.Group
              options={(['record', 'documents', 'claims'] as const).map((s) => ({
                value: s,
                label: t(`claims.station.scopes.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="expiresAt"
            label={t('claims.consent.expiresAt')}
            rules={[{ required: true, message: t('claims.consent.dateRequired') }]}
          >
            <DatePicker
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year'))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending}>
            {t('claims.consent.grant')}
          </Button>
        </Form>
      </Card>
      {consents.isPending ? (
        <Loading />
      ) : consents.isError ? (
        <QueryError
          title={t('claims.consent.loadFailed')}
          error={consents.error}
          onRetry={() => void consents.refetch()}
        />
      ) : (
        <List
          bordered
          dataSource={consents.data.items}
          locale={{ emptyText: t('claims.consent.empty') }}
          renderItem={(c) => (
            <List.Item
              actions={
                c.active
                  ? [
                      <Button
                        key="r"
                        danger
                        size="small"
                        loading={revoke.isPending}
                        onClick={() =>
                          revoke.mutate(c.id, {
                            onSuccess: () => message.success(t('claims.consent.revoked')),
                          })
                        }
                      >
                        {t('claims.consent.revoke')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex wrap gap={8} align="center">
                <Typography.Text strong>{c.stationName}</Typography.Text>
                {c.scope.map((s) => (
                  <Tag key={s}>{t(`claims.station.scopes.${s}`)}</Tag>
                ))}
                <Tag color={c.active ? 'success' : 'default'}>
                  {c.active ? t('claims.consent.active') : t('claims.consent.inactive')}
                </Tag>
                <Typography.Text type="secondary">
                  {t('claims.consent.expiresAt')} {when(c.expiresAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
