import type { MailMessage } from './mailer';

/**
 * The letters of accounts: an invitation and a password reset. Sent before anyone has chosen a
 * language (the invitee has no account yet, the requester is not signed in), so each speaks Russian
 * and English at once.
 */
export function invitationMessage(inviteUrl: string): MailMessage {
  return bilingual('[Provod] Приглашение / Invitation', [
    'Вас пригласили в Provod / You are invited to Provod:',
    { link: inviteUrl },
    '',
    'Ссылка действует 7 дней / The link works for 7 days.',
  ]);
}

export function passwordResetMessage(resetUrl: string): MailMessage {
  return bilingual('[Provod] Сброс пароля / Password reset', [
    'Сброс пароля Provod / Provod password reset:',
    { link: resetUrl },
    '',
    'Ссылка действует 1 час и один раз. Если вы не просили сброс, ничего не делайте.',
    'The link works once, for 1 hour. If you did not ask for it, do nothing.',
  ]);
}

type Line = string | { link: string };

function bilingual(subject: string, lines: Line[]): MailMessage {
  const text = lines.map((line) => (typeof line === 'string' ? line : line.link)).join('\n');
  const html = lines
    .map((line) => (typeof line === 'string' ? escapeHtml(line) : `<a href="${escapeHtml(line.link)}">${escapeHtml(line.link)}</a>`))
    .join('<br>');
  return { subject, text, html: `<p>${html}</p>` };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
