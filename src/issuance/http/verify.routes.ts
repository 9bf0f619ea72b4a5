import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { html, page } from '../../http/html.js';
import type { AppDeps } from '../../server.js';
import { AppError, isAppError } from '../../shared/errors.js';
import {
  type FileVerification,
  lookUpVerificationCode,
  type PublicIssuance,
  verifyCertificateFile,
} from '../use-cases/verify-certificate.js';

const MAX_UPLOAD = 5 * 1024 * 1024;

const VERDICT_TEXT: Record<FileVerification['verdict'], { ok: boolean; ja: string; en: string }> = {
  genuine: {
    ok: true,
    ja: 'このファイルは発行された証明書と完全に一致し、電子署名も有効です。',
    en: 'This file is exactly the certificate that was issued, and its signature is valid.',
  },
  voided: {
    ok: false,
    ja: 'この証明書は発行後に取り消されています。',
    en: 'This certificate was voided after issuance.',
  },
  altered: {
    ok: false,
    ja: 'このファイルは改変されています（電子署名が一致しません）。',
    en: 'This file has been altered: its signature does not match.',
  },
  not_issued_here: {
    ok: false,
    ja: 'このファイルは、この確認コードで発行された証明書と一致しません。',
    en: 'This file does not match the certificate issued with this code.',
  },
  unsigned: {
    ok: false,
    ja: 'このファイルには電子署名がありません。',
    en: 'This file carries no signature.',
  },
};

function issuanceDetails(issuance: PublicIssuance) {
  return html`<dl>
    <dt>発行者 <span class="en" lang="en">Issuer</span></dt><dd>${issuance.prefecture} ${issuance.municipalityName}</dd>
    <dt>証明書 <span class="en" lang="en">Certificate</span></dt><dd>${issuance.certificateNameJa} <span class="en" lang="en">${issuance.certificateNameEn}</span></dd>
    <dt>発行日 <span class="en" lang="en">Issued on</span></dt><dd>${issuance.issuedOnJa} <span class="en" lang="en">(${issuance.issuedOn})</span></dd>
    <dt>発行番号 <span class="en" lang="en">Issue number</span></dt><dd>${issuance.issueNumber}</dd>
    <dt>ページ数 <span class="en" lang="en">Pages</span></dt><dd>${issuance.pages}</dd>
    <dt>状態 <span class="en" lang="en">Status</span></dt><dd>${issuance.status === 'issued' ? '有効 (issued)' : '取消 (voided)'}</dd>
  </dl>`;
}

function uploadForm(code: string) {
  return html`<h2>PDFファイルの照合 <span class="en" lang="en">Check a PDF file</span></h2>
  <p>お手元のPDFが発行されたものと一字一句同じかを確かめます。ファイルはこの照合にだけ使い、保存しません。<br>
  <span class="en" lang="en">Checks that your PDF is byte for byte the one issued. The file is used for this check only and is not kept.</span></p>
  <form method="post" action="/verify/${code}" enctype="multipart/form-data">
    <label for="file">PDFファイル <span class="en" lang="en">PDF file</span></label>
    <input id="file" name="file" type="file" accept="application/pdf" required>
    <button type="submit">照合する <span lang="en">Check</span></button>
  </form>`;
}

function codeForm(value = '', error?: AppError) {
  return html`<form method="get" action="/verify">
    <label for="code">確認コード <span class="en" lang="en">Verification code</span></label>
    <input id="code" name="code" type="text" value="${value}" autocomplete="off" inputmode="latin" aria-describedby="code-help${error ? ' code-error' : ''}" ${error ? html`aria-invalid="true"` : html``}>
    <p id="code-help" class="en">証明書の右下に印字された20文字のコード（例: 0ABC-1DEF-…）<br><span lang="en">The 20-character code printed at the bottom right of the certificate.</span></p>
    ${error ? html`<p id="code-error" class="error" role="alert"><strong>${error.ja}</strong><br><span class="en" lang="en">${error.en}</span></p>` : html``}
    <button type="submit">確認する <span lang="en">Verify</span></button>
  </form>`;
}

function sendPage(reply: FastifyReply, status: number, title: string, body: ReturnType<typeof html>) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page({ title, body }));
}

/**
 * The public verification page printed as a QR code on every certificate,
 * and its JSON twin. Reads only what the certificate itself shows.
 */
export const verifyRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.db;
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 5 } });

  app.get('/verify', async (request, reply) => {
    const code = (request.query as { code?: unknown }).code;
    if (typeof code === 'string' && code.trim()) {
      try {
        const issuance = await lookUpVerificationCode(db, code);
        return reply.redirect(`/verify/${encodeURIComponent(issuance.verificationCode)}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return sendPage(
          reply,
          error.kind === 'not_found' ? 404 : 400,
          '証明書の確認',
          html`<h1>証明書の確認 <span class="en" lang="en">Verify a certificate</span></h1>${codeForm(code, error)}`,
        );
      }
    }
    return sendPage(
      reply,
      200,
      '証明書の確認',
      html`<h1>証明書の確認 <span class="en" lang="en">Verify a certificate</span></h1>${codeForm()}`,
    );
  });

  app.get<{ Params: { code: string } }>('/verify/:code', async (request, reply) => {
    try {
      const issuance = await lookUpVerificationCode(db, request.params.code);
      const ok = issuance.status === 'issued';
      return sendPage(
        reply,
        200,
        '証明書の確認結果',
        html`<h1>証明書の確認結果 <span class="en" lang="en">Verification result</span></h1>
        <div class="verdict ${ok ? 'ok' : 'bad'}" role="status"><strong>${ok ? 'この確認コードの証明書は、正規に発行されています。' : 'この証明書は取り消されています。'}</strong><br>
        <span class="en" lang="en">${ok ? 'A certificate with this code was issued by the municipality.' : 'This certificate has been voided.'}</span></div>
        ${issuanceDetails(issuance)}
        <p>証明書の記載内容（氏名など）は、このページには表示しません。お手元の証明書と発行番号・発行日を照らし合わせてください。<br>
        <span class="en" lang="en">Personal details are not shown here; compare the issue number and date with the paper you hold.</span></p>
        ${uploadForm(issuance.verificationCode)}`,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return sendPage(
        reply,
        error.kind === 'not_found' ? 404 : 400,
        '証明書の確認',
        html`<h1>証明書の確認 <span class="en" lang="en">Verify a certificate</span></h1>${codeForm(request.params.code, error)}`,
      );
    }
  });

  app.post<{ Params: { code: string } }>('/verify/:code', async (request, reply) => {
    const pdf = await readUploadedPdf(request);
    const result = await verifyCertificateFile(db, pdf, { verificationCode: request.params.code });
    const text = VERDICT_TEXT[result.verdict];
    return sendPage(
      reply,
      200,
      '照合結果',
      html`<h1>照合結果 <span class="en" lang="en">File check</span></h1>
      <div class="verdict ${text.ok ? 'ok' : 'bad'}" role="status"><strong>${text.ja}</strong><br><span class="en" lang="en">${text.en}</span></div>
      ${result.issuance ? issuanceDetails(result.issuance) : html``}
      <p><a href="/verify/${result.issuance?.verificationCode ?? ''}">戻る <span lang="en">Back</span></a></p>`,
    );
  });

  app.get<{ Params: { code: string } }>('/api/v1/verify/:code', async (request) =>
    lookUpVerificationCode(db, request.params.code),
  );

  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD },
    (_request, body, done) => done(null, body),
  );
  app.post<{ Querystring: { code?: string } }>('/api/v1/verify', async (request) => {
    if (!Buffer.isBuffer(request.body))
      throw new AppError('invalid', 'verification_not_pdf', {
        ja: 'PDFファイルを Content-Type: application/pdf で送ってください。',
        en: 'Send the PDF file with Content-Type: application/pdf.',
      });
    const code = typeof request.query.code === 'string' ? request.query.code : undefined;
    return verifyCertificateFile(db, request.body, code ? { verificationCode: code } : {});
  });
};

async function readUploadedPdf(request: import('fastify').FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart())
    throw new AppError('invalid', 'verification_not_pdf', {
      ja: 'PDFファイルを選んでください。',
      en: 'Choose a PDF file.',
    });
  let file: Awaited<ReturnType<typeof request.file>>;
  try {
    file = await request.file();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413) throw error;
    throw new AppError('invalid', 'verification_upload_malformed', {
      ja: 'ファイルの送信内容が正しくありません。もう一度選んでください。',
      en: 'The upload is malformed. Please choose the file again.',
    });
  }
  if (!file)
    throw new AppError('invalid', 'verification_no_file', {
      ja: 'ファイルが選ばれていません。',
      en: 'No file was chosen.',
    });
  let buffer: Buffer;
  try {
    buffer = await file.toBuffer();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413) throw error;
    throw new AppError('invalid', 'verification_upload_malformed', {
      ja: 'ファイルの送信内容が正しくありません。もう一度選んでください。',
      en: 'The upload is malformed. Please choose the file again.',
    });
  }
  if (file.file.truncated)
    throw new AppError('too_large', 'verification_file_size', {
      ja: 'PDFファイル（5MBまで）を選んでください。',
      en: 'Choose a PDF file of at most 5 MB.',
    });
  return buffer;
}
