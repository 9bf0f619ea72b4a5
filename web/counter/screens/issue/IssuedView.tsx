import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import type { IssuedCertificate, PaidVisit } from '../../api/counter';
import { formatYen } from '../../format';
import { usePdfUrl } from '../../pdf';

/** 交付: the certificates and the receipt to print, and any 本人通知 queued. */
export function IssuedView({ paid, onNext }: { paid: PaidVisit; onNext: () => void }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <>
      <Alert tone="success" title={t('counter.issue.done.title')}>
        <p>
          {t('counter.issue.done.body', {
            number: paid.certificates.length,
            total: formatYen(paid.total, lng),
          })}
        </p>
        {paid.change !== null && paid.change > 0 && (
          <p className="console-change">
            {t('counter.issue.pay.change', { amount: formatYen(paid.change, lng) })}
          </p>
        )}
      </Alert>
      <div className="console-table-wrap">
        <table className="mg-table console-table" data-testid="issued">
          <caption className="mg-visually-hidden">{t('counter.issue.done.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('counter.issue.line.certificate')}</th>
              <th scope="col">{t('counter.issue.done.issueNumber')}</th>
              <th scope="col" className="console-num">
                {t('counter.issue.line.copies')}
              </th>
              <th scope="col" className="console-num">
                {t('counter.issue.lines.fee')}
              </th>
              <th scope="col">{t('counter.issue.done.print')}</th>
            </tr>
          </thead>
          <tbody>
            {paid.certificates.map((certificate) => (
              <CertificateRow key={certificate.lineNo} certificate={certificate} />
            ))}
            <ReceiptRow paid={paid} />
          </tbody>
        </table>
      </div>
      {paid.notices.length > 0 && (
        <Alert tone="info" title={t('counter.issue.done.noticesTitle')}>
          {t('counter.issue.done.notices', { number: paid.notices.length })}
        </Alert>
      )}
      <div className="mg-actions">
        <Button size="lg" data-primary onClick={onNext}>
          {t('counter.issue.done.next')}
        </Button>
      </div>
    </>
  );
}

function CertificateRow({ certificate }: { certificate: IssuedCertificate }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const url = usePdfUrl(certificate.pdfBase64);
  const name = t(`counter.certificates.${certificate.certificate}`);
  return (
    <tr data-line={certificate.lineNo}>
      <th scope="row" className="console-row-head">
        {name}
        <span className="console-cell-sub">
          {t('counter.issue.done.verification', { code: certificate.verificationCode })}
        </span>
      </th>
      <td className="console-code">{certificate.issueNumber}</td>
      <td className="console-num">{certificate.copies}</td>
      <td className="console-num">{formatYen(certificate.fee, lng)}</td>
      <td>
        <PdfLinks url={url} filename={`certificate-${certificate.lineNo}.pdf`} name={name} />
      </td>
    </tr>
  );
}

function ReceiptRow({ paid }: { paid: PaidVisit }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const url = usePdfUrl(paid.receipt.pdfBase64);
  const name = t('counter.issue.done.receipt');
  return (
    <tr data-receipt>
      <th scope="row" className="console-row-head">
        {name}
      </th>
      <td className="console-code">{paid.receipt.receiptNumber}</td>
      <td className="console-num">1</td>
      <td className="console-num">{formatYen(paid.total, lng)}</td>
      <td>
        <PdfLinks url={url} filename="receipt.pdf" name={name} />
      </td>
    </tr>
  );
}

/**
 * Opens the signed PDF in the browser's viewer (print from there) or saves it.
 * The bytes are the ones the server signed: nothing is re-rendered in the page.
 */
export function PdfLinks({
  url,
  filename,
  name,
}: {
  url: string | undefined;
  filename: string;
  name: string;
}) {
  const { t } = useTranslation();
  if (!url) return null;
  return (
    <span className="console-pdf-links">
      <a href={url} target="_blank" rel="noopener" aria-label={t('counter.issue.done.openLabel', { name })}>
        {t('counter.issue.done.open')}
      </a>
      <a href={url} download={filename} aria-label={t('counter.issue.done.saveLabel', { name })}>
        {t('counter.issue.done.save')}
      </a>
    </span>
  );
}
