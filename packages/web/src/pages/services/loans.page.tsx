/** 人才贷 for the talent (phone first): products, apply with consent to what the bank sees, my applications. */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LoanProduct, useApplyLoan, useLoanProducts, useMyLoans } from '../../api/services';
import { useUser } from '../../auth/user-context';
import { QueryError } from '../../components/query-error';
import { ActionError, PageHeader, useFormat } from './shared';

const FIELDS = ['name', 'tier', 'employer', 'degree', 'phone'] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: Field[] = ['name', 'tier'];

function ApplyModal({ product, onClose }: { product: LoanProduct; onClose: () => void }) {
  const { t } = useTranslation();
  const { district } = useUser();
  const apply = useApplyLoan(district);
  const [form] = Form.useForm<{ amount: number; purpose: string; fields: Field[]; agreed: boolean }>();
  return (
    <Modal
      open
      title={t('services.loans.applyTitle', { name: product.name })}
      okText={t('services.loans.submit')}
      confirmLoading={apply.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fields: REQUIRED, agreed: false, amount: product.minAmount }}
        onFinish={(v) =>
          apply.mutate(
            {
              productId: product.id,
              amount: v.amount,
              purpose: v.purpose,
              consent: { agreed: v.agreed, fields: v.fields },
            },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item
          name="amount"
          label={t('services.loans.amount')}
          rules={[{ required: true, message: t('services.required') }]}
          extra={t('services.loans.range', { min: product.minAmount, max: product.maxAmount })}
        >
          <InputNumber
            min={product.minAmount}
            max={product.maxAmount}
            step={10000}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('services.loans.purpose')}
          rules={[{ required: true, message: t('services.required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="fields"
          label={t('services.loans.consentTitle')}
          extra={t('services.loans.consentHint')}
        >
          <Checkbox.Group
            options={FIELDS.map((f) => ({
              value: f,
              label: t(`services.loans.fields.${f}`),
              disabled: REQUIRED.includes(f),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="agreed"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v) =>
                v ? Promise.resolve() : Promise.reject(new Error(t('services.loans.consentRequired'))),
            },
          ]}
        >
          <Checkbox>{t('services.loans.consentAgree')}</Checkbox>
        </Form.Item>
        <ActionError error={apply.error} />
      </Form>
    </Modal>
  );
}

export default function LoansPage() {
  const { t } = useTranslation();
  const { district } = useUser();
  const products = useLoanProducts(district);
  const mine = useMyLoans(district);
  const f = useFormat();
  const [applying, setApplying] = useState<LoanProduct>();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('services.loans.title')} intro={t('services.loans.intro')} />
      {applying ? <ApplyModal product={applying} onClose={() => setApplying(undefined)} /> : null}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('services.loans.products')}
      </Typography.Title>
      {products.isError ? <QueryError title={t('services.loadFailed')} error={products.error} /> : null}
      <List
        loading={products.isPending}
        dataSource={products.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('services.loans.emptyProducts')} /> }}
        renderItem={(p) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }}>
              <Flex vertical gap={6}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Typography.Text type="secondary">{p.bankName}</Typography.Text>
                <span>
                  {t('services.loans.range', { min: f.money(p.minAmount), max: f.money(p.maxAmount) })}
                </span>
                <span>{p.rateText}</span>
                <Typography.Text type="secondary">
                  {t('services.loans.tiers', { tiers: p.eligibleTiers.join(' ') })}
                </Typography.Text>
                {p.eligibility && !p.eligibility.eligible ? (
                  <Typography.Text type="warning">{p.eligibility.reason}</Typography.Text>
                ) : null}
                {p.eligibility?.eligible ? (
                  <Button type="primary" block onClick={() => setApplying(p)}>
                    {t('services.loans.apply')}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          </List.Item>
        )}
      />
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('services.loans.mine')}
      </Typography.Title>
      {mine.isError ? <QueryError title={t('services.loadFailed')} error={mine.error} /> : null}
      <List
        loading={mine.isPending}
        dataSource={mine.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('services.loans.emptyMine')} /> }}
        renderItem={(a) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{a.product.name}</Typography.Text>
                <Tag color={a.status === 'approved' ? 'green' : a.status === 'declined' ? 'red' : 'blue'}>
                  {t(`services.loans.status.${a.status}`)}
                </Tag>
              </Flex>
              <span>
                {t('services.yuan', { amount: f.money(a.amount) })} · {a.product.bankName}
              </span>
              {a.status === 'approved' && a.approvedAmount !== null ? (
                <Alert
                  type="success"
                  title={t('services.loans.approved', { amount: f.money(a.approvedAmount) })}
                />
              ) : null}
              {a.status === 'declined' ? (
                <Alert
                  type="error"
                  title={t('services.loans.declined', { reason: a.decisionReason ?? '' })}
                />
              ) : null}
              <Typography.Text type="secondary">
                {t('services.loans.shared', {
                  fields: a.consentFields.map((x) => t(`services.loans.fields.${x as Field}`)).join('、'),
                })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
