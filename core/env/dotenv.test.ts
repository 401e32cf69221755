import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { dotenvAssignment } from './dotenv-format';
import { scanDotenv } from './dotenv-scan';
import { renderExport, shellQuote } from './export-formats';
import { TRICKY_ENV } from './tricky-env.fixture';

describe('scanDotenv', () => {
  it('reads the tricky cases exactly as dotenv does, with lines and value positions', () => {
    const scanned = scanDotenv(TRICKY_ENV);
    expect(Object.fromEntries([...scanned.values].map(([k, e]) => [k, e.value]))).toEqual(parse(TRICKY_ENV));
    const at = (key: string) => scanned.entries.filter((e) => e.key === key);
    expect(at('PEM')[0]).toMatchObject({ line: 10, quote: '"', value: expect.stringContaining('\nMDEyMzQ1Njc4OWFiY2RlZg==\n') });
    expect(at('SPACED')[0]).toMatchObject({ line: 4, quote: null, value: 'spaced-value-3' });
    expect(at('DUPLICATE').map((e) => e.line)).toEqual([16, 18]);
    expect(scanned.values.get('DUPLICATE')?.value).toBe('second-value-11');
    expect(at('EMPTY')[0]).toMatchObject({ value: '', quote: null });
    expect(at('EMPTY_QUOTED')[0]).toMatchObject({ value: '', quote: '"' });
    for (const entry of scanned.entries) {
      const written = TRICKY_ENV.slice(entry.valueStart, entry.valueEnd);
      const inner = entry.quote ? written.slice(1, -1) : written;
      expect(written.startsWith(entry.quote ?? ''), entry.key).toBe(true);
      if (entry.quote !== '"') expect(inner, entry.key).toBe(entry.value);
    }
  });

  it('maps positions back to the original text when lines end in CRLF', () => {
    const text = TRICKY_ENV.replace(/\n/g, '\r\n');
    const scanned = scanDotenv(text);
    const pem = scanned.values.get('PEM')!;
    expect(text.slice(pem.valueStart, pem.valueEnd)).toMatch(/^"-----BEGIN TEST KEY-----\r\n[\s\S]*-----END TEST KEY-----"$/);
    expect(text.slice(scanned.values.get('UNICODE')!.valueStart, scanned.values.get('UNICODE')!.valueEnd)).toBe('"clé 🔑 10"');
    expect(scanned.values.get('PLAIN')!.line).toBe(2);
  });
});

describe('export formats', () => {
  const tricky = [
    'plain',
    'with spaces and # hash',
    "single ' quote",
    'double " quote',
    'back ` tick',
    '-----BEGIN TEST KEY-----\nQUJDREVG\nMDEy==\n-----END TEST KEY-----\n',
    'literal backslash-n \\n here',
    'carriage\r\nreturn',
    '$HOME and ${VAR} stay literal',
    '  leading and trailing blanks  ',
    'clé 🔑',
    "' \" ` all three",
  ];

  it('dotenv: every value reads back unchanged through dotenv, and one variable per line where possible', () => {
    const variables = tricky.map((value, i) => ({ name: `VAR_${i}`, value }));
    const text = renderExport('dotenv', variables);
    expect(parse(text)).toEqual(Object.fromEntries(variables.map((v) => [v.name, v.value])));
    expect(dotenvAssignment('PEM', tricky[5]!)).toBe('PEM="-----BEGIN TEST KEY-----\\nQUJDREVG\\nMDEy==\\n-----END TEST KEY-----\\n"');
    expect(dotenvAssignment('A', 'plain')).toBe('A=plain');
    expect(dotenvAssignment('A', 'has space')).toBe("A='has space'");
  });

  it('dotenv: a value no spelling can carry is refused by variable name, never shown', () => {
    const impossible = '\' " ` # \\n mixed';
    expect(dotenvAssignment('X', impossible)).toBeNull();
    expect(() => renderExport('dotenv', [{ name: 'HARD', value: impossible }])).toThrow(/HARD.*--format json or shell/);
    try {
      renderExport('dotenv', [{ name: 'HARD', value: impossible }]);
    } catch (error) {
      expect((error as Error).message).not.toContain('mixed');
    }
  });

  it('shell: single-quoted so a POSIX shell reads back every value', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(renderExport('shell', [{ name: 'A', value: 'x y' }])).toBe("export A='x y'\n");
  });

  it('json and k8s', () => {
    const variables = [
      { name: 'ON', value: 'multi\nline' },
      { name: 'B', value: 'clé' },
    ];
    expect(JSON.parse(renderExport('json', variables))).toEqual({ ON: 'multi\nline', B: 'clé' });
    expect(renderExport('k8s', variables, { secretName: 'web-app.prod' })).toBe(
      [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: "web-app.prod"',
        'type: Opaque',
        'data:',
        `  "ON": "${Buffer.from('multi\nline').toString('base64')}"`,
        `  "B": "${Buffer.from('clé').toString('base64')}"`,
        '',
      ].join('\n'),
    );
    expect(() => renderExport('k8s', variables, { secretName: 'Not_Valid' })).toThrow(/Kubernetes Secret name/);
  });
});
