import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Audience } from '../../api/types';

/** The tags that say at a glance who a policy is for and how it is granted. */
export function PolicyTags({
  audience,
  kind,
  automatic,
  illustrative,
  inForce,
}: {
  audience: Audience;
  kind: string;
  automatic: boolean;
  illustrative: boolean;
  inForce: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="policy-tags">
      <Tag color="blue">{t(`audiences.${audience}`)}</Tag>
      <Tag>{t(`policyKinds.${kind}` as 'policyKinds.other', { defaultValue: kind })}</Tag>
      {automatic ? <Tag color="green">{t('policies.automatic')}</Tag> : null}
      {illustrative ? (
        <Tooltip title={t('policies.illustrativeHint')}>
          <Tag color="orange" tabIndex={0}>
            {t('policies.illustrative')}
          </Tag>
        </Tooltip>
      ) : null}
      {inForce ? null : <Tag color="default">{t('policies.notInForce')}</Tag>}
    </span>
  );
}
