import { inflateSync } from 'node:zlib';

/**
 * The text on each page of a PDF that Chromium wrote (`page.pdf()`), in page order — enough to
 * check what a page shows, not a general PDF reader. Chromium (Skia) writes plain objects (no
 * object streams), content streams compressed with FlateDecode, and text as glyph ids in hex
 * strings shown with `Tj`/`TJ` in Type0 fonts, each font with a ToUnicode CMap that maps the ids
 * back to characters. Runs of text are joined without separators, in drawing order.
 * Anything it cannot read (an object stream, a font without ToUnicode) throws, so a check built
 * on it fails rather than passes on an empty page.
 */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = readObjects(pdf);
  const get = (ref: string | undefined) => {
    const object = ref ? objects.get(Number(ref)) : undefined;
    if (!object) throw new Error(`PDF: no object ${ref ?? '(none)'}`);
    return object;
  };
  // The trailer, at the end of the file, names the catalog.
  const trailerRoot = [...pdf.toString('latin1').matchAll(/\/Root\s+(\d+)\s+0\s+R/g)].at(-1)?.[1];
  const catalog = get(trailerRoot);
  const pages: PdfObject[] = [];
  const walk = (node: PdfObject) => {
    if (/\/Type\s*\/Pages\b/.test(node.dict)) for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '')) walk(get(kid));
    else if (/\/Type\s*\/Page\b/.test(node.dict)) pages.push(node);
  };
  walk(get(/\/Pages\s+(\d+)\s+0\s+R/.exec(catalog.dict)?.[1]));

  const cmaps = new Map<string, ToUnicode>();
  const cmapOf = (fontRef: string) => {
    let cmap = cmaps.get(fontRef);
    if (!cmap) {
      const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(get(fontRef).dict)?.[1];
      if (!toUnicode) throw new Error(`PDF: font ${fontRef} has no ToUnicode map`);
      cmap = parseToUnicode(get(toUnicode).stream().toString('latin1'));
      cmaps.set(fontRef, cmap);
    }
    return cmap;
  };

  return pages.map((page) => {
    const resources = inlineOrRef(page.dict, 'Resources', get);
    const fontDict = inlineOrRef(resources, 'Font', get);
    const fonts = new Map([...fontDict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+0\s+R/g)].map((m) => [m[1]!, m[2]!]));
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)/.exec(page.dict)?.[1] ?? '';
    const content = refs(contents).map((ref) => get(ref).stream().toString('latin1')).join('\n');
    return showText(content, (name) => {
      const ref = fonts.get(name);
      if (!ref) throw new Error(`PDF: page uses font /${name}, not in its resources`);
      return cmapOf(ref);
    });
  });
}

type PdfObject = { dict: string; stream: () => Buffer };

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const id = Number(m[1]);
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) throw new Error(`PDF: object ${id} is not closed`);
    const body = text.slice(start, end);
    const streamAt = /\bstream\r?\n/.exec(body);
    const dict = streamAt ? body.slice(0, streamAt.index) : body;
    if (/\/Type\s*\/ObjStm\b/.test(dict)) throw new Error('PDF: object streams are not read here');
    const dataStart = streamAt ? start + streamAt.index + streamAt[0].length : 0;
    objects.set(id, {
      dict,
      stream: () => {
        if (!streamAt) throw new Error(`PDF: object ${id} has no stream`);
        const length = /\/Length\s+(\d+)(?!\s+0\s+R)/.exec(dict)?.[1];
        const dataEnd = length ? dataStart + Number(length) : start + body.lastIndexOf('endstream');
        const raw = pdf.subarray(dataStart, dataEnd);
        return /\/Filter\s*\/FlateDecode\b/.test(dict) ? inflateSync(raw) : raw;
      },
    });
    header.lastIndex = end;
  }
  return objects;
}

function refs(text: string): string[] {
  return [...text.matchAll(/(\d+)\s+0\s+R/g)].map((m) => m[1]!);
}

/** The dictionary under `/key`, written inline (`<< … >>`, nested allowed) or as a reference. */
function inlineOrRef(dict: string, key: string, get: (ref: string) => PdfObject): string {
  const at = new RegExp(`/${key}\\s*`).exec(dict);
  if (!at) return '';
  const rest = dict.slice(at.index + at[0].length);
  const ref = /^(\d+)\s+0\s+R/.exec(rest);
  if (ref) return get(ref[1]!).dict;
  if (!rest.startsWith('<<')) return '';
  let depth = 0;
  for (let i = 0; i < rest.length - 1; i++) {
    const pair = rest.slice(i, i + 2);
    if (pair === '<<') {
      depth++;
      i++;
    } else if (pair === '>>') {
      depth--;
      i++;
      if (depth === 0) return rest.slice(2, i - 1);
    }
  }
  throw new Error(`PDF: /${key} is not closed`);
}

function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

type ToUnicode = { bytes: number; map: Map<number, string> };

/** A ToUnicode CMap: its code length (from the codespace range) and `bfchar`/`bfrange` entries, glyph id → text. */
function parseToUnicode(cmap: string): ToUnicode {
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap)?.[1];
  if (!space) throw new Error('PDF: a ToUnicode map without a codespace range');
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const [lo, hi] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16)];
      const targets = m[3]!.startsWith('[') ? [...m[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => utf16(t[1]!)) : undefined;
      const first = targets ? '' : utf16(m[3]!.slice(1, -1));
      for (let code = lo; code <= hi; code++) {
        // A range maps to consecutive characters: the last UTF-16 unit counts up.
        map.set(code, targets ? (targets[code - lo] ?? '') : first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + code - lo));
      }
    }
  }
  return { bytes: space.length / 2, map };
}

/** The text a content stream shows with `Tj`, `TJ`, `'` and `"`, glyph ids decoded through the current font's map. */
function showText(content: string, cmapFor: (font: string) => ToUnicode): string {
  const token = /<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\[\s\S]|[^\\)])*\)|\/[^\s/<>[\]()%]+|\[|\]|%[^\r\n]*|[^\s/<>[\]()%]+/g;
  let operands: string[] = [];
  let cmap: ToUnicode | undefined;
  let out = '';
  const decode = (string: string) => {
    if (!cmap) throw new Error('PDF: text shown before a font is set');
    if (!string.startsWith('<')) throw new Error('PDF: literal (…) strings are not read here');
    const hex = string.slice(1, -1).replace(/\s+/g, '');
    const digits = cmap.bytes * 2;
    for (let i = 0; i + digits <= hex.length; i += digits) out += cmap.map.get(parseInt(hex.slice(i, i + digits), 16)) ?? '\uFFFD';
  };
  for (const [t] of content.matchAll(token)) {
    if (t.startsWith('%')) continue;
    if (t === 'Tf') cmap = cmapFor(operands.at(-2)!.slice(1));
    else if (t === 'Tj' || t === "'" || t === '"') decode(operands.at(-1)!);
    else if (t === 'TJ') for (const o of operands) if (o.startsWith('<') || o.startsWith('(')) decode(o);
    if (/^[A-Za-z'"*]+$/.test(t) && t !== 'true' && t !== 'false' && t !== 'null') operands = [];
    else operands.push(t);
  }
  return out;
}
