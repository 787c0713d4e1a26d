import { invitationMessage, passwordResetMessage } from './account-messages';

describe('account messages', () => {
  it('invites in both languages, with the link as text and as a link', () => {
    const sut = invitationMessage('https://provod.example/signup?invite=abc123');
    expect(sut.subject).toBe('[Provod] Приглашение / Invitation');
    expect(sut.text).toBe(
      'Вас пригласили в Provod / You are invited to Provod:\nhttps://provod.example/signup?invite=abc123\n\nСсылка действует 7 дней / The link works for 7 days.',
    );
    expect(sut.html).toContain('<a href="https://provod.example/signup?invite=abc123">https://provod.example/signup?invite=abc123</a>');
  });

  it('sends a reset link that says how long it works, and escapes what goes into the HTML', () => {
    const sut = passwordResetMessage('https://provod.example/reset?token=a&b="x"');
    expect(sut.subject).toBe('[Provod] Сброс пароля / Password reset');
    expect(sut.text).toContain('https://provod.example/reset?token=a&b="x"\n');
    expect(sut.text).toContain('The link works once, for 1 hour.');
    expect(sut.html).toContain('href="https://provod.example/reset?token=a&#38;b=&#34;x&#34;"');
    expect(sut.html).not.toContain('"x"');
  });
});
