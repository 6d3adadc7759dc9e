import { Notification } from '@backstage/plugin-notifications-common';
import { EscapingTemplateRenderer } from './EscapingTemplateRenderer';

function notification(payload: Partial<Notification['payload']>): Notification {
  return {
    id: 'n1',
    user: 'user:default/ada',
    created: new Date('2026-11-30T12:00:00Z'),
    origin: 'plugin:other',
    payload: { title: 'Title', ...payload },
  };
}

const renderer = new EscapingTemplateRenderer({
  frontendBaseUrl: 'http://localhost:3000',
});

describe('EscapingTemplateRenderer', () => {
  it('escapes the description and the link in HTML, and leaves the text as written', async () => {
    const hostile = notification({
      title: '<b>Build</b> & "deploy"',
      description: `<img src=x onerror=alert(1)> & 'quoted'`,
      link: '/catalog?a=1&b="x"',
    });
    expect(await renderer.getSubject(hostile)).toBe('<b>Build</b> & "deploy"');
    expect(await renderer.getHtml(hostile)).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quoted&#39;<br/>' +
        '<a href="http://localhost:3000/catalog?a=1&amp;b=%22x%22">' +
        'http://localhost:3000/catalog?a=1&amp;b=%22x%22</a></p>',
    );
    expect(await renderer.getText(hostile)).toBe(
      `<img src=x onerror=alert(1)> & 'quoted'\n\nhttp://localhost:3000/catalog?a=1&b=%22x%22`,
    );
  });

  it('links to the notifications page when a notification has no link, as the email module does', async () => {
    const plain = notification({});
    expect(await renderer.getHtml(plain)).toBe(
      '<p><a href="http://localhost:3000/notifications">http://localhost:3000/notifications</a></p>',
    );
    expect(await renderer.getText(plain)).toBe(
      'http://localhost:3000/notifications',
    );
  });

  it('shows a link of another scheme as text, not as an anchor', async () => {
    const script = notification({
      description: 'Click',
      // eslint-disable-next-line no-script-url
      link: 'javascript:alert(1)',
    });
    expect(await renderer.getHtml(script)).toBe(
      '<p>Click<br/>javascript:alert(1)</p>',
    );
  });
});
