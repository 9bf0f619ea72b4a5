/**
 * 他課手続きのご案内: the other departments' procedures the rules select for a
 * household. Rules are written in Japanese and English; readers of the other
 * languages get the English text.
 */
import { useTranslation } from 'react-i18next';
import { pickMessage } from '../api';
import { useLanguage } from '../i18n/useLanguage';
import type { Procedure } from './api';

export function ProcedureList({
  procedures,
  headingLevel = 3,
}: {
  procedures: Procedure[];
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (procedures.length === 0) return <p className="moving-procedures__none">{t('moving.guidance.none')}</p>;
  const text = (message: { ja: string; en: string }) => pickMessage(message, lng);
  // Rules only speak Japanese and English: mark English text for readers of other languages.
  const textLang = lng === 'ja' ? undefined : 'en';
  return (
    <ul className="moving-procedures" data-procedures={procedures.map((p) => p.id).join(' ')}>
      {procedures.map((procedure) => (
        <li key={procedure.id} className="moving-procedure" data-procedure={procedure.id}>
          <Heading className="moving-procedure__title" lang={textLang}>
            {text(procedure.title)}
          </Heading>
          <dl className="moving-dl moving-dl--inline">
            <dt>{t('moving.guidance.who')}</dt>
            <dd>{procedure.personNames.join('、')}</dd>
            <dt>{t('moving.guidance.where')}</dt>
            <dd lang={textLang}>
              {text(procedure.department)} — {text(procedure.place)}
            </dd>
            {procedure.bring.length > 0 && (
              <>
                <dt>{t('moving.guidance.bring')}</dt>
                <dd lang={textLang}>{procedure.bring.map(text).join('、')}</dd>
              </>
            )}
          </dl>
          {procedure.notes && (
            <p className="moving-procedure__notes" lang={textLang}>
              {text(procedure.notes)}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
