// The feedback report as a Word document, made in the browser: the engine lays the report out
// (calculator/feedback_docx.py layout: headings, paragraphs of runs, tables, the footer, every
// word from Python and every text already made safe there), and this renders those blocks with
// the npm package docx, as feedback_docx.to_docx renders them with python-docx for the CLI: the
// same page (A4, 25 mm margins), fonts (宋体 SimSun for the body, 黑体 SimHei for Word's own
// Heading 1/2/3 styles, both for East Asian text too), score tables and page numbers. The library
// (1 MB) is loaded the first time a document is made, never with the page.

const DOCX = new URL("../../vendor/docx.mjs", import.meta.url).href;

const TWIPS = 20; // a point
const HALF_POINTS = 2; // docx sizes runs in half-points

// A module whose download failed stays failed for its URL in the page's module map (Chromium 150
// follows the spec there): the next try asks for it under a URL of its own.
let library = null;
let tries = 0;
const load = () => (library ??= import(tries++ ? `${DOCX}?try=${tries}` : DOCX).catch((error) => {
  library = null; // tried again next time
  throw error;
}));

// The document of `layout` (the engine's `feedback` reply's `docx`) as a Blob.
export async function reportDocx(layout) {
  const docx = await load();
  // the document's format: feedback_docx.FORMAT, as the CLI's renderer uses it
  const { body_font: BODY_FONT, heading_font: HEADING_FONT, heading_spacing: HEADING_SPACING } = layout.format;
  const { meta_colour: META_COLOUR, margin_mm: MARGIN_MM, indent_mm: INDENT_MM, columns_mm: COLUMNS_MM } = layout.format;
  const size = (points) => Math.round(points * HALF_POINTS);
  const mm = docx.convertMillimetersToTwip;
  const font = (name) => ({ ascii: name, hAnsi: name, eastAsia: name });
  const heading = (level) => ({
    run: { font: font(HEADING_FONT), size: size(layout.format.heading_sizes[level]), bold: true, color: "000000" },
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
    meta: { size: size(layout.format.meta_size), color: META_COLOUR },
    total: { size: size(layout.format.total_size) },
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
          run: { font: font(BODY_FONT), size: size(layout.format.body_size), language: { value: "zh-CN", eastAsia: "zh-CN" } },
          paragraph: { spacing: { after: layout.format.body_after * TWIPS, line: Math.round(layout.format.line_spacing * 240) } },
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
