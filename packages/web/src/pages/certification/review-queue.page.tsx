/**
 * The reviewer's queue (审核队列) as tabs: certification cases here; the claims module adds its policy
 * applications as another tab of the same page.
 */
import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApplicationsReviewTab } from '../review/applications-tab';
import { ReviewActions } from './case-actions';
import { CaseTable } from './case-table';

export default function ReviewQueuePage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <header>
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('certification.queueTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('certification.queueIntro')}</Typography.Text>
      </header>
      <Tabs
        items={[
          {
            key: 'certification',
            label: t('certification.tabCertification'),
            children: (
              <CaseTable
                initialStatus="department_review"
                emptyText={t('certification.queueEmpty')}
                actions={(detail) => <ReviewActions detail={detail} />}
              />
            ),
          },
          { key: 'applications', label: t('claims.review.tab'), children: <ApplicationsReviewTab /> },
        ]}
      />
    </Flex>
  );
}
