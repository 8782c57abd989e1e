// Bank files for a batch's bank_transfer items: CSV, and SEPA credit transfer initiation pain.001.001.03 (XML).
// Pure text building; amounts are integer minor units turned into decimals only here (EUR: 2 decimals).
import type { Batch, PayoutItem } from '../../../domain';

export interface Debtor {
  name: string;
  iban: string;
  bic?: string;
}

type BankItem = PayoutItem & { destination: { method: 'bank_transfer'; iban: string; bic?: string; accountHolder: string } };

export function bankItems(batch: Batch): BankItem[] {
  return [...batch.items.values()].filter((item): item is BankItem => item.destination.method === 'bank_transfer' && item.state === 'pending');
}

export function bankCsv(batch: Batch, items: BankItem[]): string {
  const rows = [['batchId', 'itemId', 'influencerId', 'accountHolder', 'iban', 'bic', 'amountMinor', 'currency', 'reference']];
  for (const item of items) {
    const d = item.destination;
    rows.push([batch.batchId, item.itemId, item.influencerId, d.accountHolder, d.iban, d.bic ?? '', String(item.amount), batch.currency, reference(batch, item)]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** SEPA: EUR, two decimals. `createdAt` and `executionDate` come from the caller's clock. */
export function pain001(batch: Batch, items: BankItem[], debtor: Debtor, createdAt: string, executionDate: string): string {
  const sum = decimal(items.reduce((total, item) => total + item.amount, 0));
  const count = String(items.length);
  const msgId = compact(batch.batchId);
  const debtorAgent = debtor.bic === undefined ? '<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>' : `<FinInstnId><BIC>${xml(debtor.bic)}</BIC></FinInstnId>`;
  const transactions = items.map((item) => {
    const d = item.destination;
    return [
      '<CdtTrfTxInf>',
      `<PmtId><EndToEndId>${compact(item.itemId)}</EndToEndId></PmtId>`,
      `<Amt><InstdAmt Ccy="${xml(batch.currency)}">${decimal(item.amount)}</InstdAmt></Amt>`,
      d.bic === undefined ? '' : `<CdtrAgt><FinInstnId><BIC>${xml(d.bic)}</BIC></FinInstnId></CdtrAgt>`,
      `<Cdtr><Nm>${xml(d.accountHolder)}</Nm></Cdtr>`,
      `<CdtrAcct><Id><IBAN>${xml(d.iban)}</IBAN></Id></CdtrAcct>`,
      `<RmtInf><Ustrd>${xml(reference(batch, item))}</Ustrd></RmtInf>`,
      '</CdtTrfTxInf>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<CstmrCdtTrfInitn>',
    `<GrpHdr><MsgId>${msgId}</MsgId><CreDtTm>${createdAt.slice(0, 19)}</CreDtTm><NbOfTxs>${count}</NbOfTxs><CtrlSum>${sum}</CtrlSum><InitgPty><Nm>${xml(debtor.name)}</Nm></InitgPty></GrpHdr>`,
    `<PmtInf><PmtInfId>${msgId}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg><NbOfTxs>${count}</NbOfTxs><CtrlSum>${sum}</CtrlSum>`,
    '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `<ReqdExctnDt>${executionDate}</ReqdExctnDt>`,
    `<Dbtr><Nm>${xml(debtor.name)}</Nm></Dbtr><DbtrAcct><Id><IBAN>${xml(debtor.iban)}</IBAN></Id></DbtrAcct><DbtrAgt>${debtorAgent}</DbtrAgt>`,
    '<ChrgBr>SLEV</ChrgBr>',
    ...transactions,
    '</PmtInf>',
    '</CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}

/** Max 140 characters of unstructured remittance; the ids let the bank's return name the item. */
function reference(batch: Batch, item: PayoutItem): string {
  return `payout ${compact(batch.batchId)} item ${compact(item.itemId)}`;
}

/** A uuid without dashes: 32 characters, inside SEPA's 35 for MsgId and EndToEndId. */
function compact(id: string): string {
  return id.replace(/-/g, '').slice(0, 35);
}

function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function csvField(value: string): string {
  // Also defuses spreadsheet formulas: a leading =, +, - or @ is quoted with a leading apostrophe.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
