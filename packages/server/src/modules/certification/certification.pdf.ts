// The certificate (人才认定证书) as a PDF: tier, holder (masked), validity, number, and a QR code whose
// URL opens the public verification page. Uses a CJK font when the machine has one (Debian's
// fonts-noto-cjk), else the built-in Helvetica with the English text only.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** Where CJK fonts usually live; the first that exists is used. A .ttc needs the PostScript name of its face. */
const CJK_FONTS: { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', face: 'AR PL UMing CN' },
];

/** The CJK font found on this machine, or undefined (then the certificate is in English only). */
export function findCjkFont(candidates = CJK_FONTS): { path: string; face?: string } | undefined {
  return candidates.find((f) => fs.existsSync(f.path));
}

export type CertificateContent = {
  certificateNo: string;
  districtName: { zh: string; en: string };
  holderName: string;
  tier: string;
  tierName: { zh: string; en: string };
  catalogueName: { zh: string; en: string };
  path: { zh: string; en: string };
  validFrom: string;
  validTo: string;
  issuedAt: string;
  verifyUrl: string;
};

/** The QR code of a verification URL as PNG bytes (the same image the PDF embeds). */
export function certificateQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

/** Renders the certificate; resolves with the PDF bytes. `font: null` forces the built-in font (no CJK). */
export async function renderCertificatePdf(
  c: CertificateContent,
  font: { path: string; face?: string } | null = findCjkFont() ?? null,
): Promise<Buffer> {
  const qr = await certificateQrPng(c.verifyUrl);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Certificate ${c.certificateNo}`,
      Author: c.districtName.en,
      Subject: 'Rencai certification',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const zh = font !== null;
  if (font) doc.registerFont('body', font.path, font.face as string);
  else doc.registerFont('body', 'Helvetica');
  const width = doc.page.width - 112;
  doc
    .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
    .lineWidth(2)
    .stroke('#1d4ed8');
  doc.font('body').fillColor('#1d4ed8').fontSize(26);
  doc.text(zh ? '人才认定证书' : 'Talent Certificate', 56, 90, { width, align: 'center' });
  doc.fontSize(13).fillColor('#334155');
  doc.text(zh ? 'Talent Certificate' : c.districtName.en, { width, align: 'center' });
  doc.moveDown(0.5);
  if (zh) doc.text(c.districtName.zh, { width, align: 'center' });
  doc.moveDown(2);
  const line = (labelZh: string, labelEn: string, value: string) => {
    doc
      .fillColor('#64748b')
      .fontSize(11)
      .text(zh ? `${labelZh} ${labelEn}` : labelEn, { width });
    doc.fillColor('#0f172a').fontSize(16).text(value, { width });
    doc.moveDown(0.6);
  };
  line('持证人', 'Holder', c.holderName);
  line(
    '人才层次',
    'Tier',
    zh ? `${c.tier} · ${c.tierName.zh}（${c.tierName.en}）` : `${c.tier} · ${c.tierName.en}`,
  );
  line('目录', 'Catalogue', zh ? `${c.catalogueName.zh} / ${c.catalogueName.en}` : c.catalogueName.en);
  line('认定方式', 'Path', zh ? `${c.path.zh} / ${c.path.en}` : c.path.en);
  line('有效期', 'Valid', `${c.validFrom} — ${c.validTo}`);
  line('证书编号', 'Certificate No.', c.certificateNo);
  line('发证日期', 'Issued', c.issuedAt);
  const qrSize = 150;
  const qrY = doc.page.height - 56 - qrSize - 60;
  doc.image(qr, doc.page.width - 56 - qrSize - 10, qrY, { width: qrSize, height: qrSize });
  doc
    .fillColor('#64748b')
    .fontSize(10)
    .text(
      zh ? '扫码核验证书真伪与状态 Scan to verify' : 'Scan to verify this certificate',
      56,
      qrY + qrSize + 8,
      { width: width - 10, align: 'right' },
    );
  doc.text(c.verifyUrl, 56, qrY + qrSize + 24, { width: width - 10, align: 'right' });
  doc.end();
  return done;
}
