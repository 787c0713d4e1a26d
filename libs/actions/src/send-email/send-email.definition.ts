import { sendEmailDescriptor } from '@provod/contracts';
import { defineAction } from '../action-definition';
import { renderLetterTask, SendEmailExecutor } from './send-email.executor';

export const sendEmailDefinition = defineAction<'send_email'>(sendEmailDescriptor, {
  executor: ({ sandbox }) => new SendEmailExecutor(sandbox),
  tasks: { 'send_email.render': renderLetterTask },
});
