// The certificate PDF: a CJK font when the machine has one, the built-in font otherwise; the QR verifies.
import { describe, expect, it } from 'vitest';
import { findCjkFont, renderCertificatePdf } from './certification.pdf';
import { readQrFromPdf } from './certification.pdf-image';

const content = {
  certificateNo: 'RC-WUXING-2026-000001-ABCD',
  districtName: { zh: '湖州市吴兴区', en: 'Wuxing District, Huzhou' },
  holderName: '林晓',
  tier: 'B',
  tierName: { zh: '国家级领军人才', en: 'National leading talent' },
  catalogueName: { zh: '吴兴区人才分类目录', en: 'Wuxing talent catalogue' },
  path: { zh: '目录认定', en: 'Catalogue match' },
  validFrom: '2026-12-01',
  validTo: '2031-11-30',
  issuedAt: '2026-12-01',
  verifyUrl: 'https://rencai.example.cn/verify/certificate/RC-WUXING-2026-000001-ABCD',
};

describe('renderCertificatePdf', () => {
  it('falls back to the built-in font when no CJK font is found, and the QR still verifies', async () => {
    expect(findCjkFont([{ path: '/nonexistent/font.ttc', face: 'X' }])).toBeUndefined();
    const pdf = await renderCertificatePdf(content, null);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/Helvetica');
    expect(readQrFromPdf(pdf)).toBe(content.verifyUrl);
  });

  it('embeds the CJK font when the machine has one', async () => {
    const font = findCjkFont();
    if (!font) return; // no CJK font on this machine: the fallback above is what runs
    const pdf = await renderCertificatePdf(content, font);
    expect(pdf.toString('latin1')).toMatch(/NotoSansCJK|NotoSerifCJK|WenQuanYi|UMing/);
    expect(readQrFromPdf(pdf)).toBe(content.verifyUrl);
  });
});
