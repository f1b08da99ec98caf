// The messages between the calculator page and the engine's worker, both ways: the one place
// that defines them (as mkdocs-material's search worker/message/index.ts does). Plain JSON only,
// never a PyProxy; every message has a `type`. The worker may receive requests before it is
// ready; it answers them once Python is loaded, each with its request's id.
//
//   page → worker   request   {type, id, name, payload}        name: a key of Requests below
//   worker → page   progress  {type, stage}                    while Python loads
//                   ready     {type}                           Python and the package are loaded
//                   failed    {type, message}                  the runtime cannot (or can no longer) run
//                   reply     {type, id, ok, result | error}   one per request, same id
//
// The request kinds are calculator.service.HANDLERS (tests/test_protocol.py keeps the two
// equal); each reply's result is what the Python function named beside it returns.

// ---------------------------------------------------------------- messages, page → worker

/**
 * @template {RequestName} N
 * @typedef {object} RequestMessage
 * @property {"request"} type
 * @property {number} id  the reply carries it back, so that replies cannot cross
 * @property {N} name
 * @property {Requests[N]["payload"]} payload
 */

// ---------------------------------------------------------------- messages, worker → page

/**
 * @typedef {object} ProgressMessage
 * @property {"progress"} type
 * @property {keyof typeof STAGES} stage
 */

/**
 * @typedef {object} ReadyMessage
 * @property {"ready"} type
 */

/**
 * @typedef {object} FailedMessage
 * @property {"failed"} type
 * @property {string} message  why, for the reader (Chinese where the page words it)
 */

/**
 * @template {RequestName} N
 * @typedef {({ok: true, result: Requests[N]["result"]} | {ok: false, error: EngineRefusal})
 *   & {type: "reply", id: number}} ReplyMessage
 */

/** @typedef {ProgressMessage | ReadyMessage | FailedMessage | ReplyMessage<RequestName>} WorkerMessage */

/**
 * A request the engine refused: a message in Chinese, ready to show, and the first problems.
 * @typedef {object} EngineRefusal
 * @property {string} message
 * @property {{field: string, message: string}[]} problems
 */

// ---------------------------------------------------------------- the request kinds

/**
 * Every request kind: the payload it takes and the result of its reply.
 * @typedef {object} Requests
 * @property {{payload: {}, result: SchemeData}} scheme  tables A.1, C.1, C.2 (scheme.to_dict)
 * @property {{payload: {text: string}, result: Assessment}} parse  a file's or a link's text, checked
 * @property {{payload: {document: Assessment}, result: ScoreResult}} score  output.to_data
 * @property {{payload: {document: Assessment, format: "json" | "csv"}, result: string}} export  the file's text
 * @property {{payload: {examiners: Labelled[], flag_bands?: number}, result: ConsensusResult}} consensus  consensus.to_data
 * @property {{payload: {a: Labelled, b: Labelled}, result: ComparisonResult}} compare  compare.comparison_data, B minus A
 * @property {{payload: {series: Labelled[]}, result: TrendResult}} trend  compare.trend_data, in the order given
 * @property {{payload: {document: Assessment, docx?: boolean}, result: FeedbackResult}} feedback  feedback.page_data: the report to print, its data, with `docx` its Word blocks
 * @property {{payload: {document: Assessment, start?: boolean}, result: VisitResult}} visit  site_visit.report (and the document started)
 * @property {{payload: {reference: Labelled, trainees: Labelled[]}, result: CalibrationResult}} calibrate  calibrate.page_data
 */

/** @typedef {keyof Requests} RequestName */

/**
 * An assessment document, format 2 (calculator/assessment.py; unknown keys are kept at every
 * level; format 1's `notes` are read and become comments).
 * @typedef {{format: string, version: number, title?: string, scores: Object<string, number>,
 *   profile?: Object<string, string | Object<string, string>>, key_factors?: KeyFactor[],
 *   comments?: Object<string, Comment[]>} & Object<string, unknown>} Assessment
 */

/**
 * @typedef {{id: string, text: string, profile?: string, items?: string[]}} KeyFactor
 * @typedef {{kind: "strength" | "opportunity", text: string, major?: boolean, factor?: string,
 *   point?: string, evidence?: string, key_factors?: string[]}} Comment
 */

/** @typedef {{label: string, document: Assessment}} Labelled  an examiner's or a year's document */

/**
 * @typedef {object} SchemeData
 * @property {string} id
 * @property {string} title
 * @property {string} source
 * @property {number} total
 * @property {number} step
 * @property {{id: string, name: string, points: number, kind: "process" | "results",
 *   items: {id: string, name: string, points: number}[]}[]} categories
 * @property {Object<string, object>} guidelines  C.1 and C.2, by kind
 */

/**
 * @typedef {object} ScoreResult
 * @property {string} title
 * @property {number} total
 * @property {number} max
 * @property {number} process
 * @property {number} process_max
 * @property {number} results
 * @property {number} results_max
 * @property {number} scored_items
 * @property {number} item_count
 * @property {Object<string, {points: number, max: number}>} categories
 * @property {Object<string, {percent: number | null, points: number, max: number,
 *   comments: {strengths: number, opportunities: number, label: string}}>} items
 *   (comments: the counts and the label of the item's heading, output.comment_counts)
 * @property {{item: string, percent: number, text: string}[]} priorities
 * @property {{code: string, message: string, item: string | null, key_factor: string | null}[]} hints
 *   the consistency hints (calculator/hints.py), each sentence finished in Python
 * @property {string} summary  Python's sentence, placed as it is
 */

/**
 * @typedef {object} ConsensusResult
 * @property {number} examiners
 * @property {string[]} names
 * @property {number} flag_bands
 * @property {{flag: string, median: string}} rules  Python's sentences
 * @property {Object<string, object>} items
 * @property {string[]} flagged
 * @property {Assessment} consensus  the median document
 */

/**
 * Trainees against a reference scorebook (calculator/calibrate.py page_data): the CLI's
 * `calibrate --format json`, the class view's sentences and the CSV's text.
 * @typedef {object} CalibrationResult
 * @property {{label: string, total: number, scored_items: number}} reference
 * @property {{label: string, total: number, total_delta: number, within_one_band: number | null,
 *   items: Object<string, {percent: number, reference: number, delta: number, bands_apart: number}>,
 *   categories: Object<string, {points: number, reference: number, delta: number}>}[]} trainees
 * @property {{items: object[]}} class  the spread per item, most disagreement first
 * @property {CalibrationDisplay} display
 * @property {string} csv  calibrate.to_csv, what `calibrate --format csv` prints
 */

/**
 * @typedef {{text: string, class: "0" | "1" | "2+" | null}} CalibrationCell
 * @typedef {{head: string, reference: string, cells: CalibrationCell[]}} CalibrationTotal
 * @typedef {object} CalibrationDisplay  every sentence finished in Python; the page places them
 * @property {string} headline
 * @property {string[]} rules  how to read it
 * @property {{caption: string, columns: string[], rows: ({item: string} & CalibrationTotal)[],
 *   total: CalibrationTotal, legend: string}} table  trainees × items
 * @property {{label: string, summary: string, bias: string,
 *   comments: {summary: string, matched: string[], missed: string[]}}[]} trainees
 * @property {{heading: string, list: string[]}} disagreement
 * @property {string} matched  the word before a comment the trainee made too
 * @property {string} missed  and before one missed
 */

/**
 * @typedef {object} ComparisonResult
 * @property {{label: string, total: number, process: number, results: number}} a
 * @property {{label: string, total: number, process: number, results: number}} b
 * @property {{total: number, process: number, results: number, categories: object, items: object}} delta
 * @property {Object<string, object>} categories
 * @property {Object<string, object>} items
 * @property {object[]} largest
 */

/**
 * @typedef {object} TrendResult
 * @property {string} note
 * @property {string[]} labels
 * @property {number[]} total
 * @property {number[]} process
 * @property {number[]} results
 * @property {number[]} scored_items
 * @property {Object<string, object>} categories
 */

/**
 * @typedef {object} FeedbackResult  feedback.page_data (and feedback_docx.layout when asked)
 * @property {string} total  the total the report follows (which result it is of)
 * @property {string} html  feedback.report_html: every user text escaped in Python, classes only
 * @property {string} not_written  for a comment left empty since
 * @property {FeedbackReport} report  feedback.feedback_data, what `feedback --format json` prints
 * @property {DocxLayout} [docx]  the Word document's blocks (payload `docx: true`)
 * @property {KeyThemeGroups} proposed_themes  key_themes.proposed: from the ++/−− comments
 */

/**
 * The report's data: the one structure the Markdown, HTML and Word renderings share
 * (calculator/feedback.py feedback_data).
 * @typedef {object} FeedbackReport
 * @property {string} title
 * @property {string} source
 * @property {{id: string, title: string, answers: {label: string | null, text: string}[]}[]} profile
 * @property {{id: string, text: string, profile: string | null, items: string[]}[]} key_factors
 * @property {{proposed: boolean} & KeyThemeGroups} key_themes
 * @property {string} summary
 * @property {string} total
 * @property {number} max
 * @property {FeedbackCategory[]} categories
 * @property {string[]} priorities
 */

/**
 * The consensus reply's items[id].display.originals: each examiner's original comment on the item
 * (blank ones left out), as the page lists them (consensus._originals_shown).
 * @typedef {{examiner: string, kind: "strength" | "opportunity", label: string,
 *   factor: string | null, text: string, index: number}} ConsensusOriginal
 */

/**
 * The key themes, per group and side (key_themes.proposed, the file's `key_themes` as written).
 * @typedef {{text: string, items: string[]}} KeyTheme
 * @typedef {{process: {strengths: KeyTheme[], opportunities: KeyTheme[]},
 *   results: {strengths: KeyTheme[], opportunities: KeyTheme[]}}} KeyThemeGroups
 */

/**
 * A site-visit issue as the worksheet shows it (site_visit.worksheet).
 * @typedef {{index: number, item: string, name: string, kind: "verify" | "clarify",
 *   kind_label: string, about: "strength" | "opportunity" | null, about_label: string | null,
 *   text: string, ask: string, whom: string, finding: string}} VisitIssue
 * A comment in the changes: the file's fields, its label (优势++) and its factor's label.
 * @typedef {Comment & {label: string, factor_label: string | null}} VisitComment
 * @typedef {{id: string, name: string, before: {percent: number | null, band: string | null},
 *   after: {percent: number | null, band: string | null}, percent_changed: boolean,
 *   band_changed: boolean, added: VisitComment[], removed: VisitComment[],
 *   changed: {before: VisitComment, after: VisitComment}[]}} VisitItemChange
 */

/**
 * @typedef {object} VisitResult
 * @property {Assessment} [document]  the document started (only when the request had start: true)
 * @property {{started: boolean, issues: VisitIssue[]}} worksheet
 * @property {{items: VisitItemChange[], count: number} | null} changes  null: not started
 * @property {Object<string, string | Object<string, string>>} words  site_visit.WORDS
 */

/**
 * @typedef {{id: string, name: string, model: string, table: string, points: string, max: number,
 *   items: FeedbackItem[]}} FeedbackCategory
 * @typedef {{id: string, name: string, max: number, percent: number | null, points: string,
 *   band: string | null, band_text: {factor: string, text: string}[],
 *   comments: Object<"strength" | "opportunity", FeedbackComment[]>}} FeedbackItem
 * @typedef {{index: number, kind: "strength" | "opportunity", mark: string, major: boolean,
 *   text: string, factor: string | null, point: string | null, evidence: string,
 *   key_factors: string[], examiner: string | null}} FeedbackComment
 */

/**
 * The report as a Word document's blocks (calculator/feedback_docx.py layout): every word and
 * text already made safe, "\n" the only line break; docx.mjs only renders them.
 * @typedef {{title: string, footer: (string | {field: "PAGE" | "NUMPAGES"})[], format: Object<string, any>,
 *   blocks: DocxBlock[]}} DocxLayout  `format`: feedback_docx.FORMAT (fonts, sizes in points, margins)
 * @typedef {{type: "heading", level: 1 | 2 | 3, text: string}
 *   | {type: "paragraph", style: "body" | "meta" | "total", indent: number, runs: {text: string, bold: boolean}[]}
 *   | {type: "table", header: string[], rows: string[][]}} DocxBlock
 */

// ---------------------------------------------------------------- constructors

export const Message = Object.freeze({
  /** @type {<N extends RequestName>(id: number, name: N, payload: Requests[N]["payload"]) => RequestMessage<N>} */
  request: (id, name, payload) => ({ type: "request", id, name, payload }),
  /** @type {(stage: keyof typeof STAGES) => ProgressMessage} */
  progress: (stage) => ({ type: "progress", stage }),
  /** @type {() => ReadyMessage} */
  ready: () => ({ type: "ready" }),
  /** @type {(message: unknown) => FailedMessage} */
  failed: (message) => ({ type: "failed", message: String(message) }),
  // reply: what calculator.service.handle returned, {ok, result} or {ok: false, error}
  /** @type {(id: number, reply: object) => ReplyMessage<RequestName>} */
  reply: (id, reply) => ({ type: "reply", id, ...reply }),
});

export const STAGES = Object.freeze({
  runtime: "正在加载 Python 运行环境……",
  package: "正在加载评分引擎……",
});
