import { ActionIcon, AppShell, Box, Button, Container, Group, Menu, SegmentedControl, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCheck, IconChevronDown, IconLogout, IconMenu2, IconPlus, IconShieldLock, IconUserCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate } from 'react-router';
import type { Me } from '@provod/contracts';
import { api } from '../api/endpoints';
import { useAdoptMe } from '../auth/use-me';
import { LANGS } from '../i18n';
import { errorMessage } from '../lib/errors';
import { CreateWorkspaceModal } from './CreateWorkspaceModal';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(lng) => void i18n.changeLanguage(lng)}
      data={LANGS.map((lng) => ({ value: lng, label: lng.toUpperCase() }))}
    />
  );
}

function WorkspaceSwitcher({ me }: { me: Me }) {
  const { t } = useTranslation();
  const adopt = useAdoptMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const current = me.workspaces.find((w) => w.id === me.currentWorkspaceId);
  const switchTo = useMutation({
    mutationFn: api.switchWorkspace,
    onSuccess: (next) => {
      adopt(next);
      navigate('/processings');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<IconBuilding size={16} />} rightSection={<IconChevronDown size={14} />}>
            <VisuallyHidden>{t('header.workspace')}: </VisuallyHidden>
            <Text span size="sm" maw={{ base: 110, sm: 180 }} truncate="end" display="block">
              {current?.name ?? t('header.noWorkspace')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('header.workspaces')}</Menu.Label>
          {me.workspaces.map((w) => (
            <Menu.Item
              key={w.id}
              leftSection={w.id === me.currentWorkspaceId ? <IconCheck size={14} /> : <Box w={14} />}
              onClick={() => w.id !== me.currentWorkspaceId && switchTo.mutate(w.id)}
              aria-current={w.id === me.currentWorkspaceId ? 'true' : undefined}
            >
              {w.name}
              <Text span c="dimmed" size="xs" ml={6}>
                {t(`roles.${w.role}`)}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            {t('header.createWorkspace')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateWorkspaceModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const adopt = useAdoptMe();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      adopt(null);
      navigate('/login');
    },
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('header.userMenu')} className="user-button">
          <Group gap={6} wrap="nowrap">
            <IconUserCircle size={22} />
            <Text size="sm" maw={160} truncate="end" visibleFrom="md">
              {me.user.name || me.user.email}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item leftSection={<IconShieldLock size={14} />} onClick={() => navigate('/settings/sessions')}>
          {t('nav.sessions')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => logout.mutate()}>
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** On a phone the navigation and the language live behind one button, so the header fits 390 px. */
function PhoneMenu({ links }: { links: Array<{ to: string; label: string }> }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Box hiddenFrom="md">
      <Menu position="bottom-end" withinPortal width={220}>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('nav.menu')}>
            <IconMenu2 size={20} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('nav.main')}</Menu.Label>
          {links.map((link) => (
            <Menu.Item key={link.to} onClick={() => navigate(link.to)}>
              {link.label}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Label>{t('header.language')}</Menu.Label>
          {LANGS.map((lng) => (
            <Menu.Item key={lng} onClick={() => void i18n.changeLanguage(lng)} rightSection={i18n.resolvedLanguage === lng ? <IconCheck size={14} /> : null}>
              {lng.toUpperCase()}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Box>
  );
}

export function AppLayout({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    // A client-side page change is silent for screen readers and keyboard users: move them to the new content.
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  const role = me.workspaces.find((w) => w.id === me.currentWorkspaceId)?.role;
  const links = [
    { to: '/processings', label: t('nav.processings') },
    // Viewers neither see nor use secrets (the API refuses them too).
    ...(role === 'owner' || role === 'editor' ? [{ to: '/settings/secrets', label: t('nav.secrets') }] : []),
    { to: '/settings/members', label: t('nav.members') },
    // The system page is the installation's, not a workspace's: owners only (the API enforces it too).
    ...(role === 'owner' ? [{ to: '/system', label: t('nav.system') }] : []),
  ];
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <NavLink to="/processings" className="brand" aria-label={t('nav.home')}>
              <span className="brand-mark" aria-hidden="true" />
              Provod
            </NavLink>
            <Box component="nav" aria-label={t('nav.main')} visibleFrom="md">
              <Group gap={4} wrap="nowrap">
                {links.map((link) => (
                  <NavLink key={link.to} to={link.to} className="nav-link">
                    {link.label}
                  </NavLink>
                ))}
              </Group>
            </Box>
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Box style={{ minWidth: 0 }}>
              <WorkspaceSwitcher me={me} />
            </Box>
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <UserMenu me={me} />
            <PhoneMenu links={links} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="xl" px={0}>
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
