/**
 * Domains the user adds in settings. Each becomes the match pattern `*://*.<domain>/*`, so the input
 * must be a plain host name: no scheme, path, port or wildcard (Sổ tay adds the one wildcard itself).
 * Vietnamese (IDN) names are accepted and stored in their ASCII (punycode) form, which is what match
 * patterns and permissions use.
 */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type DomainProblem = 'empty' | 'not-a-domain' | 'ip-address' | 'wildcard' | 'has-path';

export type DomainCheck = { ok: true; domain: string } | { ok: false; problem: DomainProblem };

export function checkDomain(input: string): DomainCheck {
  let text = input.normalize('NFC').trim().toLowerCase();
  if (!text) return { ok: false, problem: 'empty' };
  if (text.includes('*')) return { ok: false, problem: 'wildcard' };
  // Pasting a whole address is common; a scheme alone is harmless, anything after the host is not.
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  if (/[/?#@:\\]/.test(text)) return { ok: false, problem: 'has-path' };
  text = text.replace(/\.$/, '');
  if (/\s/.test(text) || !text.includes('.')) return { ok: false, problem: 'not-a-domain' };
  let ascii: string;
  try {
    ascii = new URL(`http://${text}/`).hostname;
  } catch {
    return { ok: false, problem: 'not-a-domain' };
  }
  if (/^\d+(\.\d+){3}$/.test(ascii) || ascii.startsWith('[')) return { ok: false, problem: 'ip-address' };
  const labels = ascii.split('.');
  if (ascii.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) {
    return { ok: false, problem: 'not-a-domain' };
  }
  return { ok: true, domain: ascii };
}

/** A stored (ASCII) domain shown as people write it: "xn--ngh-vna.vn" → its Unicode form when possible. */
export function displayDomain(ascii: string): string {
  try {
    // URL gives no toUnicode; domainToUnicode exists in Node's url module but not in browsers.
    return decodePunycodeHost(ascii);
  } catch {
    return ascii;
  }
}

/** RFC 3492 decoding, label by label (only labels starting with xn--). */
function decodePunycodeHost(host: string): string {
  return host
    .split('.')
    .map((label) => (label.startsWith('xn--') ? decodePunycode(label.slice(4)) : label))
    .join('.');
}

function decodePunycode(input: string): string {
  const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
  const output: number[] = [];
  const basicEnd = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(0, basicEnd); j++) output.push(input.charCodeAt(j));
  let n = 128, i = 0, bias = 72;
  const adapt = (delta: number, numPoints: number, first: boolean) => {
    delta = first ? Math.floor(delta / damp) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((base - tMin) * tMax) >> 1) {
      delta = Math.floor(delta / (base - tMin));
      k += base;
    }
    return k + Math.floor(((base - tMin + 1) * delta) / (delta + skew));
  };
  const digit = (c: number) => (c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base);
  for (let index = basicEnd > 0 ? basicEnd + 1 : 0; index < input.length; ) {
    const oldi = i;
    for (let w = 1, k = base; ; k += base) {
      if (index >= input.length) throw new Error('bad punycode');
      const d = digit(input.charCodeAt(index++));
      if (d >= base) throw new Error('bad punycode');
      i += d * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (d < t) break;
      w *= base - t;
    }
    bias = adapt(i - oldi, output.length + 1, oldi === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}
