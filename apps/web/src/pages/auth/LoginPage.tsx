import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { api, keys } from '../../api/endpoints';
import { safeNext } from '../../auth/safe-next';
import { useAdoptMe, useMe } from '../../auth/use-me';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AuthFrame } from './AuthFrame';

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const adopt = useAdoptMe();
  const me = useMe();
  const setup = useQuery({ queryKey: keys.setup, queryFn: api.setup, retry: false });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));
  const login = useMutation({
    mutationFn: api.login,
    onSuccess: (result) => {
      adopt(result);
      navigate(next, { replace: true });
    },
  });

  if (me.data) return <Navigate to={next} replace />;
  if (setup.data?.needsOwner) return <Navigate to="/signup" replace />;

  const wrongPassword = login.error instanceof ApiError && login.error.status === 401;
  return (
    <AuthFrame title={t('auth.loginTitle')} subtitle={t('auth.loginSubtitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          login.mutate({ email: email.trim(), password });
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
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {wrongPassword ? (
            <Text c="red" size="sm" role="alert">
              {t('auth.wrongPassword')}
            </Text>
          ) : (
            <ErrorAlert error={login.error} />
          )}
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.signIn')}
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/forgot-password">
              {t('auth.forgotPassword')}
            </Anchor>
          </Text>
          {setup.data?.signupOpen && (
            <Text size="sm" ta="center">
              {t('auth.noAccount')}{' '}
              <Anchor component={Link} to="/signup">
                {t('auth.signUp')}
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthFrame>
  );
}
