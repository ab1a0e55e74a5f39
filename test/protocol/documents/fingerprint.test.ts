import { describe, expect, it } from 'vitest';
import {
  base64FromFingerprint,
  fingerprintFromBase64,
  isBase64Digest,
  normalizeFingerprint,
} from '../../../src/protocol/documents/index.js';
import { ProtocolError } from '../../../src/protocol/index.js';

// Consensus identity → fingerprint pairs (Stem test_fingerprint_decoding: caerSidi, Amunet1-5)
// and from our own test-network captures (r2, a0, r1).
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['p1aag7VwarGxqctS7/fS0y5FU+s', 'A7569A83B5706AB1B1A9CB52EFF7D2D32E4553EB'],
  ['IbhGa8T+8tyy/MhxCk/qI+EI2LU', '21B8466BC4FEF2DCB2FCC8710A4FEA23E108D8B5'],
  ['20wYcbFGwFfMktmuffYj6Z1RM9k', 'DB4C1871B146C057CC92D9AE7DF623E99D5133D9'],
  ['nTv9AG1cZeFW2hXiSIEAF6JLRJ4', '9D3BFD006D5C65E156DA15E248810017A24B449E'],
  ['/UKsQiOSGPi/6es0/ha1prNTeDI', 'FD42AC42239218F8BFE9EB34FE16B5A6B3537832'],
  ['/nHdqoKZ6bKZixxAPzYt9Qen+Is', 'FE71DDAA8299E9B2998B1C403F362DF507A7F88B'],
  ['pqaQTgm1y+3atBypK4ytlQbQE9I', 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2'],
  ['aTOJVEUrUWtb+Iok4egfIDiBtvc', '69338954452B516B5BF88A24E1E81F203881B6F7'],
  ['YlcwbLeYwuP/3kdSC0gg+OcjS54', '6257306CB798C2E3FFDE47520B4820F8E7234B9E'],
];

describe('fingerprintFromBase64 / base64FromFingerprint', () => {
  it.each(PAIRS)('%s ↔ %s', (id, fp) => {
    expect(fingerprintFromBase64(id)).toBe(fp);
    expect(base64FromFingerprint(fp)).toBe(id);
    expect(base64FromFingerprint(fp.toLowerCase())).toBe(id);
    expect(base64FromFingerprint(`$${fp}`)).toBe(id);
  });

  it('restores the padding: accepts the identity with its one "=" too', () => {
    expect(fingerprintFromBase64('pqaQTgm1y+3atBypK4ytlQbQE9I=')).toBe('A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2');
  });

  it.each(['', '20wYcb', '20wYcb'.repeat(30), 'zzzzz', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', 'pqaQTgm1y+3atBypK4ytlQbQE9I==', 'pqaQTgm1y-3atBypK4ytlQbQE9I'])(
    'rejects malformed identity %j',
    (id) => {
      expect(() => fingerprintFromBase64(id)).toThrow(ProtocolError);
      expect(() => fingerprintFromBase64(id)).toThrow(/fingerprint/);
    },
  );

  it('rejects a non-canonical last character (bits beyond the 20 bytes)', () => {
    expect(isBase64Digest('pqaQTgm1y+3atBypK4ytlQbQE9I')).toBe(true);
    expect(isBase64Digest('pqaQTgm1y+3atBypK4ytlQbQE9J')).toBe(false);
    expect(() => fingerprintFromBase64('pqaQTgm1y+3atBypK4ytlQbQE9J')).toThrow(ProtocolError);
  });

  it('names the field it was given', () => {
    expect(() => fingerprintFromBase64('zz', 'r line identity')).toThrow(/^r line identity: /);
  });
});

describe('normalizeFingerprint', () => {
  it('removes descriptor spacing and "$", upper-cases', () => {
    expect(normalizeFingerprint('3EE5 BD82 604F F4A5 E8C9 6565 3002 70AA 38B9 FE8A')).toBe('3EE5BD82604FF4A5E8C96565300270AA38B9FE8A');
    expect(normalizeFingerprint('$a6a6904e09b5cbeddab41ca92b8cad9506d013d2')).toBe('A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2');
  });

  it.each(['', 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D', 'G6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2', '$$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2'])(
    'rejects %j',
    (fp) => {
      expect(() => normalizeFingerprint(fp)).toThrow(/fingerprint/);
    },
  );
});
