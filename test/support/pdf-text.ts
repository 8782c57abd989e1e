/**
 * The text of an uncompressed PDF written by pdfkit with its standard fonts: every `[...] TJ` array's hex strings
 * (WinAnsi codes) decoded and joined, one entry per text run. Enough for a test to read what a statement prints.
 */
export function pdfTextRuns(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)].map((m) =>
    [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''),
  );
}
