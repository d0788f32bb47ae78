/**
 * doap.xml (XEP-0453): well-formed XML, and every XEP entry complete (the properties XEP-0453 requires: xep
 * and a status it allows; a version), each XEP listed once.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DOAP = 'http://usefulinc.com/ns/doap#';
const XMPP = 'https://linkmauve.fr/ns/xmpp-doap#';
const STATUSES = ['complete', 'partial', 'planned', 'deprecated', 'removed', 'wontfix'];

/**
 * The well-formedness rules a DOAP file can break (XML 1.0 §2.1, §3.1, §4.1): one root element; every start tag
 * closed by an end tag of the same name, properly nested; attribute names unique in a tag and values quoted, without
 * `<`; `&` only as a predefined or numeric character reference; comments without `--`; only whitespace, comments
 * and processing instructions around the root. (ltx, which parses below, is lenient about mismatched end tags.)
 * Throws on the first violation.
 */
function checkWellFormed(text: string): void {
  const token = /<!--([\s\S]*?)-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:'[^']*'|"[^"]*"))*)\s*(\/?)>|([^<]+)|(<)/gu;
  const name = /^[A-Za-z_][\w.:-]*$/u;
  const stack: string[] = [];
  let roots = 0;
  for (const m of text.matchAll(token)) {
    const [whole, comment, end, start, attributes, selfClosing, chars, stray] = m;
    const at = `at offset ${m.index}`;
    if (stray !== undefined) throw new Error(`a '<' that starts no markup ${at}`);
    if (comment !== undefined && comment.includes('--')) throw new Error(`'--' inside a comment ${at}`);
    if (chars !== undefined) {
      if (stack.length === 0 && chars.trim() !== '') throw new Error(`text outside the root element ${at}`);
      for (const ref of chars.matchAll(/&([^;\s]*)(;?)/gu)) {
        if (ref[2] !== ';' || !/^(amp|lt|gt|apos|quot|#\d+|#x[0-9A-Fa-f]+)$/u.test(ref[1] ?? '')) throw new Error(`a bad reference &${ref[1] ?? ''} ${at}`);
      }
      continue;
    }
    if (start !== undefined) {
      if (!name.test(start)) throw new Error(`a bad element name ${start} ${at}`);
      const seen = new Set<string>();
      for (const attribute of (attributes ?? '').matchAll(/([^\s=]+)\s*=\s*('[^']*'|"[^"]*")/gu)) {
        const [, key = '', value = ''] = attribute;
        if (!name.test(key) || seen.has(key)) throw new Error(`attribute ${key} repeated or misnamed in <${start}> ${at}`);
        if (value.includes('<')) throw new Error(`'<' in the value of ${key} ${at}`);
        seen.add(key);
      }
      if (stack.length === 0 && ++roots > 1) throw new Error(`a second root element <${start}> ${at}`);
      if (selfClosing !== '/') stack.push(start);
      continue;
    }
    if (end !== undefined) {
      const open = stack.pop();
      if (open !== end) throw new Error(`</${end}> closes <${open ?? 'nothing'}> ${at}`);
      continue;
    }
    if (whole.startsWith('<![CDATA[') && stack.length === 0) throw new Error(`CDATA outside the root element ${at}`);
  }
  if (stack.length > 0) throw new Error(`<${stack.join('>, <')}> never closed`);
  if (roots !== 1) throw new Error('no root element');
}

/** Checks well-formedness, then parses with @xmpp/xml's (ltx) parser into elements. */
function parseDocument(text: string): Promise<Element> {
  try {
    checkWellFormed(text);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return new Promise((resolve, reject) => {
    const parser = new Parser();
    let root: Element | undefined;
    parser.on('start', (element: Element) => { root = element; });
    parser.on('element', (element: Element) => { root?.append(element); });
    parser.on('end', () => { if (root) resolve(root); else reject(new Error('no root element')); });
    parser.on('error', (error: Error) => reject(error));
    // The XML declaration and comments are not elements: the parser skips them.
    parser.write(text);
    setTimeout(() => reject(new Error('the document never closed its root element')), 1000);
  });
}

const doapFile = path.resolve(import.meta.dirname, '..', 'doap.xml');

describe('doap.xml (XEP-0453)', () => {
  it('is well-formed, one rdf:RDF holding one doap Project', async () => {
    const root = await parseDocument(readFileSync(doapFile, 'utf8'));
    expect(root.name).toBe('rdf:RDF');
    expect(root.attrs['xmlns:rdf']).toBe(RDF);
    expect(root.attrs['xmlns']).toBe(DOAP);
    expect(root.attrs['xmlns:xmpp']).toBe(XMPP);
    const projects = root.getChildren('Project', DOAP);
    expect(projects).toHaveLength(1);
    expect(projects[0]?.getChildText('name')).toBe('Jabber Desk');
  });

  it('lists each XEP once, with its URL, an allowed status and the version implemented', async () => {
    const root = await parseDocument(readFileSync(doapFile, 'utf8'));
    const project = root.getChild('Project', DOAP);
    const xeps = (project?.getChildren('implements', DOAP) ?? []).map((i) => i.getChild('SupportedXep', XMPP)).filter((x): x is Element => x !== undefined);
    expect(xeps.length).toBeGreaterThan(30);
    const numbers = xeps.map((xep) => {
      const url = String(xep.getChild('xep', XMPP)?.attrs['rdf:resource'] ?? '');
      expect(url).toMatch(/^https:\/\/xmpp\.org\/extensions\/xep-\d{4}\.html$/u);
      expect(STATUSES).toContain(xep.getChildText('status', XMPP));
      expect(xep.getChildText('version', XMPP)).toMatch(/^\d+\.\d+(\.\d+)?$/u);
      return url;
    });
    expect(new Set(numbers).size).toBe(numbers.length);
    // The ones the README's feature list names, at least.
    for (const n of ['0030', '0115', '0184', '0191', '0198', '0280', '0308', '0313', '0333', '0368', '0388', '0424', '0045', '0066', '0363', '0444', '0446', '0461']) {
      expect(numbers).toContain(`https://xmpp.org/extensions/xep-${n}.html`);
    }
  });

  it('the parser used here does catch a document that is not well-formed', async () => {
    await expect(parseDocument("<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'><Project><name>x</Project></rdf:RDF>")).rejects.toThrow();
    await expect(parseDocument("<rdf:RDF xmlns:rdf='x'><Project a='1' a='2'/></rdf:RDF>")).rejects.toThrow(/repeated/u);
    await expect(parseDocument("<rdf:RDF xmlns:rdf='x'><name>R&D</name></rdf:RDF>")).rejects.toThrow(/reference/u);
    await expect(parseDocument("<a/><b/>")).rejects.toThrow(/second root/u);
    await expect(parseDocument("<a><b></a>")).rejects.toThrow(/closes/u);
  });
});

// XEP-0453 defines its xmpp namespace (SupportedXep and its properties) by a table, with no XSD: the schema of
// schemas/xep-0453/ writes that table down, within just enough of RDF/XML and DOAP; xmllint (libxml2-utils, which
// scripts/test.mjs installs) validates doap.xml against it.
const schema = path.resolve(import.meta.dirname, '..', 'schemas', 'xep-0453', 'doap.xsd');
function xmllint(document: string): { ok: boolean; output: string } {
  const result = spawnSync('xmllint', ['--noout', '--schema', schema, '-'], { input: document, encoding: 'utf8' });
  if (result.error) throw new Error(`xmllint is needed (apt-get install -y libxml2-utils): ${result.error.message}`);
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describe('doap.xml against the schema of XEP-0453 (xmllint)', () => {
  it('validates: every xmpp:SupportedXep with its xep URL and an allowed status, then version, since, notes', () => {
    const result = xmllint(readFileSync(doapFile, 'utf8'));
    expect(result.output).toContain('- validates');
    expect(result.ok).toBe(true);
  });

  it('the schema refuses a status XEP-0453 does not allow, a missing xep, and an unknown property', () => {
    const text = readFileSync(doapFile, 'utf8');
    const once = (from: string, to: string): string => {
      expect(text).toContain(from);
      return text.replace(from, to);
    };
    for (const broken of [
      once('<xmpp:status>partial</xmpp:status>', '<xmpp:status>mostly</xmpp:status>'),
      once("<xmpp:xep rdf:resource='https://xmpp.org/extensions/xep-0030.html'/>", ''),
      once('<xmpp:status>complete</xmpp:status>', '<xmpp:status>complete</xmpp:status><xmpp:level>high</xmpp:level>'),
      once('<xmpp:version>2.5.0</xmpp:version>', '<xmpp:version>latest</xmpp:version>'),
    ]) {
      const result = xmllint(broken);
      expect(result.ok, result.output).toBe(false);
      expect(result.output).toMatch(/Schemas validity error/u);
    }
  });
});
