import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { accountApi, accountKeys } from '../../auth/account-api';
import { passwordError } from '../../auth/account-errors';
import { useAdoptMe } from '../../auth/use-me';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { AuthFrame } from './AuthFrame';

/** Opened from a reset link (e-mailed, handed over by an owner, or printed by `npm run reset-password`). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const adopt = useAdoptMe();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const link = useQuery({ queryKey: accountKeys.reset(token), queryFn: () => accountApi.checkReset(token), enabled: token !== '', retry: false });
  const save = useMutation({
    mutationFn: accountApi.completeReset,
    onSuccess: (me) => {
      adopt(me);
      navigate('/processings', { replace: true });
    },
  });

  if (token && link.isPending) return <PageLoader />;
  if (!token || link.isError || !link.data) {
    return (
      <AuthFrame title={t('reset.title')}>
        <Stack>
          <Alert color="yellow" role="alert">
            {t('reset.invalid')}
          </Alert>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('reset.requestNew')}
          </Anchor>
        </Stack>
      </AuthFrame>
    );
  }
  const reason = passwordError(save.error, t);
  return (
    <AuthFrame title={t('reset.title')} subtitle={t('reset.subtitle', { email: link.data.email })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ token, password });
        }}
      >
        <Stack>
          <PasswordInput
            label={t('reset.newPassword')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={reason}
            data-autofocus
          />
          {!reason && <ErrorAlert error={save.error} />}
          <Button type="submit" loading={save.isPending} fullWidth>
            {t('reset.save')}
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/login">
              {t('reset.backToLogin')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
