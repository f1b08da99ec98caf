// The feedback report as a Word document, made in the browser: the engine lays the report out
// (calculator/feedback_docx.py layout: headings, paragraphs of runs, tables, the footer, every
// word from Python and every text already made safe there), and this renders those blocks with
// the npm package docx, as feedback_docx.to_docx renders them with python-docx for the CLI: the
// same page (A4, 25 mm margins), fonts (宋体 SimSun for the body, 黑体 SimHei for Word's own
// Heading 1/2/3 styles, both for East Asian text too), score tables and page numbers. The library
// (1 MB) is loaded the first time a document is made, never with the page.

const DOCX = new URL("../../vendor/docx.mjs", import.meta.url).href;

const BODY_FONT = "SimSun";
const HEADING_FONT = "SimHei";
const BODY_SIZE = 21; // half-points: 10.5 pt
const HEADING_SIZES = { 1: 32, 2: 28, 3: 24 };
const HEADING_SPACING = { 1: [0, 12], 2: [18, 6], 3: [12, 6] }; // points before and after
const BODY_AFTER = 3; // points after a paragraph
const LINE_SPACING = 1.25;
const TWIPS = 20; // a point
const META_SIZE = 18;
const META_COLOUR = "555555";
const TOTAL_SIZE = 28;
const MARGIN_MM = 25;
const INDENT_MM = 7;
const COLUMNS_MM = [70, 22, 26, 22, 20]; // the score table's columns, as feedback_docx.COLUMNS_MM

let library = null;
const load = () => (library ??= import(DOCX).catch((error) => {
  library = null; // tried again next time
  throw error;
}));

// The document of `layout` (the engine's `feedback` reply's `docx`) as a Blob.
export async function reportDocx(layout) {
  const docx = await load();
  const mm = docx.convertMillimetersToTwip;
  const font = (name) => ({ ascii: name, hAnsi: name, eastAsia: name });
  const heading = (level) => ({
    run: { font: font(HEADING_FONT), size: HEADING_SIZES[level], bold: true, color: "000000" },
    paragraph: {
      spacing: { before: HEADING_SPACING[level][0] * TWIPS, after: HEADING_SPACING[level][1] * TWIPS },
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1, // what Word's navigation pane lists
    },
  });
  const runs = (text, options = {}) =>
    text.split("\n").map((line, n) => new docx.TextRun({ text: line, break: n ? 1 : 0, ...options }));

  const STYLE_RUNS = {
    body: {},
    meta: { size: META_SIZE, color: META_COLOUR },
    total: { size: TOTAL_SIZE },
  };
  const paragraph = (block) =>
    new docx.Paragraph({
      indent: block.indent ? { left: mm(INDENT_MM * block.indent) } : undefined,
      children: block.runs.flatMap((run) =>
        runs(run.text, { bold: run.bold || undefined, ...STYLE_RUNS[block.style] }),
      ),
    });
  const cell = (text, width, bold) =>
    new docx.TableCell({
      width: { size: mm(width), type: docx.WidthType.DXA },
      children: [new docx.Paragraph({ children: runs(text, { bold: bold || undefined }) })],
    });
  const table = (block) =>
    new docx.Table({
      width: { size: mm(COLUMNS_MM.reduce((a, b) => a + b)), type: docx.WidthType.DXA },
      columnWidths: COLUMNS_MM.map(mm),
      layout: docx.TableLayoutType.FIXED,
      rows: [
        new docx.TableRow({ tableHeader: true, children: block.header.map((t, n) => cell(t, COLUMNS_MM[n], true)) }),
        ...block.rows.map((row) => new docx.TableRow({ children: row.map((t, n) => cell(t, COLUMNS_MM[n], false)) })),
      ],
    });
  const LEVELS = { 1: docx.HeadingLevel.HEADING_1, 2: docx.HeadingLevel.HEADING_2, 3: docx.HeadingLevel.HEADING_3 };
  const FIELDS = { PAGE: docx.PageNumber.CURRENT, NUMPAGES: docx.PageNumber.TOTAL_PAGES };
  const children = layout.blocks.map((block) => {
    if (block.type === "heading") return new docx.Paragraph({ heading: LEVELS[block.level], children: runs(block.text) });
    if (block.type === "table") return table(block);
    return paragraph(block);
  });

  const document_ = new docx.Document({
    title: layout.title,
    styles: {
      default: {
        document: {
          run: { font: font(BODY_FONT), size: BODY_SIZE, language: { value: "zh-CN", eastAsia: "zh-CN" } },
          paragraph: { spacing: { after: BODY_AFTER * TWIPS, line: Math.round(LINE_SPACING * 240) } },
        },
        heading1: heading(1),
        heading2: heading(2),
        heading3: heading(3),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(MARGIN_MM), bottom: mm(MARGIN_MM), left: mm(MARGIN_MM), right: mm(MARGIN_MM) },
          },
        },
        footers: {
          default: new docx.Footer({
            children: [
              new docx.Paragraph({
                alignment: docx.AlignmentType.CENTER,
                children: [
                  new docx.TextRun({ children: layout.footer.map((part) => (typeof part === "string" ? part : FIELDS[part.field])) }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return docx.Packer.toBlob(document_);
}
