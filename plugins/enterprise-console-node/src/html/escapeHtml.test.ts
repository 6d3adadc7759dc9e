import { escapeHtml } from './escapeHtml';

describe('escapeHtml', () => {
  it('escapes the five characters that end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
  });

  it('escapes an ampersand once, so an escaped text is escaped again as written', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves every other character as written', () => {
    expect(escapeHtml('Zürich – 100% ✓ {x} `y`')).toBe(
      'Zürich – 100% ✓ {x} `y`',
    );
  });
});
