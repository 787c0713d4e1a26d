import { sendEmailActionSchema, type WebhookSource } from '@provod/contracts';
import { checkReadiness } from './processing-readiness';

const source: WebhookSource = { type: 'webhook', methods: ['GET'], parameters: [{ name: 'r_id' }], dedup: null };
const letter = sendEmailActionSchema.parse({ id: 'm', key: 'mail', name: 'Письмо', type: 'send_email', settings: { to: 'a@example.ru', subject: 'Заявка {{source.r_id}}' } });

describe('checkReadiness and e-mail', () => {
  it('names a send-e-mail step when the server has no mail server, and only then', () => {
    const without = checkReadiness({ source, actions: [letter] }, { secretNames: new Set(), mailConfigured: false });
    expect(without.map((p) => [p.code, p.path])).toEqual([['mail_not_configured', 'actions.0.settings.to']]);
    expect(without[0]?.message.ru).toContain('SMTP_URL');
    expect(checkReadiness({ source, actions: [letter] }, { secretNames: new Set(), mailConfigured: true })).toEqual([]);
    // Callers that do not know (the check run without a server's settings) are not refused.
    expect(checkReadiness({ source, actions: [letter] }, { secretNames: new Set() })).toEqual([]);
  });
});
