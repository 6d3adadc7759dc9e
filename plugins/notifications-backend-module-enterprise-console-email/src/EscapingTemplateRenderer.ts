import { NotificationTemplateRenderer } from '@backstage/plugin-notifications-backend-module-email';
import { Notification } from '@backstage/plugin-notifications-common';
import { resolveNotificationLink } from '@backstage/plugin-notifications-node';
import { escapeHtml } from '@internal/plugin-enterprise-console-node';

/**
 * The email module's default mail (subject = title; description, then the
 * link), with every interpolated value HTML-escaped. The default renderer
 * puts the description into the HTML part as is, and descriptions carry
 * names that users and ingestion set.
 *
 * @public
 */
export class EscapingTemplateRenderer implements NotificationTemplateRenderer {
  readonly #frontendBaseUrl: string;

  constructor(options: { frontendBaseUrl: string }) {
    this.#frontendBaseUrl = options.frontendBaseUrl;
  }

  async getSubject(notification: Notification): Promise<string> {
    // A header, not HTML: nodemailer encodes it.
    return notification.payload.title;
  }

  async getText(notification: Notification): Promise<string> {
    const { description } = notification.payload;
    return [description, this.#link(notification)]
      .filter((part): part is string => !!part)
      .join('\n\n');
  }

  async getHtml(notification: Notification): Promise<string> {
    const { description } = notification.payload;
    const link = escapeHtml(this.#link(notification));
    // Only web links become anchors; any other scheme is shown as text.
    const anchor = /^https?:\/\//i.test(this.#link(notification))
      ? `<a href="${link}">${link}</a>`
      : link;
    const parts = description ? [escapeHtml(description), anchor] : [anchor];
    return `<p>${parts.join('<br/>')}</p>`;
  }

  /** As the email module resolves it: relative to the app, else /notifications. */
  #link(notification: Notification): string {
    const { link } = notification.payload;
    if (link) {
      return resolveNotificationLink(link, this.#frontendBaseUrl) ?? link;
    }
    return `${this.#frontendBaseUrl}/notifications`;
  }
}
