/** Entering an indicator's actual with its source and date; the earlier values stay listed below. */
import { Alert, Form, Input, InputNumber, List, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { type ActualInput, type IndicatorItem, useActualHistory, useEnterActual } from '../../api/insights';

type Values = { value: number; asOf: string; source: string; note?: string };

const today = () => new Date().toISOString().slice(0, 10);

export function ActualDialog({
  district,
  indicator,
  onClose,
}: {
  district: string;
  indicator: IndicatorItem | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const enter = useEnterActual(district);
  const history = useActualHistory(district, indicator?.code);
  useEffect(() => {
    if (indicator) {
      form.resetFields();
      enter.reset();
    }
  }, [indicator, form, enter.reset]);

  async function submit() {
    if (!indicator) return;
    const v = await form.validateFields();
    const body: ActualInput = { value: v.value, asOf: v.asOf, source: v.source.trim() };
    if (v.note?.trim()) body.note = v.note.trim();
    await enter.mutateAsync({ code: indicator.code, body });
    onClose();
  }

  return (
    <Modal
      open={indicator !== null}
      title={indicator ? t('insights.enterTitle', { code: indicator.code, name: indicator.name }) : ''}
      okText={t('insights.save')}
      cancelText={t('insights.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={enter.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ asOf: today() }} requiredMark>
        <Form.Item
          name="value"
          label={t('insights.valueLabel', { unit: indicator?.unit ?? '' })}
          rules={[{ required: true, message: t('insights.valueRequired') }]}
        >
          <InputNumber style={{ width: '100%' }} step={0.01} />
        </Form.Item>
        <Form.Item
          name="asOf"
          label={t('insights.asOfLabel')}
          rules={[
            { required: true, message: t('insights.asOfRequired') },
            {
              validator: (_, v: string) =>
                v && v > today() ? Promise.reject(new Error(t('insights.asOfFuture'))) : Promise.resolve(),
            },
          ]}
        >
          <Input type="date" max={today()} />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('insights.sourceLabel')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('insights.sourceRequired') }]}
        >
          <Input placeholder={t('insights.sourcePlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('insights.noteLabel')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {enter.isError ? <Alert type="error" showIcon title={errorMessage(enter.error)} /> : null}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('insights.history')}
      </Typography.Title>
      <List
        size="small"
        loading={history.isLoading}
        locale={{ emptyText: t('insights.historyEmpty') }}
        dataSource={history.data?.items ?? []}
        renderItem={(r) => (
          <List.Item>
            {r.asOf}：{r.value}（{r.source}，{r.enteredBy}）
          </List.Item>
        )}
      />
    </Modal>
  );
}
