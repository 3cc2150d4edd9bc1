import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '#src/render/render-markdown.ts';

describe('renderMarkdown: raw HTML', () => {
  it('escapes a script element instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes an element with an event handler', () => {
    const html = renderMarkdown('正文<img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('renderMarkdown: links', () => {
  it.each([
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](  javascript:alert(1))',
    '<javascript:alert(1)>',
    '![x](javascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox)',
  ])('makes no link or image from %j', (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<a\b|<img\b/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
  });

  it('keeps http(s) and mailto links', () => {
    expect(renderMarkdown('[政务网](https://example.org/a)')).toContain(
      '<a href="https://example.org/a">政务网</a>',
    );
    expect(renderMarkdown('<http://example.org>')).toContain('<a href="http://example.org">');
    expect(renderMarkdown('[写信](mailto:office@example.org)')).toContain(
      '<a href="mailto:office@example.org">写信</a>',
    );
  });
});

describe('renderMarkdown: headings start at level 3', () => {
  it.each([
    ['# 标题', '<h3>标题</h3>'],
    ['## 标题', '<h3>标题</h3>'],
    ['### 标题', '<h3>标题</h3>'],
    ['#### 标题', '<h4>标题</h4>'],
  ])('renders %j as %s', (source, heading) => {
    expect(renderMarkdown(source).trim()).toBe(heading);
  });

  it('shifts headings on later lines too', () => {
    const html = renderMarkdown('第一段。\n\n# 其一\n\n第二段。\n\n## 其二');
    expect(html).toContain('<h3>其一</h3>');
    expect(html).toContain('<h3>其二</h3>');
    expect(html).not.toMatch(/<h[12]>/);
  });

  it('leaves a # with no space after it as text', () => {
    expect(renderMarkdown('#话题').trim()).toBe('<p>#话题</p>');
  });
});

describe('renderMarkdown: prose', () => {
  it('renders paragraphs separated by a blank line', () => {
    expect(renderMarkdown('第一段。\n\n第二段。')).toBe('<p>第一段。</p>\n<p>第二段。</p>\n');
  });

  it('keeps a single line break inside one paragraph', () => {
    expect(renderMarkdown('一行\n二行')).toBe('<p>一行\n二行</p>\n');
  });

  it('renders **bold**', () => {
    expect(renderMarkdown('提前转移群众**1860人**。')).toBe(
      '<p>提前转移群众<strong>1860人</strong>。</p>\n',
    );
  });

  it('leaves quotes as typed (no typographer)', () => {
    expect(renderMarkdown('"a" -- b')).toBe('<p>&quot;a&quot; -- b</p>\n');
  });
});

describe('heading levels are demoted on the parsed document', () => {
  it.each([
    ['setext level 1', 'Title\n=====', 'Title'],
    ['setext level 2', 'Sub\n---', 'Sub'],
    ['indented ATX', ' # Indented', 'Indented'],
    ['inside a quote', '> # Quoted', 'Quoted'],
  ])('%s becomes h3', (_label, source, text) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<h[12]>/);
    expect(html).toContain(`<h3>${text}</h3>`);
  });

  it('leaves a # inside a code block as written', () => {
    expect(renderMarkdown('```\n# code\n```')).toContain('# code');
  });
});
