/** HR's certification work (用人单位举荐): nominate an employee for a tier, and follow the employees' cases. */
import { Alert, App, Button, Card, Flex, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplyCertification, useCertificationEvaluation } from '../../api/certification';
import { errorMessage } from '../../api/client';
import { useMyEnterprise, useRegister } from '../../api/records';
import { useUser } from '../../auth/user-context';
import { CaseTable } from './case-table';

function NominateForm() {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const enterprise = useMyEnterprise(user.district);
  const register = useRegister(user.district, enterprise.data?.id, { status: 'confirmed' });
  const [talentId, setTalentId] = useState<number | undefined>();
  const evaluation = useCertificationEvaluation(user.district, talentId, talentId !== undefined);
  const apply = useApplyCertification(user.district);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<{ talentId: number; tier: string }>();
  const e = evaluation.data?.evaluation;
  return (
    <Form
      form={form}
      layout="vertical"
      onValuesChange={(changed: { talentId?: number }) => {
        setKey(crypto.randomUUID());
        if (changed.talentId !== undefined) setTalentId(changed.talentId);
      }}
      onFinish={(v) =>
        apply.mutate(
          { body: { talentId: v.talentId, path: 'employer_nomination', tier: v.tier }, idempotencyKey: key },
          {
            onSuccess: (detail) => {
              message.success(t('certification.submitted', { code: detail.case.caseCode }));
              form.resetFields();
              setTalentId(undefined);
            },
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('certification.pathHints.employer_nomination')}
      </Typography.Paragraph>
      <Form.Item
        name="talentId"
        label={t('certification.nominee')}
        rules={[{ required: true, message: t('certification.nomineeRequired') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={register.isFetching}
          options={(register.data?.items ?? []).map((r) => ({ value: r.talentId, label: r.name }))}
        />
      </Form.Item>
      {e ? (
        <Alert
          type={e.tier !== 'NONE' ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            e.tier !== 'NONE'
              ? t('certification.qualifies', { tier: `${e.tier} · ${e.tierName}` })
              : t('certification.qualifiesNone')
          }
          description={t('certification.nominateHint')}
        />
      ) : null}
      <Form.Item
        name="tier"
        label={t('certification.tier')}
        rules={[{ required: true, message: t('certification.tierRequired') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          disabled={!evaluation.data}
          options={(evaluation.data?.tiers ?? []).map((x) => ({ value: x.id, label: `${x.id} · ${x.name}` }))}
        />
      </Form.Item>
      {apply.isError ? (
        <Alert type="error" showIcon title={errorMessage(apply.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={apply.isPending}>
        {t('certification.nominate')}
      </Button>
    </Form>
  );
}

export function EnterpriseCertification() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Card title={t('certification.nominateTitle')}>
        <NominateForm />
      </Card>
      <Card title={t('certification.employeeCases')}>
        <CaseTable emptyText={t('certification.casesEmpty')} actions={() => null} />
      </Card>
    </Flex>
  );
}
