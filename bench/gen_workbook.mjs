#!/usr/bin/env node
// Writes an Excel workbook (.xlsx) of survey answers for the page benchmark, from an export of
// bench/gen_survey.py: its first ROWS rows, widened to COLUMNS columns by repeating the question
// columns under new headers (Q9., Q10., …), in the shape Excel and Microsoft Forms write:
// shared strings, whole numbers as number cells, deflated parts, `dimension ref="A1"`. Next to
// it, FILE.expected.json with the row count (what bench/page.mjs checks the page shows).
//
//   node bench/gen_workbook.mjs --csv bench/data/survey_20k.csv --out bench/data/survey_20k.xlsx
//                               [--rows 20000] [--columns 25]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    csv: { type: 'string' }, out: { type: 'string' },
    rows: { type: 'string', default: '20000' }, columns: { type: 'string', default: '25' },
  },
});
if (!opt.csv || !opt.out) {
  console.error('usage: node bench/gen_workbook.mjs --csv FILE.csv --out FILE.xlsx [--rows 20000] [--columns 25]');
  process.exit(2);
}
const ROWS = Number(opt.rows);
const COLUMNS = Number(opt.columns);

/** The records of a `;`-separated export with "-quoted fields (the generator's dialect). */
function* records(text) {
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      yield record;
      field = '';
      record = [];
    } else field += ch;
  }
  if (field || record.length) yield [...record, field];
}

const text = fs.readFileSync(opt.csv, 'utf8').replace(/^\uFEFF/, '');
const table = [];
for (const record of records(text)) {
  if (table.length > ROWS) break;
  table.push(record);
}
// Widen with copies of the question columns (headers starting "Q<n>.").
const questions = table[0].map((h, i) => [h, i]).filter(([h]) => /^Q\d+\./.test(h)).map(([, i]) => i);
let next = questions.length + 1;
for (let k = 0; table[0].length < COLUMNS; k++) {
  const from = questions[k % questions.length];
  const header = table[0][from].replace(/^Q\d+\./, `Q${next++}.`);
  table.forEach((row, r) => row.push(r === 0 ? header : (row[from] ?? '')));
}
for (const row of table) row.length = COLUMNS;

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));
const strings = new Map();
const rowsXml = [];
table.forEach((row, r) => {
  let cells = '';
  row.forEach((value, c) => {
    if (value === undefined || value === '') return;
    const ref = `${column(c)}${r + 1}`;
    if (r > 0 && /^\d{1,9}$/.test(value)) cells += `<c r="${ref}"><v>${value}</v></c>`;
    else {
      if (!strings.has(value)) strings.set(value, strings.size);
      cells += `<c r="${ref}" t="s"><v>${strings.get(value)}</v></c>`;
    }
  });
  rowsXml.push(`<row r="${r + 1}">${cells}</row>`);
});

const ns = 'http://schemas.openxmlformats.org';
const parts = [
  ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`],
  ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Form1" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
  ['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>${rowsXml.join('')}</sheetData></worksheet>`],
  ['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${ns}/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('')}</sst>`],
];

/** A zip of deflated `parts`, with CRC-32s, as Excel writes it. */
function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content, 'utf8');
    const packed = zlib.deflateRawSync(data, { level: 6 });
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(26);
    header.writeUInt16LE(20, 0);
    header.writeUInt16LE(0x0800, 2); // UTF-8 names
    header.writeUInt16LE(8, 4); // deflate
    header.writeUInt32LE(zlib.crc32(data), 10);
    header.writeUInt32LE(packed.length, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt16LE(nameBytes.length, 22);
    const local = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), header, nameBytes, packed]);
    const dir = Buffer.alloc(46);
    dir.write('PK\x01\x02', 0, 'latin1');
    dir.writeUInt16LE(20, 4);
    header.copy(dir, 6, 0, 26);
    dir.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([dir, nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.write('PK\x05\x06', 0, 'latin1');
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const bytes = zip(parts);
fs.mkdirSync(path.dirname(path.resolve(opt.out)), { recursive: true });
fs.writeFileSync(opt.out, bytes);
const sheetXmlBytes = Buffer.byteLength(parts[4][1]) + Buffer.byteLength(parts[5][1]);
const expected = { rows: table.length - 1, columns: COLUMNS, xlsx_bytes: bytes.length, sheet_xml_bytes: sheetXmlBytes };
fs.writeFileSync(opt.out.replace(/\.xlsx$/i, '') + '.expected.json', JSON.stringify(expected, null, 1) + '\n');
console.error(`wrote ${opt.out} (${expected.rows} rows × ${COLUMNS} columns, ${bytes.length} bytes; sheet and shared strings ${sheetXmlBytes} bytes uncompressed)`);
