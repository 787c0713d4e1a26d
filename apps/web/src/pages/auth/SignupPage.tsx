import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, keys } from '../../api/endpoints';
import { inviteError, passwordError } from '../../auth/account-errors';
import { useAdoptMe, useMe } from '../../auth/use-me';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { AuthFrame } from './AuthFrame';

/** Someone already signed in follows an invitation link: they join the workspace with their own account. */
function AcceptInvite({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const adopt = useAdoptMe();
  const accept = useMutation({
    mutationFn: () => api.acceptInvite(token),
    onSuccess: (result) => {
      adopt(result);
      navigate('/processings', { replace: true });
    },
  });
  return (
    <AuthFrame title={t('auth.inviteTitle')} subtitle={t('auth.acceptAs', { email })}>
      <Stack>
        {inviteError(accept.error, t) ? (
          <Alert color="red" role="alert">
            {inviteError(accept.error, t)}
          </Alert>
        ) : (
          <ErrorAlert error={accept.error} />
        )}
        <Button onClick={() => accept.mutate()} loading={accept.isPending} fullWidth>
          {t('auth.acceptInvite')}
        </Button>
        <Anchor component={Link} to="/processings" size="sm" ta="center">
          {t('auth.notNow')}
        </Anchor>
      </Stack>
    </AuthFrame>
  );
}

export function SignupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const adopt = useAdoptMe();
  const me = useMe();
  const setup = useQuery({ queryKey: keys.setup, queryFn: api.setup, retry: false });
  // Invite links may name the token either way; both reach the same field.
  const inviteToken = params.get('invite') ?? params.get('inviteToken') ?? params.get('token') ?? undefined;
  const [name, setName] = useState('');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const signup = useMutation({
    mutationFn: api.signup,
    onSuccess: (result) => {
      adopt(result);
      navigate('/processings', { replace: true });
    },
  });

  if (me.data && inviteToken) return <AcceptInvite token={inviteToken} email={me.data.user.email} />;
  if (me.data) return <Navigate to="/processings" replace />;
  if (setup.isPending) return <PageLoader />;
  const needsOwner = setup.data?.needsOwner ?? false;
  const open = needsOwner || setup.data?.signupOpen || Boolean(inviteToken);
  // A refused password is explained under its field, in the user's language.
  const reason = passwordError(signup.error, t);
  const inviteReason = inviteError(signup.error, t);

  return (
    <AuthFrame
      title={needsOwner ? t('auth.ownerTitle') : inviteToken ? t('auth.inviteTitle') : t('auth.signupTitle')}
      subtitle={needsOwner ? t('auth.ownerSubtitle') : t('auth.signupSubtitle')}
    >
      {!open ? (
        <Alert color="yellow" title={t('auth.signupClosedTitle')}>
          {t('auth.signupClosed')}
        </Alert>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            signup.mutate({ email: email.trim(), password, name: name.trim() || undefined, inviteToken });
          }}
        >
          <Stack>
            <TextInput label={t('auth.name')} autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.password')}
              description={t('auth.passwordHint')}
              autoComplete="new-password"
              required
              minLength={10}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={reason}
            />
            {inviteReason ? (
              <Alert color="red" role="alert">
                {inviteReason}
              </Alert>
            ) : (
              !reason && <ErrorAlert error={signup.error} />
            )}
            <Button type="submit" loading={signup.isPending} fullWidth>
              {needsOwner ? t('auth.createOwner') : t('auth.signUp')}
            </Button>
          </Stack>
        </form>
      )}
      {!needsOwner && (
        <Text size="sm" ta="center" mt="md">
          {t('auth.haveAccount')}{' '}
          <Anchor component={Link} to="/login">
            {t('auth.signIn')}
          </Anchor>
        </Text>
      )}
    </AuthFrame>
  );
}
