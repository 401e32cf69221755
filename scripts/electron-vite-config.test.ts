import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyMeta } from '../electron.vite.config';
import { META_CONTENT_SECURITY_POLICY } from '../electron/content-security-policy';

// The renderer's CSP <meta> is written by the build, from the constant the app:// handler also sends
// as a header, so the policy exists once. The dev server's page gets none (see the plugin's comment).
describe('the content-security-policy meta plugin', () => {
  const plugin = contentSecurityPolicyMeta();

  it('runs only when building', () => {
    expect(plugin.apply).toBe('build');
  });

  it('prepends the meta policy to <head>', () => {
    const transform = plugin.transformIndexHtml;
    if (typeof transform !== 'function') throw new Error('transformIndexHtml is not a plain function');
    const tags = transform.call({} as never, '<html><head></head></html>', {} as never);
    expect(tags).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ]);
  });
});
