import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accountApi } from '../../auth/account-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AuthFrame } from './AuthFrame';

/** Asks for a reset e-mail; without SMTP on the server, says who can help instead. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const send = useMutation({ mutationFn: accountApi.requestReset });
  return (
    <AuthFrame title={t('reset.forgotTitle')} subtitle={t('reset.forgotSubtitle')}>
      <Stack>
        {send.data ? (
          <Alert color={send.data.mailConfigured ? 'teal' : 'yellow'} role="status">
            {send.data.mailConfigured ? t('reset.sent') : t('reset.noMail')}
          </Alert>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              send.mutate(email.trim());
            }}
          >
            <Stack>
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                data-autofocus
              />
              <ErrorAlert error={send.error} />
              <Button type="submit" loading={send.isPending} fullWidth>
                {t('reset.send')}
              </Button>
            </Stack>
          </form>
        )}
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/login">
            {t('reset.backToLogin')}
          </Anchor>
        </Text>
      </Stack>
    </AuthFrame>
  );
}
