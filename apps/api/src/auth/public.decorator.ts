import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'provod:public';

/** Marks a route that works without a session (sign-in, webhooks, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
