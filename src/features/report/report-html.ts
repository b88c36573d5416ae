import type * as vscode from 'vscode';

/** The folder (under the extension) the report's webview may load from, and nothing else. */
export const REPORT_MEDIA = ['media', 'report'] as const;

/**
 * The report's page: a static skeleton filled by media/report/report.js. Strict CSP: no inline
 * style or script; only our nonce'd scripts and stylesheet from media/report.
 */
export function reportHtml(webview: vscode.Webview, mediaRoot: vscode.Uri, joinPath: (base: vscode.Uri, ...parts: string[]) => vscode.Uri): string {
  const nonce = randomNonce();
  const asset = (name: string) => webview.asWebviewUri(joinPath(mediaRoot, name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('report.css')}">
<title>Entity Report</title>
</head>
<body>
<header class="topbar">
  <h1 id="title">Entity Report</h1>
  <div id="types" class="types" role="group" aria-label="Entity types shown"></div>
  <input id="search" type="search" placeholder="Search entities and aliases" aria-label="Search entities and aliases" spellcheck="false">
  <span id="summary" class="summary" role="status" aria-live="polite"></span>
</header>
<div id="notice" class="notice" role="status" hidden></div>
<main id="content">
  <section class="chart-section" aria-labelledby="chart-title">
    <h2 id="chart-title">Most mentioned</h2>
    <div id="chart" class="chart" role="list" aria-label="Most mentioned entities"></div>
  </section>
  <div class="split">
    <section class="table-section" aria-label="Entities">
      <table id="table" class="entities" role="grid" aria-label="Entities" aria-rowcount="0">
        <thead><tr id="head"></tr></thead>
        <tbody id="rows"></tbody>
      </table>
      <div class="more"><button id="more" type="button" hidden>Show more</button></div>
    </section>
    <aside id="details" class="details" aria-labelledby="details-title">
      <h2 id="details-title">Documents</h2>
      <p id="details-hint" class="hint">Select an entity to list the documents that mention it.</p>
      <ul id="documents" class="documents"></ul>
    </aside>
  </div>
</main>
<script nonce="${nonce}" src="${asset('report-model.js')}"></script>
<script nonce="${nonce}" src="${asset('report.js')}"></script>
</body>
</html>`;
}

/** 128 random bits as hex, from the Web Crypto API every host has (Node 20's global `crypto` and browsers). */
function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
