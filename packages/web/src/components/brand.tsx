import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The product mark and name; links home. */
export function Brand({ showName = true }: { showName?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand" aria-label={`${t('app.name')} ${t('app.latinName')}`}>
      <span className="brand-mark" aria-hidden>
        才
      </span>
      {showName ? <span className="brand-name">{t('app.name')}</span> : null}
    </Link>
  );
}
