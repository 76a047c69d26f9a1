import { CalculatorOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Row,
  Segmented,
  Select,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useCalculate, usePolicyQuestions } from '../../api/queries';
import type {
  Audience,
  Calculation,
  CalculationGroup,
  CalculationResult,
  Facts,
  Question,
} from '../../api/types';
import { QueryError } from '../../components/query-error';
import { formatMoney, usePolicyScope } from './scope';

const COMMON_QUESTIONS = 15;
const ALL_QUESTIONS = 100;
/** Policies that need information, listed before "show all": the full list can be long. */
const UNKNOWN_SHOWN = 6;

type Answers = Record<string, unknown>;

/** The input for one question, by the fact's type. */
function QuestionInput({ question, ...rest }: { question: Question; id?: string }) {
  const { t } = useTranslation();
  const values = question.values ?? [];
  switch (question.type) {
    case 'boolean':
      return (
        <Radio.Group
          {...rest}
          aria-label={question.label}
          optionType="button"
          options={[
            { value: true, label: t('calculator.yes') },
            { value: false, label: t('calculator.no') },
            { value: '', label: t('calculator.unsure') },
          ]}
        />
      );
    case 'enum':
      return (
        <Select
          {...rest}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('calculator.choose')}
          options={values.map((v) => ({ value: v.value, label: v.label }))}
        />
      );
    case 'string_list':
      return values.length ? (
        <Checkbox.Group
          {...rest}
          aria-label={question.label}
          options={values.map((v) => ({ value: v.value, label: v.label }))}
        />
      ) : (
        <Select {...rest} mode="tags" open={false} placeholder={t('calculator.choose')} />
      );
    case 'integer':
    case 'number':
      return (
        <InputNumber
          {...rest}
          min={0}
          precision={question.type === 'integer' ? 0 : undefined}
          style={{ width: '100%' }}
        />
      );
    case 'date':
      return <Input {...rest} type="date" />;
    default:
      return <Input {...rest} maxLength={200} />;
  }
}

function toFacts(answers: Answers, questions: Question[]): Facts {
  const facts: Facts = {};
  for (const q of questions) {
    const v = answers[q.name];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    facts[q.name] = v as Facts[string];
  }
  return facts;
}

function Amount({ result }: { result: CalculationResult }) {
  const { t, i18n } = useTranslation();
  if (result.amount === null)
    return <Typography.Text type="secondary">{t('calculator.amountPending')}</Typography.Text>;
  if (result.amount === 0)
    return <Typography.Text type="secondary">{t('calculator.service')}</Typography.Text>;
  return (
    <Typography.Text strong className="result-amount">
      {formatMoney(result.amount, i18n.language)}
    </Typography.Text>
  );
}

function ResultTitle({ result, base }: { result: CalculationResult; base: string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} wrap align="center">
      <Link to={`${base}/policies/${result.policyId}`}>{result.title}</Link>
      {result.automatic ? <Tag color="green">{t('policies.automatic')}</Tag> : null}
      {result.illustrative && result.amount ? <Tag color="orange">{t('policies.illustrative')}</Tag> : null}
    </Flex>
  );
}

function EligibleItem({ result, base }: { result: CalculationResult; base: string }) {
  const { t, i18n } = useTranslation();
  const stateText = {
    due: t('calculator.instalmentDue'),
    pending: t('calculator.instalmentPending'),
    unknown: t('calculator.instalmentUnknown'),
  };
  const notChosen = result.exclusivity && !result.exclusivity.chosen;
  return (
    <li className={`result-item${notChosen ? ' result-item-muted' : ''}`}>
      <Flex justify="space-between" gap={12} wrap>
        <ResultTitle result={result} base={base} />
        <Amount result={result} />
      </Flex>
      {notChosen ? <Typography.Text type="secondary">{t('calculator.notChosen')}</Typography.Text> : null}
      {result.schedule.length > 1 ? (
        <ul className="plain-list schedule-list">
          {result.schedule.map((s) => (
            <li key={s.dueDate + s.share}>
              {t('calculator.instalment', {
                date: s.dueDate,
                amount: s.amount === null ? '—' : formatMoney(s.amount, i18n.language),
              })}{' '}
              <Typography.Text type="secondary">（{stateText[s.state]}）</Typography.Text>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function GroupNote({ group }: { group: CalculationGroup }) {
  const { t } = useTranslation();
  const text = group.chosenTitle
    ? t('calculator.groupChosen', { name: group.name, rule: group.resolutionText, chosen: group.chosenTitle })
    : t('calculator.groupNone', { name: group.name, rule: group.resolutionText });
  return (
    <Alert
      type="info"
      showIcon
      title={text}
      description={group.undecided ? t('calculator.groupUndecided') : undefined}
    />
  );
}

function Results({ calculation, base }: { calculation: Calculation; base: string }) {
  const { t, i18n } = useTranslation();
  const [showAllUnknown, setShowAllUnknown] = useState(false);
  const eligible = calculation.results.filter((r) => r.verdict === 'eligible');
  const unknown = calculation.results.filter((r) => r.verdict === 'unknown');
  const ineligible = calculation.results.filter((r) => r.verdict === 'ineligible');
  const groups = calculation.groups.filter((g) => g.members.some((m) => m.verdict !== 'ineligible'));
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {t('calculator.resultTitle')}
      </Typography.Title>
      <Card size="small">
        <Statistic
          title={t('calculator.total')}
          value={formatMoney(calculation.total, i18n.language)}
          styles={{ content: { color: '#1d4ed8', fontWeight: 600 } }}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('calculator.totalNote')}
          {calculation.totalComplete ? '' : ` · ${t('calculator.totalIncomplete')}`}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          {t('calculator.counts', calculation.counts)}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('calculator.asOf', { date: calculation.asOf })}</Typography.Text>
      </Card>

      {groups.map((g) => (
        <GroupNote key={g.group} group={g} />
      ))}

      <Card size="small" title={<h3 className="card-heading">{t('calculator.eligible')}</h3>}>
        {eligible.length ? (
          <ul className="result-list">
            {eligible.map((r) => (
              <EligibleItem key={r.policyId} result={r} base={base} />
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('calculator.noEligible')}</Typography.Text>
        )}
      </Card>

      {unknown.length ? (
        <Card size="small" title={<h3 className="card-heading">{t('calculator.unknown')}</h3>}>
          <ul className="result-list">
            {(showAllUnknown ? unknown : unknown.slice(0, UNKNOWN_SHOWN)).map((r) => (
              <li key={r.policyId} className="result-item">
                <ResultTitle result={r} base={base} />
                <Typography.Text>
                  {t('calculator.tellUs', {
                    facts: [...r.missing, ...r.amountMissing]
                      .map((m) => m.label)
                      .filter((label, i, all) => all.indexOf(label) === i)
                      .join(i18n.language === 'en' ? ', ' : '、'),
                  })}
                </Typography.Text>
                {r.amount ? (
                  <Typography.Text type="secondary">
                    {t('calculator.wouldGet', { amount: formatMoney(r.amount, i18n.language) })}
                  </Typography.Text>
                ) : null}
              </li>
            ))}
          </ul>
          {unknown.length > UNKNOWN_SHOWN ? (
            <Button type="link" style={{ paddingInline: 0 }} onClick={() => setShowAllUnknown((v) => !v)}>
              {showAllUnknown
                ? t('calculator.showFewer')
                : t('calculator.showAll', { count: unknown.length })}
            </Button>
          ) : null}
        </Card>
      ) : null}

      {ineligible.length ? (
        <Collapse
          items={[
            {
              key: 'ineligible',
              label: `${t('calculator.ineligible')}（${ineligible.length}）`,
              children: (
                <ul className="result-list">
                  {ineligible.map((r) => (
                    <li key={r.policyId} className="result-item">
                      <ResultTitle result={r} base={base} />
                      <Typography.Text type="secondary">
                        {t('calculator.why')} {r.reasons.join(i18n.language === 'en' ? '; ' : '；')}
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      ) : null}
      <Typography.Text type="secondary">{t('calculator.notSaved')}</Typography.Text>
    </Flex>
  );
}

/** 政策计算器: answer the generated questions, see verdicts, amounts, missing facts and 就高不重复. */
export default function CalculatorPage() {
  const { t } = useTranslation();
  const { district, base } = usePolicyScope();
  const [params, setParams] = useSearchParams();
  const audience: Audience = params.get('audience') === 'enterprise' ? 'enterprise' : 'talent';
  const policyId = params.get('policy') ?? undefined;
  const [showAll, setShowAll] = useState(false);
  const questions = usePolicyQuestions(
    district,
    audience,
    policyId,
    showAll ? ALL_QUESTIONS : COMMON_QUESTIONS,
  );
  const calculate = useCalculate(district);
  const [form] = Form.useForm<Answers>();
  const resultsRef = useRef<HTMLDivElement>(null);
  const items = questions.data?.items ?? [];

  const sideBySide = Grid.useBreakpoint().xl === true;
  useEffect(() => {
    // Below the form (phones, tablets) the results would be out of sight: bring them into view.
    if (calculate.data && !sideBySide) resultsRef.current?.scrollIntoView({ block: 'start' });
  }, [calculate.data, sideBySide]);

  function switchAudience(next: Audience) {
    const p = new URLSearchParams(params);
    p.set('audience', next);
    p.delete('policy');
    setParams(p, { replace: true });
    form.resetFields();
    calculate.reset();
  }

  const initialValues = Object.fromEntries(
    items.filter((q) => q.type === 'boolean').map((q) => [q.name, '']),
  );

  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 26 }}>
          {t('calculator.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 720 }}>
          {t('calculator.intro')}
        </Typography.Paragraph>
        <Flex align="center" gap={12} wrap>
          <Typography.Text id="calculator-who">{t('calculator.who')}</Typography.Text>
          <Segmented
            aria-labelledby="calculator-who"
            value={audience}
            onChange={(value) => switchAudience(value as Audience)}
            options={[
              { value: 'talent', label: t('calculator.talent') },
              { value: 'enterprise', label: t('calculator.enterprise') },
            ]}
          />
        </Flex>
      </header>

      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={13}>
          <Card size="small" title={<h2 className="card-heading">{t('calculator.questions')}</h2>}>
            {questions.isError ? (
              <QueryError
                title={t('calculator.questionsFailed')}
                error={questions.error}
                onRetry={() => void questions.refetch()}
              />
            ) : (
              <Form
                key={`${audience}:${items.length}`}
                form={form}
                layout="vertical"
                initialValues={initialValues}
                onFinish={(answers) => calculate.mutate({ audience, facts: toFacts(answers, items) })}
                disabled={questions.isPending}
              >
                <Row gutter={16}>
                  {items.map((q) => (
                    <Col key={q.name} xs={24} md={12}>
                      <Form.Item name={q.name} label={q.label}>
                        <QuestionInput question={q} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                {questions.data && questions.data.totalFacts > COMMON_QUESTIONS ? (
                  <Button type="link" style={{ paddingInline: 0 }} onClick={() => setShowAll((v) => !v)}>
                    {showAll
                      ? t('calculator.fewerQuestions')
                      : t('calculator.moreQuestions', { count: questions.data.totalFacts })}
                  </Button>
                ) : null}
                <Flex gap={8} wrap style={{ marginTop: 8 }}>
                  <Button
                    type="primary"
                    htmlType="submit"
                    icon={<CalculatorOutlined aria-hidden />}
                    loading={calculate.isPending}
                  >
                    {t('calculator.submit')}
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      calculate.reset();
                    }}
                  >
                    {t('calculator.reset')}
                  </Button>
                </Flex>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <section ref={resultsRef} aria-live="polite" aria-label={t('calculator.resultTitle')}>
            {calculate.isError ? (
              <Alert
                type="error"
                showIcon
                title={t('calculator.failed')}
                description={errorMessage(calculate.error)}
              />
            ) : null}
            {calculate.data ? <Results calculation={calculate.data} base={base} /> : null}
          </section>
        </Col>
      </Row>
    </Flex>
  );
}
