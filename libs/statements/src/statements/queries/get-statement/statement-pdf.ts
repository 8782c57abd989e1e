import PDFDocument from 'pdfkit';
import { statementTotals } from './statement-csv';
import type { StatementView } from '../../statement.view';

const money = (amount: number, currency: string) => {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`;
};

/**
 * A printable statement (application/pdf). Deterministic: the document's dates are the statement's issuance, so
 * the same statement renders the same bytes. Uncompressed content streams: small documents, and text a reader
 * (or a test) can find without inflating.
 */
export function statementPdf(s: StatementView): Promise<Buffer> {
  const issued = new Date(s.issuedAt);
  const doc = new PDFDocument({ size: 'A4', margin: 40, compress: false, info: { Title: `Statement ${s.number}`, CreationDate: issued, ModDate: issued } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(`Statement ${s.number}`);
  doc.font('Helvetica').fontSize(10);
  doc.text(`Influencer: ${s.influencerId}`);
  doc.text(`Period: ${s.periodStart} to ${s.periodEnd} (end exclusive)`);
  doc.text(`Currency: ${s.currency}`);
  doc.text(`Issued: ${s.issuedAt}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Totals');
  doc.font('Helvetica');
  for (const [name, amount] of statementTotals(s)) doc.text(`${name}: ${money(amount, s.currency)}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text(`Lines (${s.lines.length})`);
  doc.font('Helvetica').fontSize(8);
  for (const l of s.lines) {
    const refs = [l.orderId ? `order ${l.orderId}` : null, l.sourceRef ? `ref ${l.sourceRef}` : null].filter(Boolean).join(', ');
    doc.text(`${l.at}  ${l.kind}  ${money(l.amount.amount, l.amount.currency)}  earning ${l.earningId}${refs ? `  ${refs}` : ''}${l.note ? `  ${l.note}` : ''}`);
  }
  doc.end();
  return done;
}
