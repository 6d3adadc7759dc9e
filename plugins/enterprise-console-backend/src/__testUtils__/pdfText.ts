import { execFile } from 'node:child_process';

/*
 * pdf-parse (pdf.js) loads its worker by a dynamic import, which jest's
 * module system refuses; a plain Node child process reads the PDF instead.
 */
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const parts = [];
process.stdin.on('data', chunk => parts.push(chunk)).on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(parts)) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    process.stdout.write(JSON.stringify({ text: text.text, pages: text.total, info: info.info }));
  } finally {
    await parser.destroy();
  }
});
`;

/** What a PDF says: its text (pages in order), page count and info dictionary. */
export interface PdfContent {
  text: string;
  pages: number;
  info: Record<string, unknown>;
}

/** Parses a PDF with pdf-parse; rejects when it is not a readable PDF. */
export function pdfText(pdf: Buffer): Promise<PdfContent> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', SCRIPT],
      { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`Not a readable PDF: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout));
      },
    );
    child.stdin!.end(pdf);
  });
}
